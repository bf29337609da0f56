import { describe, expect, it } from 'vitest';
import { deidConfigSchema } from '@concord/core/config';
import { ApiError, splitErrors } from '../api/errors';
import {
  deidFieldOfPath,
  deidFormValues,
  deidNote,
  describeDeid,
  isPhiProject,
  parseDeidForm,
  placeDeidErrors,
} from './phi-config';

const phi = deidConfigSchema.parse({
  mode: 'surrogate',
  categories: ['PERSON', 'DATE_TIME'],
  maxDateShiftDays: 30,
  knownIdentifiers: [{ key: 'patient_name', category: 'PERSON' }],
  patterns: [
    { name: 'Local MRN', category: 'MEDICAL_RECORD_NUMBER', pattern: 'MRN-\\d{6}', flags: 'i' },
  ],
  allow: ['Rose', 'Bowman'],
  deny: [{ text: 'St. Elsewhere', category: 'ORGANIZATION' }],
});

describe('isPhiProject', () => {
  it('is a PHI project exactly when the config has a phi section', () => {
    expect(isPhiProject({ phi })).toBe(true);
    expect(isPhiProject({})).toBe(false);
    expect(isPhiProject(null)).toBe(false);
  });
});

describe('deidFormValues and parseDeidForm', () => {
  it('round-trips a project’s settings through the form unchanged', () => {
    const values = deidFormValues({ phi, credentials: ['clinical'] });
    expect(values.knownIdentifiers).toBe('patient_name: PERSON');
    expect(values.patterns).toBe('Local MRN: MEDICAL_RECORD_NUMBER /MRN-\\d{6}/i');
    const result = parseDeidForm(values, { phi });
    expect(result).toEqual({ ok: true, phi, credentials: ['clinical'] });
  });

  it('keeps settings the form does not show (a retention period set over the API)', () => {
    const base = { phi: { ...phi, retentionDays: 90 } as typeof phi };
    const result = parseDeidForm(deidFormValues(base), base);
    expect(result.ok && (result.phi as Record<string, unknown>).retentionDays).toBe(90);
  });

  it('names the field and the line of each problem, with the schema’s own checks', () => {
    const values = {
      ...deidFormValues({ phi }),
      knownIdentifiers: 'patient_name: PERSON\n\nmrn: NOT_A_CATEGORY',
      patterns: 'Broken: ID_NUMBER /(/',
      deny: 'no category here',
      maxDateShiftDays: '0',
      categories: 'PERSON, NAMES',
      credentials: 'clinical, Legal',
    };
    const result = parseDeidForm(values, { phi });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.knownIdentifiers).toBe(
      'Line 3: category: not a known category (e.g. PERSON, DATE_TIME, MEDICAL_RECORD_NUMBER).',
    );
    expect(result.errors.patterns).toMatch(/^Line 1: pattern: not a valid regular expression/);
    expect(result.errors.deny).toBe('Line 1: write it as “text: CATEGORY”.');
    expect(result.errors.maxDateShiftDays).toBe('Enter a whole number of days, 1 to 3650.');
    expect(result.errors.categories).toBe('“NAMES” is not a category; use the names listed.');
    expect(result.errors.credentials).toMatch(/^Legal: .*lower case/);
    expect(result.errors.mode).toBeUndefined();
  });

  it('treats empty categories and fields as “all of them”', () => {
    const result = parseDeidForm({ ...deidFormValues({ phi }), categories: ' ', fields: '' });
    expect(result.ok && result.phi.categories).toBeUndefined();
    expect(result.ok && result.phi.fields).toBeUndefined();
  });
});

describe('deidFieldOfPath', () => {
  it('places the server’s validation paths on the form’s fields', () => {
    expect(deidFieldOfPath('body.config.phi.deny[3].text')).toBe('deny');
    expect(deidFieldOfPath('body.phi.maxDateShiftDays')).toBe('maxDateShiftDays');
    expect(deidFieldOfPath('body.config.credentials[0]')).toBe('credentials');
    expect(deidFieldOfPath('body.config.fields[0].name')).toBeUndefined();
  });
});

describe('describeDeid', () => {
  it('summarises mode, categories, dates, identifiers and list sizes in words', () => {
    const lines = Object.fromEntries(
      describeDeid({ phi, credentials: ['clinical'] }).map((l) => [l.term, l.value]),
    );
    expect(lines.Categories).toBe('2 categories: PERSON, DATE_TIME');
    expect(lines.Dates).toMatch(/up to 30 days per patient/);
    expect(lines['Known identifiers']).toBe('patient_name (PERSON)');
    expect(lines['Allow list']).toBe('2 entries');
    expect(lines['Deny list']).toBe('1 entry');
    expect(lines['Custom patterns']).toBe('1 pattern');
    expect(lines['Required credentials']).toBe('clinical');
  });

  it('says so when every category is removed', () => {
    const all = describeDeid({ phi: deidConfigSchema.parse({}) });
    expect(all.find((l) => l.term === 'Categories')?.value).toBe('All 23 categories');
  });
});

describe('deidNote', () => {
  it('tells annotators what kind of text they read', () => {
    expect(deidNote({ mode: 'surrogate' })).toBe(
      'De-identified text: names, dates and numbers are surrogates',
    );
    expect(deidNote({ mode: 'redact' })).toMatch(/\[PERSON\]/);
  });
});

describe('placeDeidErrors', () => {
  it('moves the server’s issues about the PHI settings onto the form’s fields', () => {
    const refusal = new ApiError(400, 'CONCORD_ERR_VALIDATION', 'invalid', [
      { path: 'body.config.phi.deny[2].category', message: 'Invalid option' },
      { path: 'body.config.fields[0].name', message: 'required' },
    ]);
    const split = splitErrors(placeDeidErrors(refusal), ['deny', 'allow'] as const);
    expect(split.fields.deny).toBe('Entry 3: Invalid option');
    expect(split.general).toEqual(['config.fields[0].name: required']);
  });

  it('says plainly when the server has no route to save the settings', () => {
    const missing = new ApiError(404, 'CONCORD_ERR_ROUTE_NOT_FOUND', 'No such API route');
    expect((placeDeidErrors(missing) as ApiError).message).toMatch(/nothing was changed/);
  });

  it('leaves other errors alone', () => {
    const error = new ApiError(403, 'CONCORD_ERR_FORBIDDEN', 'no');
    expect(placeDeidErrors(error)).toBe(error);
  });
});
