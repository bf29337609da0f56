import { useMemo } from 'react';
import { renderMarkdown } from '../lib/render-markdown';

/**
 * Markdown written by a project's manager (its guidelines) or by a model (a prompt, a response),
 * as rendered by renderMarkdown: raw HTML in it shows as text, only safe links are links, and
 * fenced code is highlighted. The HTML comes from markdown-it with HTML input switched off,
 * which is what makes handing it to the browser safe.
 */
export function Markdown({
  source,
  headingOffset = 1,
  className,
}: {
  readonly source: string;
  /** How many levels below h1 a `#` heading lands. */
  readonly headingOffset?: number;
  /** Classes added to `prose`. */
  readonly className?: string;
}) {
  const html = useMemo(() => renderMarkdown(source, { headingOffset }), [source, headingOffset]);
  return (
    <div
      className={className === undefined ? 'prose' : `prose ${className}`}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
