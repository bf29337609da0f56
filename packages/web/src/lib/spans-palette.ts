// The colour of each label of a spans field: the Okabe–Ito palette (Okabe & Ito, "Color
// Universal Design", 2008; https://jfly.uni-koeln.de/color/), chosen so that people with any
// common colour-vision deficiency still tell the colours apart. Colour is never the only cue:
// every span also carries its label's name in a tag. A tag's text is black or white, whichever
// contrasts more with its colour (at least 4.5:1, WCAG 2.2 AA, for every colour here).

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
