import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { travelModeSchema, type TravelMode } from '@hamgaja/shared';
import { cannotFitText, legFigures, type DisplayLeg, type Translate } from './route-legs';
import { AlertIcon, ModeIcon } from './route-icons';
import './route.css';

const AUTO = 'auto';

/**
 * The way from one stop to the next, shown above the arriving stop: mode, distance and time
 * ("850 m · 12 min"), "by road" once the server measured it, and why it cannot fit before the
 * stop's start time. Editors change the mode (saved on the arriving stop, so it syncs);
 * viewers read it.
 */
export function TravelLeg({
  leg,
  fromName,
  toName,
  language,
  onModeChange,
}: {
  leg: DisplayLeg;
  fromName: string;
  toName: string;
  language: string;
  /** Absent: read only (viewers). */
  onModeChange?: (mode: TravelMode | null) => void;
}) {
  const { t } = useTranslation();
  const tr = t as unknown as Translate;
  const selectId = useId();
  const figures = legFigures(leg, language, tr);
  const warning = cannotFitText(leg, tr);
  if (!figures && !warning) return null;
  const mode = leg.mode;
  return (
    <div
      className={`travel-leg${leg.cannotFit ? ' is-tight' : ''}`}
      role="group"
      aria-label={t('trips.route.legLabel', { from: fromName, to: toName })}
      data-leg-to={leg.toId}
    >
      {figures && mode ? (
        <div className="travel-leg-line">
          <span className="travel-leg-icon">
            <ModeIcon mode={mode} />
          </span>
          {onModeChange ? (
            <>
              <label className="visually-hidden" htmlFor={selectId}>
                {t('trips.route.modeLabel', { name: toName })}
              </label>
              <select
                id={selectId}
                className="select travel-leg-mode"
                value={leg.modeChosen ? mode : AUTO}
                onChange={(event) => {
                  const value = travelModeSchema.safeParse(event.target.value);
                  onModeChange(value.success ? value.data : null);
                }}
              >
                {leg.defaultMode ? (
                  <option value={AUTO}>
                    {t('trips.route.auto', { mode: t(`trips.route.modes.${leg.defaultMode}`) })}
                  </option>
                ) : null}
                {travelModeSchema.options.map((option) => (
                  <option key={option} value={option}>
                    {t(`trips.route.modes.${option}`)}
                  </option>
                ))}
              </select>
            </>
          ) : (
            <span className="travel-leg-mode-text">{t(`trips.route.modes.${mode}`)}</span>
          )}
          <span className="travel-leg-figures">{figures}</span>
          {leg.refined && mode !== 'transit' ? (
            <span className="travel-leg-refined">{t(`trips.route.refined.${mode}`)}</span>
          ) : null}
        </div>
      ) : null}
      {warning ? (
        <p className="travel-leg-warning">
          <AlertIcon />
          <span>{warning}</span>
        </p>
      ) : null}
    </div>
  );
}
