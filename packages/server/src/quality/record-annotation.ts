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

/** The latest counted value of each annotator on an item: the unit agreement is measured on. */
export async function unitValues(
  trx: Transaction<DB>,
  itemId: string,
): Promise<Map<string, Record<string, unknown>>> {
  const rows = await trx
    .selectFrom('annotations as a')
    .select(['a.user_id', 'a.value', 'a.revision'])
    .where('a.item_id', '=', itemId)
    .where('a.counted', '=', 1)
    // Work a QA reviewer rejected no longer counts: the item is redone by someone else.
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('reviews as r')
            .select('r.id')
            .where('r.item_id', '=', itemId)
            .whereRef('r.annotator_id', '=', 'a.user_id')
            .where('r.status', '=', 'rejected'),
        ),
      ),
    )
    .orderBy('a.revision')
    .execute();
  const latest = new Map<string, Record<string, unknown>>();
  for (const row of rows) latest.set(row.user_id, JSON.parse(row.value) as Record<string, unknown>);
  return latest;
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
 */
export async function recordAnnotationForQuality(
  trx: Transaction<DB>,
  dialect: Dialect,
  input: {
    readonly projectId: string;
    readonly config: ProjectConfig;
    readonly policy: QualityPolicy;
    readonly item: Selectable<ItemsTable>;
    readonly userId: string;
    readonly value: Record<string, unknown>;
    readonly counted: boolean;
    readonly now: string;
  },
): Promise<void> {
  const { projectId, config, policy, item } = input;
  // Make sure the row exists, then lock it: concurrent submissions update it one at a time.
  await trx
    .insertInto('quality_state')
    .values({
      project_id: projectId,
      state: JSON.stringify({ keys: {} }),
      annotations: 0,
      updated_at: input.now,
    })
    .onConflict((oc) => oc.column('project_id').doNothing())
    .execute();
  let stateQuery = trx
    .selectFrom('quality_state')
    .select(['state', 'annotations'])
    .where('project_id', '=', projectId);
  if (dialect === 'postgres') stateQuery = stateQuery.forUpdate();
  const row = await stateQuery.executeTakeFirst();
  const state = parseQualityState(row?.state, config);

  if (item.kind === 'production' && input.counted) {
    const before = await unitValues(trx, item.id);
    const after = new Map(before).set(input.userId, input.value);
    moveUnit(state, config, before, after);
    if (after.size >= policy.overlap) {
      const existing = await trx
        .selectFrom('decisions')
        .select('method')
        .where('item_id', '=', item.id)
        .executeTakeFirst();
      if (existing?.method !== 'adjudication') {
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
          .onConflict((oc) => oc.column('item_id').doUpdateSet(decision))
          .execute();
      }
    }
  }

  const annotations = Number(row?.annotations ?? 0) + 1;
  await trx
    .updateTable('quality_state')
    .set({ state: JSON.stringify(state), annotations, updated_at: input.now })
    .where('project_id', '=', projectId)
    .execute();
}
