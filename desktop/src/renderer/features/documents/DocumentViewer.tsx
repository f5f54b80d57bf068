import { lazy, Suspense, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Reservation, TripDocument } from '@hamgaja/shared';
import { CloseIcon } from '../../app/icons';
import { ModalDialog } from '../../app/modal-dialog';
import type { DeviceFiles } from './device-files';
import { useZoom } from './use-zoom';

const PdfPages = lazy(() => import('./PdfPages').then((m) => ({ default: m.PdfPages })));

type Loaded = { status: 'loading' } | { status: 'ready'; blob: Blob } | { status: 'unavailable' | 'failed' };

/** The file of a document: from the device, else downloaded. */
function useDocumentBlob(files: DeviceFiles, doc: TripDocument): Loaded {
  const [state, setState] = useState<Loaded>({ status: 'loading' });
  useEffect(() => {
    let cancelled = false;
    setState({ status: 'loading' });
    files
      .open(doc)
      .then((blob) => !cancelled && setState(blob ? { status: 'ready', blob } : { status: 'unavailable' }))
      .catch(() => !cancelled && setState({ status: 'unavailable' }));
    return () => {
      cancelled = true;
    };
  }, [files, doc.tripId, doc.sha256]);
  return state;
}

/** The width the pages fit at zoom 1: the viewer's inner width. */
function useWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setWidth(Math.min(element.clientWidth - 16, 1000));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

function ImageView({ blob, name, width, zoom }: { blob: Blob; name: string; width: number; zoom: number }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const objectUrl = URL.createObjectURL(blob);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [blob]);
  if (!url) return null;
  return <img className="document-image" src={url} alt={name} style={{ width: `${width * zoom}px` }} />;
}

/**
 * A travel document opened in the app (offline when it is on the device): PDFs page by page,
 * images as they are, with zoom buttons, Ctrl + wheel and pinch. `pass` shows the reservation's
 * confirmation code large above it, for a counter or a gate.
 */
export function DocumentViewer({
  files,
  doc,
  reservation,
  pass = false,
  onClose,
}: {
  files: DeviceFiles;
  doc: TripDocument;
  reservation?: Reservation | undefined;
  pass?: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const loaded = useDocumentBlob(files, doc);
  const { zoom, zoomIn, zoomOut, reset, handlers } = useZoom();
  const { ref, width } = useWidth();

  return (
    <ModalDialog open onClose={onClose} className="document-viewer" aria-labelledby={titleId}>
      <header className="document-viewer-bar">
        <h2 id={titleId} className="document-viewer-title">
          {pass ? t('documents.pass.title') : doc.name}
        </h2>
        <div className="document-viewer-tools" role="group" aria-label={t('documents.viewer.title')}>
          <button
            type="button"
            className="button button-ghost"
            onClick={zoomOut}
            aria-label={t('documents.viewer.zoomOut')}
          >
            −
          </button>
          <button
            type="button"
            className="button button-ghost document-zoom-level"
            onClick={reset}
            title={t('documents.viewer.zoomReset')}
          >
            {t('documents.viewer.zoomLevel', { percent: Math.round(zoom * 100) })}
          </button>
          <button
            type="button"
            className="button button-ghost"
            onClick={zoomIn}
            aria-label={t('documents.viewer.zoomIn')}
          >
            +
          </button>
          <button
            type="button"
            className="button button-ghost"
            onClick={onClose}
            aria-label={t('documents.viewer.close')}
          >
            <CloseIcon />
          </button>
        </div>
      </header>
      {pass ? (
        <section className="boarding-pass" aria-label={t('documents.pass.title')}>
          {reservation?.title ? <p className="boarding-pass-title">{reservation.title}</p> : null}
          <p className="boarding-pass-label">{t('documents.pass.code')}</p>
          <p className="boarding-pass-code" data-testid="boarding-pass-code">
            {reservation?.confirmationCode || t('documents.pass.noCode')}
          </p>
          <p className="boarding-pass-hint">{t('documents.pass.hint')}</p>
        </section>
      ) : null}
      <div className="document-viewer-body" ref={ref} {...handlers}>
        {loaded.status === 'loading' ? (
          <p className="document-viewer-message">{t('documents.viewer.loading')}</p>
        ) : loaded.status === 'ready' ? (
          width > 0 ? (
            doc.mimeType === 'application/pdf' ? (
              <Suspense fallback={<p className="document-viewer-message">{t('documents.viewer.loading')}</p>}>
                <PdfPages blob={loaded.blob} zoom={zoom} width={width} />
              </Suspense>
            ) : (
              <ImageView blob={loaded.blob} name={doc.name} width={width} zoom={zoom} />
            )
          ) : null
        ) : (
          <p className="document-viewer-message">
            {t(loaded.status === 'unavailable' ? 'documents.viewer.unavailable' : 'documents.viewer.failed')}
          </p>
        )}
      </div>
    </ModalDialog>
  );
}
