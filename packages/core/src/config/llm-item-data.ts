import type { ValueIssue } from './annotation-value.js';
import { MAX_RESPONSES, type LlmField } from './llm-fields.js';

/*
 * The item data LLM feedback fields work on (the contract of issue 5):
 *   { "prompt": "...", "responses": ["...", "..."] }
 *   { "messages": [{ "role": "user", "content": "..." }, ...], "responses": [...] }
 *   { "question": "...", "steps": ["...", ...], "answer": "..." }
 * Other keys (ids, sources, metadata) may sit beside them.
 */

/** Roles of a chat message, as in the usual chat fine-tuning formats. */
export const CHAT_ROLES = ['system', 'user', 'assistant', 'tool'] as const;
export type ChatRole = (typeof CHAT_ROLES)[number];

export interface ChatMessage {
  readonly role: ChatRole;
  readonly content: string;
}

/** Responses to a prompt, or to the last turn of a conversation. */
export type ResponsesItemData =
  | { readonly prompt: string; readonly responses: readonly string[] }
  | { readonly messages: readonly ChatMessage[]; readonly responses: readonly string[] };

/** A solution in steps: reasoning steps, or the tool calls and observations of an agent. */
export interface StepsItemData {
  readonly question: string;
  readonly steps: readonly string[];
  readonly answer?: string;
}

/** Whether a JSON value is an object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function checkMessages(messages: unknown, path: string, issues: ValueIssue[]): void {
  if (!Array.isArray(messages) || messages.length === 0) {
    issues.push({
      path,
      message: 'must be a non-empty list of {"role", "content"} messages',
    });
    return;
  }
  messages.forEach((message: unknown, i) => {
    if (!isRecord(message))
      return void issues.push({ path: `${path}[${i}]`, message: 'must be {"role", "content"}' });
    if (!CHAT_ROLES.includes(message.role as ChatRole))
      issues.push({
        path: `${path}[${i}].role`,
        message: `must be one of ${CHAT_ROLES.join(', ')}`,
      });
    if (typeof message.content !== 'string')
      issues.push({ path: `${path}[${i}].content`, message: 'must be text' });
  });
}

/**
 * Checks item data of responses to compare: a `prompt` (text) or `messages` (a conversation whose
 * last turn the responses answer), and `responses`, a list of `min`–`max` non-empty texts.
 *
 * @example
 * validateResponsesItem({ prompt: 'Hi', responses: ['Hello'] }, { min: 2, max: 2 });
 * // [{ path: 'data.responses', message: 'must list exactly 2 responses (has 1)' }]
 */
export function validateResponsesItem(
  data: unknown,
  count: { readonly min: number; readonly max: number },
  prefix = 'data',
): ValueIssue[] {
  if (!isRecord(data))
    return [{ path: prefix, message: 'must be an object with "prompt" and "responses"' }];
  const issues: ValueIssue[] = [];
  const hasPrompt = data.prompt !== undefined;
  const hasMessages = data.messages !== undefined;
  if (hasPrompt && hasMessages)
    issues.push({
      path: prefix,
      message:
        'give either "prompt" or "messages", not both (put the prompt as the last user message)',
    });
  else if (hasMessages) checkMessages(data.messages, `${prefix}.messages`, issues);
  else if (!isText(data.prompt))
    issues.push({
      path: `${prefix}.prompt`,
      message: 'required: the prompt as text (or "messages" for a conversation)',
    });
  const responses = data.responses;
  const expected =
    count.min === count.max ? `exactly ${count.min}` : `${count.min} to ${count.max}`;
  if (!Array.isArray(responses)) {
    issues.push({
      path: `${prefix}.responses`,
      message: `required: a list of ${expected} responses (texts); {"chosen", "rejected"} pairs are converted by normalizeLlmItem`,
    });
  } else {
    if (responses.length < count.min || responses.length > count.max)
      issues.push({
        path: `${prefix}.responses`,
        message: `must list ${expected} responses (has ${responses.length})`,
      });
    responses.forEach((response: unknown, i) => {
      if (!isText(response))
        issues.push({ path: `${prefix}.responses[${i}]`, message: 'must be non-empty text' });
    });
  }
  return issues;
}

/**
 * Checks item data of a solution in steps: `question` (text), `steps` (a non-empty list of
 * texts) and, when present, `answer` (text).
 *
 * @example
 * validateStepsItem({ question: '2 + 2?', steps: [] });
 * // [{ path: 'data.steps', message: 'must be a non-empty list of steps (texts)' }]
 */
export function validateStepsItem(data: unknown, prefix = 'data'): ValueIssue[] {
  if (!isRecord(data))
    return [{ path: prefix, message: 'must be an object with "question", "steps" and "answer"' }];
  const issues: ValueIssue[] = [];
  if (!isText(data.question))
    issues.push({ path: `${prefix}.question`, message: 'required: the question as text' });
  if (!Array.isArray(data.steps) || data.steps.length === 0)
    issues.push({ path: `${prefix}.steps`, message: 'must be a non-empty list of steps (texts)' });
  else
    data.steps.forEach((step: unknown, i) => {
      if (typeof step !== 'string')
        issues.push({
          path: `${prefix}.steps[${i}]`,
          message: 'must be text (write a tool call and its observation as one text)',
        });
    });
  if (data.answer !== undefined && typeof data.answer !== 'string')
    issues.push({ path: `${prefix}.answer`, message: 'must be text' });
  return issues;
}

/**
 * Checks that an item's data has the shape a field needs: exactly two responses for `pairwise`,
 * 2 to {@link MAX_RESPONSES} for `ranking`, question and steps for `steps`.
 *
 * @example
 * validateLlmItemData(pairwiseField, { prompt: 'Hi', responses: ['a', 'b'] }); // []
 */
export function validateLlmItemData(field: LlmField, data: unknown, prefix = 'data'): ValueIssue[] {
  switch (field.type) {
    case 'pairwise':
      return validateResponsesItem(data, { min: 2, max: 2 }, prefix);
    case 'ranking':
      return validateResponsesItem(data, { min: 2, max: MAX_RESPONSES }, prefix);
    case 'steps':
      return validateStepsItem(data, prefix);
  }
}

/** The number of responses (or steps) in valid item data, or null when the list is missing. */
export function itemListLength(data: unknown, key: 'responses' | 'steps'): number | null {
  return isRecord(data) && Array.isArray(data[key]) ? data[key].length : null;
}

/** Which usual import shape a row had. */
export type ItemShape =
  | 'prompt-responses'
  | 'messages-responses'
  | 'chosen-rejected'
  | 'chosen-rejected-messages'
  | 'chosen-rejected-transcript'
  | 'question-steps';

/** A row turned into the contract's item data. */
export type NormalizedItem =
  | {
      readonly ok: true;
      readonly shape: ItemShape;
      readonly data: Readonly<Record<string, unknown>>;
      /**
       * For chosen/rejected rows: the indices of the chosen and rejected response in `responses`
       * (a preference someone already stated; keep it as gold or metadata, not as a label).
       */
      readonly preference?: { readonly chosen: number; readonly rejected: number };
    }
  | { readonly ok: false; readonly issues: readonly ValueIssue[] };

/** Options of {@link normalizeLlmItem}. */
export interface NormalizeOptions {
  /**
   * Put the rejected response first. Annotators favour a position (position bias), so an importer
   * should alternate or draw this per row (e.g. from `seededRandom`), not always put chosen first.
   */
  readonly rejectedFirst?: boolean;
  /** The path prefix of issues, e.g. `items[3].data`; default `data`. */
  readonly prefix?: string;
}

const HUMAN = '\n\nHuman:';
const ASSISTANT = '\n\nAssistant:';

/** Parses an HH-RLHF style transcript ("\n\nHuman: …\n\nAssistant: …") into messages. */
function transcriptMessages(transcript: string): ChatMessage[] {
  const messages: ChatMessage[] = [];
  const turn = /\n\n(Human|Assistant):/g;
  const marks = [...transcript.matchAll(turn)];
  marks.forEach((mark, i) => {
    const start = mark.index + mark[0].length;
    const end = i + 1 < marks.length ? marks[i + 1]!.index : transcript.length;
    messages.push({
      role: mark[1] === 'Human' ? 'user' : 'assistant',
      content: transcript.slice(start, end).trim(),
    });
  });
  return messages;
}

function lastAssistant(messages: unknown): { context: unknown[]; response: string } | null {
  if (!Array.isArray(messages) || messages.length === 0) return null;
  const last: unknown = messages[messages.length - 1];
  if (!isRecord(last) || last.role !== 'assistant' || typeof last.content !== 'string') return null;
  return { context: messages.slice(0, -1), response: last.content };
}

/**
 * Turns a row of a usual LLM feedback shape into the contract's item data:
 *
 * - `{prompt, responses}` and `{messages, responses}`: kept as they are;
 * - `{prompt, chosen, rejected}` with texts: `{prompt, responses: [chosen, rejected]}`;
 * - `{chosen, rejected}` as message lists ending in the assistant's answer (with or without
 *   `prompt`): the shared conversation becomes `messages` (or `prompt` when it is one user turn),
 *   the two last answers the responses;
 * - `{chosen, rejected}` as HH-RLHF transcripts ("\n\nHuman: …\n\nAssistant: …"): the shared
 *   transcript up to the last "Assistant:" becomes `messages`, the rest of each the responses;
 * - `{question, steps, answer}` (or `problem` for `question`): kept, as `question`.
 *
 * Other keys of the row are kept. Chosen/rejected rows report which response was chosen in
 * `preference`. The result is then checked by {@link validateLlmItemData} for the project's field.
 *
 * @example
 * normalizeLlmItem({ prompt: 'Hi', chosen: 'Hello!', rejected: 'Go away.' });
 * // { ok: true, shape: 'chosen-rejected', data: { prompt: 'Hi', responses: ['Hello!', 'Go away.'] },
 * //   preference: { chosen: 0, rejected: 1 } }
 *
 * Reference: the shapes of Anthropic HH-RLHF (Bai et al. 2022, arXiv:2204.05862), of binarised
 * preference sets as TRL's DPOTrainer reads them, and of PRM800K (Lightman et al. 2023).
 */
export function normalizeLlmItem(row: unknown, options: NormalizeOptions = {}): NormalizedItem {
  const prefix = options.prefix ?? 'data';
  if (!isRecord(row))
    return { ok: false, issues: [{ path: prefix, message: 'must be a JSON object' }] };
  const { chosen, rejected, ...rest } = row;
  if (chosen === undefined && rejected === undefined) {
    if (row.responses !== undefined)
      return {
        ok: true,
        shape: row.messages !== undefined ? 'messages-responses' : 'prompt-responses',
        data: row,
      };
    if (row.steps !== undefined) {
      const { problem, ...others } = row;
      const data =
        row.question === undefined && problem !== undefined
          ? { question: problem, ...others }
          : row;
      return { ok: true, shape: 'question-steps', data };
    }
    return {
      ok: false,
      issues: [
        {
          path: prefix,
          message:
            'unknown shape: give {"prompt", "responses"}, {"messages", "responses"}, {"prompt", "chosen", "rejected"} or {"question", "steps", "answer"}',
        },
      ],
    };
  }
  const pair = (
    shape: ItemShape,
    context: Record<string, unknown>,
    a: string,
    b: string,
  ): NormalizedItem => ({
    ok: true,
    shape,
    data: { ...rest, ...context, responses: options.rejectedFirst ? [b, a] : [a, b] },
    preference: options.rejectedFirst ? { chosen: 1, rejected: 0 } : { chosen: 0, rejected: 1 },
  });
  const fail = (key: string, message: string): NormalizedItem => ({
    ok: false,
    issues: [{ path: `${prefix}.${key}`, message }],
  });
  if (typeof chosen === 'string' && typeof rejected === 'string') {
    if (row.prompt !== undefined || row.messages !== undefined)
      return pair('chosen-rejected', {}, chosen, rejected);
    const cut = chosen.lastIndexOf(ASSISTANT);
    const shared = cut < 0 ? '' : chosen.slice(0, cut + ASSISTANT.length);
    if (cut < 0 || !rejected.startsWith(shared) || !shared.includes(HUMAN))
      return fail(
        'prompt',
        'required: chosen/rejected texts need a "prompt", unless both are HH-RLHF transcripts sharing everything up to the last "Assistant:"',
      );
    return pair(
      'chosen-rejected-transcript',
      { messages: transcriptMessages(shared.slice(0, cut)) },
      chosen.slice(shared.length).trim(),
      rejected.slice(shared.length).trim(),
    );
  }
  const a = lastAssistant(chosen);
  const b = lastAssistant(rejected);
  if (a === null || b === null)
    return fail(
      a === null ? 'chosen' : 'rejected',
      'must be text, or a list of messages ending with the assistant\'s answer ({"role": "assistant", "content": "..."})',
    );
  if (JSON.stringify(a.context) !== JSON.stringify(b.context))
    return fail(
      'rejected',
      'must continue the same conversation as "chosen" (all but the last message equal)',
    );
  if (row.prompt !== undefined || row.messages !== undefined || a.context.length === 0)
    return pair('chosen-rejected-messages', {}, a.response, b.response);
  const only = a.context.length === 1 ? a.context[0] : undefined;
  const context: Record<string, unknown> =
    isRecord(only) && only.role === 'user' && typeof only.content === 'string'
      ? { prompt: only.content }
      : { messages: a.context };
  return pair('chosen-rejected-messages', context, a.response, b.response);
}
