// The shapes the server sends, as the web app reads them. They mirror the REST contract of
// issue 2; the server's presenters decide the fields, this file only names them.

export type GlobalRole = 'admin' | 'auditor' | 'member';

export const GLOBAL_ROLES: readonly GlobalRole[] = ['admin', 'auditor', 'member'];

export type ProjectRole = 'manager' | 'reviewer' | 'annotator';

export interface User {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: GlobalRole;
  readonly disabled: boolean;
  readonly createdAt: string;
}

export interface Project {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly createdAt: string;
  readonly myRole: ProjectRole | null;
}

export interface AuditEvent {
  readonly seq: number;
  readonly at: string;
  readonly actorId: string | null;
  readonly actorEmail: string | null;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string | null;
  readonly payload: unknown;
  readonly payloadDigest: string;
  readonly prevHash: string;
  readonly hash: string;
}

/** A page of a list endpoint: the rows plus what is needed to page through the rest. */
export interface Page {
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

export interface UsersPage extends Page {
  readonly users: readonly User[];
}

export interface ProjectsPage extends Page {
  readonly projects: readonly Project[];
}

export interface AuditPage extends Page {
  readonly events: readonly AuditEvent[];
}

export type AuditVerification =
  | { readonly ok: true; readonly events: number }
  | {
      readonly ok: false;
      readonly events: number;
      readonly brokenAt: number;
      readonly reason?: string;
      readonly message?: string;
    };

export interface LoginResult {
  readonly token: string;
  readonly csrfToken: string;
  readonly user: User;
}

export interface Health {
  readonly status: 'ok';
  readonly db: 'sqlite' | 'postgres';
  readonly version: string;
}

export interface NewUser {
  readonly email: string;
  readonly name: string;
  readonly password: string;
  readonly role: GlobalRole;
}

export interface UserChanges {
  readonly name?: string;
  readonly role?: GlobalRole;
  readonly disabled?: boolean;
  readonly password?: string;
}

/** One of your API tokens, as listed: never its secret. */
export interface ApiToken {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  /** Null for a token that never expires. */
  readonly expiresAt: string | null;
}

export interface NewApiToken {
  readonly name: string;
  /** 1–3650, or null for a token that never expires. */
  readonly expiresInDays: number | null;
}

/** The answer to creating a token: the only time the server sends its secret. */
export interface CreatedApiToken extends ApiToken {
  readonly token: string;
}

export interface NewProject {
  readonly name: string;
  readonly description?: string;
}

/** Filters of the audit log; empty strings mean "no filter" and are not sent. */
export interface AuditFilters {
  readonly action: string;
  readonly actorId: string;
  readonly entityType: string;
  readonly entityId: string;
  /** ISO 8601 instants (UTC), inclusive bounds. */
  readonly from: string;
  readonly to: string;
}

export const NO_AUDIT_FILTERS: AuditFilters = {
  action: '',
  actorId: '',
  entityType: '',
  entityId: '',
  from: '',
  to: '',
};
