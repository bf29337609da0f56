import { DEFAULT_POLICY, PROJECT_TEMPLATES, projectConfigSchema } from '@concord/core/config';
import { describe, expect, it } from 'vitest';
import { describeField, describePolicy, fieldTags, fieldTitle } from './config-summary';

const fieldsOf = (id: string) =>
  projectConfigSchema.parse(PROJECT_TEMPLATES.find((t) => t.id === id)?.config).fields;

describe('describeField', () => {
  it('says what each field of the templates asks for', () => {
    expect(fieldsOf('sentiment').map(describeField)).toEqual([
      'Single choice of 3 labels · required',
    ]);
    expect(fieldsOf('toxicity').map(describeField)).toEqual([
      'Multiple choice (every label that applies) of 5 labels · optional',
    ]);
    expect(fieldsOf('likert-quality').map(describeField)).toEqual([
      'Rating 1–5 on 3 dimensions (Helpfulness, Accuracy, Fluency) · required',
      'Free text, up to 2,000 characters · optional',
    ]);
  });

  it('titles a field by its title, else by its name in words', () => {
    const [field] = projectConfigSchema.parse({
      fields: [{ name: 'tone_of_voice', type: 'text' }],
    }).fields;
    expect(field && fieldTitle(field)).toBe('Tone of voice');
  });
});

describe('fieldTags', () => {
  it('names the labels, the rated dimensions and the free text of a template', () => {
    expect(fieldsOf('sentiment').flatMap(fieldTags)).toEqual(['positive', 'neutral', 'negative']);
    expect(fieldsOf('likert-quality').flatMap(fieldTags)).toEqual([
      'helpfulness 1–5',
      'accuracy 1–5',
      'fluency 1–5',
      'free text (optional)',
    ]);
  });
});

describe('describePolicy', () => {
  it('puts each rule in words, percentages as people read them', () => {
    const lines = describePolicy({ ...DEFAULT_POLICY, overlap: 2, goldRate: 0.1 });
    expect(lines.slice(0, 3).map((l) => [l.term, l.value])).toEqual([
      ['Overlap', '2 annotators per item'],
      ['Hidden gold', '10 % of served items'],
      ['Qualification pass mark', '80 %'],
    ]);
  });
});
