import { describe, expect, it } from 'vitest';
import {
  MAX_DECISION_NOTE,
  decisionNote,
  decisionNoteError,
  decisionWording,
  qualificationBadge,
  qualificationChoices,
} from './member-qualification';

const PASS_MARK = 0.8;
const member = (
  qualification: 'pending' | 'qualified' | 'failed',
  qualificationScore: number | null,
  qualificationAttempt = 1,
) => ({ name: 'Fay Failing', qualification, qualificationScore, qualificationAttempt });

describe('qualificationBadge', () => {
  it('names the attempt only after a retake', () => {
    expect(qualificationBadge(member('failed', 0.5), PASS_MARK).text).toBe('Failed · 50 %');
    expect(qualificationBadge(member('failed', 0.5, 2), PASS_MARK).text).toBe(
      'Failed · 50 % · attempt 2',
    );
    expect(qualificationBadge(member('pending', null), PASS_MARK).text).toBe('Pending');
    const retaking = qualificationBadge(member('pending', null, 3), PASS_MARK);
    expect(retaking.text).toBe('Pending · attempt 3');
    expect(retaking.title).toBe('Has not finished attempt 3 at the qualification set yet');
  });

  it('says "Admitted", not "Passed", for someone qualified under the pass mark', () => {
    expect(qualificationBadge(member('qualified', 1), PASS_MARK)).toEqual({
      text: 'Passed · 100 %',
      tone: 'on',
      title: undefined,
    });
    expect(qualificationBadge(member('qualified', 0.8), PASS_MARK).text).toBe('Passed · 80 %');
    const admitted = qualificationBadge(member('qualified', 0.5, 2), PASS_MARK);
    expect(admitted.text).toBe('Admitted · 50 % · attempt 2');
    expect(admitted.title).toBe('Admitted by a manager under the pass mark of 80 %');
  });

  it('shows no score where none was settled (no set, or failed before finishing)', () => {
    expect(qualificationBadge(member('qualified', null), PASS_MARK).text).toBe('Qualified');
    expect(qualificationBadge(member('failed', null), PASS_MARK)).toEqual({
      text: 'Failed',
      tone: 'failed',
      title: undefined,
    });
    expect(qualificationBadge(member('failed', 0.9), PASS_MARK).title).toBe(
      'Marked as failed by a manager (the pass mark is 80 %)',
    );
  });
});

describe('qualificationChoices', () => {
  it('offers a retake or admission after a failure, and failing otherwise', () => {
    expect(qualificationChoices(member('failed', 0))).toEqual(['retake', 'qualified']);
    expect(qualificationChoices(member('qualified', 1))).toEqual(['failed']);
    // A retake of a pending attempt is refused by the server (409), so it is not offered.
    expect(qualificationChoices(member('pending', null, 2))).toEqual(['failed']);
  });
});

describe('decisionWording', () => {
  it('tells the manager which attempt a retake opens', () => {
    const retake = decisionWording('retake', member('failed', 0.5, 2));
    expect(retake.action).toBe('Allow a retake');
    expect(retake.question).toBe('Allow Fay Failing a retake of the qualification set?');
    expect(retake.consequence).toContain('as attempt 3');
    expect(decisionWording('qualified', member('failed', 0.5)).action).toBe('Admit anyway');
    expect(decisionWording('failed', member('qualified', 1)).question).toBe(
      'Mark Fay Failing as failed?',
    );
  });
});

describe('the note of a decision', () => {
  it('is trimmed, and left out when empty', () => {
    expect(decisionNote('  second chance after training \n')).toBe('second chance after training');
    expect(decisionNote(' \n ')).toBeUndefined();
  });

  it('is refused over the server’s limit, counted after trimming as the server does', () => {
    expect(decisionNoteError(`  ${'x'.repeat(MAX_DECISION_NOTE)}  `)).toBeUndefined();
    expect(decisionNoteError('x'.repeat(MAX_DECISION_NOTE + 1))).toBe(
      'Keep the note to 2,000 characters (2,001 now).',
    );
  });
});
