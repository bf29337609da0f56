import {
  agreementReport as computeAgreementReport,
  disagreementMatrix,
  type Label,
  type RatingTable,
} from '@concord/core/agreement';
import { table as textTable } from '../output.js';

/** A coefficient, or null where it is undefined (e.g. no expected disagreement: one label only). */
type Value = number | null;

/** The machine output of `concord agreement --json`; its keys are a contract. */
export interface AgreementReport {
  readonly units: number;
  readonly pairable_units: number;
  readonly annotators: number;
  readonly ratings: number;
  readonly missing: number;
  readonly labels: readonly Label[];
  readonly percent_agreement: Value;
  readonly krippendorff_alpha: { nominal: Value; ordinal?: Value; interval?: Value; ratio?: Value };
  readonly fleiss_kappa: Value;
  readonly gwet_ac1: Value;
  readonly cohen_kappa?: Value;
  readonly cohen_kappa_linear?: Value;
  readonly cohen_kappa_quadratic?: Value;
  readonly scott_pi?: Value;
  readonly per_label: readonly {
    label: Label;
    ratings: number;
    specific_agreement: Value;
    kappa: Value;
  }[];
  readonly disagreements: readonly { a: Label; b: Label; pairs: number }[];
  readonly weakest_pairs: readonly {
    a: string | number;
    b: string | number;
    items: number;
    agreement: Value;
    kappa: Value;
  }[];
  readonly verdict: { measure: string; value: Value; threshold: number; passed: boolean };
}

const finite = (x: number | null | undefined): Value =>
  x === null || x === undefined || !Number.isFinite(x) ? null : x;

/**
 * The report of `concord agreement`: core's agreement report in the CLI's snake_case JSON
 * contract (undefined coefficients as null), with the file's counts and a verdict on α.
 */
export function agreementReport(
  table: RatingTable<Label>,
  input: { ratings: number; missing: number; threshold: number },
): AgreementReport {
  const core = computeAgreementReport(table, { weakestPairs: 5 });
  const alpha: AgreementReport['krippendorff_alpha'] = {
    nominal: finite(core.krippendorffAlpha.nominal),
  };
  for (const metric of ['ordinal', 'interval', 'ratio'] as const) {
    if (metric in core.krippendorffAlpha) alpha[metric] = finite(core.krippendorffAlpha[metric]);
  }
  const two = core.twoAnnotators;
  const value = alpha.nominal;
  return {
    units: core.units,
    pairable_units: core.pairableUnits,
    annotators: core.annotators,
    ratings: input.ratings,
    missing: input.missing,
    labels: table.levels,
    percent_agreement: finite(core.percentAgreement),
    krippendorff_alpha: alpha,
    fleiss_kappa: finite(core.fleissKappa),
    gwet_ac1: finite(core.gwetAC1),
    ...(two
      ? {
          cohen_kappa: finite(two.cohenKappa),
          cohen_kappa_linear: finite(two.cohenKappaLinear),
          cohen_kappa_quadratic: finite(two.cohenKappaQuadratic),
          scott_pi: finite(two.scottPi),
        }
      : {}),
    per_label: core.perLabel.map((l) => ({
      label: l.label,
      ratings: l.ratings,
      specific_agreement: finite(l.specificAgreement),
      kappa: finite(l.kappa),
    })),
    disagreements: core.splits.slice(0, 20).map((s) => ({ a: s.a, b: s.b, pairs: s.pairs })),
    weakest_pairs: core.weakestPairs.map((p) => ({
      a: p.a,
      b: p.b,
      items: p.items,
      agreement: finite(p.agreement),
      kappa: finite(p.kappa),
    })),
    verdict: {
      measure: 'krippendorff_alpha.nominal',
      value,
      threshold: input.threshold,
      passed: value !== null && value >= input.threshold,
    },
  };
}

const fmt = (x: Value, digits = 3) => (x === null ? '—' : x.toFixed(digits));
const pct = (x: Value) => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);
const int = (n: number) => n.toLocaleString('en-US');

/** The readable report: overview, coefficients, per label, where annotators split, weakest pairs, verdict. */
export function formatAgreementReport(
  report: AgreementReport,
  file: string,
  table: RatingTable<Label>,
): string {
  const lines: string[] = [];
  lines.push(`Agreement in ${file}`);
  lines.push(
    `  ${int(report.units)} items (${int(report.pairable_units)} with 2+ ratings) · ${int(report.annotators)} annotators · ${int(report.ratings)} ratings${report.missing ? ` (${int(report.missing)} missing)` : ''} · ${report.labels.length} labels`,
  );
  lines.push('');
  const rows: string[][] = [['  measure', 'value']];
  rows.push(['  Krippendorff α, nominal', fmt(report.krippendorff_alpha.nominal)]);
  for (const metric of ['ordinal', 'interval', 'ratio'] as const) {
    if (metric in report.krippendorff_alpha)
      rows.push([`  Krippendorff α, ${metric}`, fmt(report.krippendorff_alpha[metric] ?? null)]);
  }
  rows.push([
    '  Fleiss κ',
    report.fleiss_kappa === null
      ? '— (items have different numbers of ratings)'
      : fmt(report.fleiss_kappa),
  ]);
  rows.push(['  Gwet AC1', fmt(report.gwet_ac1)]);
  if ('cohen_kappa' in report) {
    rows.push(['  Cohen κ', fmt(report.cohen_kappa ?? null)]);
    rows.push(['  Cohen κ, linear weights', fmt(report.cohen_kappa_linear ?? null)]);
    rows.push(['  Cohen κ, quadratic weights', fmt(report.cohen_kappa_quadratic ?? null)]);
    rows.push(['  Scott π', fmt(report.scott_pi ?? null)]);
  }
  rows.push(['  percent agreement (pairs)', pct(report.percent_agreement)]);
  lines.push(textTable(rows));

  lines.push(
    '',
    'Per label (specific agreement: when one rating has the label, how often another does too)',
  );
  const perLabel = [...report.per_label].sort(
    (a, b) => (a.kappa ?? -Infinity) - (b.kappa ?? -Infinity),
  );
  lines.push(
    textTable([
      ['  label', 'ratings', 'specific agreement', 'κ'],
      ...perLabel
        .slice(0, 30)
        .map((l) => [
          `  ${String(l.label)}`,
          int(l.ratings),
          pct(l.specific_agreement),
          fmt(l.kappa),
        ]),
    ]),
  );
  if (perLabel.length > 30) lines.push(`  … and ${perLabel.length - 30} more labels (see --json)`);

  if (report.disagreements.length > 0) {
    lines.push('', 'Where annotators split (pairs of ratings of one item)');
    if (table.levels.length <= 10) {
      const matrix = disagreementMatrix(table);
      const k = table.levels.length;
      const header = ['  ', ...table.levels.map(String)];
      const body = table.levels.map((label, i) => [
        `  ${String(label)}`,
        ...Array.from({ length: k }, (_, j) => int(matrix.counts[i * k + j]!)),
      ]);
      lines.push(textTable([header, ...body]));
    }
    lines.push(
      textTable(
        report.disagreements
          .slice(0, 5)
          .map((d) => [`  ${String(d.a)} ↔ ${String(d.b)}`, `${int(d.pairs)} pairs`]),
      ),
    );
  }

  if (report.weakest_pairs.length > 0 && report.annotators > 2) {
    lines.push('', 'Weakest annotator pairs');
    lines.push(
      textTable([
        ['  annotators', 'shared items', 'agreement', 'Cohen κ'],
        ...report.weakest_pairs.map((p) => [
          `  ${String(p.a)} – ${String(p.b)}`,
          int(p.items),
          pct(p.agreement),
          fmt(p.kappa),
        ]),
      ]),
    );
  }

  const { value, threshold, passed } = report.verdict;
  lines.push('');
  if (value === null)
    lines.push('Verdict: α is undefined (all ratings have one label, or no item has two ratings).');
  else if (passed) lines.push(`Verdict: reliable. α = ${fmt(value)} ≥ ${threshold.toFixed(2)}.`);
  else {
    const tentative =
      value >= 0.667 ? ' Krippendorff accepts α ≥ 0.667 only for tentative conclusions.' : '';
    const worst = perLabel[0];
    const hint = worst
      ? ` Start with the label "${String(worst.label)}" (κ ${fmt(worst.kappa)})${report.disagreements[0] ? ` and the boundary ${String(report.disagreements[0].a)} ↔ ${String(report.disagreements[0].b)}` : ''}: revise its decision rule, then re-measure.`
      : '';
    lines.push(
      `Verdict: not reliable enough. α = ${fmt(value)} < ${threshold.toFixed(2)}.${tentative}${hint}`,
    );
  }
  return lines.join('\n');
}

/** JSON with NaN-free numbers (undefined coefficients are null). */
export function agreementReportJson(report: AgreementReport): string {
  return JSON.stringify(report);
}
