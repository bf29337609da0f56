import { describe, expect, it } from 'vitest';
import type { ProjectConfig, QualityPolicy } from '@concord/core/config';
import { DEFAULT_POLICY, projectConfigSchema } from '@concord/core/config';
import { ApiError } from '../api/errors';
import { answerRows, buildValue, draftProblems } from './annotation-draft';
import {
  formatValue,
  formatValueShort,
  initialDraft,
  llmOptionKey,
  llmOptions,
  methodLabel,
  rationaleProblem,
  rowOptions,
  splitDecisionErrors,
  whyQueued,
} from './adjudication-view';

const config = {
  fields: [
    {
      name: 'sentiment',
      type: 'choice',
      labels: [
        { value: 'pos', title: 'Positive' },
        { value: 'neu' },
        { value: 'neg', title: 'Negative' },
      ],
      multiple: false,
      required: true,
    },
    {
      name: 'quality',
      type: 'rating',
      min: 1,
      max: 5,
      anchors: { '1': 'poor', '5': 'excellent' },
      dimensions: ['fluency', 'accuracy'],
      required: true,
    },
  ],
} as ProjectConfig;
const rows = answerRows(config);
const labels = [
  {
    userId: 'a',
    name: 'Ann',
    value: { sentiment: 'pos', quality: { fluency: 5, accuracy: 4 } },
    createdAt: '',
  },
  {
    userId: 'b',
    name: 'Bob',
    value: { sentiment: 'neg', quality: { fluency: 5, accuracy: 2 } },
    createdAt: '',
  },
];

describe('rowOptions', () => {
  it('shows who chose each label, with its key', () => {
    const options = rowOptions(rows[0]!, labels);
    expect(options.map((o) => [o.key, o.title, o.voters])).toEqual([
      ['1', 'Positive', ['Ann']],
      ['2', 'neu', []],
      ['3', 'Negative', ['Bob']],
    ]);
  });

  it('shows who gave each score of a rated dimension', () => {
    const fluency = rowOptions(rows[1]!, labels);
    expect(fluency.find((o) => o.value === 5)).toMatchObject({
      title: '5 · excellent',
      voters: ['Ann', 'Bob'],
    });
  });
});

describe('initialDraft', () => {
  it('starts from the computed decision, leaving a tied field open', () => {
    expect(initialDraft(config, { sentiment: null, quality: { fluency: 5, accuracy: 3 } })).toEqual(
      {
        quality: { fluency: 5, accuracy: 3 },
      },
    );
    expect(initialDraft(config, null)).toEqual({});
  });
});

describe('formatValue', () => {
  it('reads a whole value in one line, with label titles and anchors', () => {
    expect(formatValue(config, { sentiment: 'neg', quality: { fluency: 5, accuracy: 1 } })).toBe(
      'Sentiment: Negative; Quality · Fluency: 5 (excellent); Quality · Accuracy: 1 (poor)',
    );
  });
});

describe('formatValueShort', () => {
  it('leaves the field’s name out when there is one field', () => {
    const single = { fields: [config.fields[0]!] } as ProjectConfig;
    expect(formatValueShort(single, { sentiment: 'neg' })).toBe('Negative');
    expect(formatValueShort(config, { sentiment: 'neg' })).toContain('Sentiment: Negative; ');
  });
});

describe('whyQueued', () => {
  const policy: QualityPolicy = { ...DEFAULT_POLICY, adjudicationThreshold: 0.6 };
  it('names a tie', () => {
    const decision = {
      value: { sentiment: null },
      method: 'majority',
      confidence: 0.5,
      decidedBy: null,
      rationale: null,
    };
    expect(whyQueued(config, decision, policy)).toBe(
      'Annotators tied on Sentiment: no label has a majority.',
    );
  });
  it('or says the support is under the policy’s bar', () => {
    const decision = {
      value: { sentiment: 'pos' },
      method: 'majority',
      confidence: 0.5,
      decidedBy: null,
      rationale: null,
    };
    expect(whyQueued(config, decision, policy)).toContain('under 60 %');
  });
});

describe('splitDecisionErrors', () => {
  it('puts each refusal next to its row or the rationale, and keeps the rest', () => {
    const error = new ApiError(400, 'CONCORD_ERR_VALIDATION', 'bad', [
      { path: 'body.value.sentiment', message: 'must be one of pos, neu, neg' },
      { path: 'body.value.quality.fluency', message: 'required' },
      { path: 'body.rationale', message: 'say why, in a few words' },
      { path: 'body.value.extra', message: 'unknown field' },
    ]);
    expect(splitDecisionErrors(error, rows)).toEqual({
      rows: { sentiment: 'must be one of pos, neu, neg', 'quality.fluency': 'required' },
      rationale: 'say why, in a few words',
      general: ['value.extra: unknown field'],
    });
  });

  it('shows any other failure as a general message', () => {
    const error = new ApiError(403, 'CONCORD_ERR_FORBIDDEN', 'no');
    expect(splitDecisionErrors(error, rows).general).toEqual([
      'Your role does not allow this action.',
    ]);
  });
});

describe('rationaleProblem', () => {
  it('asks for a few words, as the server does', () => {
    expect(rationaleProblem('  ')).toContain('Say why');
    expect(rationaleProblem('ok')).toContain('at least 3');
    expect(rationaleProblem('Rule 3: refunds are negative.')).toBeNull();
  });
});

describe('methodLabel', () => {
  it('names the known methods and humanizes others', () => {
    expect(methodLabel('adjudication')).toBe('Adjudicated');
    expect(methodLabel('model_vote')).toBe('Model vote');
  });
});

describe('deciding a pairwise field', () => {
  const llmConfig = projectConfigSchema.parse({
    fields: [
      {
        name: 'pref',
        type: 'pairwise',
        dimensions: ['safety'],
        strength: true,
        justification: 'required',
        minJustificationLength: 5,
      },
    ],
  });
  const llmRows = answerRows(llmConfig);
  const ada = {
    choice: 'A',
    strength: 3,
    dimensions: { safety: { choice: 'A', strength: 3 } },
    justification: 'A refuses to help break in.',
  };
  const bo = {
    choice: 'B',
    strength: 1,
    dimensions: { safety: { choice: 'A' } },
    justification: 'B answers what was asked.',
  };
  const said = [
    { userId: 'a', name: 'Ada', value: { pref: ada }, createdAt: '' },
    { userId: 'b', name: 'Bo', value: { pref: bo }, createdAt: '' },
  ];
  const press = (key: string) => ({
    key,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    inRationale: false,
    inField: false,
  });

  it('offers each annotator’s judgment in words, with their justification and a digit', () => {
    expect(
      llmOptions(llmRows[0]!, said).map((o) => [o.key, o.title, o.justification, o.voter]),
    ).toEqual([
      ['1', 'A much better (safety A much better)', 'A refuses to help break in.', 'Ada'],
      ['2', 'B slightly better (safety A)', 'B answers what was asked.', 'Bo'],
    ]);
  });

  it('takes the value of the annotator whose digit is pressed, whole, then goes to the rationale', () => {
    const start = {
      draft: initialDraft(llmConfig, { pref: { choice: null, dimensions: {} } }, said),
      active: 0,
    };
    // A tie leaves nothing to start from.
    expect(start.draft).toEqual({});
    const result = llmOptionKey(start, llmRows, said, press('2'));
    expect(result?.state.draft).toEqual({ pref: bo });
    expect(result?.command).toEqual({ kind: 'focus-rationale' });
    expect(buildValue(llmConfig, result!.state.draft)).toEqual({ pref: bo });
    expect(
      draftProblems(llmConfig, result!.state.draft, { prompt: 'p', responses: ['a', 'b'] }),
    ).toEqual({});
    // No annotator behind the digit: the key is used, nothing changes.
    expect(llmOptionKey(start, llmRows, said, press('7'))?.state).toBe(start);
    // In the rationale the digit is typed.
    expect(llmOptionKey(start, llmRows, said, { ...press('1'), inRationale: true })).toBeNull();
  });

  it('starts from the computed value only when it is one of the annotators’', () => {
    expect(initialDraft(llmConfig, { pref: { ...ada } }, said)).toEqual({ pref: ada });
    expect(initialDraft(llmConfig, { pref: { choice: 'A', dimensions: {} } }, said)).toEqual({});
  });

  it('says the annotators split when no preference has a majority', () => {
    const decision = {
      value: { pref: { choice: null, dimensions: {} } },
      method: 'majority',
      confidence: 0.5,
    };
    expect(whyQueued(llmConfig, decision as never, DEFAULT_POLICY)).toBe(
      'Annotators tied on Pref: no label has a majority.',
    );
  });

  it('puts the server’s problems with parts of the value on the field’s row', () => {
    const error = new ApiError(400, 'CONCORD_ERR_VALIDATION', 'invalid', [
      { path: 'body.value.pref.dimensions.safety.choice', message: 'must be A, B or tie' },
    ]);
    expect(splitDecisionErrors(error, llmRows).rows).toEqual({ pref: 'must be A, B or tie' });
  });
});
