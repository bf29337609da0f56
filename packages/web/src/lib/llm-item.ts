// How the item data of LLM feedback fields reads on screen: the conversation (a prompt, or chat
// messages) and the responses to compare, or a solution in steps — each step either reasoning
// text or an agent's tool call with what it observed. Also the small decisions of the renderers:
// when a text is long enough to fold, what a response is called, how two panels scroll together.

import { CHAT_ROLES } from '@concord/core/config';
import type { ChatMessage, ChatRole } from '@concord/core/config';

export type LlmItemView =
  | {
      readonly kind: 'responses';
      /** What the responses answer: the prompt as one user turn, or the conversation. */
      readonly messages: readonly ChatMessage[];
      /** The item gave a single prompt rather than a conversation. */
      readonly promptOnly: boolean;
      readonly responses: readonly string[];
    }
  | {
      readonly kind: 'steps';
      readonly question: string;
      readonly steps: readonly string[];
      readonly answer: string | null;
    };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const text = (value: unknown): string =>
  typeof value === 'string'
    ? value
    : value === undefined || value === null
      ? ''
      : JSON.stringify(value);

function messagesOf(value: unknown): ChatMessage[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((m) => ({
    role: CHAT_ROLES.includes(m.role as ChatRole) ? (m.role as ChatRole) : 'user',
    content: text(m.content),
  }));
}

/**
 * The item as LLM feedback shows it, from the contract's shapes: `{prompt | messages, responses}`
 * or `{question, steps, answer}`; null for any other data (shown by the generic item view).
 *
 * @example
 * llmItemView({ prompt: 'Hi', responses: ['Hello', 'Hey'] });
 * // { kind: 'responses', messages: [{ role: 'user', content: 'Hi' }], promptOnly: true, responses: ['Hello', 'Hey'] }
 */
export function llmItemView(data: unknown): LlmItemView | null {
  if (!isRecord(data)) return null;
  if (Array.isArray(data.steps)) {
    return {
      kind: 'steps',
      question: text(data.question ?? data.problem),
      steps: data.steps.map(text),
      answer: data.answer === undefined || data.answer === null ? null : text(data.answer),
    };
  }
  if (Array.isArray(data.responses)) {
    const promptOnly = data.messages === undefined;
    return {
      kind: 'responses',
      messages: promptOnly
        ? data.prompt === undefined
          ? []
          : [{ role: 'user', content: text(data.prompt) }]
        : messagesOf(data.messages),
      promptOnly,
      responses: data.responses.map(text),
    };
  }
  return null;
}

/** One part of an agent's step: its thinking, the tool call, or what the tool returned. */
export interface StepPart {
  readonly kind: 'thought' | 'call' | 'observation';
  /** The name it was given in the step, e.g. "Action Input", "Observation". */
  readonly label: string;
  readonly text: string;
}

export type StepView =
  | { readonly kind: 'reasoning'; readonly text: string }
  | { readonly kind: 'tool'; readonly parts: readonly StepPart[] };

const PART_NAMES: readonly [RegExp, StepPart['kind']][] = [
  [/^(thought|thinking|reasoning|plan)$/i, 'thought'],
  [/^(action|action input|tool|tool call|tool input|call|input|arguments|args)$/i, 'call'],
  [/^(observation|output|result|tool output|tool result)$/i, 'observation'],
];

function partKind(name: string): StepPart['kind'] | null {
  for (const [pattern, kind] of PART_NAMES) if (pattern.test(name.trim())) return kind;
  return null;
}

const JSON_KEYS: readonly [string, StepPart['kind']][] = [
  ['thought', 'thought'],
  ['reasoning', 'thought'],
  ['tool', 'call'],
  ['action', 'call'],
  ['name', 'call'],
  ['input', 'call'],
  ['args', 'call'],
  ['arguments', 'call'],
  ['parameters', 'call'],
  ['observation', 'observation'],
  ['output', 'observation'],
  ['result', 'observation'],
];

function jsonStep(source: string): StepPart[] | null {
  if (!source.startsWith('{')) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch {
    return null;
  }
  if (!isRecord(parsed)) return null;
  const parts: StepPart[] = [];
  for (const [key, kind] of JSON_KEYS) {
    const value = parsed[key];
    if (value === undefined) continue;
    parts.push({
      kind,
      label: key,
      text: typeof value === 'string' ? value : JSON.stringify(value, null, 2),
    });
  }
  return parts.some((p) => p.kind !== 'thought') ? parts : null;
}

/**
 * A step as it reads: an agent's tool call when it is written in the ReAct manner ("Thought: …",
 * "Action: …", "Observation: …") or as JSON with a tool and its output; otherwise reasoning text.
 *
 * @example
 * parseStep('Action: search[weather Paris]\nObservation: 18 °C, sunny');
 * // { kind: 'tool', parts: [{ kind: 'call', label: 'Action', text: 'search[weather Paris]' },
 * //                         { kind: 'observation', label: 'Observation', text: '18 °C, sunny' }] }
 */
export function parseStep(source: string): StepView {
  const trimmed = source.trim();
  const json = jsonStep(trimmed);
  if (json !== null) return { kind: 'tool', parts: json };
  const parts: StepPart[] = [];
  const before: string[] = [];
  for (const line of trimmed.split('\n')) {
    const label = /^\s*([A-Za-z][A-Za-z ]{0,20}):\s?(.*)$/.exec(line);
    const kind = label === null ? null : partKind(label[1] ?? '');
    if (label !== null && kind !== null) {
      parts.push({ kind, label: (label[1] ?? '').trim(), text: label[2] ?? '' });
      continue;
    }
    const last = parts[parts.length - 1];
    if (last === undefined) before.push(line);
    else parts[parts.length - 1] = { ...last, text: `${last.text}\n${line}` };
  }
  if (!parts.some((p) => p.kind !== 'thought')) return { kind: 'reasoning', text: source };
  const lead = before.join('\n').trim();
  const all =
    lead === '' ? parts : [{ kind: 'thought' as const, label: 'Thought', text: lead }, ...parts];
  return { kind: 'tool', parts: all.map((p) => ({ ...p, text: p.text.trim() })) };
}

/** Texts above these sizes fold to a screenful, with "show all" to open them. */
export const LONG_TEXT = { characters: 2500, lines: 40 } as const;

/** Whether a text is long enough to fold: beyond LONG_TEXT's characters or lines. */
export function isLongText(source: string): boolean {
  if (source.length > LONG_TEXT.characters) return true;
  let lines = 1;
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1))
    if (++lines > LONG_TEXT.lines) return true;
  return false;
}

/** How many lines a text has, for "Show all (120 lines)". */
export function lineCount(source: string): number {
  return source === '' ? 0 : source.split('\n').length;
}

/**
 * What the response at `index` is called: A and B for a pair (pairwise fields say A or B),
 * 1…N for more (the ranking keys select them by number).
 */
export function responseLabel(index: number, count: number): string {
  return count === 2 ? (index === 0 ? 'A' : 'B') : String(index + 1);
}

export const ROLE_NAMES: Readonly<Record<ChatRole, string>> = {
  system: 'System',
  user: 'User',
  assistant: 'Assistant',
  tool: 'Tool',
};

interface ScrollBox {
  readonly scrollTop: number;
  readonly scrollHeight: number;
  readonly clientHeight: number;
}

/**
 * Where a panel scrolls to follow another: at the same fraction of its own scrollable height, so
 * the ends meet even when one response is longer.
 *
 * @example
 * syncedScrollTop({ scrollTop: 500, scrollHeight: 2000, clientHeight: 1000 },
 *                 { scrollHeight: 3000, clientHeight: 1000 }); // 1000
 */
export function syncedScrollTop(source: ScrollBox, target: Omit<ScrollBox, 'scrollTop'>): number {
  const range = source.scrollHeight - source.clientHeight;
  const targetRange = Math.max(0, target.scrollHeight - target.clientHeight);
  if (range <= 0) return 0;
  return Math.round((Math.min(range, Math.max(0, source.scrollTop)) / range) * targetRange);
}

/**
 * A one-line glimpse of a text for lists (the ranking, the step rows): its first line with
 * words, without markdown marks, cut at `max` characters.
 *
 * @example
 * textPreview('## Answer\n\nUse `a[::-1]`.'); // 'Answer'
 */
export function textPreview(source: string, max = 90): string {
  const line =
    source
      .split('\n')
      .map((l) =>
        l
          .replace(/^\s*(#{1,6}\s+|[-*+>]\s+|\d+[.)]\s+|```\w*)/, '')
          .replace(/[*`]/g, '')
          .replace(/(^|\s)_+|_+(\s|$)/g, '$1$2')
          .trim(),
      )
      .find((l) => l !== '') ?? '';
  const chars = [...line];
  return chars.length <= max
    ? line
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

/**
 * A one-line glimpse of a step: an agent's tool call ("search_flights {"from": "PAR"…") rather
 * than its thinking, or the first line of reasoning.
 *
 * @example
 * stepPreview('Thought: look it up\nAction: search\nAction Input: Paris'); // 'search Paris'
 */
export function stepPreview(source: string, max = 90): string {
  const step = parseStep(source);
  if (step.kind === 'reasoning') return textPreview(step.text, max);
  const calls = step.parts.filter((p) => p.kind === 'call').map((p) => p.text.replace(/\s+/g, ' '));
  return textPreview(calls.join(' '), max);
}
