import type { AppContext } from '../context.js';
import { createUser } from './create-user.js';
import { PROJECT_TEMPLATES, projectConfigSchema } from '@concord/core/config';
import { createProject, setProjectMember } from './create-project.js';
import { importItems } from './import-items.js';
import { DEMO_MESSAGES, DEMO_PREFERENCES } from './demo-items.js';
import { DEMO_CLINICAL_NOTES } from './demo-clinical.js';
import { setCredentials } from '../phi/credentials.js';
import { grantPermission } from '../phi/permissions.js';

/**
 * On first start: if no admin exists and `CONCORD_ADMIN_EMAIL` / `CONCORD_ADMIN_PASSWORD` are
 * given, creates that admin. Returns the email of the admin it created, or null.
 */
export async function ensureAdmin(
  ctx: AppContext,
  email: string | undefined,
  password: string | undefined,
): Promise<string | null> {
  if (!email || !password) return null;
  const admin = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .executeTakeFirst();
  if (admin) return null;
  await createUser(ctx, null, { email, name: 'Administrator', password, role: 'admin' });
  return email.trim().toLowerCase();
}

export interface DemoLogin {
  readonly email: string;
  readonly password: string;
  readonly role: string;
}

/** The demo accounts. Their passwords are public: the demo is for trying Concord, not for real data. */
export const DEMO_USERS = [
  {
    email: 'admin@demo.concord.test',
    name: 'Ada Admin',
    password: 'demo-admin-password',
    role: 'admin',
    projectRole: null,
  },
  {
    email: 'manager@demo.concord.test',
    name: 'Maya Manager',
    password: 'demo-manager-password',
    role: 'member',
    projectRole: 'manager',
  },
  {
    email: 'reviewer@demo.concord.test',
    name: 'Rui Reviewer',
    password: 'demo-reviewer-password',
    role: 'member',
    projectRole: 'reviewer',
  },
  {
    email: 'annotator1@demo.concord.test',
    name: 'Ann Annotator',
    password: 'demo-annotator-password',
    role: 'member',
    projectRole: 'annotator',
  },
  {
    email: 'annotator2@demo.concord.test',
    name: 'Abe Annotator',
    password: 'demo-annotator-password',
    role: 'member',
    projectRole: 'annotator',
  },
  {
    email: 'auditor@demo.concord.test',
    name: 'Otto Auditor',
    password: 'demo-auditor-password',
    role: 'auditor',
    projectRole: null,
  },
] as const;

/**
 * Seeds a small demo program into an empty database: demo users and one project with them as
 * members. Does nothing when any project exists already. Returns the logins of the demo users
 * present in the database (as seeded), so they can be printed on every start.
 */
export async function seedDemo(
  ctx: AppContext,
  opts: { withDemoAdmin: boolean },
): Promise<DemoLogin[]> {
  const anyProject = await ctx.db.selectFrom('projects').select('id').executeTakeFirst();
  if (!anyProject) await seedDemoProject(ctx, opts);
  const present = new Set(
    (
      await ctx.db
        .selectFrom('users')
        .select('email')
        .where(
          'email',
          'in',
          DEMO_USERS.map((u) => u.email),
        )
        .where('disabled_at', 'is', null)
        .execute()
    ).map((u) => u.email),
  );
  return DEMO_USERS.filter((u) => present.has(u.email)).map((u) => ({
    email: u.email,
    password: u.password,
    role: u.projectRole ?? u.role,
  }));
}

async function seedDemoProject(ctx: AppContext, opts: { withDemoAdmin: boolean }): Promise<void> {
  const existing = new Set(
    (await ctx.db.selectFrom('users').select('email').execute()).map((u) => u.email),
  );
  const ids = new Map<string, string>();
  for (const user of DEMO_USERS) {
    if (user.role === 'admin' && !opts.withDemoAdmin) continue;
    if (existing.has(user.email)) continue;
    const { id } = await createUser(ctx, null, {
      email: user.email,
      name: user.name,
      password: user.password,
      role: user.role,
    });
    ids.set(user.email, id);
  }
  const managerId = ids.get('manager@demo.concord.test');
  if (!managerId) return;
  const projectId = await seedTemplateProject(ctx, managerId, {
    template: 'sentiment',
    name: 'Demo: customer message sentiment',
    description:
      'A small sentiment program to try Concord: label short customer messages as positive, neutral or negative. Three items form the qualification set; three more are hidden gold.',
    policy: { overlap: 2, goldRate: 0.15, qualificationPassMark: 0.66 },
    rows: DEMO_MESSAGES.map((m) => ({
      data: { text: m.text },
      meta: { source: 'demo' },
      ...(m.gold ? { gold: { sentiment: m.gold } } : {}),
      ...(m.qualification ? { qualification: true } : {}),
    })),
  });
  // A second program for LLM feedback: pairwise preference on rubric dimensions.
  const preferenceId = await seedTemplateProject(ctx, managerId, {
    template: 'rlhf-pairwise',
    name: 'Demo: assistant answer preferences',
    description:
      'Compare two assistant answers per dimension (accuracy, helpfulness, safety) and overall, with a short justification: the data behind DPO and reward models.',
    policy: { overlap: 2, goldRate: 0 },
    rows: DEMO_PREFERENCES.map((p) => ({ data: p, meta: { source: 'demo' } })),
  });
  const clinicalId = ctx.vault ? await seedClinicalDemo(ctx, managerId) : null;
  for (const user of DEMO_USERS) {
    const id = ids.get(user.email);
    if (id && user.projectRole && user.projectRole !== 'manager') {
      await setProjectMember(ctx, null, projectId, id, user.projectRole);
      await setProjectMember(ctx, null, preferenceId, id, user.projectRole);
      if (clinicalId) {
        await setProjectMember(ctx, null, clinicalId, id, user.projectRole);
        await setCredentials(ctx, managerId, id, ['clinical']);
      }
    }
  }
}

/**
 * A third program on protected data (only when the server has a vault key): clinical notes
 * de-identified on import, entity spans on the surrogate text, annotators who must hold the
 * `clinical` credential, and the demo manager holding `phi:reveal` (granted, audited).
 */
async function seedClinicalDemo(ctx: AppContext, managerId: string): Promise<string> {
  const id = await seedTemplateProject(ctx, managerId, {
    template: 'clinical-ner',
    name: 'Demo: clinical notes (PHI, de-identified)',
    description:
      'Mark problems, treatments, tests and drugs in nursing notes. The notes were de-identified on import: names, dates and numbers are consistent surrogates, and the originals are sealed in the vault.',
    config: {
      credentials: ['clinical'],
      phi: {
        mode: 'surrogate',
        patientKey: 'patient_id',
        knownIdentifiers: [
          { key: 'patient_name', category: 'PERSON' },
          { key: 'mrn', category: 'MEDICAL_RECORD_NUMBER' },
        ],
      },
    },
    policy: { overlap: 2, goldRate: 0 },
    rows: DEMO_CLINICAL_NOTES.map((n) => ({ data: { text: n.text }, meta: { ...n.meta } })),
  });
  await grantPermission(ctx, managerId, id, managerId, 'phi:reveal');
  return id;
}

/**
 * One demo program: a project from a template (its config and policy with the given overrides)
 * and its items, imported as the demo manager. Returns the project's id.
 */
async function seedTemplateProject(
  ctx: AppContext,
  managerId: string,
  spec: {
    readonly template: string;
    readonly name: string;
    readonly description: string;
    readonly config?: Record<string, unknown>;
    readonly policy: Record<string, unknown>;
    readonly rows: readonly unknown[];
  },
): Promise<string> {
  const template = PROJECT_TEMPLATES.find((t) => t.id === spec.template)!;
  const config = projectConfigSchema.parse({ ...template.config, ...spec.config });
  const { id } = await createProject(ctx, managerId, {
    name: spec.name,
    description: spec.description,
    config,
    policy: { ...template.policy, ...spec.policy },
    guidelines: template.guidelines,
  });
  await importItems(ctx, managerId, id, config, spec.rows, { skipInvalid: false, source: 'demo' });
  return id;
}
