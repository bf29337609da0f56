import type { ColumnType } from 'kysely';

/** Timestamps are ISO 8601 strings in UTC (`2026-11-22T20:31:05.123Z`) on both dialects. */
export type Timestamp = string;

export type GlobalRole = 'admin' | 'auditor' | 'member';
export const GLOBAL_ROLES: readonly GlobalRole[] = ['admin', 'auditor', 'member'];
export type ProjectRole = 'manager' | 'reviewer' | 'annotator';
export const PROJECT_ROLES: readonly ProjectRole[] = ['manager', 'reviewer', 'annotator'];

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  role: GlobalRole;
  created_at: Timestamp;
  updated_at: Timestamp;
  disabled_at: Timestamp | null;
  /** JSON array of credentials, e.g. `["clinical"]` (issue 6). */
  credentials: ColumnType<string, string | undefined, string>;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  token_hash: string;
  kind: 'session' | 'api';
  name: string | null;
  created_at: Timestamp;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface ProjectsTable {
  id: string;
  name: string;
  description: string;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** JSON of `ProjectConfig`. */
  config: ColumnType<string, string | undefined, string>;
  /** JSON of `QualityPolicy`. */
  policy: ColumnType<string, string | undefined, string>;
  guidelines: ColumnType<string, string | undefined, string>;
  guideline_version: ColumnType<number, number | undefined, number>;
  taxonomy_version: ColumnType<number, number | undefined, number>;
  item_count: ColumnType<number, number | undefined, number>;
}

export type ItemKind = 'production' | 'gold' | 'qualification';

export interface ItemsTable {
  id: string;
  project_id: string;
  /** Import order within the project: the keyset for pagination and the queue's tie-break. */
  ord: number;
  data: string;
  meta: string;
  /** JSON of the gold answer; null for production items. Never leaves the server to annotators. */
  gold: string | null;
  kind: ItemKind;
  priority: number;
  /** Distinct annotators whose submission counts toward the overlap. */
  submitted: number;
  /** Active leases. `submitted + leased` never exceeds the overlap for production items. */
  leased: number;
  created_at: Timestamp;
}

export type AssignmentState = 'leased' | 'submitted' | 'released' | 'expired';

export interface AssignmentsTable {
  id: string;
  project_id: string;
  item_id: string;
  user_id: string;
  kind: ItemKind;
  state: AssignmentState;
  leased_at: Timestamp;
  expires_at: Timestamp;
  /** Last sign of the holder's activity; null only on rows written before migration 0005. */
  touched_at: Timestamp | null;
  /** The qualification attempt a qualification lease belongs to; 1 for every other lease. */
  attempt: ColumnType<number, number | undefined, number>;
  finished_at: Timestamp | null;
  release_reason: string | null;
}

export interface AnnotationsTable {
  id: string;
  project_id: string;
  item_id: string;
  user_id: string;
  assignment_id: string;
  revision: number;
  supersedes: string | null;
  client_id: string;
  value: string;
  active_ms: number;
  guideline_version: number;
  taxonomy_version: number;
  /** 1 when it counts toward the item's overlap; 0 for an excess late submission (kept, flagged). */
  counted: number;
  gold_score: number | null;
  created_at: Timestamp;
}

export type QualificationStatus = 'pending' | 'qualified' | 'failed';

export interface ProjectMembersTable {
  project_id: string;
  user_id: string;
  role: ProjectRole;
  added_at: Timestamp;
  qualification: ColumnType<
    QualificationStatus,
    QualificationStatus | undefined,
    QualificationStatus
  >;
  qualification_score: ColumnType<number | null, number | null | undefined, number | null>;
  /** 1, then one more each time a manager grants a retake of the qualification set. */
  qualification_attempt: ColumnType<number, number | undefined, number>;
}

export interface QualityStateTable {
  project_id: string;
  /** JSON: `{ keys: { [agreementKey]: CoincidenceState } }`. */
  state: string;
  annotations: number;
  updated_at: Timestamp;
}

export type DecisionMethod = 'majority' | 'dawid-skene' | 'adjudication';

export interface DecisionsTable {
  item_id: string;
  project_id: string;
  value: string;
  method: DecisionMethod;
  confidence: number;
  status: 'decided' | 'needs_adjudication';
  decided_by: string | null;
  rationale: string | null;
  decided_at: Timestamp;
}

export interface SnapshotsTable {
  id: string;
  project_id: string;
  version: number;
  created_by: string;
  created_at: Timestamp;
  items: number;
  manifest: string;
}

export interface SnapshotItemsTable {
  snapshot_id: string;
  ord: number;
  item_id: string;
  data: string;
  value: string | null;
  method: string;
  confidence: number | null;
  /** JSON list of the individual annotations (pseudonymous annotator ids). */
  annotations: string;
}

export const ERROR_TYPES = [
  'wrong_label',
  'guideline_violation',
  'incomplete',
  'low_effort',
  'other',
] as const;
export type ErrorType = (typeof ERROR_TYPES)[number];

export interface ReviewsTable {
  id: string;
  project_id: string;
  annotation_id: string;
  item_id: string;
  annotator_id: string;
  status: 'pending' | 'accepted' | 'rejected';
  reviewer_id: string | null;
  error_type: ErrorType | null;
  note: string | null;
  /** Reviewer's active time, for the cost of QA. */
  active_ms: number;
  created_at: Timestamp;
  reviewed_at: Timestamp | null;
}

export interface AuditEventsTable {
  seq: number;
  at: Timestamp;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  payload: string;
  payload_digest: string;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: ColumnType<number, number, never>;
  seq: number;
  hash: string;
}

export interface MetaTable {
  key: string;
  value: string;
}

/** One sealed original per item of a PHI project (`phi/vault.ts`). */
export interface PhiVaultTable {
  item_id: string;
  project_id: string;
  /** The vault key that sealed it. */
  key_id: string;
  sealed: string;
  created_at: Timestamp;
}

/** A PHI project's surrogate secret, sealed: the same identifier gets the same surrogate on every import. */
export interface PhiSecretsTable {
  project_id: string;
  key_id: string;
  sealed: string;
  created_at: Timestamp;
}

export type ProjectPermission = 'phi:reveal';
export const PROJECT_PERMISSIONS: readonly ProjectPermission[] = ['phi:reveal'];

export interface ProjectPermissionsTable {
  project_id: string;
  user_id: string;
  permission: ProjectPermission;
  granted_by: string | null;
  granted_at: Timestamp;
}

export interface DB {
  users: UsersTable;
  sessions: SessionsTable;
  projects: ProjectsTable;
  project_members: ProjectMembersTable;
  items: ItemsTable;
  assignments: AssignmentsTable;
  annotations: AnnotationsTable;
  quality_state: QualityStateTable;
  decisions: DecisionsTable;
  snapshots: SnapshotsTable;
  snapshot_items: SnapshotItemsTable;
  reviews: ReviewsTable;
  audit_events: AuditEventsTable;
  audit_head: AuditHeadTable;
  meta: MetaTable;
  phi_vault: PhiVaultTable;
  phi_secrets: PhiSecretsTable;
  project_permissions: ProjectPermissionsTable;
}
