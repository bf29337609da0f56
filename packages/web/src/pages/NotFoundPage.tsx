import type { Navigate } from '../app/history';
import { Link } from '../components/Link';
import { PageHeader } from '../components/PageHeader';
import { HOME_PATH } from '../lib/routes';

export function NotFoundPage({ navigate }: { readonly navigate: Navigate }) {
  return (
    <section className="page">
      <PageHeader title="Page not found" />
      <p>
        There is no page at this address.{' '}
        <Link to={HOME_PATH} navigate={navigate}>
          Go to Projects
        </Link>
        .
      </p>
    </section>
  );
}

export function NoAccessPage({ navigate }: { readonly navigate: Navigate }) {
  return (
    <section className="page">
      <PageHeader title="Not available to your role" />
      <p>
        This page is for admins and auditors. If you need it, ask an admin to change your role.{' '}
        <Link to={HOME_PATH} navigate={navigate}>
          Go to Projects
        </Link>
        .
      </p>
    </section>
  );
}
