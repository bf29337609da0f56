import { describe, expect, it } from 'vitest';
import { SPAN_COLOURS, colourIndex, contrast, tagText } from './spans-palette';

describe('the spans palette', () => {
  it('puts every tag’s text at WCAG AA contrast (4.5:1) on its colour', () => {
    for (const colour of SPAN_COLOURS)
      expect(contrast(colour, tagText(colour)), colour).toBeGreaterThanOrEqual(4.5);
  });

  it('uses white text on the dark blue and black on the light colours', () => {
    expect(tagText('#0072B2')).toBe('#ffffff');
    expect(tagText('#F0E442')).toBe('#000000');
  });

  it('repeats the colours past the eighth label', () => {
    expect(colourIndex(0)).toBe(0);
    expect(colourIndex(8)).toBe(0);
    expect(colourIndex(11)).toBe(3);
  });
});
