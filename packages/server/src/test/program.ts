import type { FastifyInstance } from 'fastify';
import { createUserAndLogin, json, loginAs, ADMIN } from './harness.js';

/** Helpers for tests that run an annotation program over the REST API. */
export class Api {
  constructor(
    readonly app: FastifyInstance,
    readonly token: string,
  ) {}

  async call<T = Record<string, unknown>>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
  ): Promise<{ status: number; body: T }> {
    const res = await this.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${this.token}` },
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
    });
    return { status: res.statusCode, body: (res.body ? json(res) : null) as T };
  }

  async ok<T = Record<string, unknown>>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
  ): Promise<T> {
    const { status, body } = await this.call<T>(method, url, payload);
    if (status >= 400) throw new Error(`${method} ${url}: ${status} ${JSON.stringify(body)}`);
    return body;
  }
}

export interface Program {
  readonly admin: Api;
  readonly manager: Api;
  readonly annotators: Api[];
  readonly annotatorIds: string[];
  readonly projectId: string;
}

/** A sentiment project with a manager and `annotators` annotators, created over the API. */
export async function setUpProgram(
  app: FastifyInstance,
  options: {
    annotators: number;
    policy?: Record<string, unknown>;
    prefix?: string;
    /** The project's config; default: one single-choice field `sentiment`. */
    config?: Record<string, unknown>;
  },
): Promise<Program> {
  const admin = new Api(app, await loginAs(app, ADMIN.email, ADMIN.password));
  const prefix = options.prefix ?? 'p';
  const manager = await createUserAndLogin(app, admin.token, {
    email: `${prefix}-manager@example.org`,
    role: 'member',
  });
  const managerApi = new Api(app, manager.token);
  const { id: projectId } = await managerApi.ok<{ id: string }>('POST', '/api/projects', {
    name: 'Sentiment',
    config: options.config ?? {
      fields: [{ name: 'sentiment', type: 'choice', labels: ['positive', 'neutral', 'negative'] }],
    },
    policy: { overlap: 2, goldRate: 0, ...options.policy },
  });
  const annotators: Api[] = [];
  const annotatorIds: string[] = [];
  for (let i = 0; i < options.annotators; i++) {
    const a = await createUserAndLogin(app, admin.token, {
      email: `${prefix}-annotator${i}@example.org`,
      role: 'member',
    });
    await managerApi.ok('POST', `/api/projects/${projectId}/members`, {
      userId: a.id,
      role: 'annotator',
    });
    annotators.push(new Api(app, a.token));
    annotatorIds.push(a.id);
  }
  return { admin, manager: managerApi, annotators, annotatorIds, projectId };
}

export interface NextResponse {
  assignment: { id: string; expiresAt: string };
  item: { id: string; data: Record<string, unknown> };
}

/**
 * Works through an annotator's queue: leases the next item until there is none (204), handing
 * each to `work` with its place in the annotator's run (`work` submits it). Returns how many.
 */
export async function workThroughQueue(
  annotator: Api,
  projectId: string,
  work: (next: NextResponse, n: number) => Promise<void>,
): Promise<number> {
  for (let n = 0; ; n++) {
    const next = await annotator.call<NextResponse>('GET', `/api/projects/${projectId}/next`);
    if (next.status === 204) return n;
    if (next.status !== 200) throw new Error(`GET next: ${next.status}`);
    await work(next.body, n);
  }
}

/** A reviewer added to the program's project (`qa@example.org` unless told otherwise). */
export async function addReviewer(
  app: FastifyInstance,
  program: Pick<Program, 'admin' | 'manager' | 'projectId'>,
  email = 'qa@example.org',
): Promise<Api> {
  const reviewer = await createUserAndLogin(app, program.admin.token, { email, role: 'member' });
  await program.manager.ok('POST', `/api/projects/${program.projectId}/members`, {
    userId: reviewer.id,
    role: 'reviewer',
  });
  return new Api(app, reviewer.token);
}
