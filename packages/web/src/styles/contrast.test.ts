// eslint-disable-next-line no-restricted-imports -- the test reads the stylesheet itself: Vitest gives a test an empty string for any CSS import, ?raw too
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const appCss = readFileSync(new URL('./app.css', import.meta.url), 'utf8');

// WCAG 2.2 contrast ratio (https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio): (L1 + 0.05) /
// (L2 + 0.05) over relative luminances (#dfn-relative-luminance).
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r = 0, g = 0, b = 0] = channels.map((c) =>
    c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4,
  );
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The colour tokens of the first `:root { … }` block after `from` in app.css. */
function tokens(from: number): ReadonlyMap<string, string> {
  const start = appCss.indexOf(':root {', from);
  const block = appCss.slice(start, appCss.indexOf('\n}', start));
  const found = new Map<string, string>();
  for (const m of block.matchAll(/(--[a-z-]+):\s*(#[0-9a-f]{6});/gi)) found.set(m[1]!, m[2]!);
  return found;
}

const THEMES = {
  light: tokens(0),
  dark: tokens(appCss.indexOf('@media (prefers-color-scheme: dark)')),
};

// Text on a fill that marks something chosen or current: the chosen answer, a primary button or
// pressed option, a toggled button or current snapshot, a marked first error.
const PAIRS = [
  ['--selected-text', '--selected'],
  ['--accent-text', '--accent'],
  ['--accent-soft-text', '--accent-soft'],
  ['--danger-text', '--danger'],
] as const;

describe('contrast of selected states', () => {
  it('computes the ratios WebAIM publishes (#767676 on white 4.54:1, black on white 21:1)', () => {
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrast('#000000', '#ffffff')).toBe(21);
  });

  it.each(Object.entries(THEMES))(
    'has text at WCAG AA (≥ 4.5:1) on every selected fill in the %s theme',
    (_theme, colours) => {
      for (const [text, fill] of PAIRS) {
        const fg = colours.get(text);
        const bg = colours.get(fill);
        expect(fg, text).toBeDefined();
        expect(bg, fill).toBeDefined();
        expect(contrast(fg!, bg!), `${text} on ${fill}`).toBeGreaterThanOrEqual(4.5);
      }
      // A chosen answer is the most important state on the page: AAA there.
      expect(contrast(colours.get('--selected-text')!, colours.get('--selected')!)).toBeGreaterThan(
        7,
      );
    },
  );
});
