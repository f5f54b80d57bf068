import { Suspense, type CSSProperties, type HTMLAttributes, type ReactNode, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { Stop } from '@hamgaja/shared';
import { CategoryIcon, ClockIcon, GripIcon, PencilIcon, PinIcon, TrashIcon } from '../../app/icons';
import type { Language } from '../../i18n';
import { categoryColors } from './categories';
import { formatMoney } from './format';
import { ConflictNotice } from './TripSections';

/** "1 h 30 min" from minutes, in the UI language. */
export function useDurationText(): (minutes: number) => string {
  const { t } = useTranslation();
  return (minutes) => {
    const hours = Math.floor(minutes / 60);
    const rest = minutes % 60;
    if (hours === 0) return t('trips.duration.minutes', { count: rest });
    if (rest === 0) return t('trips.duration.hours', { count: hours });
    return t('trips.duration.hoursMinutes', { hours, minutes: rest });
  };
}

export interface DragHandleProps {
  ref: Ref<HTMLButtonElement>;
  attributes: HTMLAttributes<HTMLButtonElement>;
  listeners: HTMLAttributes<HTMLButtonElement> | undefined;
}

/** One stop of the schedule: time, category, place, cost and note, with its actions. */
export function StopCard({
  stop,
  language,
  handle,
  onEdit,
  onDelete,
  cardRef,
  style,
  dragging = false,
  overlay = false,
  extra,
  flags,
}: {
  stop: Stop;
  language: Language;
  /** Drag handle wiring; absent = read-only (viewer) or a drag preview. */
  handle?: DragHandleProps;
  onEdit?: (stop: Stop) => void;
  onDelete?: (stop: Stop) => void;
  cardRef?: Ref<HTMLElement>;
  style?: CSSProperties;
  dragging?: boolean;
  overlay?: boolean;
  /** Shown under the note (e.g. the original day of a stop outside the dates). */
  extra?: string;
  /** Notes about the stop shown on the card as text (e.g. out of time order). */
  flags?: ReactNode;
}) {
  const { t } = useTranslation();
  const durationText = useDurationText();
  const name = stop.place.name;
  const cardStyle = { ...style, '--category': categoryColors[stop.category] } as CSSProperties;
  const classes = ['stop-card', dragging ? 'is-dragging' : '', overlay ? 'is-overlay' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <article ref={cardRef} className={classes} style={cardStyle} data-stop-id={stop.id} aria-label={name}>
      <div className="stop-card-top">
        {handle ? (
          <button
            ref={handle.ref}
            type="button"
            className="stop-handle"
            {...handle.attributes}
            {...handle.listeners}
            aria-label={t('trips.schedule.dragHandle', { name })}
          >
            <GripIcon />
          </button>
        ) : null}
        <span className="stop-time">
          <ClockIcon />
          {stop.startTime ?? t('trips.schedule.noTime')}
          {stop.durationMinutes ? (
            <span className="stop-duration"> · {durationText(stop.durationMinutes)}</span>
          ) : null}
        </span>
        {stop.cost ? (
          <span className="stop-cost">{formatMoney(stop.cost.amount, stop.cost.currency, language)}</span>
        ) : null}
      </div>
      <div className="stop-card-main">
        <span className="stop-category">
          <CategoryIcon category={stop.category} />
          {t(`trips.categories.${stop.category}`)}
        </span>
        {onEdit ? (
          <button type="button" className="stop-name" onClick={() => onEdit(stop)}>
            {name}
          </button>
        ) : (
          <span className="stop-name">{name}</span>
        )}
        {stop.place.address ? (
          <span className="stop-address">
            <PinIcon />
            {stop.place.address}
          </span>
        ) : null}
        {stop.note ? <p className="stop-note">{stop.note}</p> : null}
        {extra ? <p className="stop-extra">{extra}</p> : null}
        {flags}
      </div>
      {ConflictNotice && stop.conflicts?.length && !overlay ? (
        <Suspense fallback={null}>
          <ConflictNotice collection="stops" document={stop} />
        </Suspense>
      ) : null}
      {onEdit || onDelete ? (
        <div className="stop-actions">
          {onEdit ? (
            <button
              type="button"
              className="icon-button"
              aria-label={t('trips.schedule.editStop', { name })}
              title={t('trips.schedule.editStop', { name })}
              onClick={() => onEdit(stop)}
            >
              <PencilIcon />
            </button>
          ) : null}
          {onDelete ? (
            <button
              type="button"
              className="icon-button icon-button-danger"
              aria-label={t('trips.schedule.deleteStop', { name })}
              title={t('trips.schedule.deleteStop', { name })}
              onClick={() => onDelete(stop)}
            >
              <TrashIcon />
            </button>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}
