// The one place the web app talks HTTP. Every function maps to a route of the REST
// contract; the session rides on the HttpOnly cookie (credentials same-origin) and every
// state-changing request carries the CSRF token the server set in the readable cookie.

import { ApiError, NETWORK_ERROR, UNEXPECTED_RESPONSE, apiErrorFromResponse } from './errors';
import type {
  AnnotationReceipt,
  ApiToken,
  AuditFilters,
  AuditPage,
  AuditVerification,
  CreatedApiToken,
  Health,
  ImportResult,
  ItemCounts,
  ItemKind,
  ItemState,
  ItemsPage,
  Lease,
  LoginResult,
  MembersPage,
  NewApiToken,
  NewProject,
  NewUser,
  ProjectDetail,
  ProjectRole,
  ProjectsPage,
  Qualification,
  ReleaseReason,
  SnapshotTrainingOptions,
  User,
  UserChanges,
  UsersPage,
} from './types';

export const CSRF_COOKIE = 'concord_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type QueryValue = string | number | undefined;

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  readonly fetch: FetchLike;
  /** Reads the CSRF token at request time (the cookie can be renewed by any response). */
  readonly csrfToken: () => string | null;
  /** Called when the session is gone (401 on a request made while signed in). */
  readonly onSessionEnded?: (error: ApiError) => void;
  /** Prefix of every path; '' in the browser, where the API is same-origin. */
  readonly baseUrl?: string;
}

export interface RequestOptions {
  readonly signal?: AbortSignal;
}

/** Reads one cookie out of a `document.cookie` string; null when absent. */
export function readCookie(cookies: string, name: string): string | null {
  for (const part of cookies.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return null;
}

/** `?a=1&b=x`, leaving out empty values so the server applies its defaults; '' when nothing is left. */
export function buildQuery(params: Readonly<Record<string, QueryValue>>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

const projectPath = (id: string) => `/api/projects/${encodeURIComponent(id)}`;

/** A manager's decision on a member's qualification: a new attempt, or a result of their own. */
export type QualificationDecision = 'retake' | 'qualified' | 'failed';

/** Where a member's qualification stands after a decision. */
export interface QualificationOutcome {
  readonly userId: string;
  readonly qualification: Qualification;
  readonly attempt: number;
}

export interface PageRequest {
  readonly limit: number;
  readonly offset: number;
}

/**
 * The one way the web app talks to the server: JSON in and out, the CSRF header on writes, errors
 * as `ApiError`, and a 401 outside sign-in reported through `onSessionEnded`. Other API modules
 * (quality, …) build their calls on it.
 */
export function createRequest(options: ApiClientOptions) {
  const baseUrl = options.baseUrl ?? '';

  async function request<T>(
    method: Method,
    path: string,
    body?: unknown,
    extra: RequestOptions & { readonly sessionProbe?: boolean } = {},
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (UNSAFE_METHODS.has(method)) {
      const token = options.csrfToken();
      if (token !== null) headers[CSRF_HEADER] = token;
    }

    let response: Response;
    try {
      response = await options.fetch(baseUrl + path, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: extra.signal,
      });
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      throw new ApiError(0, NETWORK_ERROR, 'The request did not reach the server.');
    }

    if (response.status === 204) return undefined as T;

    const text = await response.text();
    let parsed: unknown = undefined;
    if (text !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }

    if (!response.ok) {
      const error = apiErrorFromResponse(response.status, parsed);
      if (response.status === 401 && !extra.sessionProbe && path !== '/api/auth/login') {
        options.onSessionEnded?.(error);
      }
      throw error;
    }
    if (parsed === undefined) {
      throw new ApiError(
        response.status,
        UNEXPECTED_RESPONSE,
        `The server answered ${response.status} without a JSON body.`,
      );
    }
    return parsed as T;
  }
  return request;
}

export function createApiClient(options: ApiClientOptions) {
  const request = createRequest(options);

  return {
    health: (o?: RequestOptions) => request<Health>('GET', '/api/health', undefined, o),

    login: (email: string, password: string) =>
      request<LoginResult>('POST', '/api/auth/login', { email, password }),

    logout: () => request<undefined>('POST', '/api/auth/logout'),

    /** The signed-in user, or null when there is no session (a 401 here is not an error). */
    me: async (o?: RequestOptions): Promise<User | null> => {
      try {
        const { user } = await request<{ user: User }>('GET', '/api/auth/me', undefined, {
          ...o,
          sessionProbe: true,
        });
        return user;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },

    /** Your other sessions and API tokens are revoked; the session making this request stays. */
    changePassword: (currentPassword: string, newPassword: string) =>
      request<undefined>('POST', '/api/auth/password', { currentPassword, newPassword }),

    listTokens: (o?: RequestOptions) =>
      request<{ tokens: readonly ApiToken[] }>('GET', '/api/auth/tokens', undefined, o),

    createToken: (token: NewApiToken) =>
      request<CreatedApiToken>('POST', '/api/auth/tokens', token),

    revokeToken: (id: string) =>
      request<undefined>('DELETE', `/api/auth/tokens/${encodeURIComponent(id)}`),

    listUsers: (page: PageRequest & { readonly q?: string }, o?: RequestOptions) =>
      request<UsersPage>(
        'GET',
        `/api/users${buildQuery({ limit: page.limit, offset: page.offset, q: page.q?.trim() })}`,
        undefined,
        o,
      ),

    createUser: (user: NewUser) => request<{ id: string }>('POST', '/api/users', user),

    updateUser: (id: string, changes: UserChanges) =>
      request<{ user: User }>('PATCH', `/api/users/${encodeURIComponent(id)}`, changes),

    listProjects: (page: PageRequest, o?: RequestOptions) =>
      request<ProjectsPage>(
        'GET',
        `/api/projects${buildQuery({ limit: page.limit, offset: page.offset })}`,
        undefined,
        o,
      ),

    createProject: (project: NewProject) =>
      request<{ id: string }>('POST', '/api/projects', project),

    getProject: (id: string, o?: RequestOptions) =>
      request<{ project: ProjectDetail }>('GET', projectPath(id), undefined, o),

    /** Builds a snapshot; `training` says how its DPO pairs treat ties and low agreement. */
    createSnapshot: (projectId: string, training?: SnapshotTrainingOptions) =>
      request<{ id: string; version: number }>(
        'POST',
        `${projectPath(projectId)}/snapshots`,
        training === undefined ? undefined : { training },
      ),

    listMembers: (projectId: string, page: PageRequest, o?: RequestOptions) =>
      request<MembersPage>(
        'GET',
        `${projectPath(projectId)}/members${buildQuery({ limit: page.limit, offset: page.offset })}`,
        undefined,
        o,
      ),

    /** Adds a member, or changes the role of one. */
    setMember: (projectId: string, userId: string, role: ProjectRole) =>
      request<{ userId: string; role: ProjectRole }>('POST', `${projectPath(projectId)}/members`, {
        userId,
        role,
      }),

    /** Adds the person whose account has this email (an admin creates accounts), or changes their role. */
    addMemberByEmail: (projectId: string, email: string, role: ProjectRole) =>
      request<{ userId: string; role: ProjectRole }>('POST', `${projectPath(projectId)}/members`, {
        email,
        role,
      }),

    /**
     * Grants a member a retake of the qualification set (409 while their attempt is still open),
     * or overrides the result; the note goes to the audit log with the decision.
     */
    decideQualification: (
      projectId: string,
      userId: string,
      decision: QualificationDecision,
      note?: string,
    ) =>
      request<QualificationOutcome>(
        'POST',
        `${projectPath(projectId)}/members/${encodeURIComponent(userId)}/qualification`,
        note === undefined ? { decision } : { decision, note },
      ),

    /**
     * Imports rows in one request. Without skipInvalid one bad row refuses them all (400 with a
     * `{line, message}` per problem, lines counted from 1 within this request).
     */
    importItems: (
      projectId: string,
      rows: readonly unknown[],
      options: { readonly skipInvalid: boolean },
      o?: RequestOptions,
    ) =>
      request<ImportResult>(
        'POST',
        `${projectPath(projectId)}/items${options.skipInvalid ? '?skipInvalid=true' : ''}`,
        rows,
        o,
      ),

    /** A page of items by keyset, filtered by kind or by state (a state implies production). */
    listItems: (
      projectId: string,
      page: {
        readonly after: number;
        readonly limit: number;
        readonly kind?: ItemKind | undefined;
        readonly state?: ItemState | undefined;
      },
      o?: RequestOptions,
    ) =>
      request<ItemsPage>(
        'GET',
        `${projectPath(projectId)}/items${buildQuery({ after: page.after, limit: page.limit, kind: page.kind, state: page.state })}`,
        undefined,
        o,
      ),

    /** How many items of each kind and, of the production items, in each state. */
    itemCounts: (projectId: string, o?: RequestOptions) =>
      request<ItemCounts>('GET', `${projectPath(projectId)}/items/counts`, undefined, o),

    /**
     * The item leased to you next, or null (204) when nothing is left for you. With `after` (the
     * assignment on screen) the server leases a different item ahead of time.
     */
    nextItem: async (
      projectId: string,
      options: { readonly after?: string } = {},
      o?: RequestOptions,
    ): Promise<Lease | null> =>
      (await request<Lease | undefined>(
        'GET',
        `${projectPath(projectId)}/next${buildQuery({ after: options.after })}`,
        undefined,
        o,
      )) ?? null,

    /** Still working: keeps your leases from being re-routed and extends this one. */
    heartbeat: (assignmentId: string) =>
      request<{ assignment: Lease['assignment'] }>(
        'POST',
        `/api/assignments/${encodeURIComponent(assignmentId)}/heartbeat`,
      ),

    /** Idempotent per clientId: a repeat answers with the annotation stored the first time. */
    submitAnnotation: (
      assignmentId: string,
      submission: { readonly value: unknown; readonly clientId: string; readonly activeMs: number },
    ) =>
      request<AnnotationReceipt>(
        'POST',
        `/api/assignments/${encodeURIComponent(assignmentId)}/submit`,
        submission,
      ),

    releaseAssignment: (assignmentId: string, reason: ReleaseReason) =>
      request<undefined>('POST', `/api/assignments/${encodeURIComponent(assignmentId)}/release`, {
        reason,
      }),

    listAudit: (page: PageRequest & { readonly filters: AuditFilters }, o?: RequestOptions) =>
      request<AuditPage>(
        'GET',
        `/api/audit${buildQuery({
          limit: page.limit,
          offset: page.offset,
          action: page.filters.action.trim(),
          actorId: page.filters.actorId.trim(),
          entityType: page.filters.entityType.trim(),
          entityId: page.filters.entityId.trim(),
          from: page.filters.from,
          to: page.filters.to,
        })}`,
        undefined,
        o,
      ),

    verifyAudit: (o?: RequestOptions) =>
      request<AuditVerification>('GET', '/api/audit/verify', undefined, o),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
