import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { GENESIS_HASH } from '@concord/core/audit';

/*
 * One set of migrations for SQLite and PostgreSQL. Only portable column types are used
 * (text, integer); timestamps are ISO 8601 UTC text, JSON is text. Each migration is tested on
 * both dialects by the storage suite.
 */

const m0001Foundation: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) =>
        c.notNull().check(sqlIn('role', ['admin', 'auditor', 'member'])),
      )
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('disabled_at', 'text')
      .execute();

    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('kind', 'text', (c) => c.notNull().check(sqlIn('kind', ['session', 'api'])))
      .addColumn('name', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text')
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

    await db.schema
      .createTable('projects')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('project_members')
      .addColumn('project_id', 'text', (c) =>
        c.notNull().references('projects.id').onDelete('cascade'),
      )
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('role', 'text', (c) =>
        c.notNull().check(sqlIn('role', ['manager', 'reviewer', 'annotator'])),
      )
      .addColumn('added_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('project_members_pk', ['project_id', 'user_id'])
      .execute();
    await db.schema
      .createIndex('project_members_user_idx')
      .on('project_members')
      .column('user_id')
      .execute();

    await db.schema
      .createTable('audit_events')
      .addColumn('seq', 'integer', (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text')
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('payload_digest', 'text', (c) => c.notNull())
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('audit_events_action_idx')
      .on('audit_events')
      .columns(['action', 'seq'])
      .execute();
    await db.schema
      .createIndex('audit_events_actor_idx')
      .on('audit_events')
      .columns(['actor_id', 'seq'])
      .execute();
    await db.schema
      .createIndex('audit_events_entity_idx')
      .on('audit_events')
      .columns(['entity_type', 'entity_id', 'seq'])
      .execute();

    // A single row that every append locks (FOR UPDATE on PostgreSQL), so concurrent writers
    // from several server instances extend the chain one at a time.
    await db.schema
      .createTable('audit_head')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();
    await (db as Kysely<{ audit_head: { id: number; seq: number; hash: string } }>)
      .insertInto('audit_head')
      .values({ id: 1, seq: 0, hash: GENESIS_HASH })
      .execute();

    await db.schema
      .createTable('meta')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
  },
};

/**
 * Issue 4: a project's config, policy and guidelines; items (with hidden gold and the
 * qualification set); assignments (leases) and annotations (immutable revisions).
 */
const m0002Program: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('projects')
      .addColumn('config', 'text', (c) => c.notNull().defaultTo('{"fields":[]}'))
      .execute();
    await db.schema
      .alterTable('projects')
      .addColumn('policy', 'text', (c) => c.notNull().defaultTo('{}'))
      .execute();
    await db.schema
      .alterTable('projects')
      .addColumn('guidelines', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema
      .alterTable('projects')
      .addColumn('guideline_version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema
      .alterTable('projects')
      .addColumn('taxonomy_version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema
      .alterTable('projects')
      .addColumn('item_count', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();

    await db.schema
      .alterTable('project_members')
      .addColumn('qualification', 'text', (c) => c.notNull().defaultTo('pending'))
      .execute();
    await db.schema
      .alterTable('project_members')
      .addColumn('qualification_score', 'real')
      .execute();

    await db.schema
      .createTable('items')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('project_id', 'text', (c) =>
        c.notNull().references('projects.id').onDelete('cascade'),
      )
      .addColumn('ord', 'integer', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('meta', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('gold', 'text')
      .addColumn('kind', 'text', (c) =>
        c.notNull().check(sqlIn('kind', ['production', 'gold', 'qualification'])),
      )
      .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('submitted', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('leased', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('items_project_ord_idx')
      .on('items')
      .columns(['project_id', 'ord'])
      .unique()
      .execute();
    // The assignment engine's scan: open production items of a project by priority, then import order.
    await db.schema
      .createIndex('items_queue_idx')
      .on('items')
      .columns(['project_id', 'kind', 'priority desc', 'ord'])
      .execute();

    await db.schema
      .createTable('assignments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('project_id', 'text', (c) =>
        c.notNull().references('projects.id').onDelete('cascade'),
      )
      .addColumn('item_id', 'text', (c) => c.notNull().references('items.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) =>
        c.notNull().check(sqlIn('state', ['leased', 'submitted', 'released', 'expired'])),
      )
      .addColumn('leased_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .addColumn('release_reason', 'text')
      .execute();
    // Never the same item twice to one person, whatever the engine does.
    await db.schema
      .createIndex('assignments_item_user_idx')
      .on('assignments')
      .columns(['item_id', 'user_id'])
      .unique()
      .execute();
    await db.schema
      .createIndex('assignments_user_idx')
      .on('assignments')
      .columns(['project_id', 'user_id', 'state'])
      .execute();
    await db.schema
      .createIndex('assignments_expiry_idx')
      .on('assignments')
      .columns(['project_id', 'state', 'expires_at'])
      .execute();

    await db.schema
      .createTable('annotations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('project_id', 'text', (c) =>
        c.notNull().references('projects.id').onDelete('cascade'),
      )
      .addColumn('item_id', 'text', (c) => c.notNull().references('items.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('assignment_id', 'text', (c) => c.notNull().references('assignments.id'))
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('supersedes', 'text')
      .addColumn('client_id', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('active_ms', 'integer', (c) => c.notNull())
      .addColumn('guideline_version', 'integer', (c) => c.notNull())
      .addColumn('taxonomy_version', 'integer', (c) => c.notNull())
      .addColumn('counted', 'integer', (c) => c.notNull())
      .addColumn('gold_score', 'real')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('annotations_client_idx')
      .on('annotations')
      .columns(['user_id', 'client_id'])
      .unique()
      .execute();
    await db.schema
      .createIndex('annotations_item_idx')
      .on('annotations')
      .columns(['project_id', 'item_id'])
      .execute();
    await db.schema
      .createIndex('annotations_user_idx')
      .on('annotations')
      .columns(['project_id', 'user_id', 'created_at'])
      .execute();
  },
};

/** Issue 4: live quality state, consensus and adjudication decisions, snapshots. */
const m0003Quality: Migration = {
  async up(db: Kysely<unknown>) {
    // One row per project, updated inside each submission's transaction (row-locked on PostgreSQL).
    await db.schema
      .createTable('quality_state')
      .addColumn('project_id', 'text', (c) =>
        c.primaryKey().references('projects.id').onDelete('cascade'),
      )
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('annotations', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('decisions')
      .addColumn('item_id', 'text', (c) =>
        c.primaryKey().references('items.id').onDelete('cascade'),
      )
      .addColumn('project_id', 'text', (c) =>
        c.notNull().references('projects.id').onDelete('cascade'),
      )
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) =>
        c.notNull().check(sqlIn('method', ['majority', 'dawid-skene', 'adjudication'])),
      )
      .addColumn('confidence', 'real', (c) => c.notNull())
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sqlIn('status', ['decided', 'needs_adjudication'])),
      )
      .addColumn('decided_by', 'text')
      .addColumn('rationale', 'text')
      .addColumn('decided_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('decisions_queue_idx')
      .on('decisions')
      .columns(['project_id', 'status', 'decided_at'])
      .execute();

    await db.schema
      .createTable('snapshots')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('project_id', 'text', (c) =>
        c.notNull().references('projects.id').onDelete('cascade'),
      )
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('items', 'integer', (c) => c.notNull())
      .addColumn('manifest', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('snapshots_project_idx')
      .on('snapshots')
      .columns(['project_id', 'version'])
      .unique()
      .execute();

    await db.schema
      .createTable('snapshot_items')
      .addColumn('snapshot_id', 'text', (c) =>
        c.notNull().references('snapshots.id').onDelete('cascade'),
      )
      .addColumn('ord', 'integer', (c) => c.notNull())
      .addColumn('item_id', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('value', 'text')
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('confidence', 'real')
      .addColumn('annotations', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('snapshot_items_pk', ['snapshot_id', 'ord'])
      .execute();
  },
};

/** Issue 4: QA review of sampled annotations (accept / reject with an error type; rejected work is redone). */
const m0004Review: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('reviews')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('project_id', 'text', (c) =>
        c.notNull().references('projects.id').onDelete('cascade'),
      )
      .addColumn('annotation_id', 'text', (c) =>
        c.notNull().unique().references('annotations.id').onDelete('cascade'),
      )
      .addColumn('item_id', 'text', (c) => c.notNull())
      .addColumn('annotator_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sqlIn('status', ['pending', 'accepted', 'rejected'])),
      )
      .addColumn('reviewer_id', 'text')
      .addColumn('error_type', 'text')
      .addColumn('note', 'text')
      .addColumn('active_ms', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('reviewed_at', 'text')
      .execute();
    await db.schema
      .createIndex('reviews_queue_idx')
      .on('reviews')
      .columns(['project_id', 'status', 'created_at'])
      .execute();
  },
};

/**
 * When an annotator last showed activity on a lease (the workspace's heartbeat, or any request
 * of theirs in the project). Leases of annotators idle longer than the policy's `idleMinutes`
 * are re-routed to someone who can work on them.
 */
const m0005LeaseActivity: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('assignments').addColumn('touched_at', 'text').execute();
    await sql`update assignments set touched_at = leased_at`.execute(db);
    await db.schema
      .createIndex('assignments_idle_idx')
      .on('assignments')
      .columns(['project_id', 'state', 'touched_at'])
      .execute();
  },
};

/**
 * The items list at a million items: a filter by state (open, in progress, complete) pages by
 * keyset and counts from index ranges, never from a scan of the items' payloads; and adjudicated
 * items are counted from the decisions without reading every decided one.
 */
const m0008Pages: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('items_state_idx')
      .on('items')
      .columns(['project_id', 'kind', 'submitted', 'leased', 'ord'])
      .execute();
    await db.schema
      .createIndex('decisions_method_idx')
      .on('decisions')
      .columns(['project_id', 'method'])
      .execute();
  },
};

/**
 * The next/submit cycle: a submission reads which annotators of its item a reviewer rejected
 * (their work no longer counts) by the item, not by scanning the project's rejected reviews; the
 * lease finds the first open item per number of annotators already on it (`submitted + leased`),
 * in queue order, instead of walking past every full item from the start of the queue. The queue
 * order is written `-priority` so that no other index can serve it (PostgreSQL would otherwise
 * pick `items_queue_idx` when most items are untouched, and walk the full ones again).
 */
const m0006CycleIndexes: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('reviews_item_idx').on('reviews').columns(['item_id']).execute();
    await sql`create index items_open_idx on items (project_id, kind, (submitted + leased), (-priority), ord)`.execute(
      db,
    );
  },
};

/**
 * Qualification retakes: a member's attempt number, and the attempt each lease belongs to. An
 * annotator is never served an item twice within one attempt; a retake (attempt + 1) serves the
 * qualification set again. Production and gold leases stay at attempt 1, so for them the unique
 * (item, annotator, attempt) index is the old one-lease-per-person guard.
 */
const m0009QualificationRetake: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('project_members')
      .addColumn('qualification_attempt', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema
      .alterTable('assignments')
      .addColumn('attempt', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema.dropIndex('assignments_item_user_idx').execute();
    await db.schema
      .createIndex('assignments_item_user_idx')
      .on('assignments')
      .columns(['item_id', 'user_id', 'attempt'])
      .unique()
      .execute();
  },
};

/**
 * Issue 6, regulated data: credentials on users (e.g. `clinical`); the vault of a PHI project's
 * originals (one sealed record per item, AES-256-GCM, see `phi/vault.ts`) and its surrogate
 * secret (also sealed); per-project permissions such as `phi:reveal`.
 */
const m0010Phi: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('users')
      .addColumn('credentials', 'text', (c) => c.notNull().defaultTo('[]'))
      .execute();
    await db.schema
      .createTable('phi_vault')
      .addColumn('item_id', 'text', (c) =>
        c.primaryKey().references('items.id').onDelete('cascade'),
      )
      .addColumn('project_id', 'text', (c) =>
        c.notNull().references('projects.id').onDelete('cascade'),
      )
      .addColumn('key_id', 'text', (c) => c.notNull())
      .addColumn('sealed', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('phi_vault_project_idx')
      .on('phi_vault')
      .columns(['project_id', 'created_at'])
      .execute();
    await db.schema
      .createTable('phi_secrets')
      .addColumn('project_id', 'text', (c) =>
        c.primaryKey().references('projects.id').onDelete('cascade'),
      )
      .addColumn('key_id', 'text', (c) => c.notNull())
      .addColumn('sealed', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('project_permissions')
      .addColumn('project_id', 'text', (c) =>
        c.notNull().references('projects.id').onDelete('cascade'),
      )
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('permission', 'text', (c) =>
        c.notNull().check(sqlIn('permission', ['phi:reveal'])),
      )
      .addColumn('granted_by', 'text')
      .addColumn('granted_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('project_permissions_pk', ['project_id', 'user_id', 'permission'])
      .execute();
  },
};

function sqlIn(column: string, values: readonly string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}

/** Migrations in order; names sort lexically, which is the order Kysely applies them in. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-foundation': m0001Foundation,
  '0002-program': m0002Program,
  '0003-quality': m0003Quality,
  '0004-review': m0004Review,
  '0005-lease-activity': m0005LeaseActivity,
  '0006-cycle-indexes': m0006CycleIndexes,
  '0008-pages': m0008Pages,
  '0009-qualification-retake': m0009QualificationRetake,
  '0010-phi': m0010Phi,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve({ ...MIGRATIONS }),
};
