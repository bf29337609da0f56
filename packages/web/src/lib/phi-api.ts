// The routes of regulated (PHI) projects (issue 6), as the web app calls them: reveal grants,
// the audited reveal of an item's originals, users' credentials, the vault's deletion and the
// compliance report. Same transport as client.ts (cookie session, CSRF token on writes, every
// failure an ApiError) over the same options.

import { buildQuery, createRequest } from '../api/client';
import type { ApiClientOptions, RequestOptions } from '../api/client';
import type { Page, User } from '../api/types';
import type { RevealedItem } from './phi-reveal';

export type ProjectPermission = 'phi:reveal';

/** One person's permission on a project, as the server lists it. */
export interface PermissionGrant {
  readonly userId: string;
  readonly email?: string;
  readonly name?: string;
  readonly permission: ProjectPermission;
  /** The user ID of whoever granted it (null for a grant made by the system). */
  readonly grantedBy: string | null;
  readonly grantedAt: string;
}

export interface PermissionsPage extends Page {
  readonly grants: readonly PermissionGrant[];
}

/** What a deletion of the vault destroyed, as recorded in its audit event. */
export interface VaultPurge {
  readonly rows: number;
  /** SHA-256 over the deleted rows: proof of what was destroyed, without any PHI. */
  readonly digest: string;
  readonly secretDestroyed: boolean;
}

/** A PHI project's vault at a glance (GET /projects/:id/vault): counts, keys, the latest purge. */
export interface VaultState {
  /** Sealed originals kept. */
  readonly records: number;
  readonly keyIds: readonly string[];
  /** The key the server seals new originals with; null when none is configured. */
  readonly keyId: string | null;
  /** Whether the surrogate secret still exists (a full deletion destroys it). */
  readonly secret: boolean;
  readonly lastPurge: {
    readonly at: string;
    readonly rows: number;
    readonly secretDestroyed: boolean;
    readonly scope: 'all' | 'retention';
  } | null;
}

/** The parts of the compliance report (JSON) a client may read. */
export interface ComplianceReportSummary {
  readonly vault?: {
    /** Sealed originals kept. */
    readonly rows?: number;
    /** Whether the surrogate secret still exists (a full deletion destroys it). */
    readonly secret?: boolean;
    /** Deletions of the vault, newest first. */
    readonly purges?: readonly { readonly at: string }[];
  };
  /** Members' credentials against the project's requirement. */
  readonly credentials?: readonly {
    readonly userId: string;
    readonly credentials: readonly string[];
    readonly missing: readonly string[];
  }[];
}

/** A user as listed by an admin, with the credentials the server keeps for them. */
export type UserWithCredentials = User & { readonly credentials?: readonly string[] };

/**
 * The grants of one page, whether the server pages the list (`total`, `limit`, `offset`) or
 * answers with all of them at once (then the page is cut here, so both read alike).
 */
export function permissionsPageOf(
  body: unknown,
  page: { readonly limit: number; readonly offset: number },
): PermissionsPage {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const list = Array.isArray(body)
    ? body
    : Array.isArray(record.permissions)
      ? record.permissions
      : Array.isArray(record.grants)
        ? record.grants
        : [];
  const grants = list as readonly PermissionGrant[];
  if (typeof record.total === 'number') {
    return {
      grants,
      total: record.total,
      limit: typeof record.limit === 'number' ? record.limit : page.limit,
      offset: typeof record.offset === 'number' ? record.offset : page.offset,
    };
  }
  return {
    grants: grants.slice(page.offset, page.offset + page.limit),
    total: grants.length,
    limit: page.limit,
    offset: page.offset,
  };
}

export function complianceReportPath(projectId: string, format: 'html' | 'json'): string {
  return `/api/projects/${encodeURIComponent(projectId)}/compliance-report${buildQuery({ format })}`;
}

export function createPhiApi(options: ApiClientOptions) {
  const request = createRequest(options);
  const project = (id: string) => `/api/projects/${encodeURIComponent(id)}`;

  return {
    /** Who may reveal originals in the project (managers, admins and auditors read it). */
    permissions: async (
      projectId: string,
      page: { readonly limit: number; readonly offset: number },
      o?: RequestOptions,
    ): Promise<PermissionsPage> =>
      permissionsPageOf(
        await request<unknown>(
          'GET',
          `${project(projectId)}/permissions${buildQuery({ limit: page.limit, offset: page.offset })}`,
          undefined,
          o,
        ),
        page,
      ),

    /** Grants `phi:reveal` to the person with this email or user ID (idempotent, audited). */
    grant: (
      projectId: string,
      who: { readonly email: string } | { readonly userId: string },
      permission: ProjectPermission = 'phi:reveal',
    ) => request<unknown>('POST', `${project(projectId)}/permissions`, { ...who, permission }),

    revoke: (projectId: string, userId: string, permission: ProjectPermission = 'phi:reveal') =>
      request<unknown>(
        'DELETE',
        `${project(projectId)}/permissions/${encodeURIComponent(userId)}/${encodeURIComponent(permission)}`,
      ),

    /** The originals of one item; writes a `phi.reveal` audit event with the reason. */
    reveal: (itemId: string, reason: string) =>
      request<RevealedItem>('POST', `/api/items/${encodeURIComponent(itemId)}/reveal`, {
        reason,
      }),

    /** Replaces a user's credentials (admins). */
    setCredentials: (userId: string, credentials: readonly string[]) =>
      request<{ user: UserWithCredentials }>(
        'PUT',
        `/api/users/${encodeURIComponent(userId)}/credentials`,
        { credentials },
      ),

    /** Deletes every original of the project and its surrogate secret; cannot be undone. */
    purgeVault: (projectId: string, reason: string) =>
      request<VaultPurge>('DELETE', `${project(projectId)}/vault`, {
        reason,
      }),

    /** The vault's counts and latest purge: cheap, for every visit of the Privacy tab. */
    vaultStatus: (projectId: string, o?: RequestOptions) =>
      request<VaultState>('GET', `${project(projectId)}/vault`, undefined, o),

    /** The compliance report's data (the HTML form is downloaded through a link instead). */
    complianceReport: (projectId: string, o?: RequestOptions) =>
      request<ComplianceReportSummary>(
        'GET',
        complianceReportPath(projectId, 'json'),
        undefined,
        o,
      ),

    /**
     * Saves a PHI project's de-identification settings and required credentials (managers,
     * admins); the server refuses to make a project PHI or to turn PHI off.
     */
    updatePhi: (
      projectId: string,
      settings: { readonly phi: unknown; readonly credentials: readonly string[] },
    ) =>
      request<{ phi: unknown; changed: readonly string[] }>(
        'PUT',
        `${project(projectId)}/phi`,
        settings,
      ),
  };
}

export type PhiApi = ReturnType<typeof createPhiApi>;
