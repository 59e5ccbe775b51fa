import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate, RouterProvider, useLocation } from 'react-router';
import { ApiError } from './api/client';
import { SessionProvider, useSession } from './api/session';
import { EmptyState, Spinner } from './components/states';
import { ToastProvider } from './components/toast';
import { AppShell } from './layout/app-shell';
import { homePath, type PageRoute, pages, publicPages } from './routes';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      // A 4xx will not change by asking again.
      retry: (count, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

function RequireSession({ children }: { children: ReactNode }) {
  const { user, loading } = useSession();
  const location = useLocation();
  if (loading) return <Spinner />;
  if (!user) {
    const next = location.pathname + location.search;
    return <Navigate to={`/login${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`} replace />;
  }
  return <>{children}</>;
}

function Home() {
  const { user } = useSession();
  return <Navigate to={user ? homePath(user.role) : '/login'} replace />;
}

function UnderConstruction({ id }: { id: string }) {
  const { t } = useTranslation('common');
  return <EmptyState icon="activity" title={t(`nav.${id}`)} description={t('underConstruction')} />;
}

function Page({ page }: { page: PageRoute }) {
  const { user } = useSession();
  if (user && !page.roles.includes(user.role)) return <Navigate to={homePath(user.role)} replace />;
  if (!page.ready) return <UnderConstruction id={page.id} />;
  const Component = page.component;
  return <Component />;
}

function NotFound() {
  const { t } = useTranslation('common');
  return <EmptyState title={t('pageNotFound')} />;
}

const Login = publicPages.login;
const CheckKey = publicPages.checkKey;

const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <Suspense fallback={<Spinner />}>
        <Login />
      </Suspense>
    ),
  },
  {
    path: '/check-key',
    element: (
      <Suspense fallback={<Spinner />}>
        <CheckKey />
      </Suspense>
    ),
  },
  {
    element: (
      <RequireSession>
        <AppShell />
      </RequireSession>
    ),
    children: [
      { index: true, element: <Home /> },
      ...pages.map((page) => ({ path: page.path, element: <Page page={page} /> })),
      { path: '*', element: <NotFound /> },
    ],
  },
]);

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <SessionProvider>
          <RouterProvider router={router} />
        </SessionProvider>
      </ToastProvider>
    </QueryClientProvider>
  );
}
