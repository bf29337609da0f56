import { spansAlerts, type SpansFieldQuality } from './spans-quality.js';

const base: SpansFieldQuality = {
  field: 'entities',
  type: 'spans',
  overlap: 'none',
  krippendorff_alpha: 0.6,
  units: 400,
  items: 12,
  pairs: 12,
  exact_f1: 0.55,
  overlap_f1: 0.8,
  attribute_agreement: 1,
  perLabel: [
    { label: 'PROBLEM', krippendorff_alpha: 0.7, exact_f1: 0.6, overlap_f1: 0.9, spans: 40 },
    { label: 'DRUG', krippendorff_alpha: 0.4, exact_f1: 0.3, overlap_f1: 0.5, spans: 10 },
  ],
};

describe('spans alerts', () => {
  it('warns on token α below the threshold from 10 items on', () => {
    const [alert] = spansAlerts([base], 0.8);
    expect(alert).toMatchObject({ kind: 'low-agreement', severity: 'critical' });
    expect(alert!.message).toContain('token-level α = 0.60 over 12 items');
    expect(spansAlerts([{ ...base, items: 9 }], 0.8)).toEqual([]);
    expect(spansAlerts([{ ...base, krippendorff_alpha: 0.85 }], 0.8)).toEqual([]);
  });
  it('uses the lowest label α when spans may nest', () => {
    const [alert] = spansAlerts([{ ...base, overlap: 'nested', krippendorff_alpha: null }], 0.8);
    expect(alert!.message).toContain('token-level α of DRUG = 0.40');
  });
});
