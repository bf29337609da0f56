import type { Selectable, Transaction } from 'kysely';
import { applyUnit, emptyCoincidenceState, type CoincidenceState } from '@concord/core/agreement';
import type { ProjectConfig, QualityPolicy } from '@concord/core/config';
import type { Dialect } from '../db/database.js';
import type { DB, ItemsTable } from '../db/schema.js';
import { agreementKeys } from './agreement-keys.js';
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

/** Moves one item's unit in the coincidence matrices from `before` to `after` values. */
export function moveUnit(
  state: QualityState,
  config: ProjectConfig,
  before: Map<string, Record<string, unknown>>,
  after: Map<string, Record<string, unknown>>,
): void {
  for (const key of agreementKeys(config)) {
    const pick = (values: Map<string, Record<string, unknown>>) =>
      [...values.values()].map((v) => key.extract(v)).filter((x) => x !== null);
    applyUnit(state.keys[key.key]!, pick(before), -1);
    applyUnit(state.keys[key.key]!, pick(after), 1);
  }
}

/**
 * Keeps a project's live quality in step with one new annotation, inside the transaction that
 * stores it: the item's old values leave the coincidence matrices and its new values enter them
 * (so α never needs a full re-read), and once the item has `overlap` counted annotators its
 * consensus is decided, or queued for adjudication when a field ties or its support is below the
 * policy's adjudication threshold. An adjudicated decision is never overwritten.
 *
 * The project's `quality_state` row is one row every submission of the project updates, locked
 * until commit: call this as the transaction's last step (only the audit events follow), after
 * the item's row is locked and `itemAnnotations` read — the item's annotations before this one,
 * stable while the item is locked. Which of them a reviewer rejected is read after the row lock,
 * as a rejection (`review-annotation.ts`) reads it under the same lock.
 */
export async function recordAnnotationForQuality(
  trx: Transaction<DB>,
  dialect: Dialect,
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
  },
): Promise<void> {
  const { projectId, config, policy, item } = input;
  const newState = (annotations: number) => ({
    project_id: projectId,
    state: JSON.stringify({ keys: {} }),
    annotations,
    updated_at: input.now,
  });
  if (item.kind !== 'production' || !input.counted) {
    // Only the count moves: one statement, no read.
    await trx
      .insertInto('quality_state')
      .values(newState(1))
      .onConflict((oc) =>
        oc.column('project_id').doUpdateSet((eb) => ({
          annotations: eb('quality_state.annotations', '+', 1),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
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
  moveUnit(state, config, before, after);
  if (after.size >= policy.overlap) {
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
    await trx
      .insertInto('decisions')
      .values({ item_id: item.id, project_id: projectId, ...decision })
      .onConflict((oc) =>
        oc.column('item_id').doUpdateSet(decision).where('decisions.method', '!=', 'adjudication'),
      )
      .execute();
  }

  await trx
    .updateTable('quality_state')
    .set({
      state: JSON.stringify(state),
      annotations: Number(row?.annotations ?? 0) + 1,
      updated_at: input.now,
    })
    .where('project_id', '=', projectId)
    .execute();
}
