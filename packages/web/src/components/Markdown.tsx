import { useMemo } from 'react';
import type { ReactNode } from 'react';
import { parseMarkdown } from '../lib/markdown';
import type { Block, Inline } from '../lib/markdown';

function inlines(nodes: readonly Inline[]): ReactNode[] {
  return nodes.map((node, i) => {
    switch (node.kind) {
      case 'text':
        return node.text;
      case 'strong':
        return <strong key={i}>{inlines(node.children)}</strong>;
      case 'em':
        return <em key={i}>{inlines(node.children)}</em>;
      case 'code':
        return <code key={i}>{node.text}</code>;
      case 'link': {
        const external = /^https?:/i.test(node.href);
        return (
          <a
            key={i}
            href={node.href}
            {...(external ? { target: '_blank', rel: 'noopener noreferrer' } : {})}
          >
            {inlines(node.children)}
          </a>
        );
      }
    }
  });
}

function block(node: Block, i: number, headingOffset: number): ReactNode {
  switch (node.kind) {
    case 'heading': {
      // Guidelines sit under the page's own headings: their # is one level below them.
      const level = Math.min(6, node.level + headingOffset);
      const Tag = `h${level}` as 'h2';
      return <Tag key={i}>{inlines(node.children)}</Tag>;
    }
    case 'paragraph':
      return <p key={i}>{inlines(node.children)}</p>;
    case 'list': {
      const Tag = node.ordered ? 'ol' : 'ul';
      return (
        <Tag key={i}>
          {node.items.map((item, j) => (
            <li key={j}>{inlines(item)}</li>
          ))}
        </Tag>
      );
    }
    case 'quote':
      return (
        <blockquote key={i}>{node.children.map((c, j) => block(c, j, headingOffset))}</blockquote>
      );
    case 'code':
      return (
        <pre key={i}>
          <code>{node.text}</code>
        </pre>
      );
    case 'rule':
      return <hr key={i} />;
  }
}

/**
 * Markdown written by a project's manager (its guidelines), rendered as React elements only:
 * raw HTML in it shows as text, and only safe links are links.
 */
export function Markdown({
  source,
  headingOffset = 1,
}: {
  readonly source: string;
  /** How many levels below h1 a `#` heading lands. */
  readonly headingOffset?: number;
}) {
  const blocks = useMemo(() => parseMarkdown(source), [source]);
  return <div className="prose">{blocks.map((b, i) => block(b, i, headingOffset))}</div>;
}
