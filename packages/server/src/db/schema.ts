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
}

export interface ProjectMembersTable {
  project_id: string;
  user_id: string;
  role: ProjectRole;
  added_at: Timestamp;
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

export interface DB {
  users: UsersTable;
  sessions: SessionsTable;
  projects: ProjectsTable;
  project_members: ProjectMembersTable;
  audit_events: AuditEventsTable;
  audit_head: AuditHeadTable;
  meta: MetaTable;
}
