import type { ApiClient } from '../api/client';
import type { User } from '../api/types';
import type { Navigate } from '../app/history';

/** What every signed-in page receives from the app. */
export interface PageProps {
  readonly api: ApiClient;
  readonly user: User;
  /** The query string of the current URL, e.g. "?page=2". */
  readonly search: string;
  readonly navigate: Navigate;
}
