import { useEffect, useMemo, useState } from 'react';
import type { renderMarkdown } from '../lib/render-markdown';

type Render = typeof renderMarkdown;

// markdown-it and highlight.js are a chunk of their own (about 65 kB gzipped): the app's first
// paint does not wait for them; the browser fetches them right after, in the background.
let render: Render | null = null;
let loading: Promise<Render> | null = null;

/**
 * Loads the markdown renderer (once; in the browser it starts as the app starts). Resolves when
 * it is ready.
 */
export function preloadMarkdown(): Promise<Render> {
  loading ??= import('../lib/render-markdown').then(
    (module) => (render = module.renderMarkdown),
    (error: unknown) => {
      loading = null; // the next Markdown to mount tries again
      throw error;
    },
  );
  return loading;
}

if (typeof window !== 'undefined') preloadMarkdown().catch(() => undefined);

/**
 * Markdown written by a project's manager (its guidelines) or by a model (a prompt, a response),
 * as rendered by renderMarkdown: raw HTML in it shows as text, only safe links are links, and
 * fenced code is highlighted. The HTML comes from markdown-it with HTML input switched off,
 * which is what makes handing it to the browser safe. Until the renderer has loaded, and if it
 * cannot be loaded, the text shows as it is written.
 */
export function Markdown({
  source,
  headingOffset = 1,
  breaks = false,
  className,
}: {
  readonly source: string;
  /** How many levels below h1 a `#` heading lands. */
  readonly headingOffset?: number;
  /** Single line breaks stay breaks (a model's text), rather than joining into a paragraph. */
  readonly breaks?: boolean;
  /** Classes added to `prose`. */
  readonly className?: string;
}) {
  const [ready, setReady] = useState(render !== null);
  useEffect(() => {
    if (ready) return;
    let mounted = true;
    preloadMarkdown().then(
      () => mounted && setReady(true),
      () => undefined, // the plain text stays: still all of the content
    );
    return () => {
      mounted = false;
    };
  }, [ready]);
  const html = useMemo(
    () => (ready && render !== null ? render(source, { headingOffset, breaks }) : null),
    [ready, source, headingOffset, breaks],
  );
  const classes = className === undefined ? 'prose' : `prose ${className}`;
  if (html === null) return <div className={`${classes} prose--plain`}>{source}</div>;
  return <div className={classes} dangerouslySetInnerHTML={{ __html: html }} />;
}
