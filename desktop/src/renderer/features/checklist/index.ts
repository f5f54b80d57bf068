// The trip's checklist (packing list and to-dos).
export { ChecklistPanel } from './ChecklistPanel';
