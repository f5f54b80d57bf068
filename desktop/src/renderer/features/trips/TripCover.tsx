import type { CSSProperties } from 'react';
import { defaultCover, regionByCode } from './regions';

/**
 * A trip's cover: CSS art in the region's colours and shape (cheap enough for 1,000 cards,
 * works offline). Decorative; the region's name is written next to it.
 */
export function TripCover({
  regionCode,
  className = '',
}: {
  regionCode: string | undefined;
  className?: string;
}) {
  const { motif, colors } = regionByCode(regionCode) ?? defaultCover;
  const style = { '--cover-a': colors[0], '--cover-b': colors[1] } as CSSProperties;
  return <span className={`cover ${className}`} data-motif={motif} style={style} aria-hidden="true" />;
}
