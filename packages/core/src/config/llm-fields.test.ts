import { z } from 'zod';
import {
  LLM_PROJECT_TEMPLATES,
  TRAJECTORY_STEP_LABELS,
  choiceFieldSchema,
  llmFieldSchema,
  pairwiseFieldSchema,
  qualityPolicySchema,
  rankingFieldSchema,
  ratingFieldSchema,
  stepsFieldSchema,
  textFieldSchema,
  type RankingField,
  type StepsField,
} from '@concord/core/config';

const ranking: RankingField = rankingFieldSchema.parse({
  name: 'rank',
  type: 'ranking',
  dimensions: ['accuracy'],
});
const steps: StepsField = stepsFieldSchema.parse({ name: 'steps', type: 'steps' });

describe('LLM field schemas', () => {
  it('parse the contract shapes and fill the defaults', () => {
    expect(
      llmFieldSchema.parse({
        name: 'pref',
        type: 'pairwise',
        dimensions: ['helpfulness', 'safety'],
        justification: 'required',
      }),
    ).toEqual({
      name: 'pref',
      type: 'pairwise',
      dimensions: ['helpfulness', 'safety'],
      justification: 'required',
      minJustificationLength: 20,
      required: true,
      strength: false,
      allowTies: true,
    });
    expect(ranking).toMatchObject({ allowTies: false, justification: 'optional' });
    expect(steps.labels.map((l) => l.value)).toEqual([
      'correct-necessary',
      'correct-redundant',
      'incorrect',
      'incomplete',
    ]);
    expect(steps.finalLabels.map((l) => l.value)).toEqual(['correct', 'incorrect']);
    expect(steps.firstError).toBe(true);
  });

  it('name the bad part of a config: duplicate dimension, rubric of an unknown dimension, error label off the taxonomy', () => {
    const paths = (schema: z.ZodType, input: unknown) =>
      schema.safeParse(input).error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(
      paths(pairwiseFieldSchema, {
        name: 'p',
        type: 'pairwise',
        dimensions: ['tone', 'tone'],
        rubric: { brevity: 'short' },
      }),
    ).toEqual([
      'dimensions.1: duplicate dimension "tone"',
      'rubric.brevity: "brevity" is not one of the dimensions (tone, tone); add it to dimensions or remove it from the rubric',
    ]);
    expect(
      paths(stepsFieldSchema, {
        name: 's',
        type: 'steps',
        labels: TRAJECTORY_STEP_LABELS,
        errorLabels: ['incorrect'],
      }),
    ).toEqual([
      'errorLabels.0: "incorrect" is not one of the step labels (right-tool, wrong-tool, wrong-parameters, misread-output, good-recovery, bad-recovery)',
    ]);
    expect(
      paths(rankingFieldSchema, { name: 'r', type: 'ranking', justification: 'always' })[0],
    ).toMatch(/^justification: /);
  });

  it('join a discriminated union with the existing field types (as the lead will wire them)', () => {
    const union = z.discriminatedUnion('type', [
      choiceFieldSchema,
      ratingFieldSchema,
      textFieldSchema,
      pairwiseFieldSchema,
      rankingFieldSchema,
      stepsFieldSchema,
    ]);
    const config = z.object({ fields: z.array(union), display: z.array(z.string()).optional() });
    expect(LLM_PROJECT_TEMPLATES.map((t) => t.id)).toEqual([
      'rlhf-pairwise',
      'ranking-rubric',
      'process-reward',
      'agent-trajectory',
      'red-team-triage',
    ]);
    for (const template of LLM_PROJECT_TEMPLATES) {
      const parsed = config.safeParse(template.config);
      expect(parsed.error?.issues ?? [], template.id).toEqual([]);
      expect(qualityPolicySchema.safeParse(template.policy).success, template.id).toBe(true);
    }
    const triage = config.parse(LLM_PROJECT_TEMPLATES[4]!.config);
    expect(triage.fields.find((f) => f.name === 'attack')).toMatchObject({
      labels: expect.arrayContaining([
        expect.objectContaining({ value: 'prompt-injection' }),
        expect.objectContaining({ value: 'jailbreak' }),
        expect.objectContaining({ value: 'multi-turn' }),
        expect.objectContaining({ value: 'data-extraction' }),
        expect.objectContaining({ value: 'indirect-injection' }),
      ]) as unknown,
    });
  });
});
