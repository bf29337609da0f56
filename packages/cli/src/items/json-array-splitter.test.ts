import { JsonArrayError, JsonArraySplitter } from './json-array-splitter.js';

/** Feeds `text` in chunks of the given sizes (cycled) and collects the elements. */
function split(text: string, sizes: readonly number[]) {
  const splitter = new JsonArraySplitter();
  const elements = [];
  for (let at = 0, i = 0; at < text.length; i++) {
    const size = sizes[i % sizes.length]!;
    elements.push(...splitter.push(text.slice(at, at + size)));
    at += size;
  }
  splitter.end();
  return elements;
}

const TEXT = `\uFEFF[
  {"data": {"text": "a, [b] {c}", "quote": "say \\"hi\\", ok\\\\"}},
  {
    "data": {"text": "multi\\nline é 𝄞"},
    "gold": {"tags": ["x", "y"]}
  },
  "not an object", 42, null,
  {"data": {}}
]
`;

describe('JsonArraySplitter', () => {
  it('cuts an array into its elements with the line each starts on, however the text is chunked', () => {
    const expected = [
      { line: 2, value: { data: { text: 'a, [b] {c}', quote: 'say "hi", ok\\' } } },
      { line: 3, value: { data: { text: 'multi\nline é 𝄞' }, gold: { tags: ['x', 'y'] } } },
      { line: 7, value: 'not an object' },
      { line: 7, value: 42 },
      { line: 7, value: null },
      { line: 8, value: { data: {} } },
    ];
    // One chunk, one character at a time (every boundary, inside strings and escapes), and odd sizes.
    for (const sizes of [[TEXT.length], [1], [2, 3, 5, 7], [13]]) {
      const elements = split(TEXT, sizes);
      expect(elements.map((e) => ({ line: e.line, value: JSON.parse(e.text) as unknown }))).toEqual(
        expected,
      );
    }
  });

  it('leaves a malformed element to JSON.parse, so the rows after it are still cut out', () => {
    const elements = split('[{"data": {"text": "x",}},\n{"data": {"text": "y"}}]', [4]);
    expect(elements.map((e) => e.line)).toEqual([1, 2]);
    expect(() => JSON.parse(elements[0]!.text) as unknown).toThrow();
    expect(JSON.parse(elements[1]!.text)).toEqual({ data: { text: 'y' } });
  });

  it('refuses input that is not an array, is cut short, or has stray text, with the line', () => {
    const failure = (text: string) => {
      try {
        split(text, [3]);
      } catch (error) {
        if (error instanceof JsonArrayError) return { line: error.line, message: error.message };
        throw error;
      }
      return null;
    };
    expect(failure('{"data": {}}')).toMatchObject({ line: 1, message: /expected a JSON array/ });
    expect(failure('[\n{"data": {"text": "x"}},\n{"data"')).toMatchObject({
      line: 3,
      message: /not closed/,
    });
    expect(failure('[{"data": {"text": "open string}}]')).toMatchObject({ message: /not closed/ });
    expect(failure('[{"data": 1}}]')).toMatchObject({ message: /closes more than was opened/ });
    expect(failure('[1,,2]')).toMatchObject({ message: 'unexpected "," between rows' });
    expect(failure('[1]\n[2]')).toMatchObject({ line: 2, message: /text after the closing ]/ });
    expect(failure('  \n')).toMatchObject({ message: /the file is empty/ });
    expect(failure('[]')).toBeNull();
  });
});
