import { describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- the test reads the stylesheet itself: Vitest gives a test an empty string for any CSS import
import { readFileSync } from 'node:fs';
import {
  SPAN_COLOURS,
  THEMES,
  blend,
  colourIndex,
  contrast,
  spanShades,
  tagText,
} from './spans-palette';

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

describe('the shades of a span', () => {
  it('blends a colour onto the card', () => {
    expect(blend('#000000', '#ffffff', 0.5)).toBe('#808080');
    expect(blend('#E69F00', '#ffffff', 1)).toBe('#e69f00');
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`keeps text readable on a span and lines visible on the card (${theme} theme)`, () => {
      const { surface, text } = THEMES[theme];
      for (const colour of SPAN_COLOURS) {
        const shades = spanShades(colour, theme);
        expect(contrast(text, shades.tint), `${colour} tint`).toBeGreaterThanOrEqual(7);
        expect(contrast(text, shades.strong), `${colour} selected`).toBeGreaterThanOrEqual(4.5);
        expect(contrast(shades.line, surface), `${colour} line`).toBeGreaterThanOrEqual(3);
        // The selected span is told apart from the others by a deeper fill.
        expect(shades.strong).not.toBe(shades.tint);
      }
    });
  }

  it('uses the card and text colours of app.css', () => {
    const css = readFileSync(new URL('../styles/app.css', import.meta.url), 'utf8');
    const dark = css.indexOf('@media (prefers-color-scheme: dark)');
    const token = (name: string, from: number) =>
      new RegExp(`${name}:\\s*(#[0-9a-f]{6});`, 'i').exec(css.slice(from))?.[1];
    expect(token('--surface', 0)).toBe(THEMES.light.surface);
    expect(token('--text', 0)).toBe(THEMES.light.text);
    expect(token('--surface', dark)).toBe(THEMES.dark.surface);
    expect(token('--text', dark)).toBe(THEMES.dark.text);
  });
});
