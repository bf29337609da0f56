// The LLM renderers and answer widgets rendered to static HTML, as the server-side renderer of
// React writes them: their structure, accessible names and states, without a browser.

import { beforeAll, describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import {
  pairwiseFieldSchema,
  rankingFieldSchema,
  stepsFieldSchema,
  REASONING_ERROR_LABELS,
} from '@concord/core/config';
import { llmAnswerProblems, newLlmAnswer } from '../../lib/llm-answer';
import { newPairwiseAnswer, setPairwiseJustification } from '../../lib/llm-pairwise-answer';
import { newRankingAnswer } from '../../lib/llm-ranking-answer';
import type { RankingAnswer as RankingState } from '../../lib/llm-ranking-answer';
import { newStepsAnswer } from '../../lib/llm-steps-answer';
import { preloadMarkdown } from '../Markdown';
import { Conversation } from './Conversation';
import { LlmItem } from './LlmItem';
import { PairwiseAnswer } from './PairwiseAnswer';
import { RankingAnswer } from './RankingAnswer';
import { ResponsesSideBySide } from './ResponsesSideBySide';
import { StepsAnswer } from './StepsAnswer';
import { StepsView } from './StepsView';

const nothing = () => undefined;

/** The markup of the element whose opening tag contains `marker`, up to its first child's end. */
function tagWith(html: string, marker: string): string {
  const at = html.indexOf(marker);
  if (at === -1) throw new Error(`no "${marker}" in ${html.slice(0, 300)}…`);
  const start = html.lastIndexOf('<', at);
  return html.slice(start, html.indexOf('>', at) + 1);
}

const count = (html: string, pattern: RegExp) => html.match(pattern)?.length ?? 0;

describe('PairwiseAnswer', () => {
  const field = pairwiseFieldSchema.parse({
    name: 'pref',
    type: 'pairwise',
    dimensions: ['helpfulness', 'safety'],
    rubric: { safety: 'No harmful instructions.' },
    strength: true,
    justification: 'required',
    minJustificationLength: 30,
  });
  const answer = setPairwiseJustification(
    { ...newPairwiseAnswer(), active: 1, dimensions: { helpfulness: { choice: 'A' } } },
    'A is right',
  );
  const html = renderToStaticMarkup(
    <PairwiseAnswer
      field={field}
      answer={answer}
      problems={{ 'pref.dimensions.safety': 'needs an answer' }}
      disabled={false}
      onChange={nothing}
    />,
  );

  it('names every row and marks the active one', () => {
    for (const title of ['Helpfulness', 'Safety', 'Overall', 'Why'])
      expect(html).toContain(`>${title}<`);
    expect(tagWith(html, 'aria-current="true"')).toContain(
      'aria-labelledby="answer-pref.dimensions.safety"',
    );
    expect(html).toContain('No harmful instructions.');
  });

  it('offers A, B and tie with their keys, the chosen one pressed', () => {
    expect(tagWith(html, 'aria-label="A is better"')).toContain('aria-pressed="true"');
    expect(count(html, /aria-label="B is better"/g)).toBe(3);
    expect(html).toContain('<kbd class="kbd">a</kbd>');
    expect(html).toContain('<kbd class="kbd">t</kbd>');
  });

  it('offers the strength only once A or B is chosen', () => {
    expect(tagWith(html, 'aria-label="1: slightly better"')).not.toContain('disabled');
    expect(count(html, /aria-label="3: much better" disabled=""/g)).toBe(2);
  });

  it('shows the problem next to its row and counts the justification against its minimum', () => {
    expect(html).toMatch(
      /aria-labelledby="answer-pref.dimensions.safety".*?<p class="answer__problem" role="alert">needs an answer<\/p>/,
    );
    expect(html).toContain('id="answer-text-pref-justification"');
    expect(html).toContain('10 of at least 30 characters');
  });
});

describe('RankingAnswer', () => {
  const field = rankingFieldSchema.parse({
    name: 'rank',
    type: 'ranking',
    dimensions: ['accuracy'],
    allowTies: true,
  });
  const responses = ['## Two\n\n2 is prime.', 'Nine.', 'Seven, a prime.'];
  const answer: RankingState = {
    ...newRankingAnswer(field, 3),
    active: 1,
    selected: 2,
    dimensions: { accuracy: { tiers: [[2], [0, 1]], ranked: true } },
    overall: { tiers: [[2], [0], [1]], ranked: true },
  };
  const render = (state: RankingState) =>
    renderToStaticMarkup(
      <RankingAnswer
        field={field}
        answer={state}
        responses={responses}
        problems={{}}
        disabled={false}
        onChange={nothing}
      />,
    );
  const html = render(answer);

  it('lists the active row’s responses best first, with ranks, keys and drag handles', () => {
    const list = html.slice(html.indexOf('aria-label="Responses, best first"'));
    const order = [...list.matchAll(/Response (\d)<\/span>/g)].map((m) => m[1]);
    expect(order).toEqual(['3', '1', '2']);
    expect(list).toContain('aria-label="rank 1"');
    expect(tagWith(list, 'aria-label="Move response 3"')).toContain('data-dnd-handle');
    expect(tagWith(list, 'aria-label="Move response 3"')).toContain(
      'aria-roledescription="sortable"',
    );
    expect(list).toContain('<span class="ranking__preview">Two</span>');
  });

  it('marks the selected response as pressed', () => {
    const select = html.slice(html.indexOf('ranking__item--selected'));
    expect(tagWith(select, 'class="ranking__select"')).toContain('aria-pressed="true"');
  });

  it('sums up an inactive row in one line, ties with =', () => {
    const summary = html.slice(html.indexOf('<p class="ranking-summary"'));
    expect(summary.slice(0, summary.indexOf('</p>')).replace(/<[^>]+>/g, '')).toBe('3 &gt; 1 = 2');
  });

  it('says when a row is not ranked yet and leaves its ranks empty', () => {
    const fresh = render(newRankingAnswer(field, 3));
    expect(fresh).toContain('Not ranked yet');
    expect(count(fresh, /aria-label="not ranked"/g)).toBe(3);
    expect(fresh).toContain('<kbd class="kbd">=</kbd>');
  });
});

describe('StepsAnswer', () => {
  const field = stepsFieldSchema.parse({
    name: 'steps',
    type: 'steps',
    errorLabels: [...REASONING_ERROR_LABELS],
  });
  const steps = ['12 × 13 = 12 × 10 + 12 × 3', '= 120 + 36', '= 146'];
  const answer = {
    ...newStepsAnswer(3),
    active: 2,
    labels: ['correct-necessary', 'correct-necessary', null],
    firstError: 1,
  };
  const html = renderToStaticMarkup(
    <StepsAnswer
      field={field}
      answer={answer}
      steps={steps}
      problems={llmAnswerProblems(field, answer, { question: 'q', steps })}
      disabled={false}
      onChange={nothing}
    />,
  );

  it('gives each step a row with a glimpse of it, its labels and their keys', () => {
    expect(html).toContain('>Step 3<');
    expect(html).toContain('= 146');
    expect(html).toContain('>Final answer<');
    expect(html).toMatch(
      /<kbd class="kbd">4<\/kbd><\/span><span class="choice__text">incomplete<\/span>/,
    );
    expect(tagWith(html, 'aria-current="true"')).toContain('answer-steps.steps[2]');
  });

  it('shows the first error on its step and sums it up with the server’s problem', () => {
    expect(
      count(html, /aria-pressed="true"><span class="kbd-group"><kbd class="kbd">f<\/kbd>/g),
    ).toBe(1);
    expect(html).toContain('First error: <strong>step 2</strong>');
    expect(html).toContain('is marked as the first error but labelled');
    expect(html).toContain('needs a label');
  });
});

describe('Markdown before its renderer has loaded', () => {
  it('shows the text as it is written, React-escaped', () => {
    const html = renderToStaticMarkup(
      <Conversation messages={[{ role: 'user', content: '**Hi** <b>there</b>' }]} />,
    );
    expect(html).toContain(
      '<div class="prose llm-text prose--plain">**Hi** &lt;b&gt;there&lt;/b&gt;</div>',
    );
  });
});

describe('Conversation', () => {
  let html = '';
  beforeAll(async () => {
    await preloadMarkdown();
    html = renderToStaticMarkup(
      <Conversation
        messages={[
          { role: 'system', content: 'Answer in **one** line.' },
          { role: 'user', content: 'Sort <script>alert(1)</script> in Python' },
          { role: 'assistant', content: '```python\nsorted(xs)\n```' },
          { role: 'tool', content: '{"ok": true}' },
        ]}
      />,
    );
  });

  it('tells the roles apart', () => {
    for (const role of ['system', 'user', 'assistant', 'tool'])
      expect(html).toContain(`class="message message--${role}"`);
    expect(html).toContain('aria-label="Assistant, turn 3"');
  });

  it('renders markdown safely, with highlighted code', () => {
    expect(html).toContain('<strong>one</strong>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('<span class="hljs-built_in">sorted</span>');
  });

  it('captions a lone prompt as the prompt', () => {
    const prompt = renderToStaticMarkup(
      <Conversation messages={[{ role: 'user', content: 'Hi' }]} promptOnly />,
    );
    expect(prompt).toContain('aria-label="Prompt"');
    expect(prompt).not.toContain('>User<');
  });
});

describe('ResponsesSideBySide', () => {
  beforeAll(async () => {
    await preloadMarkdown();
  });

  it('puts two responses side by side as A and B, scrolling together until unlinked', () => {
    const html = renderToStaticMarkup(<ResponsesSideBySide responses={['one', 'two']} />);
    expect(html).toContain('class="responses responses--pair"');
    expect(html).toContain('Response A');
    expect(html).toContain('Response B');
    expect(tagWith(html, 'aria-pressed=')).toContain('aria-pressed="true"');
    expect(count(html, /role="region" aria-label="Response [AB], scrollable"/g)).toBe(2);
    expect(count(html, /class="response__scroll" tabindex="0"/g)).toBe(2);
  });

  it('numbers three or more responses and folds a very long one', () => {
    const long = Array.from({ length: 120 }, (_, i) => `line ${i}`).join('\n\n');
    const html = renderToStaticMarkup(
      <ResponsesSideBySide responses={['a', long, 'c']} selected={2} />,
    );
    expect([...html.matchAll(/Response (\d)<\/h2>/g)].map((m) => m[1])).toEqual(['1', '2', '3']);
    expect(html).toContain('class="fold fold--closed"');
    expect(tagWith(html, 'Show all')).toContain('aria-expanded="false"');
    expect(html).toContain('Show all (239 lines)');
    expect(count(html, /class="response response--selected"/g)).toBe(1);
  });
});

describe('StepsView', () => {
  beforeAll(async () => {
    await preloadMarkdown();
  });

  it('numbers the steps, marks the current one and the first error, and reads tool calls', () => {
    const html = renderToStaticMarkup(
      <StepsView
        question="Weather in Paris?"
        steps={['I will search.', 'Action: search[Paris]\nObservation: 18 °C']}
        answer="18 °C"
        current={1}
        labels={['correct-necessary', null]}
        firstError={1}
      />,
    );
    expect(tagWith(html, 'aria-current="step"')).toContain('aria-label="Step 2, first error"');
    expect(html).toContain('aria-label="Step 1, labelled correct-necessary"');
    expect(html).toContain('<dt>Action</dt>');
    expect(html).toMatch(
      /tool-step__observation"><dt>Observation<\/dt><dd><pre class="tool-step__text"><code>18 °C<\/code>/,
    );
    expect(html).toContain('Final answer');
  });
});

describe('LlmItem', () => {
  beforeAll(async () => {
    await preloadMarkdown();
  });

  it('shows responses items and steps items, and leaves other data to the item view', () => {
    const pair = { prompt: 'Hi', responses: ['Hello', 'Hey'] };
    expect(renderToStaticMarkup(<LlmItem data={pair} />)).toContain('responses--pair');
    const solution = { question: 'q', steps: ['a', 'b'] };
    const answer = {
      ...newLlmAnswer(stepsFieldSchema.parse({ name: 's', type: 'steps' }), solution),
      active: 1,
    };
    expect(renderToStaticMarkup(<LlmItem data={solution} answer={answer} />)).toContain(
      'aria-current="step" aria-label="Step 2"',
    );
    expect(renderToStaticMarkup(<LlmItem data={{ text: 'x' }} />)).toBe('');
  });
});
