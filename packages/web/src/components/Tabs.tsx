import type { Navigate } from '../app/history';
import { Link } from './Link';

export interface TabLink {
  readonly id: string;
  readonly label: string;
  readonly path: string;
}

/** The tabs of a page as links, so each tab has its own address (reload, back, share). */
export function Tabs({
  label,
  tabs,
  current,
  navigate,
}: {
  readonly label: string;
  readonly tabs: readonly TabLink[];
  readonly current: string;
  readonly navigate: Navigate;
}) {
  return (
    <nav className="tabs" aria-label={label}>
      {tabs.map((tab) => (
        <Link
          key={tab.id}
          to={tab.path}
          navigate={navigate}
          className="tabs__tab"
          aria-current={tab.id === current ? 'page' : undefined}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
