import type { Navigate } from '../app/history';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { HOME_PATH } from '../lib/routes';

/** A page that says why there is nothing here, with the way home. */
function Nowhere({ title, why, navigate }: { title: string; why: string; navigate: Navigate }) {
  return (
    <Page title={title}>
      <p>
        {why}{' '}
        <Link to={HOME_PATH} navigate={navigate}>
          Go to Projects
        </Link>
        .
      </p>
    </Page>
  );
}

export function NotFoundPage({ navigate }: { readonly navigate: Navigate }) {
  return (
    <Nowhere title="Page not found" why="There is no page at this address." navigate={navigate} />
  );
}

export function NoAccessPage({ navigate }: { readonly navigate: Navigate }) {
  return (
    <Nowhere
      title="Not available to your role"
      why="This page is for admins and auditors. If you need it, ask an admin to change your role."
      navigate={navigate}
    />
  );
}
