// Page models shared by the web (Nginx) and the Electron e2e: the only place that knows selectors.
export { AppShell } from './app-shell.js';
export { LoginPage } from './login-page.js';
export { SignUpPage, type SignUpForm } from './sign-up-page.js';
export { TripsListPage } from './trips-list-page.js';
export { TripFormPage, type TripFields } from './trip-form-page.js';
export { TripPage, type StopFields } from './trip-page.js';
export { CatalogSearchPage } from './catalog-search-page.js';
export { AttractionDetailPage } from './attraction-page.js';
export { messages, type Language, type Messages } from './messages.js';
export { BoardListPage, PostEditorPage, PostViewPage, ShareTripDialog } from './board-pages.js';
export { AiDraftDialog, AiTipPanel } from './ai-panels.js';
export { MyPage } from './my-page.js';
export { TripExport } from './trip-export.js';
