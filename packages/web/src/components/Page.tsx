import type { ReactNode } from 'react';
import { PageHeader } from './PageHeader';

interface PageProps {
  readonly title: string;
  readonly subtitle?: ReactNode;
  readonly actions?: ReactNode;
  readonly children?: ReactNode;
}

/** A signed-in page: its header (title, subtitle, actions), then its content. */
export function Page({ title, subtitle, actions, children }: PageProps) {
  return (
    <section className="page">
      <PageHeader title={title} subtitle={subtitle} actions={actions} />
      {children}
    </section>
  );
}

/** The page's main "new" action, which the `n` shortcut presses. */
export function NewButton({
  label,
  onClick,
}: {
  readonly label: string;
  readonly onClick: () => void;
}) {
  return (
    <button
      type="button"
      className="button button--primary"
      data-shortcut="new"
      title={`${label} (n)`}
      onClick={onClick}
    >
      {label}
    </button>
  );
}

interface SectionHeaderProps {
  readonly titleId: string;
  readonly title: string;
  readonly description?: ReactNode;
  readonly actions?: ReactNode;
}

/** The heading of one part of a page, with what it is for and its own actions. */
export function SectionHeader({ titleId, title, description, actions }: SectionHeaderProps) {
  return (
    <div className="page-header page-header--section">
      <div>
        <h2 className="page-header__title" id={titleId}>
          {title}
        </h2>
        {description !== undefined && <p className="page-header__subtitle">{description}</p>}
      </div>
      {actions}
    </div>
  );
}
