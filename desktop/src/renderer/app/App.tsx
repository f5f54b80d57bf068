import { lazy, StrictMode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { DatabaseProvider } from '../data/DatabaseProvider';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';
import { RequireAuth } from './RequireAuth';
import { ServicesProvider, type Services } from './services';

// Every page loads on demand so the first paint only needs the shell.
const pages = {
  home: () => import('../features/home/HomePage'),
  search: () => import('../features/search/SearchPage'),
  login: () => import('../features/auth/LoginPage'),
  signup: () => import('../features/auth/SignupPage'),
  forgotPassword: () => import('../features/auth/ForgotPasswordPage'),
  resetPassword: () => import('../features/auth/ResetPasswordPage'),
  me: () => import('../features/auth/MyPage'),
  trips: () => import('../features/trips/TripsPage'),
  trip: () => import('../features/trips/TripPage'),
  tripForm: () => import('../features/trips/TripFormPage'),
};

const HomePage = lazy(pages.home);
const SearchPage = lazy(pages.search);
const LoginPage = lazy(pages.login);
const SignupPage = lazy(pages.signup);
const ForgotPasswordPage = lazy(pages.forgotPassword);
const ResetPasswordPage = lazy(pages.resetPassword);
const MyPage = lazy(pages.me);
const TripsPage = lazy(pages.trips);
const TripPage = lazy(pages.trip);
const TripFormPage = lazy(pages.tripForm);
const InvitePage = lazy(() => import('../features/sharing/InvitePage'));

/** Fetches every page's code once the app is idle, so later navigation is instant (and works offline). */
export function preloadPages(): void {
  for (const load of Object.values(pages)) void load().catch(() => undefined);
}

/** The routes of the app; protected ones sit under <RequireAuth>. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<HomePage />} />
        <Route path="search" element={<SearchPage />} />
        <Route path="login" element={<LoginPage />} />
        <Route path="signup" element={<SignupPage />} />
        <Route path="forgot-password" element={<ForgotPasswordPage />} />
        <Route path="reset-password" element={<ResetPasswordPage />} />
        <Route element={<RequireAuth />}>
          <Route path="me" element={<MyPage />} />
          <Route path="trips" element={<TripsPage />} />
          <Route path="trips/new" element={<TripFormPage />} />
          <Route path="trips/:tripId" element={<TripPage />} />
          <Route path="trips/:tripId/edit" element={<TripFormPage />} />
          <Route path="invite/:code" element={<InvitePage />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

export function App({ services }: { services: Services }) {
  return (
    <StrictMode>
      <ServicesProvider services={services}>
        <DatabaseProvider>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </DatabaseProvider>
      </ServicesProvider>
    </StrictMode>
  );
}
