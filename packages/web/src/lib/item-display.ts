// How an item's data is shown: the keys the project's `display` names, in its order (all keys
// when it names none), each as what it is — text to read, an image to look at, a link, a small
// value, or structured data shown as JSON.

export type DisplayEntry =
  | { readonly kind: 'text'; readonly key: string; readonly text: string }
  | { readonly kind: 'image'; readonly key: string; readonly src: string }
  | { readonly kind: 'link'; readonly key: string; readonly href: string }
  | { readonly kind: 'value'; readonly key: string; readonly text: string }
  | { readonly kind: 'json'; readonly key: string; readonly text: string }
  | { readonly kind: 'missing'; readonly key: string };

const IMAGE_EXTENSION = /\.(png|jpe?g|gif|webp|avif|svg|bmp)$/i;
const IMAGE_KEY = /(image|img|photo|picture|thumbnail|screenshot)/i;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A URL the page may load or link to: http(s), or a path of this site. */
function webUrl(text: string): URL | null {
  if (!/^(https?:\/\/|\/(?!\/))/i.test(text) || /\s/.test(text)) return null;
  try {
    return new URL(text, 'http://relative.invalid');
  } catch {
    return null;
  }
}

/**
 * Whether a string is an image to show: a data: URL of an image, or a web URL whose path ends
 * in an image extension, or any web URL under a key that says it is an image (`image_url`).
 */
export function isImageUrl(key: string, text: string): boolean {
  const value = text.trim();
  if (/^data:image\/[a-z0-9.+-]+[;,]/i.test(value)) return true;
  const url = webUrl(value);
  if (url === null) return false;
  return IMAGE_EXTENSION.test(url.pathname) || IMAGE_KEY.test(key);
}

export function displayEntry(key: string, value: unknown): DisplayEntry {
  if (value === undefined || value === null) return { kind: 'missing', key };
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (isImageUrl(key, trimmed)) return { kind: 'image', key, src: trimmed };
    if (webUrl(trimmed) !== null) return { kind: 'link', key, href: trimmed };
    return { kind: 'text', key, text: value };
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return { kind: 'value', key, text: String(value) };
  }
  return { kind: 'json', key, text: JSON.stringify(value, null, 2) };
}

/** The entries to show for an item, in the order of `display` (or of the data). */
export function displayEntries(
  display: readonly string[] | undefined,
  data: unknown,
): DisplayEntry[] {
  if (!isRecord(data)) return [displayEntry('data', data)];
  const keys = display !== undefined && display.length > 0 ? display : Object.keys(data);
  return keys.map((key) => displayEntry(key, data[key]));
}

/** One line for a table cell: the shown values, joined, cut at `max` characters. */
export function previewText(
  display: readonly string[] | undefined,
  data: unknown,
  max = 160,
): string {
  const parts = displayEntries(display, data).map((entry) => {
    switch (entry.kind) {
      case 'text':
      case 'value':
        return entry.text;
      case 'image':
        return `[image ${entry.src.startsWith('data:') ? '(inline)' : (entry.src.split('/').pop() ?? '')}]`;
      case 'link':
        return entry.href;
      case 'json':
        return JSON.stringify(JSON.parse(entry.text) as unknown);
      case 'missing':
        return `(no ${entry.key})`;
    }
  });
  const text = parts.join(' · ').replace(/\s+/g, ' ').trim();
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function answerPart(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map(String).join(', ');
  if (isRecord(value)) {
    return Object.entries(value)
      .map(([k, v]) => `${k} ${answerPart(v)}`)
      .join(', ');
  }
  return String(value);
}

/** An answer in one line: "sentiment: positive", "quality: fluency 4, accuracy 5; comment: ok". */
export function formatAnswer(value: unknown): string {
  if (!isRecord(value)) return value === null || value === undefined ? '' : answerPart(value);
  return Object.entries(value)
    .map(([field, v]) => `${field}: ${answerPart(v)}`)
    .join('; ');
}
