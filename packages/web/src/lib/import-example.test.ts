import { PROJECT_TEMPLATES, projectConfigSchema } from '@concord/core/config';
import { describe, expect, it } from 'vitest';
import { checkRows } from './import-check';
import { exampleCsv } from './import-example';
import { readImportFile } from './import-file';

describe('exampleCsv', () => {
  it('is, for every template whose gold fits in CSV columns, a file that imports without a problem', () => {
    // A required text, pairwise, ranking or steps field has no CSV gold column (its gold goes in
    // JSONL), so the example's qualification row of such a template cannot be complete.
    const jsonlGold = new Set(['text', 'pairwise', 'ranking', 'steps']);
    const csvTemplates = PROJECT_TEMPLATES.filter(
      (t) =>
        !projectConfigSchema
          .parse(t.config)
          .fields.some((f) => f.required && jsonlGold.has(f.type)),
    );
    expect(csvTemplates.map((t) => t.id)).toContain('likert-quality');
    for (const template of csvTemplates) {
      const config = projectConfigSchema.parse(template.config);
      const reading = readImportFile('example.csv', exampleCsv(config), config);
      expect(reading.fatal, template.id).toEqual([]);
      const check = checkRows(config, reading.rows);
      expect(check.problems, template.id).toEqual([]);
      expect(check.counts, template.id).toEqual({ production: 1, gold: 0, qualification: 1 });
    }
  });

  it('has a column per displayed key, per gold field and per rated dimension', () => {
    const config = projectConfigSchema.parse(
      PROJECT_TEMPLATES.find((t) => t.id === 'likert-quality')?.config,
    );
    expect(exampleCsv(config).split('\n')[0]).toBe(
      'data.prompt,data.response,meta.source,gold.quality.helpfulness,gold.quality.accuracy,gold.quality.fluency,qualification',
    );
  });
});
