import { describe, expect, it } from 'vitest';
import { agreementVerdict, formatAlpha, reliabilityOf } from './quality-verdict';

// Bands: Krippendorff, K. (2004). Content Analysis: An Introduction to Its Methodology, 2nd ed.,
// p. 241 — α ≥ .800 reliable, .667 ≤ α < .800 tentative conclusions only, below that discarded.
describe('reliabilityOf', () => {
  it("follows Krippendorff's bands at the usual 0.8 threshold", () => {
    expect(reliabilityOf(0.8, 0.8)).toBe('reliable');
    expect(reliabilityOf(0.799, 0.8)).toBe('tentative');
    expect(reliabilityOf(0.667, 0.8)).toBe('tentative');
    expect(reliabilityOf(0.666, 0.8)).toBe('unreliable');
    expect(reliabilityOf(-0.2, 0.8)).toBe('unreliable');
  });

  it('takes the policy’s own bar for "reliable", keeping 0.667 as the floor of tentative', () => {
    expect(reliabilityOf(0.86, 0.9)).toBe('tentative');
    expect(reliabilityOf(0.7, 0.7)).toBe('reliable');
    // A bar below 0.667: below it there is no tentative band left.
    expect(reliabilityOf(0.62, 0.6)).toBe('reliable');
    expect(reliabilityOf(0.55, 0.6)).toBe('unreliable');
  });

  it('calls a missing α unmeasured, never zero', () => {
    expect(reliabilityOf(null, 0.8)).toBe('unmeasured');
    expect(reliabilityOf(Number.NaN, 0.8)).toBe('unmeasured');
  });
});

describe('agreementVerdict', () => {
  it('says what to do for each band', () => {
    expect(agreementVerdict(0.91, 40, 0.8)).toMatchObject({
      title: 'Reliable',
      preliminary: false,
    });
    expect(agreementVerdict(0.7, 40, 0.8).explanation).toContain('tentative conclusions only');
    expect(agreementVerdict(0.4, 40, 0.8).explanation).toContain('Revise the guidelines');
  });

  it('marks a figure over fewer than ten items as preliminary', () => {
    expect(agreementVerdict(0.9, 6, 0.8).preliminary).toBe(true);
    expect(agreementVerdict(0.9, 10, 0.8).preliminary).toBe(false);
  });

  it('explains why nothing is measured before any item has two labels', () => {
    expect(agreementVerdict(null, 0, 0.8)).toMatchObject({
      reliability: 'unmeasured',
      title: 'Not measured yet',
    });
  });
});

describe('formatAlpha', () => {
  it('shows three decimals and a dash for no value', () => {
    expect(formatAlpha(0.74219)).toBe('0.742');
    expect(formatAlpha(1)).toBe('1.000');
    expect(formatAlpha(-0.0001)).toBe('0.000');
    expect(formatAlpha(null)).toBe('—');
  });
});
