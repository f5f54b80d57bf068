// Values lost to concurrent edits: the notice that shows them and lets the user restore them.
export { ConflictNotice } from './ConflictNotice';
