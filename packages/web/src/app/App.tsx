import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { CSRF_COOKIE, createApiClient, readCookie } from '../api/client';
import { formatApiError } from '../api/errors';
import type { User } from '../api/types';
import { Shell } from '../components/Shell';
import { AccountPage } from '../pages/AccountPage';
import { AnnotatePage } from '../pages/AnnotatePage';
import { AuditPage } from '../pages/AuditPage';
import { LoginPage } from '../pages/LoginPage';
import { NoAccessPage, NotFoundPage } from '../pages/NotFoundPage';
import { ProjectPage } from '../pages/ProjectPage';
import { ProjectsPage } from '../pages/ProjectsPage';
import { UsersPage } from '../pages/UsersPage';
import { canOpen, loginPathFor, matchRoute, safeNextPath } from '../lib/routes';
import { navigate, useLocation } from './history';

type Session =
  | { readonly status: 'checking' }
  | { readonly status: 'unreachable'; readonly message: string }
  | { readonly status: 'signed-out'; readonly notice: string | null }
  | { readonly status: 'signed-in'; readonly user: User };

export function App() {
  const location = useLocation();
  const [session, setSession] = useState<Session>({ status: 'checking' });
  const [signingOut, setSigningOut] = useState(false);
  const [signOutError, setSignOutError] = useState<string | null>(null);
  const [checkGeneration, setCheckGeneration] = useState(0);

  const sessionEnded = useRef<() => void>(() => undefined);
  sessionEnded.current = () =>
    setSession((s) =>
      s.status === 'signed-in'
        ? { status: 'signed-out', notice: 'Your session has ended. Sign in again to continue.' }
        : s,
    );

  const api = useMemo(
    () =>
      createApiClient({
        fetch: (url, init) => window.fetch(url, init),
        csrfToken: () => readCookie(document.cookie, CSRF_COOKIE),
        onSessionEnded: () => sessionEnded.current(),
      }),
    [],
  );

  useEffect(() => {
    const controller = new AbortController();
    api.me({ signal: controller.signal }).then(
      (user) =>
        setSession(
          user === null ? { status: 'signed-out', notice: null } : { status: 'signed-in', user },
        ),
      (error: unknown) => {
        if (!controller.signal.aborted) {
          setSession({ status: 'unreachable', message: formatApiError(error) });
        }
      },
    );
    return () => controller.abort();
  }, [api, checkGeneration]);

  const route = matchRoute(location.pathname);
  const here = location.pathname + location.search;

  // Redirects are effects of what is on screen, never of render itself.
  const redirect: string | null =
    route.kind === 'redirect'
      ? route.to
      : session.status === 'signed-out' && !(route.kind === 'page' && route.page === 'login')
        ? loginPathFor(here)
        : session.status === 'signed-in' && route.kind === 'page' && route.page === 'login'
          ? safeNextPath(new URLSearchParams(location.search).get('next'))
          : null;
  useEffect(() => {
    if (redirect !== null) navigate(redirect, { replace: true });
  }, [redirect]);

  const onSignedIn = useCallback((user: User) => {
    setSignOutError(null);
    setSession({ status: 'signed-in', user });
  }, []);

  const onSignOut = useCallback(() => {
    setSigningOut(true);
    setSignOutError(null);
    api.logout().then(
      () => {
        setSigningOut(false);
        setSession({ status: 'signed-out', notice: 'You are signed out.' });
        navigate('/login');
      },
      (error: unknown) => {
        setSigningOut(false);
        setSignOutError(`Sign-out did not go through: ${formatApiError(error)}`);
      },
    );
  }, [api]);

  if (session.status === 'checking' || redirect !== null) {
    return <div className="splash" aria-busy="true" />;
  }

  if (session.status === 'unreachable') {
    return (
      <div className="splash">
        <div className="splash__card">
          <h1 className="splash__title">Concord is not answering</h1>
          <p>{session.message}</p>
          <button
            type="button"
            className="button button--primary"
            onClick={() => {
              setSession({ status: 'checking' });
              setCheckGeneration((n) => n + 1);
            }}
          >
            Try again
          </button>
        </div>
      </div>
    );
  }

  if (session.status === 'signed-out') {
    return <LoginPage api={api} notice={session.notice} onSignedIn={onSignedIn} />;
  }

  const user = session.user;
  const inProject = route.kind === 'project' || route.kind === 'annotate';
  const page = route.kind === 'page' ? route.page : inProject ? 'projects' : null;
  const pageProps = { api, user, search: location.search, navigate };
  let content;
  if (route.kind === 'project') {
    content = <ProjectPage {...pageProps} projectId={route.projectId} tab={route.tab} />;
  } else if (route.kind === 'annotate') {
    content = <AnnotatePage {...pageProps} projectId={route.projectId} />;
  } else if (page === null || page === 'login') content = <NotFoundPage navigate={navigate} />;
  else if (!canOpen(page, user.role)) content = <NoAccessPage navigate={navigate} />;
  else if (page === 'projects') content = <ProjectsPage {...pageProps} />;
  else if (page === 'users') content = <UsersPage {...pageProps} />;
  else if (page === 'account') content = <AccountPage {...pageProps} />;
  else content = <AuditPage {...pageProps} />;

  return (
    <Shell
      user={user}
      current={page}
      navigate={navigate}
      onSignOut={onSignOut}
      signingOut={signingOut}
      signOutError={signOutError}
    >
      {content}
    </Shell>
  );
}
