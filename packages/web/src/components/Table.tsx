import type { ReactNode } from 'react';
import type { Page } from '../api/types';
import type { Resource } from '../app/use-resource';
import { PAGE_SIZE } from '../lib/pagination';
import { LoadError } from './Alert';
import { PastTheEnd } from './PastTheEnd';
import { Pager } from './Pager';

interface TableProps {
  /** The header row's cells. */
  readonly head: ReactNode;
  readonly className?: string;
  /** Rows are being reloaded: shown dimmed, still readable. */
  readonly busy?: boolean;
  readonly children: ReactNode;
}

/** A table on a card that scrolls sideways on a narrow screen. */
export function Table({ head, className = 'table', busy = false, children }: TableProps) {
  return (
    <div className="table-wrap" aria-busy={busy}>
      <table className={className}>
        <thead>
          <tr>{head}</tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

interface PagedTableProps<D extends Page, R> {
  readonly resource: Resource<D> & { readonly reload: () => void };
  readonly rowsOf: (data: D) => readonly R[];
  /** Plural, as in "1–50 of 213 users". */
  readonly noun: string;
  /** Title of the failure, e.g. "Users could not be loaded." */
  readonly failedTitle: string;
  readonly page: number;
  readonly onPage: (page: number) => void;
  /** What an empty list shows (nothing, when null). */
  readonly empty: ReactNode;
  readonly head: ReactNode;
  readonly className?: string;
  readonly children: (rows: readonly R[]) => ReactNode;
}

/**
 * One page of a list endpoint, from loading to loaded: its failure, an empty list, a page past
 * the end, or the rows with the pager under them. The rows of the last answer stay on screen
 * (dimmed) while the next page loads.
 */
export function PagedTable<D extends Page, R>(props: PagedTableProps<D, R>) {
  const { resource, noun, page, onPage } = props;
  const data = resource.data;
  const rows = data === null ? [] : props.rowsOf(data);
  const loading = resource.status === 'loading';
  return (
    <>
      {resource.status === 'failed' && (
        <LoadError title={props.failedTitle} error={resource.error} onRetry={resource.reload} />
      )}
      {data === null && loading && <p className="muted">Loading {noun}…</p>}
      {data !== null && data.total === 0 && props.empty}
      {data !== null && data.total > 0 && rows.length === 0 && (
        <PastTheEnd total={data.total} limit={PAGE_SIZE} noun={noun} onPage={onPage} />
      )}
      {data !== null && rows.length > 0 && (
        <>
          <Table head={props.head} className={props.className} busy={loading}>
            {props.children(rows)}
          </Table>
          <Pager
            page={page}
            limit={PAGE_SIZE}
            total={data.total}
            offset={data.offset}
            rowsOnPage={rows.length}
            noun={noun}
            onPage={onPage}
            busy={loading}
          />
        </>
      )}
    </>
  );
}
