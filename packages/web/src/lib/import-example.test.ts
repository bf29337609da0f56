import {
  PROJECT_TEMPLATES,
  projectConfigSchema,
  validateAnnotationValue,
  validateLlmItemData,
} from '@concord/core/config';
import type { ProjectConfig } from '@concord/core/config';
import { describe, expect, it } from 'vitest';
import { checkImportRow, checkRows, rowKind } from './import-check';
import { exampleCsv, exampleSketch, importExample, needsJsonl } from './import-example';
import { readImportFile } from './import-file';

const templateConfig = (id: string) =>
  projectConfigSchema.parse(PROJECT_TEMPLATES.find((t) => t.id === id)?.config);

// Configs the templates do not cover: no dimensions, strength or ties; ranking alone on a
// conversation; steps without a first error or without error labels; a comparison and a ranking
// together (two responses suit both); a long required text beside a multiple choice.
const OTHER_CONFIGS: Record<string, unknown> = {
  'plain pairwise': {
    fields: [{ name: 'pref', type: 'pairwise', allowTies: false, justification: 'optional' }],
    display: ['prompt', 'responses'],
  },
  'ranking of a conversation': {
    fields: [{ name: 'order', type: 'ranking', justification: 'required' }],
    display: ['messages', 'responses'],
  },
  'steps without a first error': {
    fields: [{ name: 'steps', type: 'steps', firstError: false, errorLabels: ['incorrect'] }],
  },
  'steps without error labels': { fields: [{ name: 'steps', type: 'steps' }] },
  'pairwise and ranking': {
    fields: [
      { name: 'pref', type: 'pairwise', strength: true, dimensions: ['tone'] },
      { name: 'order', type: 'ranking', allowTies: true, dimensions: ['tone'] },
    ],
  },
  'spans of a note under another key, required': {
    fields: [{ name: 'ents', type: 'spans', labels: ['X', 'Y'], source: 'note', required: true }],
    display: ['title'],
  },
  'long required text': {
    fields: [
      { name: 'topics', type: 'choice', multiple: true, labels: ['a', 'b', 'c'] },
      { name: 'summary', type: 'text', required: true, minLength: 200, maxLength: 250 },
    ],
    display: ['article'],
  },
};

const CONFIGS: [string, ProjectConfig][] = [
  ...PROJECT_TEMPLATES.map((t): [string, ProjectConfig] => [t.id, templateConfig(t.id)]),
  ...Object.entries(OTHER_CONFIGS).map(([name, config]): [string, ProjectConfig] => [
    name,
    projectConfigSchema.parse(config),
  ]),
];

describe('importExample', () => {
  it.each(CONFIGS)(
    '%s: the example reads and every row passes the import’s checks, the gold against its own data',
    (_name, config) => {
      const example = importExample(config);
      const reading = readImportFile(`example.${example.format}`, example.text, config);
      expect(reading.fatal).toEqual([]);
      expect(reading.unreadable).toEqual([]);
      // The CSV example has no hidden gold row: it would only repeat the qualification row.
      expect(reading.rows.map((r) => rowKind(r.row))).toEqual(
        example.format === 'jsonl'
          ? ['production', 'gold', 'qualification']
          : ['production', 'qualification'],
      );
      for (const { line, row } of reading.rows) {
        const { gold, qualification, ...rest } = row as Record<string, unknown>;
        // The row's shape (data, meta, the qualification flag), as the Import tab checks it.
        expect(checkImportRow(config, rest, line)).toEqual([]);
        expect(qualification === undefined || typeof qualification === 'boolean').toBe(true);
        // The gold answer, checked as a submitted answer is: with the item's data, which a
        // ranking (its responses) and steps labels (its steps) are counted against.
        if (gold !== undefined)
          expect(validateAnnotationValue(config, gold, 'gold', rest.data), `line ${line}`).toEqual(
            [],
          );
        // The data has what each LLM field needs: two responses to compare, 2–26 to rank, steps.
        for (const field of config.fields)
          if (field.type === 'pairwise' || field.type === 'ranking' || field.type === 'steps')
            expect(validateLlmItemData(field, rest.data), `line ${line}`).toEqual([]);
      }
    },
  );

  it.each(CONFIGS)(
    '%s: the Import tab’s own check of the whole file finds no problem',
    (_name, config) => {
      const example = importExample(config);
      const reading = readImportFile(`example.${example.format}`, example.text, config);
      const check = checkRows(config, reading.rows);
      expect(check.problems).toEqual([]);
      expect(check.counts).toEqual(
        needsJsonl(config)
          ? { production: 1, gold: 1, qualification: 1 }
          : { production: 1, gold: 0, qualification: 1 },
      );
    },
  );

  it('offers JSON Lines exactly when an answer does not fit in CSV cells', () => {
    const formats = Object.fromEntries(
      PROJECT_TEMPLATES.map((t) => [t.id, importExample(templateConfig(t.id)).format]),
    );
    expect(formats).toMatchObject({
      sentiment: 'csv',
      'likert-quality': 'csv',
      'rlhf-pairwise': 'jsonl',
      'ranking-rubric': 'jsonl',
      'process-reward': 'jsonl',
      'agent-trajectory': 'jsonl',
      // Its ideal refusal is a required text, which has no CSV gold column.
      'red-team-triage': 'jsonl',
    });
  });

  it('gives pairwise data as a prompt and as a conversation, and the qualification answer B', () => {
    const rows = importExample(templateConfig('rlhf-pairwise'))
      .text.trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, Record<string, unknown>>);
    expect(Object.keys(rows[0]!.data!)).toEqual(['prompt', 'responses']);
    expect(Object.keys(rows[1]!.data!)).toEqual(['messages', 'responses']);
    expect(rows[2]!.gold).toMatchObject({ preference: { choice: 'B', strength: 2 } });
    expect(rows[2]!.qualification).toBe(true);
  });

  it('marks the qualification row’s wrong step as the first error, with an error label', () => {
    const rows = importExample(templateConfig('process-reward'))
      .text.trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { gold?: Record<string, unknown> });
    expect(rows[1]!.gold!.steps).toEqual({
      steps: ['correct-necessary', 'correct-necessary', 'correct-necessary'],
      firstError: null,
      final: 'correct',
    });
    expect(rows[2]!.gold!.steps).toEqual({
      steps: ['correct-necessary', 'incorrect', 'incorrect'],
      firstError: 1,
      final: 'incorrect',
    });
  });
});

describe('exampleSketch', () => {
  it('shows the rows’ shape with the texts left out, a blank line between them', () => {
    expect(exampleSketch(templateConfig('ranking-rubric')).split('\n')).toEqual([
      '{"data": {"prompt": "…", "responses": ["…", "…", "…"]}, "meta": {"source": "example"}}',
      '',
      '{"data": {"messages": [{"role": "user", "content": "…"}, {"role": "assistant", "content": "…"}, {"role": "user", "content": "…"}], "responses": ["…", "…", "…"]}, "gold": {"ranking": {"ranks": [1, 2, 3], "dimensions": {"accuracy": {"ranks": [1, 2, 3]}, "helpfulness": {"ranks": [1, 2, 3]}, "safety": {"ranks": [1, 2, 3]}, "tone": {"ranks": [1, 2, 3]}}, "justification": "…"}}}',
      '',
      '{"data": {"prompt": "…", "responses": ["…", "…", "…"]}, "gold": {"ranking": {"ranks": [2, 1, 3], "dimensions": {"accuracy": {"ranks": [2, 1, 3]}, "helpfulness": {"ranks": [2, 1, 3]}, "safety": {"ranks": [2, 1, 3]}, "tone": {"ranks": [2, 1, 3]}}, "justification": "…"}}, "qualification": true}',
    ]);
    expect(exampleSketch(templateConfig('sentiment'))).toContain(
      '{"data": {"text": "…"}, "gold": {"sentiment": "positive"}, "qualification": true}',
    );
  });
});

describe('exampleCsv', () => {
  it('has a column per displayed key, per gold field and per rated dimension', () => {
    expect(exampleCsv(templateConfig('likert-quality')).split('\n')[0]).toBe(
      'data.prompt,data.response,meta.source,gold.quality.helpfulness,gold.quality.accuracy,gold.quality.fluency,qualification',
    );
  });
});
