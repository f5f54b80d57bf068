// The community board's pieces used by other features' pages (routes load the pages lazily).
export { LatestPosts, MyPosts } from './LatestPosts';
export { ShareTripButton } from './ShareTripDialog';
