// The alerts of the quality report, each turned into what a manager does about it and where in
// the app to do it. The server says what happened; this says what to do next.

import type { QualityAlert, QualityReport } from '../api/quality';
import { formatPairs, topSplits } from './quality-matrix';

/** Where an alert's link leads. */
export type AlertTarget =
  | { readonly kind: 'adjudication' }
  | { readonly kind: 'annotator'; readonly userId: string }
  | { readonly kind: 'field'; readonly key: string };

export interface AlertAction {
  readonly alert: QualityAlert;
  readonly title: string;
  /** The next step, in a sentence. */
  readonly todo: string;
  readonly link: { readonly label: string; readonly target: AlertTarget } | null;
}

const SEVERITY_ORDER: Readonly<Record<QualityAlert['severity'], number>> = {
  critical: 0,
  warning: 1,
};

/** The field a low-agreement alert is about: the server's message starts "Agreement on <key> is". */
function fieldOf(alert: QualityAlert, report: QualityReport): string | null {
  const named = /^Agreement on (\S+) is/.exec(alert.message)?.[1];
  const keys = report.fields.map((f) => f.key);
  if (named !== undefined && keys.includes(named)) return named;
  return keys[0] ?? null;
}

export function alertAction(alert: QualityAlert, report: QualityReport): AlertAction {
  const who =
    alert.userId === null
      ? null
      : (report.annotators.find((a) => a.userId === alert.userId)?.name ?? 'An annotator');
  const toRow =
    alert.userId === null
      ? null
      : {
          label: `See ${who ?? 'their'}’s figures`,
          target: { kind: 'annotator', userId: alert.userId } as const,
        };
  switch (alert.kind) {
    case 'low-agreement': {
      const key = fieldOf(alert, report);
      const field = report.fields.find((f) => f.key === key);
      const top = field === undefined ? undefined : topSplits(field.disagreement, 1)[0];
      const boundary =
        top === undefined
          ? 'Find the boundary annotators split on most (the largest red cell of the disagreement matrix)'
          : `Annotators split most between ${String(top.a)} and ${String(top.b)} (${formatPairs(top.pairs)} ${top.pairs === 1 ? 'pair' : 'pairs'}, ${Math.round(top.share * 100)} % of the disagreement)`;
      return {
        alert,
        title: `Low agreement${key === null ? '' : ` on ${key}`}`,
        todo: `${boundary}: write the decision rule for that boundary, with an example and a counter-example side by side, and go through those items in a calibration session. Hold off on scaling up until α recovers.`,
        link:
          key === null
            ? null
            : { label: 'See where annotators split', target: { kind: 'field', key } },
      };
    }
    case 'adjudication-backlog':
      return {
        alert,
        title: `${report.adjudication.pending.toLocaleString('en-US')} ${report.adjudication.pending === 1 ? 'item waits' : 'items wait'} for adjudication`,
        todo: 'A reviewer decides each of them and writes why. Until then they go into snapshots as undecided.',
        link: { label: 'Open the adjudication queue', target: { kind: 'adjudication' } },
      };
    case 'gold-drift':
      return {
        alert,
        title: `${who ?? 'An annotator'} is drifting on gold`,
        todo: 'Go through their answers since the alarm with them, retrain on the rules they missed, and pause their production work if the errors go on.',
        link: toRow,
      };
    case 'low-gold-accuracy':
      return {
        alert,
        title: `${who ?? 'An annotator'} misses too much gold`,
        todo: 'Below 70 % on gold, retrain or reassign them, and have them requalify before more production work.',
        link: toRow,
      };
    case 'fatigue':
      return {
        alert,
        title: `${who ?? 'An annotator'} tires late in sessions`,
        todo: 'Suggest breaks and shorter sessions: accuracy usually drops after 90–120 minutes of work.',
        link: toRow,
      };
    case 'defect-rate':
      return {
        alert,
        title: 'QA rejects too much work',
        todo: 'Take the most common defect type back to the guidelines: a missing or unclear rule usually causes most of them. Delivered data should stay at or under 1 % defects.',
        link: toRow,
      };
    default:
      // A kind this page does not know yet: the server's message says what happened.
      return { alert, title: humanize(String(alert.kind)), todo: '', link: toRow };
  }
}

function humanize(kind: string): string {
  const words = kind.replace(/[-_]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The alerts as actions, critical ones first, in the server's order otherwise. */
export function alertActions(report: QualityReport): AlertAction[] {
  return report.alerts
    .map((alert, index) => ({ index, action: alertAction(alert, report) }))
    .sort(
      (a, b) =>
        SEVERITY_ORDER[a.action.alert.severity] - SEVERITY_ORDER[b.action.alert.severity] ||
        a.index - b.index,
    )
    .map((x) => x.action);
}
