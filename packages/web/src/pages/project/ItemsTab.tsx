import { useState } from 'react';
import { buildQuery } from '../../api/client';
import { ITEM_KINDS } from '../../api/types';
import type { ItemKind, ItemRow, ItemsPage, ProjectDetail } from '../../api/types';
import { useResource } from '../../app/use-resource';
import { LoadError } from '../../components/Alert';
import { Link } from '../../components/Link';
import { EmptyList, Table } from '../../components/Table';
import type { Column } from '../../components/Table';
import { countLabel } from '../../lib/format';
import { formatAnswer, previewText } from '../../lib/item-display';
import { projectPath } from '../../lib/routes';
import type { PageProps } from '../page-props';

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

function parseAfter(value: string | null): number {
  return value !== null && /^\d+$/.test(value) ? Number(value) : 0;
}

function itemsPath(projectId: string, kind: ItemKind | undefined, after: number): string {
  return `${projectPath(projectId, 'items')}${buildQuery({ kind, after: after > 0 ? after : undefined })}`;
}

export function KindBadge({ kind }: { readonly kind: string }) {
  const known = parseKind(kind);
  return (
    <span className={`kind-badge kind-badge--${known ?? 'production'}`}>
      {known === undefined ? kind : KIND_LABELS[known]}
    </span>
  );
}

/**
 * The project's items in import order, a page at a time by keyset (`?after=` the last # seen), so
 * the tenth thousandth page is as fast as the first; filtered by kind.
 */
export function ItemsTab({
  api,
  search,
  navigate,
  project,
}: PageProps & { readonly project: ProjectDetail }) {
  const params = new URLSearchParams(search);
  const kind = parseKind(params.get('kind'));
  const after = parseAfter(params.get('after'));
  const items = useResource<ItemsPage>(
    (signal) => api.listItems(project.id, { after, limit: ITEMS_PAGE_SIZE, kind }, { signal }),
    `items:${project.id}:${kind ?? ''}:${after}`,
  );
  // The pages visited before this one, to go back a page: a keyset only knows what comes next.
  const [trail, setTrail] = useState<readonly number[]>([]);

  const go = (nextKind: ItemKind | undefined, nextAfter: number, nextTrail: readonly number[]) => {
    setTrail(nextTrail);
    navigate(itemsPath(project.id, nextKind, nextAfter));
  };

  const data = items.data;
  const rows = data?.items ?? [];
  const first = rows[0]?.ord;
  const last = rows[rows.length - 1]?.ord;

  return (
    <section aria-label="Items">
      <div className="toolbar">
        <div className="segmented" role="group" aria-label="Kind of item">
          {[undefined, ...ITEM_KINDS].map((k) => (
            <Link
              key={k ?? 'all'}
              to={itemsPath(project.id, k, 0)}
              navigate={navigate}
              onClick={() => setTrail([])}
              className="segmented__option"
              aria-current={k === kind ? 'page' : undefined}
            >
              {k === undefined ? 'All' : KIND_LABELS[k]}
            </Link>
          ))}
        </div>
        <span className="toolbar__meta">
          {countLabel(project.itemCount, 'item')} in the project. Gold and qualification items are
          never marked as such to annotators.
        </span>
      </div>

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
            after > 0
              ? 'No items after this point.'
              : kind === undefined
                ? 'No items yet.'
                : `No ${KIND_LABELS[kind].toLowerCase()} items.`
          }
          clear={
            after > 0 || kind !== undefined
              ? { label: 'Show all items', onClear: () => go(undefined, 0, []) }
              : undefined
          }
        />
      )}
      {data !== null && rows.length > 0 && (
        <>
          <Table columns={COLUMNS} className="table table--items" busy={items.status === 'loading'}>
            {rows.map((item) => (
              <ItemTableRow key={item.id} item={item} project={project} />
            ))}
          </Table>
          <nav className="pager" aria-label="Pages of items">
            <span className="pager__range">
              {kind === undefined
                ? `#${first?.toLocaleString('en-US')}–#${last?.toLocaleString('en-US')} of ${project.itemCount.toLocaleString('en-US')} items`
                : `${countLabel(rows.length, `${KIND_LABELS[kind].toLowerCase()} item`)}, #${first?.toLocaleString('en-US')} to #${last?.toLocaleString('en-US')}`}
            </span>
            <span className="pager__controls">
              {after > 0 && (
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => go(kind, 0, [])}
                >
                  ⇤ First
                </button>
              )}
              {trail.length > 0 && (
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => go(kind, trail[trail.length - 1] ?? 0, trail.slice(0, -1))}
                >
                  ← Previous
                </button>
              )}
              <button
                type="button"
                className="button button--small"
                disabled={data.nextAfter === null || items.status === 'loading'}
                onClick={() => {
                  if (data.nextAfter !== null) go(kind, data.nextAfter, [...trail, after]);
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
}: {
  readonly item: ItemRow;
  readonly project: ProjectDetail;
}) {
  const overlap = project.policy.overlap;
  const production = item.kind === 'production';
  return (
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
    </tr>
  );
}
