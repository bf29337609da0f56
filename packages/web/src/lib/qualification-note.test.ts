import { DEFAULT_POLICY } from '@concord/core/config';
import { describe, expect, it } from 'vitest';
import { qualificationNote } from './qualification-note';

const policy = { ...DEFAULT_POLICY, qualificationPassMark: 0.8 };
const fresh = { labelled: 0, skipped: 0 };

describe('qualificationNote', () => {
  it('tells an annotator who still has to qualify about the set, its size and the pass mark', () => {
    expect(
      qualificationNote({ myQualification: 'pending', qualificationItems: 12, policy }, fresh),
    ).toBe(
      'New to this project? You start with its qualification set of 12 items: your answers are compared with known ones, and you need 80 % to go on to the rest.',
    );
    expect(
      qualificationNote({ myQualification: 'pending', qualificationItems: 1, policy }, fresh),
    ).toContain('You start with its qualification item:');
  });

  it('says nothing on a project without a qualification set, to the qualified, or to a non-member', () => {
    expect(
      qualificationNote({ myQualification: 'pending', qualificationItems: 0, policy }, fresh),
    ).toBeNull();
    expect(
      qualificationNote({ myQualification: 'qualified', qualificationItems: 5, policy }, fresh),
    ).toBeNull();
    expect(
      qualificationNote({ myQualification: null, qualificationItems: 5, policy }, fresh),
    ).toBeNull();
  });

  it('goes once the annotator has answered or given back an item', () => {
    const project = { myQualification: 'pending' as const, qualificationItems: 5, policy };
    expect(qualificationNote(project, { labelled: 1, skipped: 0 })).toBeNull();
    expect(qualificationNote(project, { labelled: 0, skipped: 1 })).toBeNull();
  });
});
