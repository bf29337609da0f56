import { projectConfigSchema } from '@concord/core/config';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TRAINING_FORM,
  describeTraining,
  minAgreementProblem,
  readTrainingForm,
  readTrainingOptions,
  trainingChoices,
} from './snapshot-training';

describe('readTrainingForm', () => {
  it('sends the server’s defaults when nothing is changed', () => {
    expect(readTrainingForm(DEFAULT_TRAINING_FORM)).toEqual({
      training: {
        ties: 'exclude',
        minAgreement: null,
        lowAgreement: 'exclude',
        rankingPairs: 'all',
      },
    });
  });

  it('sends a minimum agreement as a number, with what happens below it', () => {
    expect(
      readTrainingForm({
        ties: 'flag',
        minAgreement: ' 0.67 ',
        lowAgreement: 'flag',
        rankingPairs: 'best-vs-rest',
      }),
    ).toEqual({
      training: {
        ties: 'flag',
        minAgreement: 0.67,
        lowAgreement: 'flag',
        rankingPairs: 'best-vs-rest',
      },
    });
    expect(readTrainingForm({ ...DEFAULT_TRAINING_FORM, minAgreement: '1' })).toMatchObject({
      training: { minAgreement: 1 },
    });
  });

  it('refuses a minimum agreement outside 0–1 or not a number, and says what it takes', () => {
    for (const typed of ['1.5', '-0.2', '67%', '0,67', 'two thirds', '1e-1'])
      expect(readTrainingForm({ ...DEFAULT_TRAINING_FORM, minAgreement: typed }), typed).toEqual({
        problem: 'a share from 0 to 1, such as 0.67 for two judgments in three, or empty for none',
      });
    expect(minAgreementProblem('')).toBeNull();
    expect(minAgreementProblem('.5')).toBeNull();
    expect(minAgreementProblem('0')).toBeNull();
  });
});

describe('trainingChoices', () => {
  it('asks about preferences only for pairwise or ranking fields, and about ranking pairs only for rankings', () => {
    const config = (fields: unknown[]) => projectConfigSchema.parse({ fields });
    expect(trainingChoices(config([{ name: 'p', type: 'pairwise' }]))).toEqual({
      preferences: true,
      rankings: false,
    });
    expect(trainingChoices(config([{ name: 'r', type: 'ranking' }]))).toEqual({
      preferences: true,
      rankings: true,
    });
    expect(
      trainingChoices(
        config([
          { name: 's', type: 'choice', labels: ['a', 'b'] },
          { name: 't', type: 'steps' },
        ]),
      ),
    ).toEqual({ preferences: false, rankings: false });
  });
});

describe('reading and describing the options a manifest records', () => {
  it('reads them, and an odd value as the default', () => {
    expect(readTrainingOptions(undefined)).toBeNull();
    expect(readTrainingOptions({ ties: 'flag', minAgreement: 'high', rankingPairs: 'x' })).toEqual({
      ties: 'flag',
      minAgreement: null,
      lowAgreement: 'exclude',
      rankingPairs: 'all',
    });
  });

  it('says in words what happened to ties and to pairs below the minimum', () => {
    expect(
      describeTraining(
        { ties: 'exclude', minAgreement: 0.67, lowAgreement: 'flag', rankingPairs: 'best-vs-rest' },
        true,
      ),
    ).toEqual([
      { label: 'Ties', value: 'left out (a tie has no chosen response)' },
      {
        label: 'Minimum agreement',
        value: '0.67: pairs below it kept, with the flag “low-agreement”',
      },
      { label: 'Pairs of a ranking', value: 'the best response against each of the others' },
    ]);
    expect(
      describeTraining(
        { ties: 'flag', minAgreement: null, lowAgreement: 'exclude', rankingPairs: 'all' },
        false,
      ).map((l) => l.value),
    ).toEqual(['kept, with the flag “tie”', 'none: every pair, however split the annotators were']);
  });
});
