// How a member's qualification reads in the Members tab, and what a manager may decide about
// it: a failed annotator can be given another attempt or admitted anyway; anyone else can be
// marked as failed. The server keeps the note with the decision in the audit log.

import { formatPercent } from '../api/errors';
import type { QualificationDecision } from '../api/client';
import type { Member } from '../api/types';

type QualificationOf = Pick<
  Member,
  'qualification' | 'qualificationScore' | 'qualificationAttempt'
>;

/** The longest note the server stores with a decision (after trimming). */
export const MAX_DECISION_NOTE = 2000;

export interface QualificationBadge {
  readonly text: string;
  readonly tone: 'off' | 'on' | 'failed';
  /** What the short text leaves out, for the tooltip. */
  readonly title: string | undefined;
}

/**
 * "Pending", "Passed · 100 %", "Failed · 50 % · attempt 2". A qualified member whose score is
 * under the pass mark was admitted by a manager, and reads so rather than "Passed".
 */
export function qualificationBadge(member: QualificationOf, passMark: number): QualificationBadge {
  const { qualificationScore: score, qualificationAttempt: attempt } = member;
  const scored = score === null ? '' : ` · ${formatPercent(score)}`;
  const nth = attempt > 1 ? ` · attempt ${attempt}` : '';
  switch (member.qualification) {
    case 'pending':
      return {
        text: `Pending${nth}`,
        tone: 'off',
        title:
          attempt > 1
            ? `Has not finished attempt ${attempt} at the qualification set yet`
            : 'Has not finished the qualification set yet',
      };
    case 'qualified':
      if (score === null) return { text: `Qualified${nth}`, tone: 'on', title: undefined };
      if (score < passMark) {
        return {
          text: `Admitted${scored}${nth}`,
          tone: 'on',
          title: `Admitted by a manager under the pass mark of ${formatPercent(passMark)}`,
        };
      }
      return { text: `Passed${scored}${nth}`, tone: 'on', title: undefined };
    case 'failed':
      return {
        text: `Failed${scored}${nth}`,
        tone: 'failed',
        title:
          score !== null && score >= passMark
            ? `Marked as failed by a manager (the pass mark is ${formatPercent(passMark)})`
            : undefined,
      };
  }
}

/** The decisions a manager is offered on a member's qualification, most likely first. */
export function qualificationChoices(member: QualificationOf): readonly QualificationDecision[] {
  return member.qualification === 'failed' ? ['retake', 'qualified'] : ['failed'];
}

export interface DecisionWording {
  /** The button in the row, and the confirm button. */
  readonly action: string;
  /** The confirm button while the request is out. */
  readonly busy: string;
  /** Beside the badge once the server acknowledged it. */
  readonly done: string;
  /** The question of the confirm. */
  readonly question: string;
  /** What follows, so the manager can decide. */
  readonly consequence: string;
}

/** What the row and its confirm say about one decision on `member`. */
export function decisionWording(
  decision: QualificationDecision,
  member: Pick<Member, 'name'> & QualificationOf,
): DecisionWording {
  const name = member.name;
  switch (decision) {
    case 'retake':
      return {
        action: 'Allow a retake',
        busy: 'Allowing…',
        done: 'Retake allowed',
        question: `Allow ${name} a retake of the qualification set?`,
        consequence: `They get the qualification items again as attempt ${member.qualificationAttempt + 1}, and only the answers of that attempt decide. The answers they gave before stay on record.`,
      };
    case 'qualified':
      return {
        action: 'Admit anyway',
        busy: 'Admitting…',
        done: 'Admitted',
        question: `Admit ${name} to the production items anyway?`,
        consequence:
          'This overrides the result of the qualification set; their score stays on record.',
      };
    case 'failed':
      return {
        action: 'Mark as failed',
        busy: 'Marking…',
        done: 'Marked as failed',
        question: `Mark ${name} as failed?`,
        consequence:
          'They get no more items in this project, and the items they hold now go back to the others. You can allow a retake later.',
      };
  }
}

/** The note as sent: trimmed, and left out when empty. */
export function decisionNote(text: string): string | undefined {
  const note = text.trim();
  return note === '' ? undefined : note;
}

/** Why the note cannot be sent, or undefined. */
export function decisionNoteError(text: string): string | undefined {
  const length = text.trim().length;
  return length > MAX_DECISION_NOTE
    ? `Keep the note to ${MAX_DECISION_NOTE.toLocaleString('en-US')} characters (${length.toLocaleString('en-US')} now).`
    : undefined;
}
