import { useEffect, useState } from 'react';
import { buildQuery } from '../../api/client';
import type { AdjudicationItem, QualityApi } from '../../api/quality';
import type { ProjectDetail } from '../../api/types';
import { LoadError, Notice } from '../../components/Alert';
import { Link } from '../../components/Link';
import { projectPath } from '../../lib/routes';
import type { PageProps } from '../page-props';
import { AdjudicationDecision } from './AdjudicationDecision';
import { AdjudicationLog } from './AdjudicationLog';
import { useQualityApi } from './QualityShared';

/** Items fetched per request; the next ones are on hand the moment one is decided. */
const BATCH = 10;

interface QueueState {
  readonly items: readonly AdjudicationItem[];
  readonly total: number;
}

/** Deciding is for the project's reviewers and managers, and admins; auditors read. */
export function canAdjudicate(user: PageProps['user'], project: ProjectDetail): boolean {
  if (user.role === 'admin') return true;
  return user.role === 'member' && (project.myRole === 'manager' || project.myRole === 'reviewer');
}

/**
 * The reviewer's queue: one contested item at a time with every annotator's label side by side,
 * the computed decision and why it was not enough; the reviewer decides and says why, and the
 * next item follows once the server has stored it. "Decided" lists the adjudication log.
 */
export function AdjudicationTab(props: PageProps & { readonly project: ProjectDetail }) {
  const { api, search, navigate, project } = props;
  const qualityApi = useQualityApi(api, project.id);
  const decidedView = new URLSearchParams(search).get('view') === 'decided';
  const here = projectPath(project.id, 'adjudication');

  return (
    <div className="adjudication-tab">
      <div className="adjudication__bar">
        <nav className="view-switch" aria-label="Adjudication">
          <Link
            to={here}
            navigate={navigate}
            className="view-switch__option"
            aria-current={decidedView ? undefined : 'page'}
          >
            Queue
          </Link>
          <Link
            to={`${here}${buildQuery({ view: 'decided' })}`}
            navigate={navigate}
            className="view-switch__option"
            aria-current={decidedView ? 'page' : undefined}
          >
            Decided
          </Link>
        </nav>
      </div>
      {decidedView ? (
        <AdjudicationLog {...props} qualityApi={qualityApi} />
      ) : (
        <Queue {...props} qualityApi={qualityApi} />
      )}
    </div>
  );
}

function Queue({
  user,
  navigate,
  project,
  qualityApi,
}: PageProps & { readonly project: ProjectDetail; readonly qualityApi: QualityApi }) {
  const [skipped, setSkipped] = useState(0);
  const [queue, setQueue] = useState<QueueState | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const [saved, setSaved] = useState<string | null>(null);
  const decides = canAdjudicate(user, project);

  useEffect(() => {
    const controller = new AbortController();
    qualityApi
      .adjudications(
        project.id,
        { status: 'needs_adjudication', limit: BATCH, offset: skipped },
        { signal: controller.signal },
      )
      .then(
        (page) => {
          setQueue({ items: page.items, total: page.total });
          setError(null);
        },
        (e: unknown) => {
          if (!controller.signal.aborted) setError(e);
        },
      );
    return () => controller.abort();
  }, [qualityApi, project.id, skipped, generation]);

  const reload = () => setGeneration((n) => n + 1);
  const current = queue?.items[0];

  function onDecided(summary: string) {
    setSaved(summary);
    // The next item shows at once from the batch in hand; the queue is read again behind it.
    setQueue((q) =>
      q === null ? q : { items: q.items.slice(1), total: Math.max(0, q.total - 1) },
    );
    reload();
  }

  function onSkip() {
    setSaved(null);
    setQueue((q) => (q === null ? q : { ...q, items: q.items.slice(1) }));
    setSkipped((n) => n + 1);
  }

  if (queue === null) {
    return error === null ? (
      <p className="muted">Loading the queue…</p>
    ) : (
      <LoadError
        title="The adjudication queue could not be loaded."
        error={error}
        onRetry={reload}
      />
    );
  }

  const waiting = queue.total;
  return (
    <>
      {error !== null && (
        <LoadError
          title="The queue could not be brought up to date."
          error={error}
          onRetry={reload}
        />
      )}
      <Notice message={saved} onDismiss={() => setSaved(null)} />
      <p className="adjudication__position" aria-live="polite">
        {waiting === 0 ? (
          'Nothing waits for adjudication.'
        ) : (
          <>
            <strong>{waiting.toLocaleString('en-US')}</strong>{' '}
            {waiting === 1 ? 'item waits' : 'items wait'} for a decision
            {current !== undefined && skipped > 0 && ` · this is number ${skipped + 1}`}
            {skipped > 0 && (
              <>
                {' · '}
                {skipped} skipped{' '}
                <button type="button" className="button--link" onClick={() => setSkipped(0)}>
                  Back to the first
                </button>
              </>
            )}
          </>
        )}
      </p>
      {current !== undefined ? (
        <AdjudicationDecision
          key={current.itemId}
          item={current}
          project={project}
          qualityApi={qualityApi}
          canDecide={decides}
          onDecided={onDecided}
          onSkip={onSkip}
        />
      ) : waiting > 0 && skipped > 0 ? (
        <div className="empty-state adjudication__done">
          <p className="empty-state__title">You skipped the rest</p>
          <p>
            {waiting.toLocaleString('en-US')}{' '}
            {waiting === 1 ? 'item still waits' : 'items still wait'}.{' '}
            <button type="button" className="button--link" onClick={() => setSkipped(0)}>
              Go back to the first one
            </button>
            .
          </p>
        </div>
      ) : waiting > 0 ? (
        <p className="muted">Loading the next item…</p>
      ) : (
        <div className="empty-state adjudication__done">
          <p className="empty-state__title">The queue is empty</p>
          <p>
            Items come here when their annotators disagree: a tie, or a majority weaker than the
            policy’s {Math.round(project.policy.adjudicationThreshold * 100)} % once all{' '}
            {project.policy.overlap} labels are in. Past decisions and their rationales are under{' '}
            <Link
              to={`${projectPath(project.id, 'adjudication')}?view=decided`}
              navigate={navigate}
            >
              Decided
            </Link>
            .
          </p>
        </div>
      )}
    </>
  );
}
