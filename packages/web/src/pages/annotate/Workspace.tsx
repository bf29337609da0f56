import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { ApiClient } from '../../api/client';
import { ApiError, formatApiError, qualificationResult, validationIssues } from '../../api/errors';
import { formatPercent } from '../../api/errors';
import type { Lease, ProjectDetail, ReleaseReason } from '../../api/types';
import type { ProjectConfig } from '@concord/core/config';
import type { Navigate } from '../../app/history';
import { useActiveTime } from '../../app/use-active-time';
import { Alert, LoadError } from '../../components/Alert';
import { Kbd } from '../../components/Kbd';
import { Link } from '../../components/Link';
import {
  answerRows,
  buildValue,
  draftProblems,
  firstProblemRow,
  llmAnswerOf,
  newDraft,
  problemRowKey,
  toFirstProblem,
} from '../../lib/annotation-draft';
import type { AnswerRow, Draft } from '../../lib/annotation-draft';
import { isKeyboardDrag, llmTextFieldId } from '../../lib/llm-answer';
import type { LlmAnswer, LlmFocus } from '../../lib/llm-answer';
import { activateStepsRow } from '../../lib/llm-steps-answer';
import type { SpansAnswer } from '../../lib/spans-answer';
import { qualificationNote } from '../../lib/qualification-note';
import { projectPath } from '../../lib/routes';
import {
  NEW_SESSION,
  afterLabel,
  afterSkip,
  formatWorkTime,
  needsBreak,
  timePerItem,
} from '../../lib/session-stats';
import type { SessionStats } from '../../lib/session-stats';
import { nextSubmission } from '../../lib/submission';
import type { Submission } from '../../lib/submission';
import { OTHER_REASONS, chooseOnRow, interpretWorkspaceKey } from '../../lib/workspace-keys';
import type { WorkspaceCommand, WorkspaceResult, WorkspaceState } from '../../lib/workspace-keys';
import { AnswerForm } from './AnswerForm';
import { GuidelinesPanel } from './GuidelinesPanel';
import { ItemView } from './ItemView';

type Phase =
  | { readonly kind: 'loading' }
  | { readonly kind: 'item'; readonly lease: Lease }
  /** 204: nothing left for this person. */
  | { readonly kind: 'done' }
  /** The next item could not be had: not qualified, no fields, no access, or no server. */
  | { readonly kind: 'stopped'; readonly error: unknown };

type Sending =
  | { readonly kind: 'idle' }
  | { readonly kind: 'saving'; readonly what: 'submit' | ReleaseReason }
  | { readonly kind: 'failed'; readonly what: 'submit' | ReleaseReason; readonly error: unknown };

const FRESH: WorkspaceState = { draft: {}, active: 0, reasonsOpen: false };

/** Where focus goes on a request: where the active row wants it, or out of any text field. */
interface FocusRequest {
  readonly n: number;
  readonly leave: boolean;
}

const freshState = (config: ProjectConfig, data: unknown): WorkspaceState => ({
  ...FRESH,
  draft: newDraft(config, data),
});

/** The LLM answer the item shows (the ranking's held response, the step being labelled). */
function shownAnswer(rows: readonly AnswerRow[], state: WorkspaceState): LlmAnswer | null {
  const active = rows[state.active];
  const row = active?.kind === 'llm' ? active : rows.find((r) => r.kind === 'llm');
  return row?.kind === 'llm' ? llmAnswerOf(state.draft, row.field) : null;
}
const EXPIRY_WARNING_MS = 5 * 60_000;
/** How often an active annotator tells the server they are still at work on the item. */
const HEARTBEAT_MS = 60_000;

/** The next item, asked for while the current one is answered. */
interface Ahead {
  /** The assignment on screen when it was asked for. */
  readonly forId: string;
  readonly lease: Promise<Lease | null>;
  /** The answer once it is in (undefined before): a ready lease is shown without any wait. */
  result: Lease | null | undefined;
}

const REASON_LABELS: Readonly<Record<ReleaseReason, string>> = {
  skip: 'Skip',
  unclear: 'Unclear: I cannot tell',
  offensive: 'Offensive: I would rather not',
  broken: 'Broken: the item does not load or makes no sense',
  other: 'Another reason',
};

/** A clientId from the browser's random source (randomUUID needs a secure origin; this does not). */
function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function isTextField(target: EventTarget | null): boolean {
  return target instanceof HTMLTextAreaElement || target instanceof HTMLInputElement;
}

/**
 * The annotation workspace: one item at a time, answered from the keyboard, saved only when
 * the server says so, and the next item asked for the moment it does.
 */
export function Workspace({
  api,
  project,
  navigate,
}: {
  readonly api: ApiClient;
  readonly project: ProjectDetail;
  readonly navigate: Navigate;
}) {
  const rows = useMemo(() => answerRows(project.config), [project.config]);
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [form, setForm] = useState<WorkspaceState>(FRESH);
  const [attempted, setAttempted] = useState(false);
  const [serverProblems, setServerProblems] = useState<Readonly<Record<string, string>>>({});
  const [sending, setSending] = useState<Sending>({ kind: 'idle' });
  const [stats, setStats] = useState<SessionStats>(NEW_SESSION);
  /** What the server last acknowledged, for the status next to the buttons. */
  const [lastAck, setLastAck] = useState<'saved' | 'skipped' | null>(null);
  const [guidelines, setGuidelines] = useState(false);
  const [focusRequest, setFocusRequest] = useState<FocusRequest>({ n: 0, leave: false });
  const requestFocus = useCallback(
    (leave = false) => setFocusRequest((r) => ({ n: r.n + 1, leave })),
    [],
  );
  const [now, setNow] = useState(() => Date.now());
  const submission = useRef<Submission | null>(null);
  // Set the moment a request leaves, before React re-renders: a second Enter (or a held key)
  // must not send the answer again nor count it twice.
  const inFlight = useRef(false);
  const root = useRef<HTMLDivElement>(null);
  const activeTime = useActiveTime();

  // A clock for the session time and the reservation's expiry; nothing else ticks.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 5_000);
    return () => clearInterval(timer);
  }, []);

  const ahead = useRef<Ahead | null>(null);
  // Read when an item is shown; not a dependency of `show`, which would ask for a new item.
  const config = useRef(project.config);
  config.current = project.config;

  const show = useCallback(
    (lease: Lease | null) => {
      inFlight.current = false;
      submission.current = null;
      setForm(lease === null ? FRESH : freshState(config.current, lease.item.data));
      setAttempted(false);
      setServerProblems({});
      setSending({ kind: 'idle' });
      activeTime.restart();
      setPhase(lease === null ? { kind: 'done' } : { kind: 'item', lease });
      requestFocus();
      window.scrollTo(0, 0);
    },
    [activeTime, requestFocus],
  );

  const loadNext = useCallback(() => {
    inFlight.current = true;
    // The item asked for ahead, if any: shown at once when it is in, awaited when it is not.
    // Asking ahead can come back empty (the last qualification item is on screen, or nothing
    // was free a moment ago), so only the plain request below may say "nothing left".
    const pending = ahead.current;
    ahead.current = null;
    if (pending?.result) {
      show(pending.result); // in the same render as the acknowledgement: no flicker
      return;
    }
    setPhase({ kind: 'loading' });
    const fetchPlain = () => api.nextItem(project.id);
    (pending === null ? fetchPlain() : pending.lease.then((l) => l ?? fetchPlain())).then(
      show,
      (error: unknown) => {
        inFlight.current = false;
        setSending({ kind: 'idle' });
        setPhase({ kind: 'stopped', error });
      },
    );
  }, [api, project.id, show]);

  useEffect(() => loadNext(), [loadNext]);

  const lease = phase.kind === 'item' ? phase.lease : null;
  const leaseId = lease?.assignment.id ?? null;

  // Once an item is on screen, ask for the one after it.
  useEffect(() => {
    if (leaseId === null || ahead.current?.forId === leaseId) return;
    const next: Ahead = {
      forId: leaseId,
      // A failed ask ahead costs nothing: the plain request after the answer tries again.
      lease: api.nextItem(project.id, { after: leaseId }).catch(() => null),
      result: undefined,
    };
    void next.lease.then((result) => {
      next.result = result;
    });
    ahead.current = next;
  }, [api, project.id, leaseId]);

  // While the annotator is active, keep the reservation: the server re-routes idle people's
  // items and ends leases at their expiry; a heartbeat a minute prevents both.
  useEffect(() => {
    if (leaseId === null) return;
    let lastActive = activeTime.read();
    const timer = setInterval(() => {
      const active = activeTime.read();
      if (active === lastActive) return;
      lastActive = active;
      api.heartbeat(leaseId).then(
        ({ assignment }) =>
          setPhase((p) =>
            p.kind === 'item' && p.lease.assignment.id === assignment.id
              ? { kind: 'item', lease: { ...p.lease, assignment } }
              : p,
          ),
        () => undefined, // an ended reservation shows in the expiry notice; submitting still works
      );
    }, HEARTBEAT_MS);
    return () => clearInterval(timer);
  }, [api, leaseId, activeTime]);
  const itemData = lease?.item.data;
  const localProblems = useMemo(
    () => draftProblems(project.config, form.draft, itemData),
    [project.config, form.draft, itemData],
  );
  const problems = attempted ? { ...serverProblems, ...localProblems } : serverProblems;
  const busy = sending.kind === 'saving' || phase.kind === 'loading';

  const submit = useCallback(() => {
    if (lease === null || inFlight.current) return;
    if (Object.keys(localProblems).length > 0) {
      setAttempted(true);
      const first = firstProblemRow(rows, localProblems);
      setForm((f) =>
        first === -1
          ? f
          : { ...f, active: first, draft: toFirstProblem(f.draft, rows[first], localProblems) },
      );
      requestFocus();
      return;
    }
    const value = buildValue(project.config, form.draft);
    const attempt = nextSubmission(submission.current, lease.assignment.id, value, newClientId);
    submission.current = attempt;
    const activeMs = activeTime.read();
    inFlight.current = true;
    setSending({ kind: 'saving', what: 'submit' });
    api
      .submitAnnotation(lease.assignment.id, {
        value: attempt.value,
        clientId: attempt.clientId,
        activeMs,
      })
      .then(
        () => {
          setStats((s) => afterLabel(s, activeMs));
          setLastAck('saved');
          loadNext();
        },
        (error: unknown) => {
          inFlight.current = false;
          const issues = validationIssues(error);
          if (issues.length > 0) {
            const byRow: Record<string, string> = {};
            for (const issue of issues)
              byRow[problemRowKey(project.config, form.draft, issue.path)] ??= issue.message;
            setServerProblems(byRow);
          }
          setSending({ kind: 'failed', what: 'submit', error });
        },
      );
  }, [
    lease,
    localProblems,
    rows,
    project.config,
    form.draft,
    activeTime,
    api,
    loadNext,
    requestFocus,
  ]);

  const release = useCallback(
    (reason: ReleaseReason) => {
      if (lease === null || inFlight.current) return;
      const activeMs = activeTime.read();
      inFlight.current = true;
      setSending({ kind: 'saving', what: reason });
      api.releaseAssignment(lease.assignment.id, reason).then(
        () => {
          setStats((s) => afterSkip(s, activeMs));
          setLastAck('skipped');
          loadNext();
        },
        (error: unknown) => {
          inFlight.current = false;
          // 409: the reservation had already ended; the item is no longer this person's.
          if (error instanceof ApiError && error.status === 409) loadNext();
          else setSending({ kind: 'failed', what: reason, error });
        },
      );
    },
    [lease, activeTime, api, loadNext],
  );

  const apply = useCallback(
    (result: WorkspaceResult) => {
      if (result.state !== form) {
        if (result.state.draft !== form.draft) setServerProblems({});
        setForm(result.state);
      }
      const command: WorkspaceCommand | null = result.command;
      switch (command?.kind) {
        case 'submit':
          submit();
          return;
        case 'release':
          release(command.reason);
          return;
        case 'toggle-guidelines':
          setGuidelines((open) => !open);
          return;
        case 'close-guidelines':
          setGuidelines(false);
          return;
        case 'focus-row':
          requestFocus();
          return;
        case 'leave-field':
          requestFocus(true);
          return;
        case undefined:
          return;
      }
    },
    [form, submit, release, requestFocus],
  );

  /** A change made with the pointer in a pairwise, ranking or steps widget (its keys come through apply). */
  const changeLlm = useCallback(
    (index: number, name: string, answer: LlmAnswer, focus: LlmFocus | null) => {
      setServerProblems({});
      setForm((f) => ({ ...f, active: index, draft: { ...f.draft, [name]: answer } }));
      if (focus !== null) requestFocus(focus === 'row');
    },
    [requestFocus],
  );

  /** The spans field being answered, if any: its text is marked in the item. */
  const spansIndex = rows.findIndex((r) => r.kind === 'llm' && r.field.type === 'spans');
  const spansRow = rows[spansIndex];
  const spansAnswer = spansRow?.kind === 'llm' ? llmAnswerOf(form.draft, spansRow.field) : null;
  const spans =
    spansRow?.kind === 'llm' && spansRow.field.type === 'spans' && spansAnswer?.kind === 'spans'
      ? {
          field: spansRow.field,
          answer: spansAnswer,
          onChange: (next: SpansAnswer, focus: LlmFocus | null) =>
            changeLlm(spansIndex, spansRow.field.name, next, focus),
        }
      : undefined;

  /** A pointer on a step of the item: its row in the steps field becomes the one the keys label. */
  const selectStep = useCallback(
    (step: number) => {
      const index = rows.findIndex((r) => r.kind === 'llm' && r.field.type === 'steps');
      const row = rows[index];
      if (row?.kind !== 'llm' || row.field.type !== 'steps') return;
      const answer = llmAnswerOf(form.draft, row.field);
      if (answer?.kind !== 'steps') return;
      const result = activateStepsRow(row.field, answer, step);
      changeLlm(index, row.field.name, result.state, result.focus ?? 'row');
    },
    [rows, form.draft, changeLlm],
  );

  // Keys are read before the shell's (capture phase), so `g` and `?` open the guidelines here.
  const latest = useRef({ form, rows, apply, busy, itemShown: lease !== null });
  latest.current = { form, rows, apply, busy, itemShown: lease !== null };
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const element = root.current;
      const target = event.target;
      // A response dragged from the keyboard takes ↑ ↓ Space and Esc for itself (dnd-kit).
      if (isKeyboardDrag(target)) return;
      if (
        element === null ||
        !(target === document.body || (target instanceof Node && element.contains(target)))
      ) {
        return;
      }
      const current = latest.current;
      const result = interpretWorkspaceKey(current.form, current.rows, {
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        shiftKey: event.shiftKey,
        inField: isTextField(target),
      });
      if (!result.handled) return;
      event.preventDefault();
      // A held key moves through rows and scores, but never submits or skips item after item.
      if (event.repeat && !event.key.startsWith('Arrow')) return;
      const guidelinesOnly =
        result.command?.kind === 'toggle-guidelines' || result.command?.kind === 'close-guidelines';
      // While a request is out, or with no item on screen, only the guidelines answer keys.
      if ((current.busy || !current.itemShown) && !guidelinesOnly) return;
      current.apply(result);
      // The row of a preference or ranking the keys moved to comes into view, so every key
      // shows what it did. (A steps field keeps the step itself in view, in the item.)
      if (result.state !== current.form) {
        requestAnimationFrame(() =>
          root.current
            ?.querySelector('.llm-answer:not(.llm-steps) .answer__row--active')
            ?.scrollIntoView({ block: 'nearest' }),
        );
      }
    }
    document.addEventListener('keydown', onKeyDown, { capture: true });
    return () => document.removeEventListener('keydown', onKeyDown, { capture: true });
  }, []);

  // Focus follows the active row: into its text field, or out of any field so keys act.
  useEffect(() => {
    const row = rows[form.active];
    const answer = row?.kind === 'llm' ? llmAnswerOf(form.draft, row.field) : null;
    const textId =
      focusRequest.leave || row === undefined
        ? null
        : row.kind === 'text'
          ? `answer-text-${row.field.name}`
          : row.kind === 'llm' && answer !== null
            ? llmTextFieldId(row.field, answer)
            : null;
    const text = textId === null ? null : document.getElementById(textId);
    if (text !== null) {
      text.focus();
    } else if (
      isTextField(document.activeElement) ||
      !root.current?.contains(document.activeElement)
    ) {
      root.current?.focus({ preventScroll: true });
    }
    // Only an explicit request moves focus, never a re-render: focusRequest is the only key.
  }, [focusRequest]);

  const sessionMs = stats.activeMs + (lease === null ? 0 : activeTime.read());
  const newcomerNote = qualificationNote(project, stats);

  return (
    <div className="workspace" ref={root} tabIndex={-1} aria-label="Annotation workspace">
      <header className="workspace__bar">
        <div className="workspace__where">
          <Link to={projectPath(project.id)} navigate={navigate} className="workspace__back">
            ← {project.name}
          </Link>
        </div>
        <dl className="session" aria-label="This session">
          <div>
            <dt>Labelled</dt>
            <dd>{stats.labelled}</dd>
          </div>
          <div>
            <dt>Skipped</dt>
            <dd>{stats.skipped}</dd>
          </div>
          <div>
            <dt>Active</dt>
            <dd>{formatWorkTime(sessionMs)}</dd>
          </div>
          {timePerItem(stats) !== null && (
            <div>
              <dt>Pace</dt>
              <dd>{timePerItem(stats)}</dd>
            </div>
          )}
        </dl>
        <button
          type="button"
          className={guidelines ? 'button button--small button--on' : 'button button--small'}
          aria-expanded={guidelines}
          onClick={() => setGuidelines((open) => !open)}
        >
          Guidelines <Kbd keys={['g']} />
        </button>
      </header>

      <div className={guidelines ? 'workspace__body workspace__body--panel' : 'workspace__body'}>
        <div className="workspace__main">
          {needsBreak(stats) && (
            <Alert tone="warning" title="Time for a break">
              You have worked {formatWorkTime(stats.activeMs)} this session. Accuracy drops after
              90–120 minutes of labelling; a short pause helps.
            </Alert>
          )}
          {phase.kind === 'loading' && (
            <p className="muted workspace__loading" role="status">
              {lastAck === 'saved'
                ? '✓ Saved. Loading the next item…'
                : lastAck === 'skipped'
                  ? 'Given back. Loading the next item…'
                  : 'Finding an item for you…'}
            </p>
          )}
          {phase.kind === 'done' && (
            <Finished stats={stats} onCheckAgain={loadNext}>
              <Link to={projectPath(project.id)} navigate={navigate} className="button">
                Back to the project
              </Link>
            </Finished>
          )}
          {phase.kind === 'stopped' && (
            <Stopped error={phase.error} onRetry={loadNext}>
              <Link to={projectPath(project.id)} navigate={navigate} className="button">
                Back to the project
              </Link>
            </Stopped>
          )}
          {lease !== null && (
            <>
              {newcomerNote !== null && <p className="workspace__note">{newcomerNote}</p>}
              <Expiry expiresAt={lease.assignment.expiresAt} now={now} />
              <article
                className="item-card"
                aria-label="Item"
                key={lease.assignment.id}
                data-assignment={lease.assignment.id}
              >
                <ItemView
                  display={project.config.display}
                  data={lease.item.data}
                  answer={shownAnswer(rows, form)}
                  onSelectStep={selectStep}
                  spans={spans}
                />
              </article>
              <section className="answer-card" aria-label="Answer">
                <AnswerForm
                  rows={rows}
                  draft={form.draft}
                  data={lease.item.data}
                  active={form.active}
                  problems={problems}
                  disabled={sending.kind === 'saving'}
                  onActivate={(index) => setForm((f) => ({ ...f, active: index }))}
                  onChoose={(index, value) => apply(chooseOnRow(form, rows, index, value))}
                  onText={(draft: Draft) => {
                    setServerProblems({});
                    setForm((f) => ({ ...f, draft }));
                  }}
                  onLlm={changeLlm}
                />
                {rows.length > 1 && (
                  <p className="answer__keys">
                    <Kbd keys={['↑', '↓']} /> or <Kbd keys={['Tab']} /> move between rows ·{' '}
                    <Kbd keys={['←', '→']} /> step a score · <Kbd keys={['⌫']} /> clear a row ·{' '}
                    <Kbd keys={['g']} /> guidelines and all keys
                  </p>
                )}
                <ActionBar
                  sending={sending}
                  lastAck={lastAck}
                  labelled={stats.labelled}
                  reasonsOpen={form.reasonsOpen}
                  onSubmit={submit}
                  onRelease={release}
                  onReasons={(open) => setForm((f) => ({ ...f, reasonsOpen: open }))}
                  onRetry={() =>
                    sending.kind === 'failed' && sending.what !== 'submit'
                      ? release(sending.what)
                      : submit()
                  }
                />
              </section>
            </>
          )}
        </div>
        {guidelines && <GuidelinesPanel project={project} onClose={() => setGuidelines(false)} />}
      </div>
    </div>
  );
}

function Expiry({ expiresAt, now }: { readonly expiresAt: string; readonly now: number }) {
  const left = new Date(expiresAt).getTime() - now;
  if (!Number.isFinite(left) || left > EXPIRY_WARNING_MS) return null;
  return left > 0 ? (
    <Alert tone="warning">
      This item stays reserved for you for {Math.ceil(left / 60_000)} more{' '}
      {Math.ceil(left / 60_000) === 1 ? 'minute' : 'minutes'}.
    </Alert>
  ) : (
    <Alert tone="warning">
      Your reservation of this item has ended. You can still submit; if others have labelled it
      meanwhile, your answer is kept but not counted toward the overlap.
    </Alert>
  );
}

function ActionBar({
  sending,
  lastAck,
  labelled,
  reasonsOpen,
  onSubmit,
  onRelease,
  onReasons,
  onRetry,
}: {
  readonly sending: Sending;
  readonly lastAck: 'saved' | 'skipped' | null;
  readonly labelled: number;
  readonly reasonsOpen: boolean;
  readonly onSubmit: () => void;
  readonly onRelease: (reason: ReleaseReason) => void;
  readonly onReasons: (open: boolean) => void;
  readonly onRetry: () => void;
}) {
  const saving = sending.kind === 'saving';
  return (
    <div className="action-bar">
      {sending.kind === 'failed' && (
        <Alert tone="error" title={sending.what === 'submit' ? 'Not saved' : 'Not given back'}>
          {formatApiError(sending.error)}{' '}
          {sending.what === 'submit' && validationIssues(sending.error).length === 0 && (
            <>Your answer is kept. </>
          )}
          {validationIssues(sending.error).length === 0 && (
            <>
              <button type="button" className="button--link" onClick={onRetry}>
                Try again
              </button>{' '}
              {sending.what === 'submit' && (
                <>
                  (or press <Kbd keys={['↵']} /> again)
                </>
              )}
            </>
          )}
        </Alert>
      )}
      <div className="action-bar__buttons">
        <button
          type="button"
          className="button button--primary action-bar__submit"
          onClick={onSubmit}
          disabled={saving}
        >
          {sending.kind === 'saving' && sending.what === 'submit' ? 'Saving…' : 'Submit'}{' '}
          <Kbd keys={['↵']} />
        </button>
        <button
          type="button"
          className="button"
          onClick={() => onRelease('skip')}
          disabled={saving}
        >
          {sending.kind === 'saving' && sending.what !== 'submit' ? 'Giving back…' : 'Skip'}{' '}
          <Kbd keys={['s']} />
        </button>
        <div className="reasons">
          <button
            type="button"
            className="button button--ghost"
            aria-expanded={reasonsOpen}
            onClick={() => onReasons(!reasonsOpen)}
            disabled={saving}
          >
            Other reason <Kbd keys={['r']} />
          </button>
          {reasonsOpen && (
            <ul className="reasons__menu" aria-label="Give the item back because">
              {OTHER_REASONS.map((reason, i) => (
                <li key={reason}>
                  <button
                    type="button"
                    className="reasons__option"
                    onClick={() => {
                      onReasons(false);
                      onRelease(reason);
                    }}
                  >
                    <Kbd keys={[String(i + 1)]} /> {REASON_LABELS[reason]}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <span className="action-bar__status" role="status">
          {sending.kind === 'idle' && lastAck === 'saved' && (
            <span className="text-success">✓ Saved · {labelled} labelled this session</span>
          )}
          {sending.kind === 'idle' && lastAck === 'skipped' && (
            <span className="muted">The last item was given back</span>
          )}
        </span>
      </div>
    </div>
  );
}

function Finished({
  stats,
  onCheckAgain,
  children,
}: {
  readonly stats: SessionStats;
  readonly onCheckAgain: () => void;
  readonly children: ReactNode;
}) {
  return (
    <div className="empty-state workspace__end">
      <h2 className="empty-state__title">Nothing left for you in this project</h2>
      <p>
        Every item has the annotators it needs, or you have already seen the ones that do not. New
        items appear here as soon as the project’s manager imports them.
      </p>
      {stats.labelled + stats.skipped > 0 && (
        <p>
          This session: {stats.labelled} labelled, {stats.skipped} skipped, in{' '}
          {formatWorkTime(stats.activeMs)} of active time.
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button button--primary" onClick={onCheckAgain}>
          Check again
        </button>
        {children}
      </div>
    </div>
  );
}

function Stopped({
  error,
  onRetry,
  children,
}: {
  readonly error: unknown;
  readonly onRetry: () => void;
  readonly children: ReactNode;
}) {
  if (error instanceof ApiError && error.code === 'CONCORD_ERR_NOT_QUALIFIED') {
    const result = qualificationResult(error);
    return (
      <div className="empty-state workspace__end">
        <h2 className="empty-state__title">You did not pass the qualification</h2>
        <p>
          The first items of this project were its qualification set, with known answers.
          {result !== null &&
            ` You scored ${formatPercent(result.score)}; the pass mark is ${formatPercent(result.passMark)}.`}
        </p>
        <p>
          Read the guidelines again, then ask the project’s manager for another attempt. Production
          items open once you pass.
        </p>
        <div className="form-actions">{children}</div>
      </div>
    );
  }
  const expected =
    error instanceof ApiError &&
    (error.code === 'CONCORD_ERR_NOT_CONFIGURED' || error.status === 403 || error.status === 404);
  return (
    <div className="workspace__end">
      {expected ? (
        <Alert tone="warning" title="No items for you here">
          {formatApiError(error)}
        </Alert>
      ) : (
        <LoadError title="The next item could not be loaded." error={error} onRetry={onRetry} />
      )}
      <div className="form-actions">{children}</div>
    </div>
  );
}
