import type { ReactNode } from 'react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { User } from '../api/types';
import type { Navigate } from '../app/history';
import { ROLE_LABELS } from '../lib/format';
import { INITIAL_KEYMAP_STATE, interpretKey } from '../lib/keymap';
import { HOME_PATH, PATHS, navItems } from '../lib/routes';
import type { PageName } from '../lib/routes';
import { Alert } from './Alert';
import { Kbd, KeyList } from './Kbd';
import { Link } from './Link';

interface ShellProps {
  readonly user: User;
  readonly current: PageName | null;
  readonly navigate: Navigate;
  readonly onSignOut: () => void;
  readonly signingOut: boolean;
  readonly signOutError: string | null;
  readonly children: ReactNode;
}

/** The keys that act on the page at hand, after the `g` chords that go to a page. */
const PAGE_SHORTCUTS: readonly { readonly keys: readonly string[]; readonly does: string }[] = [
  { keys: ['/'], does: 'Search or filter this page' },
  { keys: ['n'], does: 'New item on this page' },
  { keys: ['Esc'], does: 'Close a form or this list' },
];

/**
 * Keys that belong to where they were typed: a field, or a modal dialog, whose question must
 * be answered before a shortcut may act on the page behind it.
 */
function typingInField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
    target.closest('dialog[open]') !== null
  );
}

/** The frame of every signed-in page: top bar, navigation, keyboard shortcuts. */
export function Shell(props: ShellProps) {
  const { user, current, navigate, onSignOut, signingOut, signOutError, children } = props;
  const items = useMemo(() => navItems(user.role), [user.role]);
  const [helpOpen, setHelpOpen] = useState(false);
  const keymap = useRef(INITIAL_KEYMAP_STATE);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      // A page with keys of its own (the annotation workspace) has used this one.
      if (event.defaultPrevented) return;
      const { state, action } = interpretKey(
        keymap.current,
        {
          key: event.key,
          ctrlKey: event.ctrlKey,
          metaKey: event.metaKey,
          altKey: event.altKey,
          inField: typingInField(event.target),
        },
        event.timeStamp,
      );
      keymap.current = state;
      if (action === null) return;
      switch (action.kind) {
        case 'go': {
          const item = items.find((i) => i.key === action.key);
          if (item !== undefined) {
            event.preventDefault();
            navigate(item.path);
          }
          return;
        }
        case 'focus-search':
        case 'new': {
          // The page marks its search box and its "new" button; a page without one ignores the key.
          const name = action.kind === 'new' ? 'new' : 'search';
          const target = document.querySelector<HTMLElement>(`[data-shortcut="${name}"]`);
          if (target === null) return;
          event.preventDefault();
          if (action.kind === 'new') target.click();
          else target.focus();
          return;
        }
        case 'help':
          event.preventDefault();
          setHelpOpen((open) => !open);
          return;
        case 'dismiss':
          setHelpOpen(false);
          return;
      }
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [items, navigate]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link className="brand" to={HOME_PATH} navigate={navigate}>
          <span className="brand__mark" aria-hidden="true" />
          Concord
        </Link>
        <nav className="topnav" aria-label="Main">
          {items.map((item) => (
            <Link
              key={item.page}
              to={item.path}
              navigate={navigate}
              className="topnav__link"
              aria-current={item.page === current ? 'page' : undefined}
              title={`${item.label} (g then ${item.key})`}
            >
              {item.label}
            </Link>
          ))}
        </nav>
        <div className="topbar__end">
          <button
            type="button"
            className="button button--ghost button--small topbar__shortcuts"
            onClick={() => setHelpOpen((open) => !open)}
            aria-expanded={helpOpen}
            aria-controls="keyboard-help"
            title="Keyboard shortcuts (?)"
          >
            Shortcuts <Kbd keys={['?']} />
          </button>
          <span className="topbar__divider" aria-hidden="true" />
          <Link
            to={PATHS.account}
            navigate={navigate}
            className="whoami"
            aria-current={current === 'account' ? 'page' : undefined}
            title={`${user.email}: your password and API tokens`}
          >
            <span className="whoami__name">{user.name}</span>
            <span className={`role-badge role-badge--${user.role}`}>{ROLE_LABELS[user.role]}</span>
          </Link>
          <button
            type="button"
            className="button button--ghost"
            onClick={onSignOut}
            disabled={signingOut}
          >
            {signingOut ? 'Signing out…' : 'Sign out'}
          </button>
        </div>
      </header>
      {helpOpen && (
        <section className="keyboard-help" id="keyboard-help" aria-label="Keyboard shortcuts">
          <div className="keyboard-help__header">
            <h2 className="keyboard-help__title">Keyboard shortcuts</h2>
            <button
              type="button"
              className="alert__dismiss"
              aria-label="Close keyboard shortcuts"
              onClick={() => setHelpOpen(false)}
            >
              ×
            </button>
          </div>
          <KeyList
            shortcuts={[
              ...items.map((item) => ({ keys: ['g', item.key], does: `Go to ${item.label}` })),
              ...PAGE_SHORTCUTS,
            ]}
          />
        </section>
      )}
      <main className="main" id="main">
        {signOutError !== null && <Alert tone="error">{signOutError}</Alert>}
        {children}
      </main>
    </div>
  );
}
