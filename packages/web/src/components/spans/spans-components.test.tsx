// The spans widget rendered to static HTML, as React's server renderer writes it: the text drawn
// once (tags apart), each span's tag, the nested span's lines, the legend and the list.

import { renderToStaticMarkup } from 'react-dom/server';
import { spansFieldSchema } from '@concord/core/config';
import { describe, expect, it } from 'vitest';
import { answerRows, newDraft } from '../../lib/annotation-draft';
import { applyLabel, newSpansAnswer, selectRange, selectSpan } from '../../lib/spans-answer';
import { interpretWorkspaceKey } from '../../lib/workspace-keys';
import { keyPress } from '../../test/key-press';
import { SpansAnswer } from './SpansAnswer';
import { SpansText } from './SpansText';

const NOTE = 'PT DENIES CHEST PAIN 😷. STARTED ON LASIX 40MG IV.';
const field = spansFieldSchema.parse({
  name: 'entities',
  type: 'spans',
  labels: ['PROBLEM', 'TREATMENT', 'TEST'],
  attributes: ['negated', 'historical', 'hypothetical'],
  overlap: 'nested',
});
const nothing = () => undefined;

function marked() {
  let a = newSpansAnswer(field, { text: NOTE });
  a = applyLabel(field, selectRange(a, 10, 20), 'PROBLEM');
  a = applyLabel(field, selectRange(a, 35, 48), 'TREATMENT');
  a = applyLabel(field, selectRange(a, 35, 40), 'TREATMENT');
  return a;
}

/** The text of the markup without its tags' words: what a selection measures. */
function textOf(html: string): string {
  const withoutTags = html.replace(
    /<span class="spans-tag[^"]*"[^>]*>.*?<\/span><\/span>|<span class="spans-tag[^"]*"[^>]*>[^<]*<\/span>/g,
    '',
  );
  return withoutTags
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('SpansText', () => {
  it('draws the text once, with a tag per span that is not part of it', () => {
    const html = renderToStaticMarkup(
      <SpansText field={field} answer={marked()} onChange={nothing} />,
    );
    const text = html.slice(html.indexOf('data-spans-text'));
    expect(textOf(text.slice(text.indexOf('>') + 1))).toBe(NOTE);
    expect(html.match(/data-tag="/g)).toHaveLength(3);
    expect(html).toContain('aria-label="Text to mark: 49 characters"');
  });

  it('gives the nested span and the span around it lines at two levels', () => {
    const whole = renderToStaticMarkup(
      <SpansText field={field} answer={marked()} onChange={nothing} />,
    );
    const html = whole.slice(whole.indexOf('data-spans-text'));
    // LASIX is covered by both TREATMENT spans: two underlines on its piece.
    const end = html.indexOf('>LASIX<');
    const lasix = html.slice(html.lastIndexOf('<span', end), end);
    expect(lasix.match(/linear-gradient/g)).toHaveLength(2);
    // " 40MG IV" only by the outer one.
    const rest = html.indexOf('> 40MG ');
    expect(
      html.slice(html.lastIndexOf('<span', rest), rest).match(/linear-gradient/g),
    ).toHaveLength(1);
  });

  it('marks the selection and the selected span', () => {
    const selected = renderToStaticMarkup(
      <SpansText field={field} answer={selectSpan(marked(), 0)} onChange={nothing} />,
    );
    expect(selected).toContain('spans-tag spans-tag--current');
    const selecting = renderToStaticMarkup(
      <SpansText field={field} answer={selectRange(marked(), 3, 9)} onChange={nothing} />,
    );
    expect(selecting).toMatch(/class="spans-seg spans-seg--selection"[^>]*>DENIES</);
    expect(selecting).toContain('Selected “<strong>DENIES</strong>” (3–9)');
  });
});

describe('SpansAnswer', () => {
  it('lists the spans with their ranges, counts per label and attribute boxes', () => {
    const html = renderToStaticMarkup(
      <SpansAnswer
        field={field}
        answer={marked()}
        problem={undefined}
        disabled={false}
        onChange={nothing}
      />,
    );
    expect(html.match(/class="spans-list__row/g)).toHaveLength(3);
    expect(html).toContain('data-span="PROBLEM 10-20"');
    expect(html).toContain('data-span="TREATMENT 35-48"');
    expect(html.match(/type="checkbox"/g)).toHaveLength(9);
    expect(html).toMatch(/TREATMENT <span class="spans-filter__count">2<\/span>/);
  });
});

describe('the spans field in the workspace', () => {
  it('hands digits, arrows and attribute keys to the widget, and Enter to the workspace', () => {
    const config = { fields: [field] } as Parameters<typeof answerRows>[0];
    const rows = answerRows(config);
    let state = { draft: newDraft(config, { text: NOTE }), active: 0, reasonsOpen: false };
    const press = (key: string) => {
      const result = interpretWorkspaceKey(state, rows, keyPress(key));
      state = result.state;
      return result;
    };
    for (const key of ['ArrowRight', 'ArrowRight', 'ArrowRight', '1', 'n']) press(key);
    expect(state.draft.entities).toMatchObject({
      spans: [{ start: 10, end: 15, label: 'PROBLEM', attributes: ['negated'] }],
    });
    expect(press('Enter').command).toEqual({ kind: 'submit' });
    expect(press('s').command).toEqual({ kind: 'release', reason: 'skip' });
  });
});
