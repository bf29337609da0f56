import { sql, type RawBuilder, type Selectable, type Transaction } from 'kysely';
import { applyUnit, emptyCoincidenceState, type CoincidenceState } from '@concord/core/agreement';
import type { ProjectConfig, QualityPolicy } from '@concord/core/config';
import type { AtCommit } from '../context.js';
import type { Dialect } from '../db/database.js';
import type { DB, ItemsTable } from '../db/schema.js';
import { agreementKeys, keysNeedItemData } from './agreement-keys.js';
import { itemConsensus } from './consensus.js';

export interface QualityState {
  keys: Record<string, CoincidenceState>;
}

export function parseQualityState(text: string | undefined, config: ProjectConfig): QualityState {
  const state = text ? (JSON.parse(text) as QualityState) : { keys: {} };
  for (const key of agreementKeys(config))
    state.keys[key.key] ??= emptyCoincidenceState(key.levels);
  return state;
}

/** One stored annotation of an item, as far as its unit of agreement needs it. */
export interface ItemAnnotation {
  readonly user_id: string;
  readonly value: string;
  readonly revision: number;
  readonly counted: number;
}

/** The annotators whose work on the item a QA reviewer rejected: it no longer counts. */
async function rejectedAnnotators(trx: Transaction<DB>, itemId: string): Promise<Set<string>> {
  const rows = await trx
    .selectFrom('reviews')
    .select('annotator_id')
    .where('item_id', '=', itemId)
    .where('status', '=', 'rejected')
    .execute();
  return new Set(rows.map((r) => r.annotator_id));
}

/** The latest counted value of each annotator among `annotations`, leaving out `rejected` annotators. */
function latestCounted(
  annotations: readonly ItemAnnotation[],
  rejected: ReadonlySet<string>,
): Map<string, Record<string, unknown>> {
  const latest = new Map<string, Record<string, unknown>>();
  const byRevision = annotations
    .filter((a) => Number(a.counted) === 1 && !rejected.has(a.user_id))
    .sort((x, y) => Number(x.revision) - Number(y.revision));
  for (const a of byRevision) latest.set(a.user_id, JSON.parse(a.value) as Record<string, unknown>);
  return latest;
}

/** The latest counted value of each annotator on an item: the unit agreement is measured on. */
export async function unitValues(
  trx: Transaction<DB>,
  itemId: string,
): Promise<Map<string, Record<string, unknown>>> {
  const annotations = await trx
    .selectFrom('annotations')
    .select(['user_id', 'value', 'revision', 'counted'])
    // The project narrows the search to the (project, item) index.
    .where('project_id', '=', (eb) =>
      eb.selectFrom('items').select('items.project_id').where('items.id', '=', itemId),
    )
    .where('item_id', '=', itemId)
    .execute();
  // Work a QA reviewer rejected no longer counts: the item is redone by someone else.
  return latestCounted(annotations, await rejectedAnnotators(trx, itemId));
}

/** The item's parsed data when the config's agreement keys read it (spans fields), else undefined. */
export async function unitItemData(
  trx: Transaction<DB>,
  config: ProjectConfig,
  itemId: string,
): Promise<unknown> {
  if (!keysNeedItemData(config)) return undefined;
  const row = await trx
    .selectFrom('items')
    .select('data')
    .where('id', '=', itemId)
    .executeTakeFirst();
  return row ? (JSON.parse(row.data) as unknown) : undefined;
}

/**
 * Moves one item's units in the coincidence matrices from `before` to `after` values; `itemData`
 * (the item's parsed data) is needed by spans fields, whose units are the tokens of its text.
 */
export function moveUnit(
  state: QualityState,
  config: ProjectConfig,
  before: Map<string, Record<string, unknown>>,
  after: Map<string, Record<string, unknown>>,
  itemData?: unknown,
): void {
  for (const key of agreementKeys(config)) {
    const was = key.units([...before.values()], itemData);
    const now = key.units([...after.values()], itemData);
    for (const unit of was) applyUnit(state.keys[key.key]!, unit, -1);
    for (const unit of now) applyUnit(state.keys[key.key]!, unit, 1);
  }
}

/**
 * The marker of the error the one-message quality update raises when a reviewer rejected work on
 * the item between the submission's read and its commit: run the submission again with
 * `lockFirst` (see {@link recordAnnotationForQuality}).
 */
export const QUALITY_MOVED = 'concord-quality-moved';

/**
 * Keeps a project's live quality in step with one new annotation, inside the transaction that
 * stores it: the item's old values leave the coincidence matrices and its new values enter them
 * (so α never needs a full re-read), and once the item has `overlap` counted annotators its
 * consensus is decided, or queued for adjudication when a field ties or its support is below the
 * policy's adjudication threshold. An adjudicated decision is never overwritten.
 *
 * Call it once the item's row is locked and `itemAnnotations` read (the item's annotations before
 * this one: stable while the item is locked), as the transaction's last step. The project's
 * `quality_state` is one row every submission of the project updates, locked until commit, so:
 *
 * - On PostgreSQL (unless `lockFirst`) the row is never read here. The change to the matrices is
 *   worked out from the item alone and added to the row by the database, in the commit's message
 *   (`atCommit`), so the row is held only while that message runs. Which annotators of the item a
 *   reviewer rejected is read first, without the row; a rejection takes the row before it reads
 *   the item (`review-annotation.ts`), so after the row is taken the message checks that no new
 *   rejection arrived meanwhile and otherwise fails with {@link QUALITY_MOVED}; it also fails so
 *   when the stored scale of a field is not the config's. Then run again with `lockFirst`.
 * - Otherwise (SQLite, whose one connection serialises everything, or `lockFirst`): the row is
 *   locked and read, the rejections read under it, and the new state written at commit.
 */
export async function recordAnnotationForQuality(
  trx: Transaction<DB>,
  dialect: Dialect,
  atCommit: AtCommit,
  input: {
    readonly projectId: string;
    readonly config: ProjectConfig;
    readonly policy: QualityPolicy;
    readonly item: Pick<Selectable<ItemsTable>, 'id' | 'kind'>;
    readonly itemAnnotations: readonly ItemAnnotation[];
    readonly userId: string;
    readonly value: Record<string, unknown>;
    readonly counted: boolean;
    readonly now: string;
    readonly lockFirst?: boolean;
    /** The item's parsed data, for spans fields (see {@link keysNeedItemData}). */
    readonly itemData?: unknown;
  },
): Promise<void> {
  const { projectId, config, item } = input;
  const newState = (annotations: number, state: QualityState = { keys: {} }) => ({
    project_id: projectId,
    state: JSON.stringify(state),
    annotations,
    updated_at: input.now,
  });
  if (item.kind !== 'production' || !input.counted) {
    // Only the count moves: one statement, no read.
    atCommit(
      trx
        .insertInto('quality_state')
        .values(newState(1))
        .onConflict((oc) =>
          oc.column('project_id').doUpdateSet((eb) => ({
            annotations: eb('quality_state.annotations', '+', 1),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        ),
    );
    return;
  }

  if (dialect === 'postgres' && !input.lockFirst) {
    const rejected = await rejectedAnnotators(trx, item.id);
    const before = latestCounted(input.itemAnnotations, rejected);
    const after = new Map(before).set(input.userId, input.value);
    // The change alone: the unit's move applied to empty matrices of the config's scales.
    const delta = parseQualityState(undefined, config);
    moveUnit(delta, config, before, after, input.itemData);
    atCommit(addToQualityState(newState(1, delta), delta));
    const keys = JSON.stringify(delta.keys);
    atCommit(sql`select (case when exists (
        select 1 from reviews
         where item_id = ${item.id} and status = 'rejected'
           and annotator_id <> all(${[...rejected]}::text[])
      ) or exists (
        select 1 from quality_state q, jsonb_each(q.state::jsonb -> 'keys') s, jsonb_each(${keys}::jsonb) d
         where q.project_id = ${projectId} and d.key = s.key and s.value -> 'levels' <> d.value -> 'levels'
      ) then ${QUALITY_MOVED} end)::integer`);
    decide(trx, atCommit, input, after);
    return;
  }

  const lockState = () => {
    let query = trx
      .selectFrom('quality_state')
      .select(['state', 'annotations'])
      .where('project_id', '=', projectId);
    if (dialect === 'postgres') query = query.forUpdate();
    return query.executeTakeFirst();
  };
  let row = await lockState();
  if (!row) {
    // The project's first counted annotation: create the row (a concurrent first one may win), then lock it.
    await trx
      .insertInto('quality_state')
      .values(newState(0))
      .onConflict((oc) => oc.column('project_id').doNothing())
      .execute();
    row = await lockState();
  }
  const state = parseQualityState(row?.state, config);
  const before = latestCounted(input.itemAnnotations, await rejectedAnnotators(trx, item.id));
  const after = new Map(before).set(input.userId, input.value);
  moveUnit(state, config, before, after, input.itemData);
  decide(trx, atCommit, input, after);
  atCommit(
    trx
      .updateTable('quality_state')
      .set({
        state: JSON.stringify(state),
        annotations: Number(row?.annotations ?? 0) + 1,
        updated_at: input.now,
      })
      .where('project_id', '=', projectId),
  );
}

/** Once the item has `overlap` counted annotators: its majority decision (never over an adjudication). */
function decide(
  trx: Transaction<DB>,
  atCommit: AtCommit,
  input: {
    readonly projectId: string;
    readonly config: ProjectConfig;
    readonly policy: QualityPolicy;
    readonly item: Pick<Selectable<ItemsTable>, 'id'>;
    readonly now: string;
  },
  after: Map<string, Record<string, unknown>>,
): void {
  const { config, policy } = input;
  if (after.size < policy.overlap) return;
  const consensus = itemConsensus(config, [...after.values()]);
  const status: 'decided' | 'needs_adjudication' =
    consensus.tied || consensus.confidence < policy.adjudicationThreshold
      ? 'needs_adjudication'
      : 'decided';
  const decision = {
    value: JSON.stringify(consensus.value),
    method: 'majority' as const,
    confidence: consensus.confidence,
    status,
    decided_by: null,
    rationale: null,
    decided_at: input.now,
  };
  atCommit(
    trx
      .insertInto('decisions')
      .values({ item_id: input.item.id, project_id: input.projectId, ...decision })
      .onConflict((oc) =>
        oc.column('item_id').doUpdateSet(decision).where('decisions.method', '!=', 'adjudication'),
      ),
  );
}

/**
 * PostgreSQL: adds `delta` to the stored coincidence matrices and unit counts, key by key, and
 * counts the annotation — in the database, on the row as it is once locked. A key the row does
 * not have yet is the delta itself (an empty state plus the change). Sums are taken in float8 and
 * written back through float8's text form, which is the shortest that reads back exactly, as
 * JavaScript's is.
 */
function addToQualityState(
  row: { project_id: string; state: string; annotations: number; updated_at: string },
  delta: QualityState,
): RawBuilder<unknown> {
  const keys = JSON.stringify(delta.keys);
  return sql`
    insert into quality_state as q (project_id, state, annotations, updated_at)
    values (${row.project_id}, ${row.state}, ${row.annotations}, ${row.updated_at})
    on conflict (project_id) do update set
      state = (
        select jsonb_build_object('keys', coalesce(jsonb_object_agg(coalesce(s.key, d.key),
          case
            when d.value is null then s.value
            when s.value is null then d.value
            else jsonb_build_object(
              'levels', s.value -> 'levels',
              'matrix', (
                select coalesce(jsonb_agg(
                         ((m.v::float8 + (d.value -> 'matrix' ->> (m.i::int - 1))::float8)::text)::jsonb
                         order by m.i), '[]'::jsonb)
                  from jsonb_array_elements_text(s.value -> 'matrix') with ordinality as m(v, i)),
              'units', (s.value ->> 'units')::integer + (d.value ->> 'units')::integer)
          end), '{}'::jsonb))::text
          from jsonb_each(q.state::jsonb -> 'keys') s
          full join jsonb_each(${keys}::jsonb) d on d.key = s.key),
      annotations = q.annotations + 1,
      updated_at = excluded.updated_at`;
}
