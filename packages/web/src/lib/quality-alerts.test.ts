import { describe, expect, it } from 'vitest';
import type { QualityReport } from '../api/quality';
import { alertActions } from './quality-alerts';

const field = (key: string) => ({
  key,
  field: key,
  dimension: null,
  metric: 'nominal' as const,
  units: 20,
  krippendorff_alpha: 0.5,
  percent_agreement: 0.6,
  perLabel: [],
  disagreement: { levels: [], counts: [] },
});

const report: QualityReport = {
  annotations: 60,
  threshold: 0.8,
  agreement: field('sentiment'),
  fields: [
    field('sentiment'),
    {
      ...field('topic'),
      disagreement: { levels: ['billing', 'refund', 'other'], counts: [5, 3, 1, 3, 4, 0, 1, 0, 2] },
    },
  ],
  annotators: [
    {
      userId: 'u_bob',
      name: 'Bob',
      email: 'bob@example.org',
      annotations: 20,
      revisions: 0,
      goldAnswers: 6,
      goldAccuracy: 0.5,
      agreementWithConsensus: 0.6,
      medianActiveMs: 3000,
      drift: { firstAlarm: 4, alarms: 1 },
      fatigue: [],
    },
  ],
  adjudication: { pending: 3, decided: 10 },
  alerts: [
    {
      kind: 'adjudication-backlog',
      severity: 'warning',
      userId: null,
      message: '3 items wait for adjudication.',
    },
    {
      kind: 'gold-drift',
      severity: 'critical',
      userId: 'u_bob',
      message: "Bob's gold errors rose.",
    },
    {
      kind: 'low-agreement',
      severity: 'critical',
      userId: null,
      message: 'Agreement on topic is α = 0.50 over 20 items, below the 0.8 the policy asks for.',
    },
  ],
};

describe('alertActions', () => {
  it('reads an alert of a kind it does not know by the server’s message', () => {
    const unknown = {
      kind: 'queue-stalled',
      severity: 'warning',
      userId: null,
      message: 'Nobody labelled for a day.',
    } as unknown as QualityReport['alerts'][number];
    const [action] = alertActions({ ...report, alerts: [unknown] });
    expect(action).toMatchObject({ title: 'Queue stalled', link: null });
  });

  it('puts critical alerts first, keeping the server’s order among equals', () => {
    expect(alertActions(report).map((a) => a.alert.kind)).toEqual([
      'gold-drift',
      'low-agreement',
      'adjudication-backlog',
    ]);
  });

  it('links each alert to where it is acted on', () => {
    const [drift, agreement, backlog] = alertActions(report);
    expect(drift).toMatchObject({
      title: 'Bob is drifting on gold',
      link: { target: { kind: 'annotator', userId: 'u_bob' } },
    });
    // The field the server named, not simply the first one.
    expect(agreement).toMatchObject({
      title: 'Low agreement on topic',
      link: { target: { kind: 'field', key: 'topic' } },
    });
    // The next step names the boundary to fix.
    expect(agreement?.todo).toMatch(
      /^Annotators split most between billing and refund \(3 pairs, 75 %/,
    );
    expect(backlog).toMatchObject({
      title: '3 items wait for adjudication',
      link: { label: 'Open the adjudication queue', target: { kind: 'adjudication' } },
    });
  });
});
