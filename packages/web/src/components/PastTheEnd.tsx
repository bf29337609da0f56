import { pageCount } from '../lib/pagination';

interface PastTheEndProps {
  readonly total: number;
  readonly limit: number;
  readonly noun: string;
  readonly onPage: (page: number) => void;
}

/** Shown for a `?page=` beyond the list (an old link, or rows removed since). */
export function PastTheEnd({ total, limit, noun, onPage }: PastTheEndProps) {
  const last = pageCount(total, limit);
  return (
    <div className="empty-state empty-state--compact">
      <p>
        This page is past the end: there are {total} {noun}, on {last}{' '}
        {last === 1 ? 'page' : 'pages'}.{' '}
        <button type="button" className="button--link" onClick={() => onPage(last)}>
          Go to page {last}
        </button>
      </p>
    </div>
  );
}
