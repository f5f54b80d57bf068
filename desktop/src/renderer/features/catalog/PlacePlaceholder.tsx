import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ktoContentTypes } from '@hamgaja/shared';
import { currentLanguage } from '../../i18n';

/**
 * Line drawings (24 × 24, drawn in the type's ink colour) for the KTO content types; a place
 * of an unknown type gets the pin.
 */
const drawings: Record<number, ReactNode> = {
  // Tourist attraction: a pavilion with an upturned roof.
  12: (
    <>
      <path d="M2.5 9.5c2.6.3 5-1 6.6-2.9L12 3.2l2.9 3.4c1.6 1.9 4 3.2 6.6 2.9" />
      <path d="M5.5 12h13M7 12v8M17 12v8M7 16.5h10M4 20h16" />
    </>
  ),
  // Cultural facility: a museum front.
  14: (
    <path d="M3 9.5 12 4l9 5.5M4 9.5h16M6 12.5v5.5M10 12.5v5.5M14 12.5v5.5M18 12.5v5.5M4 18.5h16M3 21h18" />
  ),
  // Festival, performance, event: fireworks and a sparkle.
  15: (
    <>
      <path d="M10 3v2.5M10 12.5V15M4 9h2.5M13.5 9H16M5.8 4.8l1.8 1.8M12.4 11.4l1.8 1.8M5.8 13.2l1.8-1.8M12.4 6.6l1.8-1.8" />
      <path d="M18 13.5c.3 2 1.5 3.2 3.5 3.5-2 .3-3.2 1.5-3.5 3.5-.3-2-1.5-3.2-3.5-3.5 2-.3 3.2-1.5 3.5-3.5Z" />
      <circle cx="10" cy="9" r="1" />
    </>
  ),
  // Travel course: a route from a start to a pin.
  25: (
    <>
      <circle cx="6" cy="18" r="2" />
      <path d="M8 18h6a3 3 0 0 0 0-6H9.5a3 3 0 0 1 0-6H13" strokeDasharray="2 2.2" />
      <path d="M18 11s3-2.7 3-5a3 3 0 0 0-6 0c0 2.3 3 5 3 5Z" />
      <circle cx="18" cy="6" r="0.8" />
    </>
  ),
  // Leisure sports: a bicycle.
  28: (
    <>
      <circle cx="5.5" cy="16" r="3.5" />
      <circle cx="18.5" cy="16" r="3.5" />
      <path d="M5.5 16 9 9h6l3.5 7M9 9l2.5 7h-6M11.5 16 15 9M7.5 7h3M13.5 6.5h2.2" />
    </>
  ),
  // Accommodation: a bed.
  32: (
    <>
      <path d="M3 19V6M3 15h18M21 19v-6a3 3 0 0 0-3-3h-7v5" />
      <circle cx="7" cy="11.5" r="1.8" />
    </>
  ),
  // Shopping: a bag.
  38: (
    <>
      <path d="M5 8h14l-1.2 12.1a1 1 0 0 1-1 .9H7.2a1 1 0 0 1-1-.9Z" />
      <path d="M9 10.5V7a3 3 0 0 1 6 0v3.5" />
    </>
  ),
  // Restaurant: a steaming bowl and chopsticks.
  39: (
    <>
      <path d="M3.5 12.5h17c0 4.1-3.8 7.5-8.5 7.5s-8.5-3.4-8.5-7.5Z" />
      <path d="M9.5 21h5M13 10.5 21 3M16 10.5l5.5-5M7.5 9.5c-.8-1 .8-2 0-3.2M10.5 9.5c-.8-1 .8-2 0-3.2" />
    </>
  ),
};

const pin = (
  <>
    <path d="M12 21s-6.5-5.6-6.5-11a6.5 6.5 0 0 1 13 0c0 5.4-6.5 11-6.5 11Z" />
    <circle cx="12" cy="10" r="2.3" />
  </>
);

/** The drawing of a content type (exported for the tests: each type has its own). */
export function placeDrawing(contentTypeId: number): ReactNode {
  return drawings[contentTypeId] ?? pin;
}

/** Rolling hills along the bottom, in the type's colour (decoration only). */
const Hills = () => (
  <svg className="place-placeholder-hills" viewBox="0 0 320 60" preserveAspectRatio="none" aria-hidden="true">
    <path d="M0 34C50 14 96 18 150 32S250 22 320 10V60H0Z" opacity="0.14" />
    <path d="M0 48C70 30 130 38 200 48S290 40 320 36V60H0Z" opacity="0.22" />
  </svg>
);

/**
 * What a place without photos shows instead: its content type's drawing on that type's
 * colours (light and dark themes in catalog.css). `thumb` is the square of a result card,
 * decoration only (the card names the type); `hero` stands in for the photo gallery on the
 * place page, with the type's name, and tells assistive technology there is no photo yet.
 */
export function PlacePlaceholder({
  contentTypeId,
  variant,
}: {
  contentTypeId: number;
  variant: 'thumb' | 'hero';
}) {
  const { t } = useTranslation();
  const type = ktoContentTypes.find((c) => c.id === contentTypeId);
  const label = type?.name[currentLanguage()] ?? t('catalog.placeholder.place');
  const known = type ? ` type-${type.id}` : '';
  const drawing = (
    <span className="place-placeholder-badge">
      <svg
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
        strokeLinejoin="round"
        aria-hidden="true"
        focusable="false"
        data-drawing={type ? type.id : 'pin'}
      >
        {placeDrawing(contentTypeId)}
      </svg>
    </span>
  );

  if (variant === 'thumb') {
    return (
      <span className={`place-placeholder is-thumb${known}`} aria-hidden="true">
        <Hills />
        {drawing}
      </span>
    );
  }
  return (
    <div
      className={`place-placeholder is-hero${known}`}
      role="img"
      aria-label={t('catalog.placeholder.label', { type: label })}
    >
      <Hills />
      {drawing}
      <span className="place-placeholder-label">{label}</span>
    </div>
  );
}
