import { describe, expect, it } from 'vitest';
import { renderMarkdown, safeHref } from './render-markdown';

describe('renderMarkdown', () => {
  it('renders the guidelines of the sentiment template, headings below the page’s own', () => {
    const html = renderMarkdown(
      '# Sentiment\n\nRead the whole message, then choose the sentiment of its **author**.\n\n- Mixed messages: the final request.\n- When unsure between *neutral* and a polar label, choose **neutral**.\n',
      { headingOffset: 2 },
    );
    expect(html).toBe(
      '<h3>Sentiment</h3>\n' +
        '<p>Read the whole message, then choose the sentiment of its <strong>author</strong>.</p>\n' +
        '<ul>\n<li>Mixed messages: the final request.</li>\n' +
        '<li>When unsure between <em>neutral</em> and a polar label, choose <strong>neutral</strong>.</li>\n</ul>\n',
    );
  });

  it('moves every heading level by the offset and stops at h6', () => {
    expect(renderMarkdown('# a\n## b\n##### e', { headingOffset: 1 })).toBe(
      '<h2>a</h2>\n<h3>b</h3>\n<h6>e</h6>\n',
    );
    expect(renderMarkdown('## b')).toBe('<h2>b</h2>\n');
  });

  it('joins the lines of a paragraph and of an indented list item', () => {
    expect(renderMarkdown('one\ntwo\n\n1. first\n   more\n2) second')).toBe(
      '<p>one\ntwo</p>\n<ol>\n<li>first\nmore</li>\n</ol>\n<ol start="2">\n<li>second</li>\n</ol>\n',
    );
  });

  it('keeps single line breaks as breaks when asked, as a model wrote them', () => {
    expect(renderMarkdown('roses are red\nviolets are blue', { breaks: true })).toBe(
      '<p>roses are red<br>\nviolets are blue</p>\n',
    );
    expect(renderMarkdown('```\na\nb\n```', { breaks: true })).toBe(
      '<pre><code>a\nb\n</code></pre>\n',
    );
  });

  it('renders quotes and rules, and keeps code as it is written', () => {
    const html = renderMarkdown('> Example: *great*, thanks\n\n---\n```\n**not bold** <b>\n```');
    expect(html).toBe(
      '<blockquote>\n<p>Example: <em>great</em>, thanks</p>\n</blockquote>\n<hr>\n' +
        '<pre><code>**not bold** &lt;b&gt;\n</code></pre>\n',
    );
  });

  it('escapes raw HTML: nothing becomes markup the browser would run', () => {
    const html = renderMarkdown(
      '<img src=x onerror="alert(1)"> <script>alert(1)</script>\n\n<div onclick="x()">block</div>',
    );
    expect(html).not.toMatch(/<(script|img|div)\b/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
  });

  it('keeps a link only when it goes somewhere safe, and opens the web in a new tab', () => {
    const html = renderMarkdown(
      '[docs](https://example.org/a) [x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) ' +
        '[z](&#x6A;avascript:alert(1)) [d](data:text/html,x) [p](//evil.example) <javascript:alert(1)>',
    );
    expect(html).toContain(
      '<a href="https://example.org/a" target="_blank" rel="noopener noreferrer">docs</a>',
    );
    expect(html.match(/<a /g)).toHaveLength(1);
    expect(html).not.toMatch(/href="(javascript|data|\/\/)/i);
  });

  it('keeps links of this site and mail addresses in the same tab', () => {
    expect(renderMarkdown('[labels](#labels) [projects](/projects) <mailto:a@b.org>')).toBe(
      '<p><a href="#labels">labels</a> <a href="/projects">projects</a> <a href="mailto:a@b.org">mailto:a@b.org</a></p>\n',
    );
  });

  it('links bare web addresses, not file names that look like domains', () => {
    const html = renderMarkdown('See https://example.org/x, then run main.py and read config.md.');
    expect(html).toContain('<a href="https://example.org/x" target="_blank"');
    expect(html).toContain('run main.py and read config.md.');
    expect(html.match(/<a /g)).toHaveLength(1);
  });

  it('does not load images: they stay as their text', () => {
    const html = renderMarkdown('![tracker](https://evil.example/pixel.gif)');
    expect(html).not.toContain('<img');
  });

  it('highlights fenced code in known languages and escapes the rest', () => {
    const python = renderMarkdown('```python\ndef f(x):\n    return "<b>"\n```');
    expect(python).toContain('<pre><code class="language-python">');
    expect(python).toContain('<span class="hljs-keyword">def</span>');
    expect(python).toContain('<span class="hljs-string">&quot;&lt;b&gt;&quot;</span>');
    // Aliases of the registered languages work too.
    expect(renderMarkdown('```ts\nconst a: number = 1;\n```')).toContain(
      '<span class="hljs-keyword">const</span>',
    );
    const unknown = renderMarkdown('```brainfuck\n<script>+++</script>\n```');
    expect(unknown).toContain('&lt;script&gt;+++&lt;/script&gt;');
    expect(unknown).not.toContain('hljs-');
  });

  it('leaves snake_case names and lone marks alone, and keeps unclosed marks as text', () => {
    expect(renderMarkdown('use technical_issue, 2 * 3 and \\*literal\\* and **open')).toBe(
      '<p>use technical_issue, 2 * 3 and *literal* and **open</p>\n',
    );
    expect(renderMarkdown('`a*b*c` done')).toBe('<p><code>a*b*c</code> done</p>\n');
  });

  it('puts a table in a box of its own that scrolls when it is wide', () => {
    const html = renderMarkdown('| a | b |\n|---|---|\n| 1 | 2 |');
    expect(html).toMatch(/^<div class="prose__table"><table>\n<thead>/);
    expect(html).toMatch(/<\/table><\/div>\n$/);
  });
});

describe('safeHref', () => {
  it('allows the web, mail and this site; refuses scripts, data and other hosts’ paths', () => {
    expect(safeHref(' https://x.org ')).toBe('https://x.org');
    expect(safeHref('mailto:a@b.c')).toBe('mailto:a@b.c');
    expect(safeHref('/projects')).toBe('/projects');
    expect(safeHref('#labels')).toBe('#labels');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('JaVaScRiPt:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,x')).toBeNull();
    expect(safeHref('//evil.example')).toBeNull();
    expect(safeHref('/\\evil.example')).toBeNull();
    expect(safeHref('https:evil')).toBeNull();
  });
});
