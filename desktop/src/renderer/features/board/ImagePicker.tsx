import {
  useEffect,
  useId,
  useRef,
  useState,
  type ChangeEvent,
  type Dispatch,
  type SetStateAction,
} from 'react';
import { useTranslation } from 'react-i18next';
import { POST_IMAGES_MAX } from '@hamgaja/shared';
import { ApiError } from '../../api/http';
import { ChevronDownIcon, ChevronUpIcon, CloseIcon, PlusIcon } from '../../app/icons';
import type { BoardClient } from './board-api';
import {
  ACCEPTED_TYPES,
  checkFile,
  moveItem,
  removeItem,
  roomLeft,
  updateItem,
  type PickError,
  type PickedImage,
} from './image-picker';

/** Photos of a post: pick several, see previews and upload progress, reorder and remove. */
export function ImagePicker({
  items,
  onChange,
  board,
}: {
  items: readonly PickedImage[];
  onChange: Dispatch<SetStateAction<PickedImage[]>>;
  board: BoardClient;
}) {
  const { t } = useTranslation();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const uploads = useRef(new Map<string, AbortController>());
  // Previews are object URLs: released when the editor goes away; uploads still running are cancelled.
  const previews = useRef(new Set<string>());
  useEffect(
    () => () => {
      for (const controller of uploads.current.values()) controller.abort();
      for (const url of previews.current) URL.revokeObjectURL(url);
    },
    [],
  );

  const fail = (id: string, name: string, preview: string | null, reason: PickError) =>
    onChange((current) => updateItem(current, id, { id, status: 'failed', name, preview, reason }));

  const upload = (file: File, id: string, preview: string) => {
    const controller = new AbortController();
    uploads.current.set(id, controller);
    board
      .upload(
        file,
        (fraction) =>
          onChange((current) =>
            current.map((item) =>
              item.id === id && item.status === 'uploading'
                ? { ...item, progress: Math.round(fraction * 100) }
                : item,
            ),
          ),
        controller.signal,
      )
      .then((image) =>
        onChange((current) =>
          updateItem(current, id, { id, status: 'done', name: file.name, preview, image }),
        ),
      )
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        const reason: PickError =
          error instanceof ApiError
            ? error.code === 'unsupported_media_type'
              ? 'notImage'
              : error.code === 'payload_too_large'
                ? 'tooLarge'
                : error.isNetworkError
                  ? 'offline'
                  : 'uploadFailed'
            : 'uploadFailed';
        fail(id, file.name, preview, reason);
      })
      .finally(() => uploads.current.delete(id));
  };

  const onChoose = (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    addFiles(files);
  };

  const addFiles = (files: File[]) => {
    let room = roomLeft(items);
    const added: PickedImage[] = [];
    const toUpload: [File, string, string][] = [];
    for (const file of files) {
      const id = crypto.randomUUID();
      const problem =
        checkFile(file) ?? (room <= 0 ? 'tooMany' : null) ?? (navigator.onLine ? null : 'offline');
      if (problem) {
        added.push({ id, status: 'failed', name: file.name, preview: null, reason: problem });
        continue;
      }
      room -= 1;
      const preview = URL.createObjectURL(file);
      previews.current.add(preview);
      added.push({ id, status: 'uploading', name: file.name, preview, progress: 0 });
      toUpload.push([file, id, preview]);
    }
    onChange((current) => [...current, ...added]);
    for (const [file, id, preview] of toUpload) upload(file, id, preview);
  };

  const remove = (id: string) => {
    uploads.current.get(id)?.abort();
    onChange((current) => removeItem(current, id));
  };
  const move = (from: number, to: number) => onChange((current) => moveItem(current, from, to));

  const shown = items.filter((item) => item.status !== 'failed');
  const failed = items.filter(
    (item): item is Extract<PickedImage, { status: 'failed' }> => item.status === 'failed',
  );
  const room = roomLeft(items);

  return (
    <fieldset
      className={dragging ? 'image-picker dragging' : 'image-picker'}
      // Photos can also be dropped anywhere on the picker.
      onDragOver={(event) => {
        if (room === 0 || !event.dataTransfer.types.includes('Files')) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        addFiles([...event.dataTransfer.files]);
      }}
    >
      <legend className="field-label">{t('board.form.images')}</legend>
      <p className="field-hint" id={`${inputId}-hint`}>
        {t('board.form.imagesHint', { max: POST_IMAGES_MAX })}
      </p>
      {shown.length > 0 ? (
        <ol className="picker-list" aria-label={t('board.picker.list')}>
          {shown.map((item) => {
            const index = items.indexOf(item);
            const position = shown.indexOf(item);
            return (
              <li key={item.id} className="picker-item" data-status={item.status} aria-label={item.name}>
                {item.preview ? <img src={item.preview} alt="" /> : null}
                {position === 0 ? <span className="picker-cover">{t('board.picker.cover')}</span> : null}
                {item.status === 'uploading' ? (
                  <div className="picker-progress">
                    <progress
                      max={100}
                      value={item.progress}
                      aria-label={t('board.picker.uploading', { name: item.name, percent: item.progress })}
                    />
                  </div>
                ) : null}
                <div className="picker-tools">
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={t('board.picker.moveUp', { name: item.name })}
                    disabled={position === 0}
                    onClick={() => move(index, items.indexOf(shown[position - 1] ?? item))}
                  >
                    <ChevronUpIcon />
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={t('board.picker.moveDown', { name: item.name })}
                    disabled={position === shown.length - 1}
                    onClick={() => move(index, items.indexOf(shown[position + 1] ?? item))}
                  >
                    <ChevronDownIcon />
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={t('board.picker.remove', { name: item.name })}
                    onClick={() => remove(item.id)}
                  >
                    <CloseIcon />
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      ) : null}
      {failed.length > 0 ? (
        <ul className="picker-errors" role="alert">
          {failed.map((item) => (
            <li key={item.id}>
              <span>
                {t(`board.picker.errors.${item.reason}`, { name: item.name, max: POST_IMAGES_MAX })}
              </span>
              <button
                type="button"
                className="icon-button"
                aria-label={t('board.picker.dismiss')}
                onClick={() => remove(item.id)}
              >
                <CloseIcon />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="picker-add">
        <input
          ref={input}
          id={inputId}
          type="file"
          accept={ACCEPTED_TYPES.join(',')}
          multiple
          className="visually-hidden"
          aria-describedby={`${inputId}-hint`}
          disabled={room === 0}
          onChange={onChoose}
        />
        <label
          htmlFor={inputId}
          className={room === 0 ? 'button disabled' : 'button'}
          aria-disabled={room === 0}
        >
          <PlusIcon />
          {t('board.form.addImages')}
        </label>
        <span className="muted small" aria-live="polite">
          {room === 0
            ? t('board.picker.full', { max: POST_IMAGES_MAX })
            : t('board.picker.room', { count: room })}
        </span>
      </div>
    </fieldset>
  );
}
