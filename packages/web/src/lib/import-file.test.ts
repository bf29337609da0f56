import { projectConfigSchema } from '@concord/core/config';
import { describe, expect, it } from 'vitest';
import { describeJsonError, detectFormat, readImportFile } from './import-file';

const config = projectConfigSchema.parse({
  fields: [
    { name: 'sentiment', type: 'choice', labels: ['positive', 'neutral', 'negative'] },
    { name: 'topics', type: 'choice', multiple: true, required: false, labels: ['a', 'b', 'c'] },
    { name: 'quality', type: 'rating', min: 1, max: 5, dimensions: ['fluency', 'accuracy'] },
  ],
});

describe('detectFormat', () => {
  it('goes by the extension, and by the first character when the name says nothing', () => {
    expect(detectFormat('items.JSONL', '')).toBe('jsonl');
    expect(detectFormat('items.ndjson', '')).toBe('jsonl');
    expect(detectFormat('items.csv', '[')).toBe('csv');
    expect(detectFormat('items.json', ' [{}]')).toBe('json');
    expect(detectFormat('items.json', '{"data":{}}\n{"data":{}}')).toBe('jsonl');
    expect(detectFormat('paste', '  [1]')).toBe('json');
    expect(detectFormat('paste', '{}')).toBe('jsonl');
    expect(detectFormat('paste', 'data.text')).toBe('csv');
  });
});

describe('readImportFile: JSON array', () => {
  it('gives each row the line its element starts on', () => {
    const text =
      '[\n  {"data": {"text": "a, [b]"}},\n  {"data": {"text": "c\\"}"}}\n,\n{"data":{}}]';
    const reading = readImportFile('x.json', text, config);
    expect(reading.fatal).toEqual([]);
    expect(reading.rows.map((r) => r.line)).toEqual([2, 3, 5]);
    expect(reading.rows[1]?.row).toEqual({ data: { text: 'c"}' } });
  });

  it('says where the JSON breaks, as a problem of the whole file', () => {
    const reading = readImportFile('x.json', '[\n{"data": {}},\n{"data": }\n]', config);
    expect(reading.rows).toEqual([]);
    expect(reading.fatal).toHaveLength(1);
    expect(reading.fatal[0]?.message).toMatch(/^not valid JSON: /);
  });

  it('refuses a JSON value that is not an array, saying what to use instead', () => {
    const reading = readImportFile('x.json', '"text"', config);
    expect(reading.fatal[0]?.message).toMatch(/expected a JSON array/);
  });
});

describe('describeJsonError', () => {
  it('reads the line from the words of Chromium and of Firefox', () => {
    const chromium = new SyntaxError(
      'Unexpected token \'}\', "{"data": }" is not valid JSON in JSON at position 30 (line 3 column 10)',
    );
    expect(describeJsonError(chromium, '').line).toBe(3);
    expect(describeJsonError(chromium, '').message).not.toMatch(/position|column/);
    const firefox = new SyntaxError(
      'JSON.parse: unexpected character at line 4 column 9 of the JSON data',
    );
    expect(describeJsonError(firefox, '')).toEqual({
      line: 4,
      message: 'not valid JSON: unexpected character',
    });
  });

  it('turns an offset into a line when the engine gives only the position', () => {
    const error = new SyntaxError('Unexpected token } in JSON at position 7');
    expect(describeJsonError(error, 'ab\ncd\nef}')).toEqual({
      line: 3,
      message: 'not valid JSON: Unexpected token }',
    });
  });
});

describe('readImportFile: JSON Lines', () => {
  it('reads one row per line, lists broken lines and counts blank ones', () => {
    const text = '{"data":{"text":"a"}}\n\n{"data": oops}\n{"data":{"text":"b"}}\n';
    const reading = readImportFile('x.jsonl', text, config);
    expect(reading.rows).toEqual([
      { line: 1, row: { data: { text: 'a' } } },
      { line: 4, row: { data: { text: 'b' } } },
    ]);
    expect(reading.unreadable.map((p) => p.line)).toEqual([3]);
    expect(reading.unreadable[0]?.message).toMatch(/^not valid JSON/);
    expect(reading.blankLines).toBe(1);
  });
});

describe('readImportFile: CSV', () => {
  it('builds data, meta and typed gold answers from the columns', () => {
    const text = [
      'data.text,meta.source,gold.sentiment,gold.topics,gold.quality.fluency,gold.quality.accuracy,priority,qualification',
      '"Great, thanks",web,positive,a|b,4,5,2,yes',
      'Meh,app,,,,,,',
    ].join('\n');
    const reading = readImportFile('items.csv', text, config);
    expect(reading.fatal).toEqual([]);
    expect(reading.rows).toEqual([
      {
        line: 2,
        row: {
          data: { text: 'Great, thanks' },
          meta: { source: 'web' },
          gold: { sentiment: 'positive', topics: ['a', 'b'], quality: { fluency: 4, accuracy: 5 } },
          priority: 2,
          qualification: true,
        },
      },
      { line: 3, row: { data: { text: 'Meh' }, meta: { source: 'app' } } },
    ]);
  });

  it('keeps values that do not fit as text, so the row check can name them', () => {
    const text = 'data.text,priority,qualification,gold.quality.fluency\nx,soon,maybe,high';
    const row = readImportFile('x.csv', text, config).rows[0]?.row;
    expect(row).toMatchObject({
      priority: 'soon',
      qualification: 'maybe',
      gold: { quality: { fluency: 'high' } },
    });
  });

  it('stops at a column it does not know, naming it and what is allowed', () => {
    const text =
      'data.text,label,gold.mood,gold.quality.style,gold.sentiment.x,data.text\na,b,c,d,e,f';
    const reading = readImportFile('x.csv', text, config);
    expect(reading.rows).toEqual([]);
    expect(reading.fatal.map((p) => p.message)).toEqual([
      expect.stringMatching(/^column "label": unknown column \(use data.<key>/),
      'column "gold.mood": "mood" is not a field of this project (sentiment, topics, quality)',
      'column "gold.quality.style": "style" is not a dimension of quality (fluency, accuracy)',
      'column "gold.sentiment.x": sentiment has no dimensions: name the column gold.sentiment',
      'column "data.text" appears twice',
    ]);
    expect(reading.fatal.every((p) => p.line === 1)).toBe(true);
  });

  it('lists a line with more cells than columns instead of guessing, and skips blank lines', () => {
    const text = 'data.text,priority\na,1\n\nb, c,2\n,\n';
    const reading = readImportFile('x.csv', text, config);
    expect(reading.rows.map((r) => r.line)).toEqual([2]);
    expect(reading.unreadable.map((p) => p.line)).toEqual([4]);
    expect(reading.unreadable[0]?.message).toMatch(/^3 cells, but the header names 2 columns/);
    expect(reading.blankLines).toBe(2);
  });

  it('says an empty file is empty', () => {
    expect(readImportFile('x.csv', '\n\n', config).fatal).toEqual([
      { line: 1, message: 'the file is empty' },
    ]);
  });
});
