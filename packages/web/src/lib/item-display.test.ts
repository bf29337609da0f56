import { describe, expect, it } from 'vitest';
import { displayEntries, formatAnswer, isImageUrl, previewText } from './item-display';

describe('displayEntries', () => {
  it('shows the keys the project displays, in its order, and says which are missing', () => {
    expect(
      displayEntries(['response', 'prompt', 'context'], {
        prompt: 'What is 2 + 2?',
        response: '4',
        id: 'x-1',
      }),
    ).toEqual([
      { kind: 'text', key: 'response', text: '4' },
      { kind: 'text', key: 'prompt', text: 'What is 2 + 2?' },
      { kind: 'missing', key: 'context' },
    ]);
  });

  it('shows every key when the project names none, each as what it is', () => {
    expect(
      displayEntries(undefined, {
        photo: 'https://cdn.example.org/img/123',
        page: 'https://example.org/a',
        score: 0.5,
        tags: ['a'],
      }),
    ).toEqual([
      { kind: 'image', key: 'photo', src: 'https://cdn.example.org/img/123' },
      { kind: 'link', key: 'page', href: 'https://example.org/a' },
      { kind: 'value', key: 'score', text: '0.5' },
      { kind: 'json', key: 'tags', text: '[\n  "a"\n]' },
    ]);
  });

  it('shows data that is not an object as JSON rather than nothing', () => {
    expect(displayEntries(['text'], 'plain')).toEqual([
      { kind: 'text', key: 'data', text: 'plain' },
    ]);
  });
});

describe('isImageUrl', () => {
  it('knows images by extension, by data: URL, or by a key that says so', () => {
    expect(isImageUrl('url', 'https://x.org/cat.JPG?size=2')).toBe(true);
    expect(isImageUrl('url', '/media/scan.png')).toBe(true);
    expect(isImageUrl('url', 'data:image/png;base64,iVBOR')).toBe(true);
    expect(isImageUrl('image_url', 'https://x.org/render?id=4')).toBe(true);
    expect(isImageUrl('url', 'https://x.org/render?id=4')).toBe(false);
  });

  it('never loads what is not a web URL', () => {
    expect(isImageUrl('image', 'javascript:alert(1)//.png')).toBe(false);
    expect(isImageUrl('image', '//evil.example/a.png')).toBe(false);
    expect(isImageUrl('image', 'cat.png')).toBe(false);
    expect(isImageUrl('text', 'look at https://x.org/a.png now')).toBe(false);
  });
});

describe('previewText', () => {
  it('makes one line of the shown values, cut with an ellipsis', () => {
    expect(previewText(['prompt', 'response'], { prompt: 'Hi\nthere', response: 'Hello' })).toBe(
      'Hi there · Hello',
    );
    expect(previewText(undefined, { text: 'x'.repeat(50) }, 10)).toBe('xxxxxxxxx…');
    expect(previewText(undefined, { image: 'https://x.org/a/cat.png' })).toBe('[image cat.png]');
  });
});

describe('formatAnswer', () => {
  it('puts a gold answer on one line, field by field', () => {
    expect(
      formatAnswer({
        sentiment: 'positive',
        topics: ['a', 'b'],
        toxicity: [],
        quality: { fluency: 4, accuracy: 5 },
      }),
    ).toBe('sentiment: positive; topics: a, b; toxicity: none; quality: fluency 4, accuracy 5');
    expect(formatAnswer(null)).toBe('');
  });
});
