// The LLM section of the quality dashboard rendered to static HTML: what a ranking field and a
// field without any item labelled twice say. (Pairwise and steps cards draw charts, which read
// the theme from the browser: the e2e test llm.test.ts looks at those.)

import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { LlmFieldQuality } from '../../api/types';
import { LlmQuality } from './LlmQuality';

const ranking: LlmFieldQuality = {
  field: 'order',
  type: 'ranking',
  items: 4,
  kendall_w: 0.8125,
  mean_tau: 0.625,
  dimensions: [{ dimension: 'clarity', items: 4, kendall_w: 0.25, mean_tau: -0.5 }],
  tradeOffs: [],
};

const steps: LlmFieldQuality = {
  field: 'steps',
  type: 'steps',
  krippendorff_alpha: null,
  percent_agreement: null,
  units: 0,
  perLabel: [],
  final: { krippendorff_alpha: null, percent_agreement: null },
  firstError: { krippendorff_alpha: null, percent_agreement: null },
};

describe('LlmQuality', () => {
  it('renders nothing for a project without LLM feedback fields', () => {
    expect(renderToStaticMarkup(<LlmQuality fields={[]} threshold={0.8} />)).toBe('');
  });

  it('gives a ranking’s W and τ overall and per dimension, with what W means', () => {
    const html = renderToStaticMarkup(<LlmQuality fields={[ranking]} threshold={0.8} />);
    expect(html).toContain('0 = no agreement, 1 = identical rankings');
    const row = (dimension: string) => {
      const start = html.indexOf(`data-dimension="${dimension}"`);
      return html.slice(start, html.indexOf('</tr>', start));
    };
    expect(row('overall')).toContain('<td class="col-number">0.813</td>');
    expect(row('overall')).toContain('<td class="col-number">0.625</td>');
    expect(row('overall')).toContain('strong agreement');
    expect(row('clarity')).toContain('<td class="col-number">-0.500</td>');
    expect(row('clarity')).toContain('little agreement');
  });

  it('says why there is nothing to measure when no item has two labels', () => {
    const html = renderToStaticMarkup(<LlmQuality fields={[steps]} threshold={0.8} />);
    expect(html).toContain('No item has two judgments on Steps yet');
    expect(html).not.toContain('α over steps');
  });
});
