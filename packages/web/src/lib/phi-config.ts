// A project's de-identification settings (the config's `phi` section, issue 6) as people read
// and edit them: a summary in words, and a form of plain text fields — one identifier, pattern
// or word per line — checked with core's deidConfigSchema, the schema the server applies, so
// a problem is named next to its field and line before anything is sent.

import type { DeidConfig } from '@concord/core/config';
import { ApiError, validationIssues } from '../api/errors';
import { PHI_CATEGORIES, deidConfigSchema } from '@concord/core/config';
import { credentialError } from './phi-credentials';
import type { FormErrors } from './validation';

/** A config's PHI-relevant parts; every project config has this shape, PHI or not. */
export interface PrivacyConfig {
  readonly phi?: DeidConfig | undefined;
  readonly credentials?: readonly string[] | undefined;
}

/** A project holding protected data: its config has a `phi` section. */
export function isPhiProject(config: PrivacyConfig | null | undefined): boolean {
  return config?.phi !== undefined && config.phi !== null;
}

/** The form, field by field, as typed. */
export interface DeidFormValues {
  readonly mode: string;
  /** Comma-separated categories; empty for all of them. */
  readonly categories: string;
  /** Comma-separated keys of item data; empty for every string value. */
  readonly fields: string;
  readonly keepYear: string;
  readonly maxDateShiftDays: string;
  readonly patientKey: string;
  /** One `metaKey: CATEGORY` a line. */
  readonly knownIdentifiers: string;
  /** One `name: CATEGORY /regex/flags` a line. */
  readonly patterns: string;
  /** One word or phrase a line. */
  readonly allow: string;
  /** One `text: CATEGORY` a line. */
  readonly deny: string;
  /** Comma-separated credentials annotators must hold. */
  readonly credentials: string;
}

export type DeidField = keyof DeidFormValues;

export const DEID_FIELDS: readonly DeidField[] = [
  'mode',
  'categories',
  'fields',
  'keepYear',
  'maxDateShiftDays',
  'patientKey',
  'knownIdentifiers',
  'patterns',
  'allow',
  'deny',
  'credentials',
];

const DEFAULTS = deidConfigSchema.parse({});

/** The form filled from a project's settings (the schema's defaults where there are none). */
export function deidFormValues(config: PrivacyConfig): DeidFormValues {
  const phi = config.phi ?? DEFAULTS;
  return {
    mode: phi.mode,
    categories: (phi.categories ?? []).join(', '),
    fields: (phi.fields ?? []).join(', '),
    keepYear: phi.keepYear ? 'yes' : 'no',
    maxDateShiftDays: String(phi.maxDateShiftDays),
    patientKey: phi.patientKey,
    knownIdentifiers: phi.knownIdentifiers.map((k) => `${k.key}: ${k.category}`).join('\n'),
    patterns: phi.patterns
      .map((p) => `${p.name}: ${p.category} /${p.pattern}/${p.flags}`)
      .join('\n'),
    allow: phi.allow.join('\n'),
    deny: phi.deny.map((d) => `${d.text}: ${d.category}`).join('\n'),
    credentials: (config.credentials ?? []).join(', '),
  };
}

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** Non-blank lines with their 1-based line numbers in the textarea. */
function lines(text: string): { readonly line: number; readonly text: string }[] {
  return text
    .split('\n')
    .map((t, i) => ({ line: i + 1, text: t.trim() }))
    .filter((l) => l.text !== '');
}

/** `text: CATEGORY`, split at the last colon (the text may hold colons of its own). */
function splitCategory(text: string): { readonly text: string; readonly category: string } | null {
  const colon = text.lastIndexOf(':');
  if (colon <= 0) return null;
  return { text: text.slice(0, colon).trim(), category: text.slice(colon + 1).trim() };
}

const PATTERN_LINE = /^(.+?)\s*:\s*([A-Z_]+)\s+\/(.+)\/([a-z]*)$/;

export type DeidFormResult =
  | {
      readonly ok: true;
      readonly phi: DeidConfig;
      readonly credentials: readonly string[];
    }
  | { readonly ok: false; readonly errors: FormErrors<DeidField> };

/**
 * The settings the form describes, validated with deidConfigSchema; or a message per field
 * ("Line 2: …" for a line of a list). Settings the form does not show (e.g. a retention period
 * set over the API) are kept from `base`.
 */
export function parseDeidForm(values: DeidFormValues, base: PrivacyConfig = {}): DeidFormResult {
  const errors: FormErrors<DeidField> = {};
  const lineOf: Partial<Record<DeidField, number[]>> = {};
  const note = (field: DeidField, message: string) => {
    errors[field] ??= message;
  };

  const known = lines(values.knownIdentifiers).map((l) => {
    const parts = splitCategory(l.text);
    if (parts === null)
      note('knownIdentifiers', `Line ${l.line}: write it as “meta key: CATEGORY”.`);
    return { line: l.line, key: parts?.text ?? '', category: parts?.category ?? '' };
  });
  lineOf.knownIdentifiers = known.map((k) => k.line);

  const patterns = lines(values.patterns).map((l) => {
    const m = PATTERN_LINE.exec(l.text);
    if (m === null)
      note('patterns', `Line ${l.line}: write it as “name: CATEGORY /regular expression/flags”.`);
    return {
      line: l.line,
      name: m?.[1] ?? '',
      category: m?.[2] ?? '',
      pattern: m?.[3] ?? '',
      flags: m?.[4] ?? '',
    };
  });
  lineOf.patterns = patterns.map((p) => p.line);

  const allow = lines(values.allow);
  lineOf.allow = allow.map((a) => a.line);

  const deny = lines(values.deny).map((l) => {
    const parts = splitCategory(l.text);
    if (parts === null) note('deny', `Line ${l.line}: write it as “text: CATEGORY”.`);
    return { line: l.line, text: parts?.text ?? '', category: parts?.category ?? '' };
  });
  lineOf.deny = deny.map((d) => d.line);

  const shift = values.maxDateShiftDays.trim();
  if (!/^\d+$/.test(shift) || Number(shift) < 1 || Number(shift) > 3650)
    note('maxDateShiftDays', 'Enter a whole number of days, 1 to 3650.');

  const categories = list(values.categories);
  const fields = list(values.fields);
  const candidate = {
    ...(base.phi ?? {}),
    mode: values.mode,
    categories: categories.length === 0 ? undefined : categories,
    fields: fields.length === 0 ? undefined : fields,
    keepYear: values.keepYear === 'yes',
    maxDateShiftDays: Number(shift),
    patientKey: values.patientKey.trim(),
    knownIdentifiers: known.map(({ key, category }) => ({ key, category })),
    patterns: patterns.map(({ name, category, pattern, flags }) => ({
      name,
      category,
      pattern,
      flags,
    })),
    allow: allow.map((a) => a.text),
    deny: deny.map(({ text, category }) => ({ text, category })),
  };

  const credentials = list(values.credentials);
  const seen: string[] = [];
  for (const credential of credentials) {
    const problem = credentialError(credential, seen);
    if (problem !== undefined) {
      note('credentials', `${credential}: ${problem}`);
      break;
    }
    seen.push(credential);
  }

  const parsed = deidConfigSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [head, index] = issue.path;
      const field = DEID_FIELDS.find((f) => f === head);
      if (field === undefined) {
        note('mode', issue.message);
        continue;
      }
      if (field === 'categories' && typeof index === 'number') {
        note(field, `“${categories[index] ?? ''}” is not a category; use the names listed.`);
        continue;
      }
      const line = typeof index === 'number' ? lineOf[field]?.[index] : undefined;
      note(field, describeIssue(issue, line));
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, phi: parsed.data, credentials: seen };
}

function describeIssue(
  issue: { readonly code: string; readonly message: string; readonly path: readonly PropertyKey[] },
  line: number | undefined,
): string {
  const rest = issue.path.slice(2);
  const where = rest.length > 0 ? `${String(rest[rest.length - 1])}: ` : '';
  // zod lists all 23 categories in its message; a short pointer reads better beside a field.
  const text =
    issue.code === 'invalid_value'
      ? 'not a known category (e.g. PERSON, DATE_TIME, MEDICAL_RECORD_NUMBER).'
      : issue.message;
  return line === undefined ? `${where}${text}` : `Line ${line}: ${where}${text}`;
}

/**
 * The form field a server validation path is about, e.g. "body.config.phi.deny[3].text" →
 * deny, "body.config.credentials[0]" → credentials; undefined for anything else.
 */
export function deidFieldOfPath(path: string): DeidField | undefined {
  const m = /(?:^|\.)phi\.([A-Za-z]+)/.exec(path) ?? /(?:^|\.)(credentials)\b/.exec(path);
  const name = m?.[1];
  return DEID_FIELDS.find((f) => f === name);
}

/** One line of the settings summary. */
export interface SummaryLine {
  readonly term: string;
  readonly value: string;
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** The settings in words, for the Privacy tab and anyone who cannot edit them. */
export function describeDeid(config: PrivacyConfig): readonly SummaryLine[] {
  const phi = config.phi;
  if (phi === undefined) return [];
  const categories = phi.categories ?? PHI_CATEGORIES;
  return [
    {
      term: 'Mode',
      value:
        phi.mode === 'surrogate'
          ? 'Surrogates: realistic replacements, the same one for the same identifier across the project'
          : 'Redaction: identifiers become placeholders such as [PERSON]',
    },
    {
      term: 'Categories',
      value:
        phi.categories === undefined
          ? `All ${PHI_CATEGORIES.length} categories`
          : `${plural(categories.length, 'category', 'categories')}: ${categories.join(', ')}`,
    },
    {
      term: 'Text fields',
      value:
        phi.fields === undefined || phi.fields.length === 0
          ? 'Every text value of an item'
          : phi.fields.join(', '),
    },
    {
      term: 'Dates',
      value: `Shifted by up to ${plural(phi.maxDateShiftDays, 'day')} per patient (meta key “${phi.patientKey}”), intervals kept; ${phi.keepYear ? 'the year is kept' : 'the year shifts too'}`,
    },
    {
      term: 'Known identifiers',
      value:
        phi.knownIdentifiers.length === 0
          ? 'None'
          : phi.knownIdentifiers.map((k) => `${k.key} (${k.category})`).join(', '),
    },
    { term: 'Custom patterns', value: plural(phi.patterns.length, 'pattern') },
    { term: 'Allow list', value: plural(phi.allow.length, 'entry', 'entries') },
    { term: 'Deny list', value: plural(phi.deny.length, 'entry', 'entries') },
    {
      term: 'Required credentials',
      value:
        config.credentials === undefined || config.credentials.length === 0
          ? 'None: any member can be assigned items'
          : config.credentials.join(', '),
    },
  ];
}

/** The one-line note over de-identified text, by mode. */
export function deidNote(phi: Pick<DeidConfig, 'mode'>): string {
  return phi.mode === 'redact'
    ? 'De-identified text: identifiers are replaced by placeholders such as [PERSON]'
    : 'De-identified text: names, dates and numbers are surrogates';
}

/**
 * The same error with its validation issues about the PHI settings ("body.config.phi.deny[3]")
 * moved to the form's field ("body.deny"), so they show next to it; a missing route said
 * plainly; any other error as it was.
 */
export function placeDeidErrors(error: unknown): unknown {
  // A server without the route to change a project's config says so plainly, not "No such route".
  if (error instanceof ApiError && error.code === 'CONCORD_ERR_ROUTE_NOT_FOUND')
    return new ApiError(
      error.status,
      error.code,
      'This server cannot change a project’s settings yet (it has no PATCH /api/projects/:id); nothing was changed.',
    );
  const issues = validationIssues(error);
  if (!(error instanceof ApiError) || issues.length === 0) return error;
  const details = issues.map((issue) => {
    const field = deidFieldOfPath(issue.path);
    if (field === undefined) return issue;
    const line = /\[(\d+)\]/.exec(issue.path.slice(issue.path.indexOf(field)));
    const message =
      line === null ? issue.message : `Entry ${Number(line[1]) + 1}: ${issue.message}`;
    return { path: `body.${field}`, message };
  });
  return new ApiError(error.status, error.code, error.message, details);
}
