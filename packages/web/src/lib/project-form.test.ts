import { describe, expect, it } from 'vitest';
import {
  CUSTOM,
  EMPTY_PROJECT_FORM,
  configError,
  newProjectRequest,
  policyFieldsOf,
  toPercentText,
  validateNewProject,
} from './project-form';

const sentiment = {
  ...EMPTY_PROJECT_FORM,
  name: 'Reviews',
  template: 'sentiment',
  ...policyFieldsOf('sentiment'),
};

describe('policyFieldsOf', () => {
  it("fills the policy fields with the template's numbers, as percentages", () => {
    expect(policyFieldsOf('sentiment')).toEqual({ overlap: '3', goldRate: '10', passMark: '80' });
    expect(policyFieldsOf('likert-quality').goldRate).toBe('5');
    expect(policyFieldsOf('')).toEqual({ overlap: '1', goldRate: '0', passMark: '80' });
    expect(toPercentText(0.075)).toBe('7.5');
  });
});

describe('validateNewProject', () => {
  it('asks for a name and a template', () => {
    expect(validateNewProject(EMPTY_PROJECT_FORM)).toEqual({
      name: 'Give the project a name.',
      template: 'Choose a template, or Custom to write the fields yourself.',
    });
  });

  it('keeps the policy numbers in the ranges the server accepts', () => {
    expect(
      validateNewProject({ ...sentiment, overlap: '2.5', goldRate: '60', passMark: 'high' }),
    ).toEqual({
      overlap: 'Enter a whole number from 1 to 50.',
      goldRate: 'Enter a number from 0 to 50.',
      passMark: 'Enter a number from 0 to 100.',
    });
    expect(
      validateNewProject({ ...sentiment, overlap: '', goldRate: '7,5 %', passMark: '100' }),
    ).toEqual({
      overlap: 'Enter how many annotators label each item.',
    });
  });

  it('checks a custom config against the schema, naming the bad part', () => {
    expect(configError('{"fields": [')).toMatch(/^Not valid JSON/);
    expect(configError('{"fields": [{"name": "x", "type": "choice", "labels": ["a"]}]}')).toBe(
      'fields.0.labels: needs at least two labels',
    );
    expect(configError(EMPTY_PROJECT_FORM.config)).toBeUndefined();
    expect(validateNewProject({ ...sentiment, template: CUSTOM, config: '[]' }).config).toMatch(
      /./,
    );
  });
});

describe('newProjectRequest', () => {
  it('sends a template with the policy as fractions', () => {
    expect(
      newProjectRequest({ ...sentiment, overlap: '2', goldRate: '7.5', passMark: '90' }),
    ).toEqual({
      name: 'Reviews',
      template: 'sentiment',
      policy: { overlap: 2, goldRate: 0.075, qualificationPassMark: 0.9 },
    });
  });

  it('sends a custom config and its guidelines, leaving out what is empty', () => {
    const request = newProjectRequest({
      ...sentiment,
      template: CUSTOM,
      description: '  Search relevance ',
      guidelines: '# Relevance',
    });
    expect(request).toMatchObject({
      description: 'Search relevance',
      config: { display: ['query', 'document'] },
      guidelines: '# Relevance',
    });
    expect(request).not.toHaveProperty('template');
  });
});
