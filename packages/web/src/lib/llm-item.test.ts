import { describe, expect, it } from 'vitest';
import {
  LONG_TEXT,
  isLongText,
  lineCount,
  llmItemView,
  parseStep,
  responseLabel,
  stepPreview,
  syncedScrollTop,
  textPreview,
} from './llm-item';

describe('llmItemView', () => {
  it('reads a prompt and its responses as one user turn', () => {
    expect(llmItemView({ id: 7, prompt: 'Hi', responses: ['Hello', 'Hey'] })).toEqual({
      kind: 'responses',
      messages: [{ role: 'user', content: 'Hi' }],
      promptOnly: true,
      responses: ['Hello', 'Hey'],
    });
  });

  it('reads a conversation with its roles, and answers to its last turn', () => {
    const view = llmItemView({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Weather?' },
        { role: 'tool', content: { temp: 18 } },
        { role: 'wizard', content: 'x' },
      ],
      responses: ['18 °C', 'Sunny'],
    });
    expect(view).toMatchObject({
      kind: 'responses',
      promptOnly: false,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Weather?' },
        { role: 'tool', content: '{"temp":18}' },
        // An unknown role reads as the user's turn rather than vanishing.
        { role: 'user', content: 'x' },
      ],
    });
  });

  it('reads a solution in steps, with or without its answer', () => {
    expect(llmItemView({ question: '2 + 2?', steps: ['2 + 2 = 4'], answer: '4' })).toEqual({
      kind: 'steps',
      question: '2 + 2?',
      steps: ['2 + 2 = 4'],
      answer: '4',
    });
    expect(llmItemView({ problem: 'p', steps: [] })).toMatchObject({ question: 'p', answer: null });
  });

  it('leaves other data to the generic item view', () => {
    expect(llmItemView({ text: 'a review' })).toBeNull();
    expect(llmItemView('text')).toBeNull();
  });
});

describe('parseStep', () => {
  it('reads a ReAct step as thought, tool call and observation', () => {
    expect(
      parseStep(
        'I need the weather.\nAction: search\nAction Input: {"q": "Paris"}\nObservation: 18 °C,\nsunny',
      ),
    ).toEqual({
      kind: 'tool',
      parts: [
        { kind: 'thought', label: 'Thought', text: 'I need the weather.' },
        { kind: 'call', label: 'Action', text: 'search' },
        { kind: 'call', label: 'Action Input', text: '{"q": "Paris"}' },
        { kind: 'observation', label: 'Observation', text: '18 °C,\nsunny' },
      ],
    });
  });

  it('reads a JSON step with a tool and its output', () => {
    expect(
      parseStep('{"tool": "calculator", "input": {"expr": "12*13"}, "output": "156"}'),
    ).toEqual({
      kind: 'tool',
      parts: [
        { kind: 'call', label: 'tool', text: 'calculator' },
        { kind: 'call', label: 'input', text: '{\n  "expr": "12*13"\n}' },
        { kind: 'observation', label: 'output', text: '156' },
      ],
    });
  });

  it('keeps reasoning as text, even with a colon or a thought label in it', () => {
    const reasoning = 'Note: 12 × 13 = 12 × 10 + 12 × 3 = 156.';
    expect(parseStep(reasoning)).toEqual({ kind: 'reasoning', text: reasoning });
    expect(parseStep('Thought: the sum is even.')).toEqual({
      kind: 'reasoning',
      text: 'Thought: the sum is even.',
    });
    expect(parseStep('{"note": "json, but no tool"}').kind).toBe('reasoning');
  });
});

describe('isLongText and lineCount', () => {
  it('fold texts beyond the characters or the lines of a screenful', () => {
    expect(isLongText('x'.repeat(LONG_TEXT.characters))).toBe(false);
    expect(isLongText('x'.repeat(LONG_TEXT.characters + 1))).toBe(true);
    expect(isLongText('a\n'.repeat(LONG_TEXT.lines - 1))).toBe(false);
    expect(isLongText('a\n'.repeat(LONG_TEXT.lines))).toBe(true);
    expect(lineCount('a\nb\n')).toBe(3);
    expect(lineCount('')).toBe(0);
  });
});

describe('responseLabel', () => {
  it('calls a pair A and B and more responses 1…N', () => {
    expect([0, 1].map((i) => responseLabel(i, 2))).toEqual(['A', 'B']);
    expect([0, 1, 2].map((i) => responseLabel(i, 3))).toEqual(['1', '2', '3']);
  });
});

describe('syncedScrollTop', () => {
  it('scrolls the other panel to the same fraction of its own height', () => {
    const target = { scrollHeight: 3000, clientHeight: 1000 };
    expect(
      syncedScrollTop({ scrollTop: 500, scrollHeight: 2000, clientHeight: 1000 }, target),
    ).toBe(1000);
    expect(
      syncedScrollTop({ scrollTop: 1000, scrollHeight: 2000, clientHeight: 1000 }, target),
    ).toBe(2000);
  });

  it('stays at the top when either panel has nothing to scroll', () => {
    expect(
      syncedScrollTop(
        { scrollTop: 0, scrollHeight: 500, clientHeight: 500 },
        { scrollHeight: 3000, clientHeight: 1000 },
      ),
    ).toBe(0);
    expect(
      syncedScrollTop(
        { scrollTop: 300, scrollHeight: 2000, clientHeight: 1000 },
        { scrollHeight: 800, clientHeight: 1000 },
      ),
    ).toBe(0);
  });
});

describe('textPreview', () => {
  it('shows the first line with words, without markdown marks, cut to the length', () => {
    expect(textPreview('## Answer\n\nUse `a[::-1]`.')).toBe('Answer');
    expect(textPreview('\n\n```python\nprint(1)\n```')).toBe('print(1)');
    expect(textPreview('- **Bold** item')).toBe('Bold item');
    expect(textPreview('_call_ cancel_booking now')).toBe('call cancel_booking now');
    expect(textPreview('x'.repeat(100), 10)).toBe('xxxxxxxxx…');
    expect(textPreview('')).toBe('');
  });
});

describe('stepPreview', () => {
  it('glimpses a tool step by its call and a reasoning step by its first line', () => {
    expect(stepPreview('Thought: look it up\nAction: search\nAction Input: Paris')).toBe(
      'search Paris',
    );
    expect(stepPreview('{"thought": "x", "tool": "book", "input": {"id": 1}}')).toBe(
      'book { "id": 1 }',
    );
    expect(stepPreview('First, 12 × 10 = 120.\nThen add 36.')).toBe('First, 12 × 10 = 120.');
  });
});
