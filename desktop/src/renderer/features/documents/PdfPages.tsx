import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

/** pdf.js, loaded with the first PDF opened (it is large); its worker is a precached app asset, so it works offline. */
async function loadPdf(bytes: ArrayBuffer): Promise<PDFDocumentProxy> {
  const pdfjs = await import('pdfjs-dist');
  pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
  return pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
}

/** One page drawn on a canvas at the viewer's width times `zoom` (sharp on high-DPI screens). */
function PdfPage({
  pdf,
  number,
  width,
  zoom,
}: {
  pdf: PDFDocumentProxy;
  number: number;
  width: number;
  zoom: number;
}) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let cancelled = false;
    let task: { cancel(): void; promise: Promise<void> } | null = null;
    void (async () => {
      const page = await pdf.getPage(number);
      const element = canvas.current;
      if (cancelled || !element) return;
      const base = page.getViewport({ scale: 1 });
      const cssWidth = Math.max(1, width * zoom);
      const ratio = globalThis.devicePixelRatio || 1;
      const viewport = page.getViewport({ scale: (cssWidth / base.width) * ratio });
      element.width = Math.floor(viewport.width);
      element.height = Math.floor(viewport.height);
      element.style.width = `${cssWidth}px`;
      element.style.height = `${(cssWidth / base.width) * base.height}px`;
      task = page.render({ canvas: element, viewport });
      await task.promise.catch(() => undefined);
    })();
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [pdf, number, width, zoom]);
  return (
    <canvas
      ref={canvas}
      className="document-page"
      role="img"
      aria-label={t('documents.viewer.page', { page: number, count: pdf.numPages })}
      data-page={number}
    />
  );
}

/** Every page of a PDF, one under the other. */
export function PdfPages({ blob, zoom, width }: { blob: Blob; zoom: number; width: number }) {
  const { t } = useTranslation();
  const [pdf, setPdf] = useState<PDFDocumentProxy | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let cancelled = false;
    let loaded: PDFDocumentProxy | null = null;
    setPdf(null);
    setFailed(false);
    void blob
      .arrayBuffer()
      .then(loadPdf)
      .then((doc) => {
        loaded = doc;
        if (cancelled) void doc.destroy();
        else setPdf(doc);
      })
      .catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
      void loaded?.destroy();
    };
  }, [blob]);
  if (failed) return <p className="document-viewer-message">{t('documents.viewer.failed')}</p>;
  if (!pdf) return <p className="document-viewer-message">{t('documents.viewer.loading')}</p>;
  return (
    <>
      {Array.from({ length: pdf.numPages }, (_, i) => (
        <PdfPage key={i + 1} pdf={pdf} number={i + 1} width={width} zoom={zoom} />
      ))}
    </>
  );
}
