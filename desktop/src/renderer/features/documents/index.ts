export { DocumentsPanel } from './DocumentsPanel';
export { ReservationDocuments } from './ReservationDocuments';
