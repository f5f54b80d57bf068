import type { ReactNode } from 'react';
import type { TravelMode } from '@hamgaja/shared';
import { Icon as AppIcon } from '../../../app/icons';

/** Line icons of the route, a size smaller than the app's (decorative: the text beside them says the same). */
const Icon = ({ children }: { children: ReactNode }) => (
  <AppIcon width="16" height="16">
    {children}
  </AppIcon>
);

export const WalkIcon = () => (
  <Icon>
    <circle cx="13" cy="4" r="1.8" />
    <path d="m9 21 2.5-6.5M16 21l-2.5-6 .5-5-3.5 1.5L9 14M14 10l2 3 3 1" />
  </Icon>
);

export const TransitIcon = () => (
  <Icon>
    <rect x="5" y="3" width="14" height="14" rx="3" />
    <path d="M5 11h14M9 14h.01M15 14h.01M8 21l2-4M16 21l-2-4" />
  </Icon>
);

export const CarIcon = () => (
  <Icon>
    <path d="M5 16V11l2-5h10l2 5v5M3 16h18v3H3zM5 11h14" />
    <path d="M7 19v1.5M17 19v1.5" />
  </Icon>
);

export const AlertIcon = () => (
  <Icon>
    <path d="M12 3 2 20h20L12 3Z" />
    <path d="M12 10v4M12 17h.01" />
  </Icon>
);

export const SortTimeIcon = () => (
  <Icon>
    <circle cx="9" cy="12" r="6" />
    <path d="M9 9v3l2 1.5M18 5v14M15.5 16.5 18 19l2.5-2.5" />
  </Icon>
);

export const RouteIcon = () => (
  <Icon>
    <circle cx="6" cy="18" r="2.2" />
    <circle cx="18" cy="6" r="2.2" />
    <path d="M8.2 18H15a3 3 0 0 0 0-6H9a3 3 0 0 1 0-6h6.8" />
  </Icon>
);

export function ModeIcon({ mode }: { mode: TravelMode }) {
  if (mode === 'walk') return <WalkIcon />;
  if (mode === 'transit') return <TransitIcon />;
  return <CarIcon />;
}
