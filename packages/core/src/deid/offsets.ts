/**
 * Offsets in the detect contract (issue 6) are Unicode code points, end exclusive.
 * JavaScript strings index UTF-16 code units, so an astral character (emoji, many CJK
 * extensions) counts 2 in JS and 1 in the contract.
 */

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Returns a function mapping a UTF-16 index of `text` to a code-point offset, for many look-ups
 * in one text (for one, config's codePointOffset). Text without surrogates (the common case)
 * maps to itself at no cost.
 */
export function utf16ToCodePointMapper(text: string): (index: number) => number {
  if (!SURROGATE.test(text)) return (index) => index;
  // prefix[i] = number of code points before UTF-16 index i
  const prefix = new Uint32Array(text.length + 1);
  let points = 0;
  for (let i = 0; i < text.length; i++) {
    prefix[i] = points;
    const unit = text.charCodeAt(i);
    // a low surrogate that follows a high surrogate is not a new code point
    const isTrailing =
      unit >= 0xdc00 && unit <= 0xdfff && i > 0 && isHighSurrogate(text.charCodeAt(i - 1));
    if (!isTrailing) points++;
    else prefix[i] = points - 1;
  }
  prefix[text.length] = points;
  return (index) => prefix[index]!;
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}
