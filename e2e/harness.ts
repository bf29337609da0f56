// What every browser test needs: the web app built, the real server in-process on a free
// port with a fresh SQLite database, and headless Chromium with a profile of its own.
// Each test file gets its own copy of all three, so files can run in parallel.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
// Only the type here: the server itself is imported when a suite runs, not when it is skipped.
import type { buildServer } from '@concord/server';

// CHROMIUM_PATH exists to point at another build (or at nothing, to check the skip).
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  // eslint-disable-next-line no-console -- the one line that says why these suites did not run
  console.log(`browser tests skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);
}

const root = fileURLToPath(new URL('..', import.meta.url));
const webDir = join(root, 'packages', 'web');
export const screenshots = join(root, 'e2e', 'screenshots');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const ADMIN = { email: 'admin@example.org', password: 'correct horse battery staple' };

export type Server = Awaited<ReturnType<typeof buildServer>>;

export interface Harness {
  readonly app: Server;
  readonly baseUrl: string;
  readonly context: BrowserContext;
  readonly page: Page;
  /** A full-page screenshot into e2e/screenshots/<name>.png, for a person to look at. */
  readonly shot: (name: string) => Promise<unknown>;
  /**
   * A fresh browser context (its own cookies and storage) with a page, for another person
   * working at the same time; closed with the harness.
   */
  readonly newPerson: () => Promise<Page>;
  readonly close: () => Promise<void>;
}

/**
 * Builds the web app from its current sources into a folder of this run's own (a build takes
 * about a second), so a test never serves a stale dist/ nor one another file is rebuilding.
 */
function buildWeb(outDir: string): void {
  execFileSync(
    'npx',
    ['vite', 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'],
    {
      cwd: webDir,
      stdio: 'inherit',
    },
  );
}

export async function startHarness(
  serverOptions: { readonly loginAttempts?: number } = {},
): Promise<Harness> {
  mkdirSync(screenshots, { recursive: true });
  const dirs = ['data', 'web', 'profile'].map((name) =>
    mkdtempSync(join(tmpdir(), `concord-e2e-${name}-`)),
  );
  const [dataDir = '', webRoot = '', profileDir = ''] = dirs;
  const cleanup = () => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  };
  let app: Server | undefined;
  let context: BrowserContext | undefined;
  try {
    buildWeb(webRoot);
    const server = await import('@concord/server');
    app = await server.buildServer({
      databaseUrl: `sqlite:${join(dataDir, 'concord.db')}`,
      dataDir,
      webRoot,
      logger: false,
      adminEmail: ADMIN.email,
      adminPassword: ADMIN.password,
      passwordCost: 10,
      loginAttempts: serverOptions.loginAttempts ?? 10,
    });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 800 },
      args: CHROMIUM_ARGS,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(10_000);
    const started = { app, context };
    let browser: Promise<Browser> | undefined;
    return {
      app,
      baseUrl: address.replace('localhost', '127.0.0.1'),
      context,
      page,
      shot: (name) => screenshot(page, name),
      newPerson: async () => {
        browser ??= chromium.launch({
          executablePath: CHROMIUM,
          headless: true,
          args: CHROMIUM_ARGS,
        });
        const other = await (await browser).newContext({ viewport: { width: 1280, height: 800 } });
        const otherPage = await other.newPage();
        otherPage.setDefaultTimeout(10_000);
        return otherPage;
      },
      close: async () => {
        try {
          if (browser !== undefined) await (await browser).close();
          await started.context.close();
          await started.app.close();
        } finally {
          cleanup();
        }
      },
    };
  } catch (error) {
    await context?.close();
    await app?.close();
    cleanup();
    throw error;
  }
}

/** A full-page screenshot of any page into e2e/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<unknown> {
  // From the top: a full-page shot of a scrolled page paints the sticky top bar mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  return page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect.poll(() => new URL(page.url()).pathname).toBe('/login');
}

/** A bearer token of a fresh sign-in, for arranging data through the API. */
export async function apiToken(app: Server, email: string, password: string): Promise<string> {
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
  });
  expect(login.statusCode).toBe(200);
  return login.json<{ token: string }>().token;
}

/** A call to the API with a bearer token, for arranging and checking data beside the browser. */
export async function apiCall<T>(
  app: Server,
  token: string,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  return {
    status: response.statusCode,
    body: (response.body === '' ? null : response.json()) as T,
  };
}

/** Creates member accounts as the admin; their ids by email. */
export async function createMembers(
  app: Server,
  adminToken: string,
  people: readonly { readonly email: string; readonly name: string; readonly password: string }[],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const person of people) {
    const created = await apiCall<{ id: string }>(app, adminToken, 'POST', '/api/users', {
      ...person,
      role: 'member',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    ids.set(person.email, created.body.id);
  }
  return ids;
}
