// Page arithmetic for the paginated tables. Pages are 1-based in the URL and the UI;
// the API speaks limit/offset.

export const PAGE_SIZE = 50;

/** How many pages `total` rows fill; an empty list still has one (empty) page. */
export function pageCount(total: number, limit: number): number {
  if (limit <= 0) throw new RangeError(`limit must be positive, got ${limit}`);
  return Math.max(1, Math.ceil(Math.max(0, total) / limit));
}

/** The offset of the first row of a 1-based page. */
export function offsetOf(page: number, limit: number): number {
  return (Math.max(1, Math.floor(page)) - 1) * limit;
}

/** The 1-based page that contains the row at `offset`. */
export function pageOf(offset: number, limit: number): number {
  return Math.floor(Math.max(0, offset) / limit) + 1;
}

/** Keeps a page inside 1..pageCount, e.g. after rows were removed or a filter narrowed the list. */
export function clampPage(page: number, total: number, limit: number): number {
  return Math.min(Math.max(1, Math.floor(page)), pageCount(total, limit));
}

/** Reads `?page=` leniently: anything that is not a positive integer means the first page. */
export function parsePage(value: string | null): number {
  if (value === null || !/^\d+$/.test(value)) return 1;
  const page = Number(value);
  return Number.isSafeInteger(page) && page >= 1 ? page : 1;
}

/** "1–50 of 213", "51 of 51" (a lone row), "0 of 0". */
export function rangeLabel(offset: number, rowsOnPage: number, total: number): string {
  if (rowsOnPage === 0) return `0 of ${total}`;
  if (rowsOnPage === 1) return `${offset + 1} of ${total}`;
  return `${offset + 1}–${offset + rowsOnPage} of ${total}`;
}
