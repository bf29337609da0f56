// Markdown written by people we do not fully trust — a manager's guidelines, a model's response,
// a red-team prompt — rendered to HTML that is safe to put in the page. markdown-it escapes raw
// HTML (html: false), so `<script>` shows as the text it is; a link is kept only when it goes to
// the web, a mail address, or a path or anchor of this site; images are not loaded (a response
// could make every annotator's browser call a third party), they stay as their markdown text.
// Fenced code is highlighted by highlight.js's core build with a dozen common languages.

import markdownit from 'markdown-it';
import type { Env, MarkdownIt, RendererRule } from 'markdown-it';
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

const LANGUAGES = {
  bash,
  c,
  cpp,
  go,
  java,
  javascript,
  json,
  markdown,
  python,
  rust,
  sql,
  typescript,
  // HTML and XML: model answers about the web are full of it.
  xml,
  yaml,
};
for (const [name, language] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, language);

/** The languages fenced code is highlighted in (their aliases too: py, js, ts, sh, yml, html…). */
export const HIGHLIGHTED_LANGUAGES: readonly string[] = Object.keys(LANGUAGES);

/** http(s), mailto, or a path or anchor of this site; never javascript:, data: and the like. */
export function safeHref(href: string): string | null {
  const trimmed = href.trim();
  if (/^(https?:\/\/|mailto:)/i.test(trimmed)) return trimmed;
  // A single leading slash is a path of this site; `//host` and `/\host` are other hosts.
  if (/^(\/(?![/\\])|#)/.test(trimmed)) return trimmed;
  return null;
}

/** Highlighted HTML of code in a known language; '' lets markdown-it escape it as plain text. */
function highlight(code: string, language: string): string {
  if (language === '' || hljs.getLanguage(language) === undefined) return '';
  return hljs.highlight(code, { language, ignoreIllegals: true }).value;
}

/** What one render passes to the renderer's rules (markdown-it's env also keeps references). */
interface RenderEnv extends Env {
  headingOffset?: number;
  breaks?: boolean;
}

function createRenderer(): MarkdownIt {
  const md = markdownit({ html: false, linkify: true, typographer: false, highlight });
  // Only links with a scheme (https://…, mailto:) become links: "main.py" or "config.md" in a
  // model's answer are file names, not web sites in Paraguay or Moldova.
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false });
  md.validateLink = (url) => safeHref(url) !== null;
  md.disable('image');

  const shiftHeading: RendererRule = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    if (token !== undefined) {
      const offset = env?.headingOffset;
      const level = Number(token.tag.slice(1)) + (typeof offset === 'number' ? offset : 0);
      token.tag = `h${Math.min(6, Math.max(1, level))}`;
    }
    return self.renderToken(tokens, idx, options);
  };
  md.renderer.rules.heading_open = shiftHeading;
  md.renderer.rules.heading_close = shiftHeading;

  md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
    const token = tokens[idx];
    if (token !== undefined && /^https?:/i.test(String(token.attrGet('href') ?? ''))) {
      token.attrSet('target', '_blank');
      token.attrSet('rel', 'noopener noreferrer');
    }
    return self.renderToken(tokens, idx, options);
  };

  // A model's single line breaks are its layout (a poem, an address, steps without numbers).
  md.renderer.rules.softbreak = (_tokens, _idx, _options, env) =>
    env?.breaks === true ? '<br>\n' : '\n';

  // A wide table scrolls inside its own box instead of widening the page.
  md.renderer.rules.table_open = () => '<div class="prose__table"><table>\n';
  md.renderer.rules.table_close = () => '</table></div>\n';
  return md;
}

let renderer: MarkdownIt | null = null;

export interface RenderMarkdownOptions {
  /**
   * How many levels a heading moves down, so the text's `#` lands below the page's own
   * headings: with 2, `#` renders as h3. Levels stop at h6.
   */
  readonly headingOffset?: number;
  /**
   * Keep single line breaks as breaks, as a model wrote them (chat apps show text this way);
   * without, they join lines into one paragraph, as CommonMark says.
   */
  readonly breaks?: boolean;
}

/**
 * Markdown to HTML that is safe to insert into the page: raw HTML escaped, unsafe links left as
 * text, external links opening in a new tab without access to this one, fenced code highlighted.
 *
 * @example
 * renderMarkdown('# Sentiment\n\n[x](javascript:alert(1))', { headingOffset: 2 });
 * // '<h3>Sentiment</h3>\n<p>[x](javascript:alert(1))</p>\n'
 */
export function renderMarkdown(source: string, options: RenderMarkdownOptions = {}): string {
  renderer ??= createRenderer();
  const env: RenderEnv = {
    headingOffset: options.headingOffset ?? 0,
    breaks: options.breaks ?? false,
  };
  return renderer.render(source, env);
}
