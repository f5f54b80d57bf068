// Sharing a trip: the share dialog, the viewer note and the role every edit control is gated on.
export { ShareDialog } from './ShareDialog';
export { useTripRole, useTripMembers } from './use-trip-role';
export type { TripAccess } from './trip-role';
export type { Member, TripRole } from './sharing-api';
