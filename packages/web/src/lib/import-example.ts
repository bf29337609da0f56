// An example import file for a project, so a manager starts from rows that fit its config. Most
// projects get a CSV: the data keys it displays, a gold column per field (a column per rated
// dimension) and the qualification flag. A project with a pairwise, ranking or steps field, or a
// required written answer, gets JSON Lines instead: a production row with the data its fields
// need ({prompt, responses}, {messages, responses}, {question, steps, answer}), a hidden gold row
// and a qualification row, each with a gold answer the import accepts.

import type {
  FieldConfig,
  PairwiseField,
  ProjectConfig,
  RankingField,
  SpansField,
  StepsField,
  TextField,
} from '@concord/core/config';

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function goldColumns(field: FieldConfig): { name: string; example: string }[] {
  switch (field.type) {
    case 'choice': {
      const first = field.labels[0]?.value ?? '';
      const second = field.labels[1]?.value ?? first;
      return [
        { name: `gold.${field.name}`, example: field.multiple ? `${first}|${second}` : first },
      ];
    }
    case 'rating': {
      const middle = String(Math.ceil((field.min + field.max) / 2));
      const dimensions = field.dimensions ?? [];
      return dimensions.length === 0
        ? [{ name: `gold.${field.name}`, example: middle }]
        : dimensions.map((d) => ({ name: `gold.${field.name}.${d}`, example: middle }));
    }
    // Preference, ranking and step answers are structured: their gold goes in JSONL files.
    case 'text':
    case 'pairwise':
    case 'ranking':
    case 'steps':
    case 'spans':
      return [];
  }
}

/** A CSV with a header that fits the config, a plain row and a qualification row. */
export function exampleCsv(config: ProjectConfig): string {
  const keys =
    config.display !== undefined && config.display.length > 0 ? config.display : ['text'];
  const gold = config.fields.flatMap(goldColumns);
  const header = [
    ...keys.map((k) => `data.${k}`),
    'meta.source',
    ...gold.map((g) => g.name),
    'qualification',
  ];
  const plain = [
    ...keys.map((k) => `The ${k} of an item, to annotate`),
    'example',
    ...gold.map(() => ''),
    '',
  ];
  const qualification = [
    ...keys.map((k) => `The ${k} of an item with a known answer, "quoted, with a comma"`),
    'example',
    ...gold.map((g) => g.example),
    'true',
  ];
  return `${[header, plain, qualification].map((row) => row.map(csvCell).join(',')).join('\n')}\n`;
}

/**
 * Whether the project's example is JSON Lines: a pairwise, ranking or steps field needs lists in
 * the data (responses, steps) and a structured answer, which CSV cells cannot hold; a required
 * written answer (an ideal refusal, a rewrite) is long text over several lines, which JSON keeps
 * intact where a spreadsheet often does not.
 */
export function needsJsonl(config: ProjectConfig): boolean {
  return config.fields.some(
    (f) =>
      f.type === 'pairwise' ||
      f.type === 'ranking' ||
      f.type === 'steps' ||
      f.type === 'spans' ||
      (f.type === 'text' && f.required),
  );
}

// ---------- JSON Lines ----------

type Row = 'production' | 'gold' | 'qualification';
const ROWS: readonly Row[] = ['production', 'gold', 'qualification'];

/** Three prompts, each with a good response first; `worse` lists the others, worst last. */
const RESPONSES: Readonly<Record<Row, { best: string; worse: readonly string[] }>> = {
  production: {
    best: 'Sunlight scatters off the molecules of the air, and blue light scatters most (Rayleigh scattering), so blue comes at us from every direction.',
    worse: [
      'Blue light has the most energy, so it is the only colour that gets through the air.',
      'The sky reflects the colour of the oceans.',
    ],
  },
  gold: {
    best: '“Salt & Crumb”: it says sea and bread in three words, and it is easy to remember.',
    worse: ['“The Sourdough Shop”.', 'Bakery.'],
  },
  qualification: {
    best: 'Use a slice with a step of -1: `text[::-1]`. Strings are immutable, so this returns a new string.',
    worse: ['`"".join(reversed(text))`', 'Call `text.reverse()`.'],
  },
};

const PROMPTS: Readonly<Record<Row, string>> = {
  production: 'Explain in one paragraph why the sky is blue.',
  gold: 'Suggest a name for my bakery.',
  qualification: 'How do I reverse a string in Python?',
};

/** The gold row is a conversation: the responses answer its last turn. */
const CONVERSATION = [
  { role: 'user', content: 'I need a name for my bakery.' },
  { role: 'assistant', content: 'Happy to help! What kind of bakery is it, and where?' },
  { role: 'user', content: 'Sourdough bread, in a small town by the sea.' },
];

/** A short note for a spans field, and the phrase its gold marks with the field's first label. */
const NOTES: Readonly<Record<Row, { text: string; marked: string }>> = {
  production: { text: 'Patient denies chest pain. Started on aspirin 81 mg daily.', marked: '' },
  gold: { text: 'History of asthma; albuterol inhaler as needed.', marked: 'asthma' },
  qualification: { text: 'No fever today. Chest X-ray was clear.', marked: 'fever' },
};

/** The gold spans of a row: its marked phrase (ASCII, so its index counts code points). */
function spansGold(field: SpansField, row: Row): unknown {
  const { text, marked } = NOTES[row];
  const start = text.indexOf(marked);
  const label = field.labels[0]?.value ?? '';
  return marked === '' ? [] : [{ start, end: start + marked.length, label }];
}

/** A solution in steps; the qualification row's has an error in its second step (91 = 7 × 13). */
const SOLUTIONS: Readonly<
  Record<Row, { question: string; steps: readonly string[]; answer: string }>
> = {
  production: {
    question: 'What is 15% of 80?',
    steps: ['10% of 80 is 8.', '5% of 80 is half of that: 4.', '8 + 4 = 12.'],
    answer: '12',
  },
  gold: {
    question: 'A train leaves at 9:40 and arrives at 11:15. How long is the trip?',
    steps: [
      'From 9:40 to 10:40 is 1 hour.',
      'From 10:40 to 11:15 is 35 minutes.',
      'The trip takes 1 hour 35 minutes.',
    ],
    answer: '1 hour 35 minutes',
  },
  qualification: {
    question: 'Is 91 a prime number?',
    steps: [
      '91 is odd, so 2 does not divide it.',
      '91 is not divisible by 3, 5 or 7.',
      'So 91 is prime.',
    ],
    answer: 'Yes',
  },
};

/** `text`, repeated as needed to reach `min` characters and cut at `max`. */
function textOfLength(text: string, min: number, max: number): string {
  let out = text;
  while ([...out].length < min) out = `${out} ${text}`;
  return [...out].slice(0, max).join('');
}

interface Shape {
  /** The keys the data has, in order. */
  readonly keys: readonly string[];
  /** Responses per item: two when a pairwise field compares them, else three to rank. */
  readonly responses: number;
  /** The keys whose text a spans field marks: a note there. */
  readonly notes: readonly string[];
}

function shapeOf(config: ProjectConfig): Shape {
  const display = config.display ?? [];
  const compares = config.fields.some((f) => f.type === 'pairwise' || f.type === 'ranking');
  const steps = config.fields.some((f) => f.type === 'steps');
  const keys = [...display];
  const add = (key: string) => {
    if (!keys.includes(key)) keys.push(key);
  };
  if (compares) {
    if (!keys.includes('prompt') && !keys.includes('messages')) add('prompt');
    add('responses');
  }
  if (steps) ['question', 'steps', 'answer'].forEach(add);
  const notes = config.fields.flatMap((f) => (f.type === 'spans' ? [f.source] : []));
  notes.forEach(add);
  if (keys.length === 0) add('text');
  return { keys, responses: config.fields.some((f) => f.type === 'pairwise') ? 2 : 3, notes };
}

/**
 * The data of one row. A prompt and a conversation are alternatives: with both displayed, the
 * gold row shows the conversation form and the others the prompt.
 */
function rowData(shape: Shape, row: Row): Record<string, unknown> {
  const conversation =
    shape.keys.includes('messages') && (row === 'gold' || !shape.keys.includes('prompt'));
  const { best, worse } = RESPONSES[row];
  const data: Record<string, unknown> = {};
  for (const key of shape.keys) {
    switch (key) {
      case 'prompt':
        if (!conversation) data.prompt = PROMPTS[row];
        break;
      case 'messages':
        if (conversation) data.messages = CONVERSATION;
        break;
      case 'responses':
        data.responses = responsesOf(shape, row, best, worse);
        break;
      case 'question':
      case 'answer':
        data[key] = SOLUTIONS[row][key];
        break;
      case 'steps':
        data.steps = SOLUTIONS[row].steps;
        break;
      default:
        data[key] = shape.notes.includes(key)
          ? NOTES[row].text
          : row === 'production'
            ? `The ${key} of an item, to annotate`
            : `The ${key} of an item with a known answer`;
    }
  }
  return data;
}

/** The responses in the order annotators see them: the best is B in the qualification row. */
function responsesOf(shape: Shape, row: Row, best: string, worse: readonly string[]): string[] {
  const others = worse.slice(0, shape.responses - 1);
  return row === 'qualification'
    ? [...others.slice(0, 1), best, ...others.slice(1)]
    : [best, ...others];
}

/** The rank of each response as {@link responsesOf} orders them (1 = best). */
function ranksOf(shape: Shape, row: Row): number[] {
  const ranks = Array.from({ length: shape.responses }, (_, i) => i + 1);
  return row === 'qualification' ? [2, 1, ...ranks.slice(2)] : ranks;
}

function pairwiseGold(field: PairwiseField, row: Row): Record<string, unknown> {
  const choice = row === 'qualification' ? 'B' : 'A';
  return {
    choice,
    ...(field.strength ? { strength: 2 } : {}),
    ...(field.dimensions.length > 0
      ? { dimensions: Object.fromEntries(field.dimensions.map((d) => [d, { choice }])) }
      : {}),
    ...(field.justification === 'required'
      ? {
          justification: textOfLength(
            `Response ${choice} answers what was asked and gets the facts right; the other does not.`,
            field.minJustificationLength,
            10_000,
          ),
        }
      : {}),
  };
}

function rankingGold(field: RankingField, shape: Shape, row: Row): Record<string, unknown> {
  const ranks = ranksOf(shape, row);
  return {
    ranks,
    ...(field.dimensions.length > 0
      ? { dimensions: Object.fromEntries(field.dimensions.map((d) => [d, { ranks }])) }
      : {}),
    ...(field.justification === 'required'
      ? {
          justification: textOfLength(
            'The best response is right and complete; the worst one states something false.',
            field.minJustificationLength,
            10_000,
          ),
        }
      : {}),
  };
}

/**
 * Step labels the checks accept: every step right in the gold row; in the qualification row the
 * step with the error (and what builds on it) labelled with an error label, when the field names
 * them, marked as the first error when it asks for it.
 */
function stepsGold(field: StepsField, row: Row): Record<string, unknown> {
  const errors = new Set(field.errorLabels ?? []);
  const right = field.labels.find((l) => !errors.has(l.value))?.value ?? '';
  const wrong = field.labels.find((l) => errors.has(l.value))?.value;
  const count = SOLUTIONS[row].steps.length;
  const flawed = row === 'qualification' && wrong !== undefined;
  const finals = field.finalLabels.map((l) => l.value);
  return {
    steps: Array.from({ length: count }, (_, i) => (flawed && i >= 1 ? wrong : right)),
    ...(field.firstError ? { firstError: flawed ? 1 : null } : {}),
    final: (flawed ? finals[finals.length - 1] : finals[0]) ?? '',
  };
}

function textGold(field: TextField): string {
  return textOfLength(
    'The answer the guidelines ask for on this item, written out in full.',
    field.minLength,
    field.maxLength,
  );
}

function goldValue(field: FieldConfig, shape: Shape, row: Row): unknown {
  switch (field.type) {
    case 'choice': {
      const first = field.labels[0]?.value ?? '';
      return field.multiple ? [first] : first;
    }
    case 'rating': {
      const middle = Math.ceil((field.min + field.max) / 2);
      const dimensions = field.dimensions ?? [];
      return dimensions.length === 0
        ? middle
        : Object.fromEntries(dimensions.map((d) => [d, middle]));
    }
    case 'text':
      return field.required ? textGold(field) : undefined;
    case 'pairwise':
      return pairwiseGold(field, row);
    case 'ranking':
      return rankingGold(field, shape, row);
    case 'steps':
      return stepsGold(field, row);
    case 'spans':
      return spansGold(field, row);
  }
}

/** The three example rows as objects: production, hidden gold, qualification. */
export function exampleRows(config: ProjectConfig): Record<string, unknown>[] {
  const shape = shapeOf(config);
  return ROWS.map((row) => {
    const data = rowData(shape, row);
    if (row === 'production') return { data, meta: { source: 'example' } };
    const gold: Record<string, unknown> = {};
    for (const field of config.fields) {
      const value = goldValue(field, shape, row);
      if (value !== undefined) gold[field.name] = value;
    }
    return {
      data,
      meta: { source: 'example' },
      gold,
      ...(row === 'qualification' ? { qualification: true } : {}),
    };
  });
}

/** The example as a JSON Lines file: one row per line. */
export function exampleJsonl(config: ProjectConfig): string {
  return exampleRows(config)
    .map((row) => `${JSON.stringify(row)}\n`)
    .join('');
}

/**
 * The example's rows with their texts left out, to read at a glance: every text of the data is
 * "…", and so is a long text of a gold answer (a justification); labels, ranks and numbers stay.
 * Only the first row shows `meta`, and a blank line parts the rows (a long row wraps on screen).
 */
export function exampleSketch(config: ProjectConfig): string {
  const shorten = (value: unknown, all: boolean): unknown => {
    if (typeof value === 'string') return all || value.length > 24 ? '…' : value;
    if (Array.isArray(value)) return value.map((v) => shorten(v, all));
    if (typeof value === 'object' && value !== null)
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, k === 'role' ? v : shorten(v, all)]),
      );
    return value;
  };
  return exampleRows(config)
    .map((row, i) =>
      spaced(
        JSON.stringify(
          Object.fromEntries(
            Object.entries(row)
              .filter(([k]) => k !== 'meta' || i === 0)
              .map(([k, v]) => [k, k === 'meta' ? v : shorten(v, k === 'data')]),
          ),
        ),
      ),
    )
    .join('\n\n');
}

/** JSON with a space after each `:` and `,` outside strings, as people write it. */
function spaced(json: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const ch = json[i]!;
    out += ch;
    if (inString) {
      if (ch === '\\') out += json[++i] ?? '';
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === ':' || ch === ',') out += ' ';
  }
  return out;
}

/** The example file the Import tab offers for a project: JSON Lines when CSV cannot hold it. */
export interface ImportExample {
  readonly format: 'csv' | 'jsonl';
  readonly text: string;
  readonly mediaType: string;
}

export function importExample(config: ProjectConfig): ImportExample {
  return needsJsonl(config)
    ? { format: 'jsonl', text: exampleJsonl(config), mediaType: 'application/x-ndjson' }
    : { format: 'csv', text: exampleCsv(config), mediaType: 'text/csv' };
}
