import {
  lazy,
  StrictMode,
  Suspense,
  useEffect,
  useRef,
  useState,
  type ComponentType,
  type LazyExoticComponent,
} from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, matchPath, Route, Routes, useLocation, useNavigate } from 'react-router';
import { connectDesktop, desktopApi } from '../../desktop-api/desktop';
import { DatabaseProvider, useDatabaseState } from '../data/DatabaseProvider';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';
import { RequireAuth } from './RequireAuth';
import { NeedsServer } from '../features/local-mode/NeedsServer';
import { onPageRetry } from './page-retry';
import { ServicesProvider, useServices, type Services } from './services';

// Every page loads on demand so the first paint only needs the shell.
const pages = {
  home: () => import('../features/home/HomePage'),
  search: () => import('../features/search/SearchPage'),
  attraction: () => import('../features/catalog/AttractionPage'),
  login: () => import('../features/auth/LoginPage'),
  signup: () => import('../features/auth/SignupPage'),
  forgotPassword: () => import('../features/auth/ForgotPasswordPage'),
  resetPassword: () => import('../features/auth/ResetPasswordPage'),
  me: () => import('../features/auth/MyPage'),
  trips: () => import('../features/trips/TripsPage'),
  trip: () => import('../features/trips/TripPage'),
  tripForm: () => import('../features/trips/TripFormPage'),
  tripPrint: () => import('../features/trip-export/PrintPage'),
  board: () => import('../features/board/BoardPage'),
  post: () => import('../features/board/PostPage'),
  postEditor: () => import('../features/board/PostEditorPage'),
};

/** Page components whose code has arrived, by page: these render at once, without suspending. */
const loadedPages = new Map<keyof typeof pages, ComponentType>();

function loadPage(page: keyof typeof pages): Promise<{ default: ComponentType }> {
  return pages[page]().then((module) => {
    loadedPages.set(page, module.default);
    return module;
  });
}

/**
 * A page loaded on demand. When its code is already here (preloadPageFor) it renders directly:
 * through lazy() it would suspend once, show the loading screen, and React holds the reveal that
 * follows a fallback back by ~300 ms (the first screen, e.g. the trips list offline, with it).
 * The choice is made once per mount, so a page never remounts when its code arrives later.
 */
function pageComponent(page: keyof typeof pages): ComponentType {
  // A failed load (its code unreachable) reaches the page's error screen; its "try again" loads
  // it anew (lazy() would fail at once with the remembered error).
  const loader = (): LazyExoticComponent<ComponentType> =>
    lazy(() =>
      loadPage(page).catch((error: unknown) => {
        failed = true;
        throw error;
      }),
    );
  let Lazy = loader();
  let failed = false;
  onPageRetry(() => {
    if (!failed) return;
    failed = false;
    Lazy = loader();
  });
  return function Page() {
    const [Loaded] = useState(() => loadedPages.get(page));
    return Loaded ? <Loaded /> : <Lazy />;
  };
}

const HomePage = pageComponent('home');
const SearchPage = pageComponent('search');
const AttractionPage = pageComponent('attraction');
const LoginPage = pageComponent('login');
const SignupPage = pageComponent('signup');
const ForgotPasswordPage = pageComponent('forgotPassword');
const ResetPasswordPage = pageComponent('resetPassword');
const MyPage = pageComponent('me');
const TripsPage = pageComponent('trips');
const TripPage = pageComponent('trip');
const TripFormPage = pageComponent('tripForm');
const TripPrintPage = pageComponent('tripPrint');
const BoardPage = pageComponent('board');
const PostPage = pageComponent('post');
const PostEditorPage = pageComponent('postEditor');
const InvitePage = lazy(() => import('../features/sharing/InvitePage'));
const LocalTripsUpload = lazy(() =>
  import('../features/local-mode/LocalTripsUpload').then((m) => ({ default: m.LocalTripsUpload })),
);

/** The page each route shows (for loading the first screen's code early); most specific first. */
const routePages: [pattern: string, page: keyof typeof pages][] = [
  ['/', 'home'],
  ['/search', 'search'],
  ['/attractions/:id', 'attraction'],
  ['/login', 'login'],
  ['/signup', 'signup'],
  ['/forgot-password', 'forgotPassword'],
  ['/reset-password', 'resetPassword'],
  ['/board', 'board'],
  ['/board/new', 'postEditor'],
  ['/board/:postId/edit', 'postEditor'],
  ['/board/:postId', 'post'],
  ['/trips', 'trips'],
  ['/trips/new', 'tripForm'],
  ['/trips/:tripId/edit', 'tripForm'],
  ['/trips/:tripId/print', 'tripPrint'],
  ['/trips/:tripId', 'trip'],
  ['/me', 'me'],
];

/**
 * Starts loading the code of the page at `pathname` now, alongside the texts and the shell,
 * instead of when the router first renders it (the same module, so lazy() then finds it loaded).
 */
export function preloadPageFor(pathname: string): Promise<unknown> {
  const route = routePages.find(([pattern]) => matchPath(pattern, pathname));
  return route ? loadPage(route[1]).catch(() => undefined) : Promise.resolve();
}

/** Fetches every page's code once the app is idle, so later navigation is instant (and works offline). */
export function preloadPages(): void {
  for (const page of Object.keys(pages) as (keyof typeof pages)[]) void loadPage(page).catch(() => undefined);
}

/** The routes of the app; protected ones sit under <RequireAuth>. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<HomePage />} />
        <Route path="search" element={<SearchPage />} />
        <Route path="attractions/:id" element={<AttractionPage />} />
        {/* Pages needing the server explain that in the desktop's local-only mode. */}
        <Route element={<NeedsServer />}>
          <Route path="login" element={<LoginPage />} />
          <Route path="signup" element={<SignupPage />} />
          <Route path="forgot-password" element={<ForgotPasswordPage />} />
          <Route path="reset-password" element={<ResetPasswordPage />} />
          <Route path="board" element={<BoardPage />} />
          <Route path="board/:postId" element={<PostPage />} />
        </Route>
        <Route element={<RequireAuth />}>
          <Route path="trips" element={<TripsPage />} />
          <Route path="trips/new" element={<TripFormPage />} />
          <Route path="trips/:tripId" element={<TripPage />} />
          <Route path="trips/:tripId/edit" element={<TripFormPage />} />
          <Route path="trips/:tripId/print" element={<TripPrintPage />} />
          <Route element={<NeedsServer />}>
            <Route path="me" element={<MyPage />} />
            <Route path="invite/:code" element={<InvitePage />} />
            <Route path="board/new" element={<PostEditorPage />} />
            <Route path="board/:postId/edit" element={<PostEditorPage />} />
          </Route>
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

/** In the desktop app: invite links and menu items navigate, File → Export/Import work on the
 * local database, unsynced edits reach the updater. Renders nothing; a no-op on the web. */
function DesktopBridge() {
  const navigate = useNavigate();
  const location = useLocation();
  const { syncStatus } = useServices();
  const database = useDatabaseState();
  const { i18n } = useTranslation();
  // Read when a menu item is chosen, without re-subscribing on every render.
  const now = useRef({ database, pathname: location.pathname });
  now.current = { database, pathname: location.pathname };
  useEffect(
    () =>
      connectDesktop({
        navigate: (path) => void navigate(path),
        pendingChanges: { get: () => syncStatus.get().pending, subscribe: syncStatus.subscribe },
        setLanguage: (language) => void i18n.changeLanguage(language),
        followLanguage: (listener) => {
          i18n.on('languageChanged', listener);
          return () => i18n.off('languageChanged', listener);
        },
        trips: {
          database: () => (now.current.database.status === 'ready' ? now.current.database.db : null),
          userId: () => (now.current.database.status === 'ready' ? now.current.database.userId : null),
          openTripId: () => matchPath('/trips/:tripId/*', now.current.pathname)?.params.tripId ?? null,
          language: () => (i18n.language.startsWith('ko') ? 'ko' : 'en'),
          onError: (error) => console.error('Desktop trip export/import failed', error),
        },
      }),
    [navigate, syncStatus, i18n],
  );
  return null;
}

export function App({ services }: { services: Services }) {
  return (
    <StrictMode>
      <ServicesProvider services={services}>
        <DatabaseProvider>
          <BrowserRouter>
            <DesktopBridge />
            {desktopApi() ? (
              <Suspense fallback={null}>
                <LocalTripsUpload />
              </Suspense>
            ) : null}
            <AppRoutes />
          </BrowserRouter>
        </DatabaseProvider>
      </ServicesProvider>
    </StrictMode>
  );
}
