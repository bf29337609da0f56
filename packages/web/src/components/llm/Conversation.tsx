import type { ChatMessage } from '@concord/core/config';
import { ROLE_NAMES } from '../../lib/llm-item';
import { FoldedMarkdown } from './FoldedMarkdown';

/**
 * What the responses answer: a prompt, or a conversation whose turns are told apart by role —
 * system, user, assistant and tool each look their own — with long turns folded.
 */
export function Conversation({
  messages,
  promptOnly = false,
}: {
  readonly messages: readonly ChatMessage[];
  /** The item gave a single prompt: it is captioned "Prompt", not "User". */
  readonly promptOnly?: boolean;
}) {
  if (messages.length === 0) return null;
  return (
    <section className="conversation" aria-label={promptOnly ? 'Prompt' : 'Conversation'}>
      <ol className="conversation__messages">
        {messages.map((message, i) => (
          <li
            key={i}
            className={`message message--${message.role}`}
            aria-label={promptOnly ? 'Prompt' : `${ROLE_NAMES[message.role]}, turn ${i + 1}`}
          >
            <div className="message__role" aria-hidden="true">
              {promptOnly ? 'Prompt' : ROLE_NAMES[message.role]}
            </div>
            <FoldedMarkdown source={message.content} />
          </li>
        ))}
      </ol>
    </section>
  );
}
