import type { ReservationType } from '@hamgaja/shared';
import { Icon } from '../../app/icons';

/** A line icon per reservation type (decorative: the text next to it names the type). */
export function ReservationIcon({ type }: { type: ReservationType }) {
  switch (type) {
    case 'flight':
      return (
        <Icon>
          <path d="M17.8 19.2 16 11l3.5-3.5C21 6 21.5 4 21 3c-1-.5-3 0-4.5 1.5L13 8 4.8 6.2c-.5-.1-.9.1-1.1.5l-.3.5c-.2.5-.1 1 .3 1.3L9 12l-2 3H4l-1 1 3 2 2 3 1-1v-3l3-2 3.5 5.3c.3.4.8.5 1.3.3l.5-.2c.4-.3.6-.7.5-1.2Z" />
        </Icon>
      );
    case 'train':
      return (
        <Icon>
          <rect x="5" y="3" width="14" height="14" rx="3" />
          <path d="M5 11h14M9 21l1.5-4M15 21l-1.5-4" />
          <circle cx="9" cy="14" r=".6" />
          <circle cx="15" cy="14" r=".6" />
        </Icon>
      );
    case 'bus':
      return (
        <Icon>
          <rect x="4" y="3" width="16" height="15" rx="2.5" />
          <path d="M4 11h16M7 18v3M17 18v3M8 7h8" />
          <circle cx="8" cy="14.5" r=".6" />
          <circle cx="16" cy="14.5" r=".6" />
        </Icon>
      );
    case 'ferry':
      return (
        <Icon>
          <path d="M3 15h18l-2.5 4.5h-13Z" />
          <path d="M6 15V9h12v6M9 9V5h6v4" />
          <path d="M2 21.5c2 0 2-1 4-1s2 1 4 1 2-1 4-1 2 1 4 1 2-1 4-1" />
        </Icon>
      );
    case 'stay':
      return (
        <Icon>
          <path d="M3 19V6M3 15h18v4M21 15v-3a3 3 0 0 0-3-3h-7v6" />
          <circle cx="7" cy="11" r="2" />
        </Icon>
      );
    case 'carRental':
      return (
        <Icon>
          <path d="M5 16V12l2-5h10l2 5v4M3 16h18v3H3Z" />
          <circle cx="7.5" cy="19" r="1.5" />
          <circle cx="16.5" cy="19" r="1.5" />
          <path d="M5 12h14" />
        </Icon>
      );
    case 'event':
      return (
        <Icon>
          <path d="M4 7a2 2 0 0 0 2-2h12a2 2 0 0 0 2 2v3a2 2 0 0 0 0 4v3a2 2 0 0 0-2 2H6a2 2 0 0 0-2-2v-3a2 2 0 0 0 0-4Z" />
          <path d="M10 7v10" strokeDasharray="2 2" />
        </Icon>
      );
    default:
      return (
        <Icon>
          <rect x="4" y="5" width="16" height="15" rx="2" />
          <path d="M8 3v4M16 3v4M4 10h16M8 14h5" />
        </Icon>
      );
  }
}
