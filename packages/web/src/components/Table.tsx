import type { ReactNode } from 'react';
import type { Page } from '../api/types';
import type { Resource } from '../app/use-resource';
import { PAGE_SIZE } from '../lib/pagination';
import { LoadError } from './Alert';
import { PastTheEnd } from './PastTheEnd';
import { Pager } from './Pager';

export interface Column {
  readonly label: string;
  /** Width and alignment, e.g. `col-date`; the cells of the column carry it too. */
  readonly className?: string;
  /** A label for screen readers only, e.g. "Actions" over a column of buttons. */
  readonly hidden?: boolean;
}

/** The last column of a table whose rows have buttons. */
export const ACTIONS_COLUMN: Column = { label: 'Actions', className: 'col-actions', hidden: true };

interface TableProps {
  readonly columns: readonly Column[];
  readonly className?: string;
  /** Rows are being reloaded: shown dimmed, still readable. */
  readonly busy?: boolean;
  readonly children: ReactNode;
}

/** A table on a card that scrolls sideways on a narrow screen. */
export function Table({ columns, className = 'table', busy = false, children }: TableProps) {
  return (
    <div className="table-wrap" aria-busy={busy}>
      <table className={className}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.label} scope="col" className={column.className}>
                {column.hidden ? (
                  <span className="visually-hidden">{column.label}</span>
                ) : (
                  column.label
                )}
              </th>
            ))}
          </tr>
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
  readonly page: number;
  readonly onPage: (page: number) => void;
  /** What an empty list shows (nothing, when null). */
  readonly empty: ReactNode;
  readonly columns: readonly Column[];
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
        <LoadError
          title={`The ${noun} could not be loaded.`}
          error={resource.error}
          onRetry={resource.reload}
        />
      )}
      {data === null && loading && <p className="muted">Loading {noun}…</p>}
      {data !== null && data.total === 0 && props.empty}
      {data !== null && data.total > 0 && rows.length === 0 && (
        <PastTheEnd total={data.total} limit={PAGE_SIZE} noun={noun} onPage={onPage} />
      )}
      {data !== null && rows.length > 0 && (
        <>
          <Table columns={props.columns} className={props.className} busy={loading}>
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

interface EmptyListProps {
  readonly message: string;
  /** When a search or filter emptied the list: the way back to all of it. */
  readonly clear?: { readonly label: string; readonly onClear: () => void } | undefined;
}

/** An empty list, saying why it is empty. */
export function EmptyList({ message, clear }: EmptyListProps) {
  return (
    <div className="empty-state empty-state--compact">
      <p>
        {message}
        {clear !== undefined && (
          <>
            {' '}
            <button type="button" className="button--link" onClick={clear.onClear}>
              {clear.label}
            </button>
          </>
        )}
      </p>
    </div>
  );
}
