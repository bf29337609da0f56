import { useState } from 'react';
import { buildQuery } from '../../api/client';
import { ITEM_KINDS, ITEM_STATES } from '../../api/types';
import type {
  ItemCounts,
  ItemKind,
  ItemRow,
  ItemState,
  ItemsPage,
  ProjectDetail,
} from '../../api/types';
import { useResource } from '../../app/use-resource';
import { LoadError } from '../../components/Alert';
import { Link } from '../../components/Link';
import { EmptyList, Table } from '../../components/Table';
import type { Column } from '../../components/Table';
import { countLabel } from '../../lib/format';
import { formatAnswer, previewText } from '../../lib/item-display';
import { projectPath } from '../../lib/routes';
import type { PageProps } from '../page-props';
import { RevealRow } from '../../components/phi/RevealOriginal';
import { useCanReveal } from '../../components/phi/use-can-reveal';
import { usePhiApi } from '../../components/phi/use-phi-api';
import type { PhiApi } from '../../lib/phi-api';
import { ACTIONS_COLUMN } from '../../components/Table';
import { canManageProject } from '../../lib/routes';

export const ITEMS_PAGE_SIZE = 50;

export const KIND_LABELS: Readonly<Record<ItemKind, string>> = {
  production: 'Production',
  gold: 'Gold',
  qualification: 'Qualification',
};

const COLUMNS: readonly Column[] = [
  { label: '#', className: 'col-seq' },
  { label: 'Kind', className: 'col-kind' },
  { label: 'Data' },
  { label: 'Gold answer', className: 'col-gold' },
  { label: 'Priority', className: 'col-number' },
  { label: 'Annotators', className: 'col-progress' },
];

function parseKind(value: string | null): ItemKind | undefined {
  return ITEM_KINDS.find((k) => k === value);
}

export const STATE_LABELS: Readonly<Record<ItemState, string>> = {
  open: 'Open',
  in_progress: 'In progress',
  complete: 'Complete',
  disputed: 'Disputed',
  adjudicated: 'Adjudicated',
};

/** What a filter's items are called in a sentence ("3 open items", "1 item in progress"). */
const STATE_NOUNS: Readonly<Record<ItemState, readonly [string, string]>> = {
  open: ['open item', 'open items'],
  in_progress: ['item in progress', 'items in progress'],
  complete: ['complete item', 'complete items'],
  disputed: ['disputed item', 'disputed items'],
  adjudicated: ['adjudicated item', 'adjudicated items'],
};

/** A filter of the items list: by kind, or (production items only) by state. */
export interface ItemsFilter {
  readonly kind?: ItemKind | undefined;
  readonly state?: ItemState | undefined;
}

/**
 * The filter and keyset of the items list from the page's query string. A state belongs to
 * production items, so a state with another kind is dropped rather than sent to be refused.
 */
export function parseItemsQuery(search: string): ItemsFilter & { readonly after: number } {
  const params = new URLSearchParams(search);
  const kind = parseKind(params.get('kind'));
  const state = ITEM_STATES.find((s) => s === params.get('state'));
  const after = params.get('after');
  return {
    kind,
    state: kind === undefined || kind === 'production' ? state : undefined,
    after: after !== null && /^\d+$/.test(after) ? Number(after) : 0,
  };
}

export function itemsPath(projectId: string, filter: ItemsFilter, after: number): string {
  return `${projectPath(projectId, 'items')}${buildQuery({
    kind: filter.kind,
    state: filter.state,
    after: after > 0 ? after : undefined,
  })}`;
}

/** The pager's sentence: which items of how many the page shows. */
export function pageRangeLabel(
  filter: ItemsFilter,
  first: number,
  last: number,
  total: number,
): string {
  const n = (x: number) => x.toLocaleString('en-US');
  if (filter.state !== undefined) {
    const [one, many] = STATE_NOUNS[filter.state];
    return `${countLabel(total, one, many)}, #${n(first)} to #${n(last)}`;
  }
  if (filter.kind !== undefined)
    return `${countLabel(total, `${KIND_LABELS[filter.kind].toLowerCase()} item`)}, #${n(first)} to #${n(last)}`;
  return `#${n(first)}–#${n(last)} of ${countLabel(total, 'item')}`;
}

export function KindBadge({ kind }: { readonly kind: string }) {
  const known = parseKind(kind);
  return (
    <span className={`kind-badge kind-badge--${known ?? 'production'}`}>
      {known === undefined ? kind : KIND_LABELS[known]}
    </span>
  );
}

/** A count beside a filter's name, left out of its accessible name (the pager says it). */
function FilterCount({ count }: { readonly count: number | undefined }) {
  if (count === undefined) return null;
  return <span className="muted" aria-hidden="true">{` ${count.toLocaleString('en-US')}`}</span>;
}

/**
 * The project's items in import order, a page at a time by keyset (`?after=` the last # seen), so
 * the tenth thousandth page is as fast as the first; filtered by kind, or by where production
 * items stand (open, in progress, complete, disputed, adjudicated), each filter with its count.
 */
export function ItemsTab({
  api,
  user,
  search,
  navigate,
  project,
}: PageProps & { readonly project: ProjectDetail }) {
  // Holders of phi:reveal on a PHI project get a "Reveal original" on each row; nobody else.
  const phiApi = usePhiApi(api);
  const canReveal = useCanReveal(
    phiApi,
    project,
    user,
    canManageProject({ globalRole: user.role, projectRole: project.myRole }),
  );
  const { kind, state, after } = parseItemsQuery(search);
  const filter: ItemsFilter = { kind, state };
  const items = useResource<ItemsPage>(
    (signal) =>
      api.listItems(project.id, { after, limit: ITEMS_PAGE_SIZE, kind, state }, { signal }),
    `items:${project.id}:${kind ?? ''}:${state ?? ''}:${after}`,
  );
  // Fresh counts whenever the filter changes: annotators move items between states meanwhile.
  const counts = useResource<ItemCounts>(
    (signal) => api.itemCounts(project.id, { signal }),
    `item-counts:${project.id}:${kind ?? ''}:${state ?? ''}`,
  );
  // The pages visited before this one, to go back a page: a keyset only knows what comes next.
  const [trail, setTrail] = useState<readonly number[]>([]);

  const go = (next: ItemsFilter, nextAfter: number, nextTrail: readonly number[]) => {
    setTrail(nextTrail);
    navigate(itemsPath(project.id, next, nextAfter));
  };

  const data = items.data;
  const rows = data?.items ?? [];
  const first = rows[0]?.ord ?? 0;
  const last = rows[rows.length - 1]?.ord ?? 0;
  const filtered = kind !== undefined || state !== undefined;
  const showStates = kind === undefined || kind === 'production';
  const noun =
    state !== undefined
      ? STATE_NOUNS[state][1]
      : kind !== undefined
        ? `${KIND_LABELS[kind].toLowerCase()} items`
        : 'items';

  return (
    <section aria-label="Items">
      <div className="toolbar">
        <div className="segmented" role="group" aria-label="Kind of item">
          {[undefined, ...ITEM_KINDS].map((k) => (
            <Link
              key={k ?? 'all'}
              // Production keeps the state chosen; gold and qualification items have none.
              to={itemsPath(
                project.id,
                { kind: k, state: k === 'production' ? state : undefined },
                0,
              )}
              navigate={navigate}
              onClick={() => setTrail([])}
              className="segmented__option"
              aria-current={k === kind ? 'page' : undefined}
            >
              {k === undefined ? 'All' : KIND_LABELS[k]}
              <FilterCount count={k === undefined ? counts.data?.total : counts.data?.kinds[k]} />
            </Link>
          ))}
        </div>
        <span className="toolbar__meta">
          {countLabel(project.itemCount, 'item')} in the project. Gold and qualification items are
          never marked as such to annotators.
        </span>
      </div>
      {showStates && (
        <div className="toolbar">
          <div className="segmented" role="group" aria-label="State of production items">
            {[undefined, ...ITEM_STATES].map((s) => (
              <Link
                key={s ?? 'any'}
                to={itemsPath(project.id, { kind, state: s }, 0)}
                navigate={navigate}
                onClick={() => setTrail([])}
                className="segmented__option"
                aria-current={s === state ? 'page' : undefined}
              >
                {s === undefined ? 'Any state' : STATE_LABELS[s]}
                {s !== undefined && <FilterCount count={counts.data?.states[s]} />}
              </Link>
            ))}
          </div>
          <span className="toolbar__meta">
            Production items: open until someone takes one, complete at{' '}
            {countLabel(project.policy.overlap, 'counted annotation')}; disputed ones wait for
            adjudication.
          </span>
        </div>
      )}

      {items.status === 'failed' && (
        <LoadError
          title="The items could not be loaded."
          error={items.error}
          onRetry={items.reload}
        />
      )}
      {data === null && items.status === 'loading' && <p className="muted">Loading items…</p>}
      {data !== null && rows.length === 0 && (
        <EmptyList
          message={
            after > 0 ? 'No items after this point.' : filtered ? `No ${noun}.` : 'No items yet.'
          }
          clear={
            after > 0 || filtered
              ? { label: 'Show all items', onClear: () => go({}, 0, []) }
              : undefined
          }
        />
      )}
      {data !== null && rows.length > 0 && (
        <>
          <Table
            columns={canReveal ? [...COLUMNS, ACTIONS_COLUMN] : COLUMNS}
            className="table table--items"
            busy={items.status === 'loading'}
          >
            {rows.map((item) => (
              <ItemTableRow
                key={item.id}
                item={item}
                project={project}
                reveal={canReveal ? phiApi : null}
              />
            ))}
          </Table>
          <nav className="pager" aria-label="Pages of items">
            <span className="pager__range">{pageRangeLabel(filter, first, last, data.total)}</span>
            <span className="pager__controls">
              {after > 0 && (
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => go(filter, 0, [])}
                >
                  ⇤ First
                </button>
              )}
              {trail.length > 0 && (
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => go(filter, trail[trail.length - 1] ?? 0, trail.slice(0, -1))}
                >
                  ← Previous
                </button>
              )}
              <button
                type="button"
                className="button button--small"
                disabled={data.nextAfter === null || items.status === 'loading'}
                onClick={() => {
                  if (data.nextAfter !== null) go(filter, data.nextAfter, [...trail, after]);
                }}
              >
                Next →
              </button>
            </span>
          </nav>
        </>
      )}
    </section>
  );
}

function ItemTableRow({
  item,
  project,
  reveal,
}: {
  readonly item: ItemRow;
  readonly project: ProjectDetail;
  /** For a holder of phi:reveal: the API to reveal the original with. */
  readonly reveal: PhiApi | null;
}) {
  const overlap = project.policy.overlap;
  const production = item.kind === 'production';
  const [revealing, setRevealing] = useState(false);
  return (
    <>
      <tr>
        <td className="col-seq" title={`Item ${item.id}`}>
          {item.ord.toLocaleString('en-US')}
        </td>
        <td className="col-kind">
          <KindBadge kind={item.kind} />
        </td>
        <td>
          <div className="cell-data" title={previewText(project.config.display, item.data, 2000)}>
            {previewText(project.config.display, item.data)}
          </div>
        </td>
        <td className="col-gold">{item.gold === null ? '' : formatAnswer(item.gold)}</td>
        <td className="col-number">{item.priority === 0 ? '' : item.priority}</td>
        <td className="col-progress">
          {production ? (
            <span
              className={
                item.submitted >= overlap ? 'progress-count progress-count--done' : 'progress-count'
              }
              title={`${item.submitted} of ${overlap} annotators counted${item.leased > 0 ? `, ${item.leased} working on it now` : ''}`}
            >
              {item.submitted}/{overlap}
              {item.leased > 0 && <span className="muted"> +{item.leased}</span>}
            </span>
          ) : (
            <span className="muted" title="Gold items are scored, not counted toward the overlap">
              {item.leased > 0 ? `${item.leased} working` : '—'}
            </span>
          )}
        </td>
        {reveal !== null && (
          <td className="col-actions">
            <button
              type="button"
              className="button button--small"
              aria-expanded={revealing}
              aria-label={`Reveal the original of item ${item.ord}`}
              onClick={() => setRevealing(!revealing)}
            >
              Reveal original
            </button>
          </td>
        )}
      </tr>
      {reveal !== null && revealing && (
        <RevealRow
          phiApi={reveal}
          itemId={item.id}
          surrogateData={item.data}
          columns={COLUMNS.length + 1}
          onClose={() => setRevealing(false)}
        />
      )}
    </>
  );
}
