import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttractionImage } from '@hamgaja/shared';
import { CloseIcon } from '../../app/icons';
import { useModalDialog } from '../../app/modal-dialog';

/** A chevron pointing the way the carousel moves. */
const Chevron = ({ path }: { path: string }) => (
  <svg
    viewBox="0 0 24 24"
    width="20"
    height="20"
    fill="none"
    stroke="currentColor"
    strokeWidth="2"
    aria-hidden="true"
  >
    <path d={path} />
  </svg>
);
const ChevronLeft = () => <Chevron path="m15 18-6-6 6-6" />;
const ChevronRight = () => <Chevron path="m9 18 6-6-6-6" />;

/** A carousel of a place's photos; a photo opens in a lightbox (arrow keys, Escape). */
export function PhotoGallery({ name, images }: { name: string; images: readonly AttractionImage[] }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState(0);
  const [open, setOpen] = useState<number | null>(null);
  const dialog = useModalDialog(open !== null);
  const count = images.length;

  // A place without photos shows its PlacePlaceholder instead (AttractionPage).
  if (count === 0) return null;
  const step = (delta: number) => (index: number) => (index + delta + count) % count;
  const image = images[current]!;
  const shown = open === null ? null : images[open];
  const onLightboxKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowRight') setOpen((index) => (index === null ? index : step(1)(index)));
    if (event.key === 'ArrowLeft') setOpen((index) => (index === null ? index : step(-1)(index)));
  };

  return (
    <section className="gallery" aria-label={t('catalog.detail.photos')}>
      <div className="gallery-stage">
        <button
          type="button"
          className="gallery-open"
          onClick={() => setOpen(current)}
          aria-label={t('catalog.detail.openPhoto', { index: current + 1 })}
        >
          <img
            src={image.url}
            alt={t('catalog.detail.photoAlt', { name, index: current + 1, count })}
            referrerPolicy="no-referrer"
          />
        </button>
        {count > 1 ? (
          <>
            <button
              type="button"
              className="gallery-nav gallery-prev icon-button"
              aria-label={t('catalog.detail.previousPhoto')}
              onClick={() => setCurrent(step(-1))}
            >
              <ChevronLeft />
            </button>
            <button
              type="button"
              className="gallery-nav gallery-next icon-button"
              aria-label={t('catalog.detail.nextPhoto')}
              onClick={() => setCurrent(step(1))}
            >
              <ChevronRight />
            </button>
            <span className="gallery-counter" aria-live="polite">
              {t('catalog.detail.photoCounter', { index: current + 1, count })}
            </span>
          </>
        ) : null}
      </div>
      {count > 1 ? (
        <ul className="gallery-thumbs">
          {images.map((img, index) => (
            <li key={img.url}>
              <button
                type="button"
                aria-pressed={index === current}
                aria-label={t('catalog.detail.photoAlt', { name, index: index + 1, count })}
                onClick={() => setCurrent(index)}
              >
                <img src={img.thumbnailUrl ?? img.url} alt="" loading="lazy" referrerPolicy="no-referrer" />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <dialog
        ref={dialog}
        className="lightbox"
        aria-label={t('catalog.detail.photos')}
        onClose={() => setOpen(null)}
        onKeyDown={onLightboxKey}
      >
        {shown && open !== null ? (
          <figure>
            <img
              src={shown.url}
              alt={t('catalog.detail.photoAlt', { name, index: open + 1, count })}
              referrerPolicy="no-referrer"
            />
            <figcaption>{t('catalog.detail.photoCounter', { index: open + 1, count })}</figcaption>
          </figure>
        ) : null}
        <button
          type="button"
          className="lightbox-close icon-button"
          aria-label={t('catalog.detail.closePhoto')}
          onClick={() => setOpen(null)}
        >
          <CloseIcon />
        </button>
        {count > 1 ? (
          <>
            <button
              type="button"
              className="lightbox-nav lightbox-prev icon-button"
              aria-label={t('catalog.detail.previousPhoto')}
              onClick={() => setOpen((i) => (i === null ? i : step(-1)(i)))}
            >
              <ChevronLeft />
            </button>
            <button
              type="button"
              className="lightbox-nav lightbox-next icon-button"
              aria-label={t('catalog.detail.nextPhoto')}
              onClick={() => setOpen((i) => (i === null ? i : step(1)(i)))}
            >
              <ChevronRight />
            </button>
          </>
        ) : null}
      </dialog>
    </section>
  );
}
