import { pageCount, rangeLabel } from '../lib/pagination';

interface PagerProps {
  readonly page: number;
  readonly limit: number;
  readonly total: number;
  readonly offset: number;
  readonly rowsOnPage: number;
  readonly noun: string;
  readonly onPage: (page: number) => void;
  readonly busy?: boolean;
}

export function Pager({ page, limit, total, offset, rowsOnPage, noun, onPage, busy }: PagerProps) {
  const pages = pageCount(total, limit);
  return (
    <nav className="pager" aria-label={`Pages of ${noun}`}>
      <span className="pager__range">
        {rangeLabel(offset, rowsOnPage, total)} {noun}
      </span>
      {pages > 1 && (
        <span className="pager__controls">
          <button
            type="button"
            className="button button--small"
            onClick={() => onPage(page - 1)}
            disabled={page <= 1 || busy}
          >
            ← Previous
          </button>
          <span className="pager__page">
            Page {page} of {pages}
          </span>
          <button
            type="button"
            className="button button--small"
            onClick={() => onPage(page + 1)}
            disabled={page >= pages || busy}
          >
            Next →
          </button>
        </span>
      )}
    </nav>
  );
}
