import { useMemo } from 'react';
import { buildQuery } from '../../api/client';
import type { AdjudicationItem, AdjudicationsPage, QualityApi } from '../../api/quality';
import type { ProjectDetail } from '../../api/types';
import { useResource } from '../../app/use-resource';
import { EmptyList, PagedTable } from '../../components/Table';
import type { Column } from '../../components/Table';
import { formatRowValue, formatValueShort, methodLabel } from '../../lib/adjudication-view';
import { answerRows } from '../../lib/annotation-draft';
import { previewText } from '../../lib/item-display';
import { PAGE_SIZE, offsetOf, parsePage } from '../../lib/pagination';
import { projectPath } from '../../lib/routes';
import type { PageProps } from '../page-props';
import { Badge } from './QualityShared';

const COLUMNS: readonly Column[] = [
  { label: 'Item' },
  { label: 'Final label' },
  { label: 'How' },
  { label: 'Rationale' },
  { label: 'Who said what' },
];

/**
 * Every decided item with its final label, how it was decided (a majority, or a reviewer — named,
 * with their rationale) and the labels it was decided from: the adjudication log.
 */
export function AdjudicationLog({
  api,
  user,
  search,
  navigate,
  project,
  qualityApi,
}: PageProps & { readonly project: ProjectDetail; readonly qualityApi: QualityApi }) {
  const page = parsePage(new URLSearchParams(search).get('page'));
  const offset = offsetOf(page, PAGE_SIZE);
  const decided = useResource<AdjudicationsPage>(
    (signal) =>
      qualityApi.adjudications(
        project.id,
        { status: 'decided', limit: PAGE_SIZE, offset },
        { signal },
      ),
    `decided:${project.id}:${offset}`,
  );
  // Reviewers are named from the member list (decisions carry only their id).
  const members = useResource(
    (signal) => api.listMembers(project.id, { limit: 200, offset: 0 }, { signal }),
    `members:${project.id}`,
  );
  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const m of members.data?.members ?? []) map.set(m.userId, m.name);
    return map;
  }, [members.data]);
  const reviewerName = (id: string | null) =>
    id === null
      ? null
      : id === user.id
        ? 'you'
        : (names.get(id) ?? 'someone outside the project (an admin or a former member)');

  const rows = useMemo(() => answerRows(project.config), [project.config]);
  const here = projectPath(project.id, 'adjudication');

  return (
    <section aria-label="Decided items">
      <p className="toolbar__meta adjudication__log-intro">
        Every decided item, oldest first: majorities computed from the labels, and reviewers’
        decisions with who made them and why. Each decision is also in the audit log.
      </p>
      <PagedTable
        resource={decided}
        rowsOf={(d) => d.items}
        noun="decided items"
        page={page}
        onPage={(p) =>
          navigate(`${here}${buildQuery({ view: 'decided', page: p === 1 ? undefined : p })}`)
        }
        empty={
          <EmptyList message="No item is decided yet: decisions appear once items have all their labels." />
        }
        columns={COLUMNS}
        className="table table--log"
      >
        {(items) =>
          items.map((item) => (
            <LogRow
              key={item.itemId}
              item={item}
              project={project}
              rows={rows}
              reviewer={reviewerName(item.decision.decidedBy)}
            />
          ))
        }
      </PagedTable>
    </section>
  );
}

function LogRow({
  item,
  project,
  rows,
  reviewer,
}: {
  readonly item: AdjudicationItem;
  readonly project: ProjectDetail;
  readonly rows: ReturnType<typeof answerRows>;
  readonly reviewer: string | null;
}) {
  const { decision } = item;
  const adjudicated = decision.method === 'adjudication';
  return (
    <tr>
      <td>
        <div className="cell-data" title={previewText(project.config.display, item.data, 2000)}>
          {previewText(project.config.display, item.data, 120)}
        </div>
        <div className="cell-sub cell-mono">{item.itemId}</div>
      </td>
      <td>
        <strong>{formatValueShort(project.config, decision.value)}</strong>
      </td>
      <td>
        <Badge tone={adjudicated ? 'accent' : 'none'}>{methodLabel(decision.method)}</Badge>
        <div className="cell-sub">
          {adjudicated && reviewer !== null
            ? `by ${reviewer}`
            : `confidence ${Math.round(decision.confidence * 100)} %`}
        </div>
      </td>
      <td className="log-rationale">{decision.rationale ?? <span className="muted">—</span>}</td>
      <td>
        <ul className="log-labels">
          {item.annotations.map((label) => (
            <li key={label.userId}>
              <span className="muted">{label.name}:</span>{' '}
              {rows.map((row) => formatRowValue(row, label.value)).join(', ')}
            </li>
          ))}
        </ul>
      </td>
    </tr>
  );
}
