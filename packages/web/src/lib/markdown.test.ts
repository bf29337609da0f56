import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown, safeHref } from './markdown';

const text = (t: string) => ({ kind: 'text', text: t });

describe('parseMarkdown', () => {
  it('reads the guidelines of the sentiment template', () => {
    const blocks = parseMarkdown(
      '# Sentiment\n\nRead the whole message, then choose the sentiment of its **author**.\n\n- Mixed messages: the final request.\n- When unsure between *neutral* and a polar label, choose **neutral**.\n',
    );
    expect(blocks).toEqual([
      { kind: 'heading', level: 1, children: [text('Sentiment')] },
      {
        kind: 'paragraph',
        children: [
          text('Read the whole message, then choose the sentiment of its '),
          { kind: 'strong', children: [text('author')] },
          text('.'),
        ],
      },
      {
        kind: 'list',
        ordered: false,
        items: [
          [text('Mixed messages: the final request.')],
          [
            text('When unsure between '),
            { kind: 'em', children: [text('neutral')] },
            text(' and a polar label, choose '),
            { kind: 'strong', children: [text('neutral')] },
            text('.'),
          ],
        ],
      },
    ]);
  });

  it('joins the lines of a paragraph and of an indented list item', () => {
    expect(parseMarkdown('one\ntwo\n\n1. first\n   more\n2) second')).toEqual([
      { kind: 'paragraph', children: [text('one two')] },
      { kind: 'list', ordered: true, items: [[text('first more')], [text('second')]] },
    ]);
  });

  it('reads quotes, rules and fenced code, keeping code as it is written', () => {
    expect(parseMarkdown('> Example: *great*, thanks\n\n---\n```\n**not bold** <b>\n```')).toEqual([
      {
        kind: 'quote',
        children: [
          {
            kind: 'paragraph',
            children: [
              text('Example: '),
              { kind: 'em', children: [text('great')] },
              text(', thanks'),
            ],
          },
        ],
      },
      { kind: 'rule' },
      { kind: 'code', text: '**not bold** <b>' },
    ]);
  });

  it('keeps raw HTML as text: nothing becomes markup the browser would run', () => {
    expect(parseMarkdown('<img src=x onerror="alert(1)"> <script>alert(1)</script>')).toEqual([
      {
        kind: 'paragraph',
        children: [text('<img src=x onerror="alert(1)"> <script>alert(1)</script>')],
      },
    ]);
  });
});

describe('parseInline', () => {
  it('keeps a link only when it goes somewhere safe', () => {
    expect(parseInline('[docs](https://example.org/a) and [x](javascript:alert(1))')).toEqual([
      { kind: 'link', href: 'https://example.org/a', children: [text('docs')] },
      text(' and x'),
    ]);
  });

  it('leaves snake_case names, lone marks and escaped marks alone', () => {
    expect(parseInline('use technical_issue, 2 * 3 and \\*literal\\*')).toEqual([
      text('use technical_issue, 2 * 3 and *literal*'),
    ]);
    expect(parseInline('`a*b*c` done')).toEqual([{ kind: 'code', text: 'a*b*c' }, text(' done')]);
  });

  it('keeps an unclosed mark as text', () => {
    expect(parseInline('**open')).toEqual([text('**open')]);
  });
});

describe('safeHref', () => {
  it('allows the web, mail and this site; refuses scripts, data and protocol-relative links', () => {
    expect(safeHref(' https://x.org ')).toBe('https://x.org');
    expect(safeHref('mailto:a@b.c')).toBe('mailto:a@b.c');
    expect(safeHref('/projects')).toBe('/projects');
    expect(safeHref('#labels')).toBe('#labels');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('JaVaScRiPt:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,x')).toBeNull();
    expect(safeHref('//evil.example')).toBeNull();
  });
});
