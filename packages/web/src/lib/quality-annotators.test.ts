import { describe, expect, it } from 'vitest';
import type { AnnotatorQuality, QualityAlert } from '../api/quality';
import {
  annotatorFlags,
  describeFatigue,
  formatActiveTime,
  pageOfAnnotator,
  parseAnnotatorSort,
  sortAnnotators,
} from './quality-annotators';

function annotator(overrides: Partial<AnnotatorQuality> & { userId: string }): AnnotatorQuality {
  return {
    name: overrides.userId,
    email: `${overrides.userId}@example.org`,
    annotations: 10,
    revisions: 0,
    goldAnswers: 2,
    goldAccuracy: 1,
    agreementWithConsensus: 1,
    medianActiveMs: 2000,
    drift: null,
    fatigue: [],
    ...overrides,
  };
}

const ann = annotator({ userId: 'ann', name: 'Ann', goldAccuracy: 0.9, annotations: 30 });
const bob = annotator({ userId: 'bob', name: 'Bob', goldAccuracy: 0.5, annotations: 12 });
const cy = annotator({ userId: 'cy', name: 'Cy', goldAccuracy: null, medianActiveMs: null });

describe('sortAnnotators', () => {
  it('puts the weakest gold accuracy first, and those without gold yet last', () => {
    expect(sortAnnotators([ann, cy, bob], 'gold').map((a) => a.userId)).toEqual([
      'bob',
      'ann',
      'cy',
    ]);
  });

  it('orders by volume, by name and by speed', () => {
    expect(sortAnnotators([bob, ann], 'annotations').map((a) => a.userId)).toEqual(['ann', 'bob']);
    expect(sortAnnotators([bob, cy, ann], 'name').map((a) => a.userId)).toEqual([
      'ann',
      'bob',
      'cy',
    ]);
    expect(sortAnnotators([cy, ann], 'time').map((a) => a.userId)).toEqual(['ann', 'cy']);
  });

  it('reads an unknown ?sort= as the default', () => {
    expect(parseAnnotatorSort('nonsense')).toBe('gold');
    expect(parseAnnotatorSort('name')).toBe('name');
  });
});

describe('annotatorFlags', () => {
  const alerts: QualityAlert[] = [
    { kind: 'fatigue', severity: 'warning', userId: 'bob', message: 'Bob tires after 90 minutes.' },
    {
      kind: 'low-gold-accuracy',
      severity: 'warning',
      userId: 'bob',
      message: 'Bob: 50 % of gold.',
    },
    { kind: 'adjudication-backlog', severity: 'warning', userId: null, message: '3 items wait.' },
  ];

  it('flags drift from the CUSUM figures, fatigue and low gold from the alerts about them', () => {
    const drifting = annotator({ userId: 'bob', drift: { firstAlarm: 7, alarms: 2 } });
    expect(annotatorFlags(drifting, alerts).map((f) => f.kind)).toEqual([
      'drift',
      'fatigue',
      'low-gold',
    ]);
    expect(annotatorFlags(drifting, alerts)[0]?.detail).toContain('gold answer 7');
  });

  it('flags nothing for someone nobody warned about', () => {
    expect(
      annotatorFlags(annotator({ userId: 'ann', drift: { firstAlarm: null, alarms: 0 } }), alerts),
    ).toEqual([]);
  });
});

describe('pageOfAnnotator', () => {
  it('finds the page of the table that holds someone', () => {
    const many = Array.from({ length: 120 }, (_, i) => annotator({ userId: `u${i}` }));
    expect(pageOfAnnotator(many, 'u0', 50)).toBe(1);
    expect(pageOfAnnotator(many, 'u50', 50)).toBe(2);
    expect(pageOfAnnotator(many, 'u119', 50)).toBe(3);
    expect(pageOfAnnotator(many, 'nobody', 50)).toBeNull();
  });
});

describe('formatActiveTime', () => {
  it('reads at the scale of the duration', () => {
    expect(formatActiveTime(850)).toBe('850 ms');
    expect(formatActiveTime(4230)).toBe('4.2 s');
    expect(formatActiveTime(38_400)).toBe('38 s');
    expect(formatActiveTime(125_000)).toBe('2 min 5 s');
    expect(formatActiveTime(120_000)).toBe('2 min');
    expect(formatActiveTime(3_840_000)).toBe('1 h 4 min');
    expect(formatActiveTime(null)).toBe('—');
  });
});

describe('describeFatigue', () => {
  it('lists gold accuracy by time into the session, leaving empty parts out', () => {
    const tired = annotator({
      userId: 'bob',
      fatigue: [
        { bucket: '0–30', total: 20, accuracy: 0.95 },
        { bucket: '30–60', total: 0, accuracy: null },
        { bucket: '90–120', total: 8, accuracy: 0.7 },
      ],
    });
    expect(describeFatigue(tired)).toBe('0–30 min: 95 % of 20, 90–120 min: 70 % of 8');
    expect(describeFatigue(ann)).toBeNull();
  });
});
