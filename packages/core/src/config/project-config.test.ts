import {
  PROJECT_TEMPLATES,
  goldScore,
  projectConfigSchema,
  qualityPolicySchema,
  validateAnnotationValue,
  type ProjectConfig,
} from '@concord/core/config';

const config: ProjectConfig = projectConfigSchema.parse({
  fields: [
    { name: 'sentiment', type: 'choice', labels: ['positive', 'neutral', 'negative'] },
    {
      name: 'topics',
      type: 'choice',
      multiple: true,
      required: false,
      labels: ['price', 'service', 'quality'],
    },
    { name: 'quality', type: 'rating', min: 1, max: 5, dimensions: ['fluency', 'accuracy'] },
    { name: 'note', type: 'text', maxLength: 5 },
  ],
});

describe('project config', () => {
  it('accepts labels as strings and fills defaults', () => {
    const field = config.fields[0]!;
    expect(field).toMatchObject({
      type: 'choice',
      multiple: false,
      required: true,
      labels: [{ value: 'positive' }, { value: 'neutral' }, { value: 'negative' }],
    });
  });

  it('names the bad part of an invalid config', () => {
    const result = projectConfigSchema.safeParse({
      fields: [
        { name: 'x', type: 'choice', labels: ['a', 'a'] },
        { name: 'x', type: 'rating', min: 5, max: 1 },
      ],
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['fields.0.labels.1.value', 'fields.1.max']));
    expect(
      projectConfigSchema
        .safeParse({ fields: [{ name: '1bad', type: 'text' }] })
        .error!.issues[0]!.path.join('.'),
    ).toBe('fields.0.name');
    expect(projectConfigSchema.safeParse({ fields: [{ name: 'a', type: 'boxes' }] }).success).toBe(
      false,
    );
  });

  it('validates annotation values field by field', () => {
    expect(
      validateAnnotationValue(config, {
        sentiment: 'positive',
        quality: { fluency: 4, accuracy: 5 },
      }),
    ).toEqual([]);
    expect(
      validateAnnotationValue(config, {
        sentiment: 'meh',
        topics: ['price', 'price', 'nope'],
        quality: { fluency: 6 },
        note: 'too long',
        extra: 1,
      }),
    ).toEqual([
      { path: 'value.sentiment', message: 'must be one of positive, neutral, negative' },
      { path: 'value.topics[1]', message: '"price" is given twice' },
      {
        path: 'value.topics[2]',
        message: '"nope" is not one of the labels (price, service, quality)',
      },
      { path: 'value.quality.fluency', message: 'must be a whole number from 1 to 5' },
      { path: 'value.quality.accuracy', message: 'required' },
      { path: 'value.note', message: 'must be at most 5 characters (has 8)' },
      {
        path: 'value.extra',
        message: 'is not a field of this project (fields: sentiment, topics, quality, note)',
      },
    ]);
    expect(validateAnnotationValue(config, 'positive')).toEqual([
      { path: 'value', message: 'must be an object with one entry per field' },
    ]);
  });

  it('scores against gold per field type: exact, Jaccard, per-dimension', () => {
    expect(goldScore(config, { sentiment: 'positive' }, { sentiment: 'positive' })).toBe(1);
    expect(goldScore(config, { sentiment: 'neutral' }, { sentiment: 'positive' })).toBe(0);
    expect(goldScore(config, { topics: ['price', 'service'] }, { topics: ['price'] })).toBe(0.5);
    expect(
      goldScore(
        config,
        { quality: { fluency: 4, accuracy: 2 } },
        { quality: { fluency: 4, accuracy: 3 } },
      ),
    ).toBe(0.5);
    expect(goldScore(config, { sentiment: 'positive', note: 'x' }, { note: 'x' })).toBeNull();
  });

  it('every template is a valid config with a valid policy', () => {
    for (const template of PROJECT_TEMPLATES) {
      expect(projectConfigSchema.safeParse(template.config).success, template.id).toBe(true);
      expect(qualityPolicySchema.safeParse(template.policy).success, template.id).toBe(true);
    }
  });
});
