import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PostImage } from '@hamgaja/shared';
import { CloseIcon } from '../../app/icons';
import { ModalDialog } from '../../app/modal-dialog';

/** A modal photo viewer: arrows (buttons and keys) move between photos, Escape closes. */
export function Lightbox({
  images,
  index,
  title,
  imageUrl,
  onIndex,
  onClose,
}: {
  images: readonly PostImage[];
  index: number | null;
  title: string;
  imageUrl: (path: string) => string;
  onIndex: (index: number) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const count = images.length;
  const image = index === null ? undefined : images[index];
  const go = (step: number) => {
    if (index !== null && count > 0) onIndex((index + step + count) % count);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowRight') go(1);
    else if (event.key === 'ArrowLeft') go(-1);
  };
  return (
    <ModalDialog
      open={index !== null}
      onClose={onClose}
      className="lightbox"
      aria-label={t('board.lightbox')}
      onKeyDown={onKeyDown}
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      {image && index !== null ? (
        <figure className="lightbox-figure">
          <img
            src={imageUrl(image.url)}
            alt={t('board.imageAlt', { title, index: index + 1 })}
            width={image.width}
            height={image.height}
          />
          <figcaption aria-live="polite">
            {t('board.lightboxPosition', { index: index + 1, count })}
          </figcaption>
        </figure>
      ) : null}
      <button
        type="button"
        className="lightbox-close icon-button"
        aria-label={t('common.close')}
        onClick={onClose}
      >
        <CloseIcon />
      </button>
      {count > 1 ? (
        <>
          <button
            type="button"
            className="lightbox-prev icon-button"
            aria-label={t('board.previousImage')}
            onClick={() => go(-1)}
          >
            ‹
          </button>
          <button
            type="button"
            className="lightbox-next icon-button"
            aria-label={t('board.nextImage')}
            onClick={() => go(1)}
          >
            ›
          </button>
        </>
      ) : null}
    </ModalDialog>
  );
}
