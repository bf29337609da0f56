// The quality dashboard's section on LLM feedback fields: for a pairwise field, α per dimension
// against the threshold, the A/B/tie split with a position-bias warning and the dimensions
// annotators trade against each other; for a ranking, Kendall's W and mean τ; for step labels,
// α over steps, per-label agreement and the final answer's and first error's agreement.

import { useMemo } from 'react';
import type {
  LlmFieldQuality,
  LlmPairwiseQuality,
  LlmRankingQuality,
  LlmStepsQuality,
  LlmTradeOff,
} from '../../api/types';
import { useChartTheme } from '../../components/charts/chart-theme';
import { humanize } from '../../lib/annotation-draft';
import {
  describeKendallW,
  describeTradeOff,
  dimensionAlphaOption,
  hasPairs,
  positionBias,
  stepLabels,
  tradeOffsHighestFirst,
} from '../../lib/llm-quality';
import { chartHeight, percent, perLabelOption } from '../../lib/quality-charts';
import { agreementVerdict, formatAlpha, formatThreshold } from '../../lib/quality-verdict';
import { Badge, Chart, Figure, Panel, RELIABILITY_TONES } from './QualityShared';

const TYPE_NAMES = { pairwise: 'pairwise preference', ranking: 'ranking', steps: 'step labels' };

/** Every LLM feedback field's agreement, one card each. */
export function LlmQuality({
  fields,
  threshold,
}: {
  readonly fields: readonly LlmFieldQuality[];
  readonly threshold: number;
}) {
  if (fields.length === 0) return null;
  return (
    <section aria-labelledby="quality-llm-title" className="quality-section llm-quality">
      <div className="quality-section__header">
        <h2 className="quality-section__title" id="quality-llm-title">
          LLM feedback agreement
        </h2>
        <p className="quality-section__hint">
          How consistently annotators judge responses, per rubric dimension. The policy asks for α ≥{' '}
          {formatThreshold(threshold)}.
        </p>
      </div>
      {fields.map((f) => (
        <Panel
          key={f.field}
          id={`llm-quality-${f.field}`}
          className="llm-quality__card"
          title={`${humanize(f.field)} (${TYPE_NAMES[f.type]})`}
        >
          {!hasPairs(f) ? (
            <p className="empty-state empty-state--compact">
              No item has two {f.type === 'ranking' ? 'rankings' : 'judgments'} on{' '}
              {humanize(f.field)} yet, so agreement cannot be measured. It appears once a second
              annotator labels an item (an overlap of 2 or more).
            </p>
          ) : f.type === 'pairwise' ? (
            <PairwiseCard field={f} threshold={threshold} />
          ) : f.type === 'ranking' ? (
            <RankingCard field={f} />
          ) : (
            <StepsCard field={f} threshold={threshold} />
          )}
        </Panel>
      ))}
    </section>
  );
}

function AlphaFigure({
  label,
  alpha,
  units,
  threshold,
  note,
}: {
  readonly label: string;
  readonly alpha: number | null;
  readonly units: number;
  readonly threshold: number;
  readonly note?: string;
}) {
  const verdict = agreementVerdict(alpha, units, threshold);
  return (
    <Figure
      label={label}
      title={verdict.explanation}
      value={
        <>
          {formatAlpha(alpha)}{' '}
          <Badge tone={RELIABILITY_TONES[verdict.reliability]}>{verdict.title}</Badge>
        </>
      }
      note={note}
    />
  );
}

function PairwiseCard({
  field,
  threshold,
}: {
  readonly field: LlmPairwiseQuality;
  readonly threshold: number;
}) {
  const theme = useChartTheme();
  const bars = useMemo(
    () => [
      { name: 'Overall choice', alpha: field.krippendorff_alpha, units: field.units },
      ...field.dimensions.map((d) => ({
        name: humanize(d.dimension),
        alpha: d.krippendorff_alpha,
        units: d.units,
      })),
    ],
    [field],
  );
  const option = useMemo(
    () => dimensionAlphaOption(bars, threshold, theme),
    [bars, threshold, theme],
  );
  const bias = positionBias(field.distribution);
  const weakest = field.dimensions
    .filter((d) => d.krippendorff_alpha !== null)
    .sort((a, b) => (a.krippendorff_alpha ?? 0) - (b.krippendorff_alpha ?? 0))[0];
  return (
    <div className="llm-quality__body">
      <div className="quality-figures llm-quality__figures">
        <AlphaFigure
          label="α of the overall choice"
          alpha={field.krippendorff_alpha}
          units={field.units}
          threshold={threshold}
          note={`on ${field.units} items · raw agreement ${percent(field.percent_agreement)}`}
        />
        {field.strength_alpha !== undefined && (
          <Figure
            label="α of choice with strength"
            value={formatAlpha(field.strength_alpha)}
            note="ordinal, from much better A to much better B"
          />
        )}
      </div>
      <h4 className="llm-quality__subtitle">Agreement per dimension</h4>
      <Chart
        option={option}
        height={chartHeight(bars.length, 34, 56)}
        label={`α per dimension of ${humanize(field.field)} against the threshold ${formatThreshold(threshold)}${weakest === undefined ? '' : `; weakest ${humanize(weakest.dimension)} at ${formatAlpha(weakest.krippendorff_alpha)}`}.`}
      />
      <table className="table llm-quality__dimensions" aria-label="Agreement per dimension">
        <thead>
          <tr>
            <th>Dimension</th>
            <th className="col-number">α</th>
            <th className="col-number">Raw agreement</th>
            <th className="col-number">Items</th>
            <th>A / B / tie</th>
          </tr>
        </thead>
        <tbody>
          {field.dimensions.map((d) => (
            <tr key={d.dimension} data-dimension={d.dimension}>
              <td>{humanize(d.dimension)}</td>
              <td className="col-number">{formatAlpha(d.krippendorff_alpha)}</td>
              <td className="col-number">{percent(d.percent_agreement)}</td>
              <td className="col-number">{d.units}</td>
              <td>
                {d.distribution.A} / {d.distribution.B} / {d.distribution.tie}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {weakest !== undefined && (weakest.krippendorff_alpha ?? 1) < threshold && (
        <p className="panel__footnote">
          {humanize(weakest.dimension)} is the weakest dimension: sharpen its rubric with an example
          of each side and discuss the split items in calibration.
        </p>
      )}

      <h4 className="llm-quality__subtitle">Which response is chosen</h4>
      <Distribution field={field} />
      <p
        className={`llm-quality__bias${bias.leansTo === null ? '' : ' llm-quality__bias--warn'}`}
        role={bias.leansTo === null ? undefined : 'note'}
      >
        {bias.leansTo !== null && <Badge tone="warn">Position bias?</Badge>} {bias.message}
      </p>

      <h4 className="llm-quality__subtitle">Dimensions traded against each other</h4>
      <TradeOffs list={field.tradeOffs} />
    </div>
  );
}

/** The overall choice's A/B/tie split as a stacked bar with its counts. */
function Distribution({ field }: { readonly field: LlmPairwiseQuality }) {
  const { A, B, tie } = field.distribution;
  const total = A + B + tie;
  const parts = [
    { key: 'a', label: 'A better', n: A },
    { key: 'tie', label: 'Tie', n: tie },
    { key: 'b', label: 'B better', n: B },
  ];
  return (
    <div className="llm-split" aria-label={`Overall choice: A ${A}, tie ${tie}, B ${B}`}>
      <div className="llm-split__bar" aria-hidden="true">
        {parts.map((p) =>
          p.n === 0 ? null : (
            <span
              key={p.key}
              className={`llm-split__part llm-split__part--${p.key}`}
              style={{ flexGrow: p.n }}
            />
          ),
        )}
      </div>
      <div className="llm-split__legend">
        {parts.map((p) => (
          <span key={p.key}>
            <span className={`llm-split__swatch llm-split__part--${p.key}`} aria-hidden="true" />
            {p.label}: {p.n} ({percent(total === 0 ? null : p.n / total)})
          </span>
        ))}
      </div>
    </div>
  );
}

function TradeOffs({ list }: { readonly list: readonly LlmTradeOff[] }) {
  const sorted = tradeOffsHighestFirst(list);
  if (sorted.length === 0)
    return (
      <p className="muted">
        {list.length === 0
          ? 'This field has fewer than two dimensions: nothing to trade.'
          : 'No response pair was judged strictly on two dimensions yet.'}
      </p>
    );
  const top = sorted[0]!;
  return (
    <>
      <p className="llm-quality__lead">{describeTradeOff(top)}</p>
      <table className="table llm-quality__tradeoffs" aria-label="Dimension trade-offs">
        <thead>
          <tr>
            <th>Dimensions</th>
            <th className="col-number">Opposite choices</th>
            <th className="col-number">Comparisons</th>
            <th className="col-number">Items</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((t) => (
            <tr key={`${t.a}|${t.b}`}>
              <td>
                {humanize(t.a)} <span aria-label="versus">↔</span> {humanize(t.b)}
              </td>
              <td className="col-number">
                <span
                  className="llm-quality__rate"
                  style={{ ['--rate' as string]: `${Math.round((t.rate ?? 0) * 100)}%` }}
                >
                  {percent(t.rate)}
                </span>
              </td>
              <td className="col-number">{t.compared}</td>
              <td className="col-number">{t.items}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="panel__footnote">
        Not disagreement between annotators: how often the same annotator judged the better response
        on one dimension the worse on the other. A high share means the rubric asks annotators to
        weigh one quality against the other; say in the guidelines which wins for the overall
        choice.
      </p>
    </>
  );
}

function RankingCard({ field }: { readonly field: LlmRankingQuality }) {
  return (
    <div className="llm-quality__body">
      <p className="llm-quality__lead">
        Kendall’s W: 0 = no agreement, 1 = identical rankings. Mean τ: the average rank correlation
        of two annotators’ rankings, from −1 (reversed) to 1 (identical).
      </p>
      <table className="table llm-quality__dimensions" aria-label="Ranking agreement">
        <thead>
          <tr>
            <th>Ranking</th>
            <th className="col-number">Kendall’s W</th>
            <th className="col-number">Mean τ</th>
            <th className="col-number">Items</th>
            <th>Reading</th>
          </tr>
        </thead>
        <tbody>
          {[{ dimension: null, ...field }, ...field.dimensions].map((d) => (
            <tr key={d.dimension ?? ''} data-dimension={d.dimension ?? 'overall'}>
              <td>{d.dimension === null ? 'Overall' : humanize(d.dimension)}</td>
              <td className="col-number">{formatAlpha(d.kendall_w)}</td>
              <td className="col-number">{formatAlpha(d.mean_tau)}</td>
              <td className="col-number">{d.items}</td>
              <td>{describeKendallW(d.kendall_w)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {field.tradeOffs.length > 0 && (
        <>
          <h4 className="llm-quality__subtitle">Dimensions traded against each other</h4>
          <TradeOffs list={field.tradeOffs} />
        </>
      )}
    </div>
  );
}

function StepsCard({
  field,
  threshold,
}: {
  readonly field: LlmStepsQuality;
  readonly threshold: number;
}) {
  const theme = useChartTheme();
  const labels = useMemo(() => stepLabels(field), [field]);
  const option = useMemo(
    () => perLabelOption(labels, threshold, theme),
    [labels, threshold, theme],
  );
  const measured = labels.filter((l) => l.specificAgreement !== null);
  return (
    <div className="llm-quality__body">
      <div className="quality-figures llm-quality__figures">
        <AlphaFigure
          label="α over steps"
          alpha={field.krippendorff_alpha}
          units={field.units}
          threshold={threshold}
          note={`on ${field.units} steps · raw agreement ${percent(field.percent_agreement)}`}
        />
        <Figure
          label="α of the final answer"
          value={formatAlpha(field.final.krippendorff_alpha)}
          note={`raw agreement ${percent(field.final.percent_agreement)}`}
        />
        <Figure
          label="α of the first error"
          value={formatAlpha(field.firstError.krippendorff_alpha)}
          note={`same step (or both none): ${percent(field.firstError.percent_agreement)}`}
        />
      </div>
      <h4 className="llm-quality__subtitle">Agreement per step label</h4>
      {measured.length === 0 ? (
        <p className="muted">No step label has been compared yet.</p>
      ) : (
        <Chart
          option={option}
          height={chartHeight(measured.length, 34, 48)}
          label={`Specific agreement per step label of ${humanize(field.field)}, weakest first.`}
        />
      )}
    </div>
  );
}
