// The colour of each label of a spans field: the Okabe–Ito palette (Okabe & Ito, "Color
// Universal Design", 2008; https://jfly.uni-koeln.de/color/), chosen so that people with any
// common colour-vision deficiency still tell the colours apart. Colour is never the only cue:
// every span also carries its label's name in a tag. A tag's text is black or white, whichever
// contrasts more with its colour (at least 4.5:1, WCAG 2.2 AA, for every colour here). Behind a
// span's words the colour is blended onto the card: lightly (text ≥ 7:1), deeper for the selected
// span (text ≥ 4.5:1); a span's underline is the colour darkened (light theme) or lightened
// (dark theme) until it stands at 3:1 against the card (WCAG 1.4.11, non-text contrast).

/** In the order labels take them: the first three are the most distinct for every deficiency. */
export const SPAN_COLOURS = [
  '#E69F00', // orange
  '#56B4E9', // sky blue
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  '#0072B2', // blue
  '#D55E00', // vermillion
  '#F0E442', // yellow
  '#999999', // grey
] as const;

/** WCAG 2.2 relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const [r = 0, g = 0, b = 0] = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.2 contrast ratio of two #rrggbb colours. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The palette index of the label at `index` (past the eighth label, the colours repeat). */
export const colourIndex = (index: number): number =>
  ((index % SPAN_COLOURS.length) + SPAN_COLOURS.length) % SPAN_COLOURS.length;

/** Black or white text for a tag of this colour, whichever contrasts more. */
export function tagText(hex: string): '#000000' | '#ffffff' {
  return contrast(hex, '#000000') >= contrast(hex, '#ffffff') ? '#000000' : '#ffffff';
}

/** The card and text colours of app.css (--surface, --text) in each theme. */
export const THEMES = {
  light: { surface: '#ffffff', text: '#161b24' },
  dark: { surface: '#1a1e26', text: '#e7eaf0' },
} as const;
export type Theme = keyof typeof THEMES;

const channels = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const toHex = (rgb: readonly number[]) =>
  `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

/** `hex` laid over `under` at opacity `alpha` (0–1), as an opaque colour. */
export function blend(hex: string, under: string, alpha: number): string {
  const top = channels(hex);
  const bottom = channels(under);
  return toHex(top.map((c, i) => c * alpha + (bottom[i] ?? 0) * (1 - alpha)));
}

/** The deepest blend of `hex` on the card, from `start` down, that keeps the text at `ratio`. */
function deepest(hex: string, theme: Theme, start: number, ratio: number): string {
  const { surface, text } = THEMES[theme];
  for (let alpha = start; alpha > 0; alpha -= 0.05) {
    const fill = blend(hex, surface, alpha);
    if (contrast(text, fill) >= ratio) return fill;
  }
  return surface;
}

/** The colour darkened (light) or lightened (dark) until it stands at 3:1 on the card. */
function line(hex: string, theme: Theme): string {
  const { surface } = THEMES[theme];
  const toward = theme === 'light' ? '#000000' : '#ffffff';
  for (let alpha = 1; alpha > 0; alpha -= 0.05) {
    const colour = blend(hex, toward, alpha);
    if (contrast(colour, surface) >= 3) return colour;
  }
  return toward;
}

export interface SpanShades {
  /** Behind a span's words: text on it at ≥ 7:1. */
  readonly tint: string;
  /** Behind the selected span's words: text on it at ≥ 4.5:1. */
  readonly strong: string;
  /** A span's underline: ≥ 3:1 on the card. */
  readonly line: string;
}

/** The shades of a palette colour in a theme. */
export function spanShades(hex: string, theme: Theme): SpanShades {
  return {
    tint: deepest(hex, theme, theme === 'light' ? 0.28 : 0.32, 7),
    strong: deepest(hex, theme, 0.55, 4.5),
    line: line(hex, theme),
  };
}

/**
 * The palette as CSS variables for the text's element: --span-{t,s,b}{light,dark}N (tint,
 * selected tint, underline per theme); spans.css picks the theme's as --span-tN, --span-sN,
 * --span-bN.
 */
export function paletteVariables(): Record<string, string> {
  const vars: Record<string, string> = {};
  SPAN_COLOURS.forEach((hex, i) => {
    for (const theme of ['light', 'dark'] as const) {
      const shades = spanShades(hex, theme);
      vars[`--span-t-${theme}${i}`] = shades.tint;
      vars[`--span-s-${theme}${i}`] = shades.strong;
      vars[`--span-b-${theme}${i}`] = shades.line;
    }
  });
  return vars;
}
