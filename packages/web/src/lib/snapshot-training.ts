// How a manager chooses, when creating a snapshot, what its DPO pairs do with ties and with pairs
// the annotators hardly agreed on — and how a manifest reads back the choices it was built with.

import type { ProjectConfig } from '@concord/core/config';
import type { SnapshotTrainingOptions } from '../api/types';

/** The server's defaults (training-export.ts): ties and low agreement left out, every pair. */
export const DEFAULT_TRAINING: SnapshotTrainingOptions = {
  ties: 'exclude',
  minAgreement: null,
  lowAgreement: 'exclude',
  rankingPairs: 'all',
};

/** What the form holds: the minimum agreement as typed, so a half-typed number stays. */
export interface TrainingForm {
  readonly ties: SnapshotTrainingOptions['ties'];
  readonly minAgreement: string;
  readonly lowAgreement: SnapshotTrainingOptions['lowAgreement'];
  readonly rankingPairs: SnapshotTrainingOptions['rankingPairs'];
}

export const DEFAULT_TRAINING_FORM: TrainingForm = { ...DEFAULT_TRAINING, minAgreement: '' };

/** Which choices the project's fields make matter: preferences at all, and rankings. */
export function trainingChoices(config: ProjectConfig): {
  readonly preferences: boolean;
  readonly rankings: boolean;
} {
  const rankings = config.fields.some((f) => f.type === 'ranking');
  return { preferences: rankings || config.fields.some((f) => f.type === 'pairwise'), rankings };
}

/** Why the minimum agreement as typed cannot be sent, or null when it can (empty is none). */
export function minAgreementProblem(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  if (!/^\d*\.?\d+$/.test(trimmed) || !Number.isFinite(value) || value > 1)
    return 'a share from 0 to 1, such as 0.67 for two judgments in three, or empty for none';
  return null;
}

/** The options to send, or the problem to show at the minimum agreement. */
export function readTrainingForm(
  form: TrainingForm,
): { readonly training: SnapshotTrainingOptions } | { readonly problem: string } {
  const problem = minAgreementProblem(form.minAgreement);
  if (problem !== null) return { problem };
  const typed = form.minAgreement.trim();
  return {
    training: {
      ties: form.ties,
      minAgreement: typed === '' ? null : Number(typed),
      lowAgreement: form.lowAgreement,
      rankingPairs: form.rankingPairs,
    },
  };
}

/**
 * The options a manifest records, read defensively: a manifest from before training files has
 * none (null), and an odd value reads as the server's default.
 */
export function readTrainingOptions(raw: unknown): SnapshotTrainingOptions | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const r = raw as Record<string, unknown>;
  const min = r.minAgreement;
  return {
    ties: r.ties === 'flag' ? 'flag' : 'exclude',
    minAgreement: typeof min === 'number' && Number.isFinite(min) ? min : null,
    lowAgreement: r.lowAgreement === 'flag' ? 'flag' : 'exclude',
    rankingPairs: r.rankingPairs === 'best-vs-rest' ? 'best-vs-rest' : 'all',
  };
}

/**
 * The options in words, one line each, for the manifest: "Ties: left out", "Minimum agreement:
 * 0.67, pairs below it kept with the flag low-agreement", and for rankings which pairs they give.
 */
export function describeTraining(
  options: SnapshotTrainingOptions,
  rankings: boolean,
): readonly { readonly label: string; readonly value: string }[] {
  const lines = [
    {
      label: 'Ties',
      value:
        options.ties === 'exclude'
          ? 'left out (a tie has no chosen response)'
          : 'kept, with the flag “tie”',
    },
    {
      label: 'Minimum agreement',
      value:
        options.minAgreement === null
          ? 'none: every pair, however split the annotators were'
          : `${options.minAgreement}: pairs below it ${options.lowAgreement === 'exclude' ? 'left out' : 'kept, with the flag “low-agreement”'}`,
    },
  ];
  if (rankings)
    lines.push({
      label: 'Pairs of a ranking',
      value:
        options.rankingPairs === 'all'
          ? 'every pair the ranking orders'
          : 'the best response against each of the others',
    });
  return lines;
}
