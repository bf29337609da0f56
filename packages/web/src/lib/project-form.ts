// The New project form: a name, a template (or a config of one's own), and the three policy
// numbers a manager sets first — overlap, the share of hidden gold, the qualification pass
// mark. Percentages are typed as people say them ("10" for 10 %); the server takes fractions.

import { DEFAULT_POLICY, PROJECT_TEMPLATES, projectConfigSchema } from '@concord/core/config';
import type { ProjectTemplate, QualityPolicy } from '@concord/core/config';
import type { NewProject, TemplateId } from '../api/types';
import { validateProject } from './validation';
import type { FormErrors } from './validation';

export const CUSTOM = 'custom';

export interface NewProjectForm {
  readonly name: string;
  readonly description: string;
  /** A template id, `custom`, or '' before one is chosen. */
  readonly template: string;
  readonly overlap: string;
  /** Percent of served items, 0–50. */
  readonly goldRate: string;
  /** Percent of the qualification set to get right, 0–100. */
  readonly passMark: string;
  /** With `custom`: the config as JSON ({"fields": [...]}). */
  readonly config: string;
  /** With `custom`: markdown. */
  readonly guidelines: string;
}

export const CUSTOM_CONFIG_EXAMPLE = JSON.stringify(
  {
    fields: [
      {
        name: 'label',
        type: 'choice',
        labels: [
          { value: 'relevant', definition: 'The document answers the query.' },
          { value: 'irrelevant', definition: 'It does not.' },
        ],
      },
    ],
    display: ['query', 'document'],
  },
  null,
  2,
);

export function findTemplate(id: string): ProjectTemplate | undefined {
  return PROJECT_TEMPLATES.find((t) => t.id === id);
}

/** "0.1" → "10", "0.075" → "7.5": a fraction as the percent a person types. */
export function toPercentText(fraction: number): string {
  return String(Math.round(fraction * 1000) / 10);
}

/** The policy fields as a template (or the defaults) sets them. */
export function policyFieldsOf(
  templateId: string,
): Pick<NewProjectForm, 'overlap' | 'goldRate' | 'passMark'> {
  const policy: QualityPolicy = { ...DEFAULT_POLICY, ...findTemplate(templateId)?.policy };
  return {
    overlap: String(policy.overlap),
    goldRate: toPercentText(policy.goldRate),
    passMark: toPercentText(policy.qualificationPassMark),
  };
}

export const EMPTY_PROJECT_FORM: NewProjectForm = {
  name: '',
  description: '',
  template: '',
  ...policyFieldsOf(''),
  config: CUSTOM_CONFIG_EXAMPLE,
  guidelines: '',
};

/** A number typed by a person: digits with an optional decimal point (and a trailing %). */
function parseNumber(text: string): number | null {
  const cleaned = text.trim().replace(/\s*%$/, '').replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : null;
}

function rangeError(text: string, min: number, max: number, what: string, whole: boolean) {
  const value = parseNumber(text);
  if (text.trim() === '') return `Enter ${what}.`;
  if (value === null || (whole && !Number.isInteger(value))) {
    return whole
      ? `Enter a whole number from ${min} to ${max}.`
      : `Enter a number from ${min} to ${max}.`;
  }
  if (value < min || value > max) {
    return whole
      ? `Enter a whole number from ${min} to ${max}.`
      : `Enter a number from ${min} to ${max}.`;
  }
  return undefined;
}

/** The first problem of a config typed as JSON, named by its path: "fields.0.labels: needs at least two labels". */
export function configError(text: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return `Not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
  const result = projectConfigSchema.safeParse(parsed);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  if (issue === undefined) return 'Not a valid config.';
  const path = issue.path.join('.');
  return path === '' ? issue.message : `${path}: ${issue.message}`;
}

export function validateNewProject(form: NewProjectForm): FormErrors<keyof NewProjectForm> {
  const errors: FormErrors<keyof NewProjectForm> = { ...validateProject(form) };
  if (form.template !== CUSTOM && findTemplate(form.template) === undefined) {
    errors.template = 'Choose a template, or Custom to write the fields yourself.';
  }
  const overlap = rangeError(form.overlap, 1, 50, 'how many annotators label each item', true);
  if (overlap !== undefined) errors.overlap = overlap;
  const goldRate = rangeError(form.goldRate, 0, 50, 'a percentage (0 for no hidden gold)', false);
  if (goldRate !== undefined) errors.goldRate = goldRate;
  const passMark = rangeError(form.passMark, 0, 100, 'a percentage', false);
  if (passMark !== undefined) errors.passMark = passMark;
  if (form.template === CUSTOM) {
    const config = configError(form.config);
    if (config !== undefined) errors.config = config;
  }
  return errors;
}

/** The request body of a checked form. */
export function newProjectRequest(form: NewProjectForm): NewProject {
  const name = form.name.trim();
  const description = form.description.trim();
  const policy = {
    overlap: parseNumber(form.overlap) ?? DEFAULT_POLICY.overlap,
    goldRate: (parseNumber(form.goldRate) ?? 0) / 100,
    qualificationPassMark: (parseNumber(form.passMark) ?? 80) / 100,
  };
  const base = { name, ...(description === '' ? {} : { description }), policy };
  if (form.template === CUSTOM) {
    const guidelines = form.guidelines.trim();
    return {
      ...base,
      config: JSON.parse(form.config) as unknown,
      ...(guidelines === '' ? {} : { guidelines }),
    };
  }
  return { ...base, template: form.template as TemplateId };
}
