import { useRef, useState } from 'react';
import { responseLabel, syncedScrollTop } from '../../lib/llm-item';
import { FoldedMarkdown } from './FoldedMarkdown';

/**
 * Two responses side by side, A and B, each in a panel that scrolls; by default the panels
 * scroll together (at the same fraction of their length), and a toggle unlinks them. On a narrow
 * column they stack, and a very long response folds as it does elsewhere. The panels take focus, so Page Up / Page Down scroll them from the keyboard.
 */
function ResponsePair({
  responses,
  selected,
}: {
  readonly responses: readonly [string, string];
  readonly selected: number | null;
}) {
  const [linked, setLinked] = useState(true);
  const panels = [useRef<HTMLDivElement>(null), useRef<HTMLDivElement>(null)] as const;
  // The panel whose next scroll event is the echo of a scroll set here, not the reader's.
  const echo = useRef<number | null>(null);

  const follow = (from: 0 | 1) => {
    if (!linked) return;
    if (echo.current === from) {
      echo.current = null;
      return;
    }
    const source = panels[from].current;
    const target = panels[from === 0 ? 1 : 0].current;
    if (source === null || target === null) return;
    const top = syncedScrollTop(source, target);
    if (Math.abs(target.scrollTop - top) < 1) return;
    echo.current = from === 0 ? 1 : 0;
    target.scrollTop = top;
  };

  return (
    <section className="responses responses--pair" aria-label="Responses">
      <div className="responses__bar">
        <button
          type="button"
          className={linked ? 'button button--small button--on' : 'button button--small'}
          aria-pressed={linked}
          onClick={() => setLinked((on) => !on)}
          title="Scroll both responses together, or each on its own"
        >
          {linked ? '⇅ Scrolling together' : '⇅ Scroll together'}
        </button>
      </div>
      <div className="responses__pair">
        {responses.map((text, i) => {
          const label = responseLabel(i, 2);
          const index = i === 0 ? 0 : 1;
          return (
            <article
              key={label}
              className={selected === i ? 'response response--selected' : 'response'}
              aria-labelledby={`response-title-${label}`}
            >
              <h2 className="response__title" id={`response-title-${label}`}>
                <span className="response__badge">{label}</span> Response {label}
              </h2>
              <div
                className="response__scroll"
                ref={panels[index]}
                tabIndex={0}
                role="region"
                aria-label={`Response ${label}, scrollable`}
                onScroll={() => follow(index)}
              >
                <FoldedMarkdown source={text} />
              </div>
            </article>
          );
        })}
      </div>
    </section>
  );
}

/**
 * The responses to compare: two side by side (A and B), three or more as cards numbered 1…N —
 * the numbers the ranking keys select them by. `selected` marks the one the ranking keys hold.
 */
export function ResponsesSideBySide({
  responses,
  selected = null,
}: {
  readonly responses: readonly string[];
  readonly selected?: number | null;
}) {
  const [first, second] = responses;
  if (responses.length === 2 && first !== undefined && second !== undefined) {
    return <ResponsePair responses={[first, second]} selected={selected} />;
  }
  return (
    <section className="responses" aria-label="Responses">
      <ol className="responses__cards">
        {responses.map((text, i) => {
          const label = responseLabel(i, responses.length);
          return (
            <li
              key={i}
              className={selected === i ? 'response response--selected' : 'response'}
              aria-labelledby={`response-title-${label}`}
            >
              <h2 className="response__title" id={`response-title-${label}`}>
                <span className="response__badge">{label}</span> Response {label}
              </h2>
              <FoldedMarkdown source={text} />
            </li>
          );
        })}
      </ol>
    </section>
  );
}
