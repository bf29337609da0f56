import type { FormEvent } from 'react';
import { Fragment, useState } from 'react';
import { formatApiError } from '../api/errors';
import { NO_AUDIT_FILTERS } from '../api/types';
import type { AuditEvent, AuditPage as AuditPageData, AuditVerification } from '../api/types';
import { useResource } from '../app/use-resource';
import { Alert } from '../components/Alert';
import { Field } from '../components/Field';
import { PageHeader } from '../components/PageHeader';
import { PastTheEnd } from '../components/PastTheEnd';
import { Pager } from '../components/Pager';
import {
  EMPTY_AUDIT_FILTER_FORM,
  auditFilterFormFromSearch,
  auditSearchOf,
  isFiltered,
  toAuditFilters,
  validateAuditFilters,
} from '../lib/audit-filters';
import type { AuditFilterForm } from '../lib/audit-filters';
import { describeVerification, pageOfSeq } from '../lib/audit-verdict';
import { formatDateTimeUtc, formatPayload, shortHash } from '../lib/format';
import { PAGE_SIZE, offsetOf, parsePage } from '../lib/pagination';
import { hasErrors } from '../lib/validation';
import type { PageProps } from './page-props';

type Verification =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running' }
  | {
      readonly kind: 'done';
      readonly result: AuditVerification;
      readonly at: string;
      /** The newest seq when the check ran, to find the page of the broken event. */
      readonly newestSeq: number | null;
    }
  | { readonly kind: 'failed'; readonly message: string };

export function AuditPage({ api, search, navigate }: PageProps) {
  const params = new URLSearchParams(search);
  const page = parsePage(params.get('page'));
  const applied = auditFilterFormFromSearch(params);
  const appliedErrors = validateAuditFilters(applied);
  const offset = offsetOf(page, PAGE_SIZE);
  const key = `audit:${auditSearchOf(applied, page)}`;

  const events = useResource<AuditPageData>(
    (signal) =>
      api.listAudit(
        {
          limit: PAGE_SIZE,
          offset,
          filters: toAuditFilters(hasErrors(appliedErrors) ? EMPTY_AUDIT_FILTER_FORM : applied),
        },
        { signal },
      ),
    key,
  );

  const [verification, setVerification] = useState<Verification>({ kind: 'idle' });
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  const brokenAt =
    verification.kind === 'done' && !verification.result.ok ? verification.result.brokenAt : null;

  function verify() {
    setVerification({ kind: 'running' });
    Promise.all([
      api.verifyAudit(),
      // Only to locate a broken event; the verdict stands without it.
      api.listAudit({ limit: 1, offset: 0, filters: NO_AUDIT_FILTERS }).catch(() => null),
    ]).then(
      ([result, newest]) =>
        setVerification({
          kind: 'done',
          result,
          at: formatDateTimeUtc(new Date().toISOString()),
          newestSeq: newest?.events[0]?.seq ?? null,
        }),
      (error: unknown) => setVerification({ kind: 'failed', message: formatApiError(error) }),
    );
  }

  const applyFilters = (form: AuditFilterForm) => navigate(`/audit${auditSearchOf(form, 1)}`);
  const filterBy = (patch: Partial<AuditFilterForm>) => applyFilters({ ...applied, ...patch });

  function toggle(seq: number) {
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(seq)) next.delete(seq);
      else next.add(seq);
      return next;
    });
  }

  const data = events.data;

  return (
    <section className="page">
      <PageHeader
        title="Audit log"
        subtitle="Every change on this server, newest first. Each event is hash-chained to the one before it, so an edited or deleted event breaks the chain."
        actions={
          <button
            type="button"
            className="button"
            onClick={verify}
            disabled={verification.kind === 'running'}
          >
            {verification.kind === 'running' ? 'Verifying…' : 'Verify chain'}
          </button>
        }
      />

      <VerificationResult
        verification={verification}
        onDismiss={() => setVerification({ kind: 'idle' })}
        onShow={(seq, newestSeq) =>
          navigate(
            `/audit${auditSearchOf(EMPTY_AUDIT_FILTER_FORM, pageOfSeq(seq, newestSeq, PAGE_SIZE))}`,
          )
        }
        shownSeqs={data?.events.map((e) => e.seq) ?? []}
      />

      <AuditFilterBar
        key={key}
        applied={applied}
        onApply={applyFilters}
        knownActions={uniqueSorted(data?.events.map((e) => e.action) ?? [])}
        knownEntityTypes={uniqueSorted(data?.events.map((e) => e.entityType) ?? [])}
      />

      {hasErrors(appliedErrors) && (
        <Alert tone="warning">
          The time range in this address is not valid, so it is not applied.
        </Alert>
      )}

      {events.status === 'failed' && (
        <Alert tone="error" title="The audit log could not be loaded.">
          {formatApiError(events.error)}{' '}
          <button type="button" className="button--link" onClick={events.reload}>
            Try again
          </button>
        </Alert>
      )}

      {data === null && events.status === 'loading' && <p className="muted">Loading events…</p>}

      {data !== null && data.events.length === 0 && data.total > 0 && (
        <PastTheEnd
          total={data.total}
          limit={PAGE_SIZE}
          noun="events"
          onPage={(p) => navigate(`/audit${auditSearchOf(applied, p)}`)}
        />
      )}

      {data !== null && data.total === 0 && (
        <div className="empty-state empty-state--compact">
          {isFiltered(applied) ? (
            <p>
              No event matches these filters.{' '}
              <button type="button" className="button--link" onClick={() => navigate('/audit')}>
                Clear the filters
              </button>
            </p>
          ) : (
            <p>No events yet.</p>
          )}
        </div>
      )}

      {data !== null && data.events.length > 0 && (
        <>
          <div className="table-wrap" aria-busy={events.status === 'loading'}>
            <table className="table table--audit">
              <thead>
                <tr>
                  <th scope="col" className="col-seq">
                    Seq
                  </th>
                  <th scope="col" className="col-time">
                    Time (UTC)
                  </th>
                  <th scope="col">Actor</th>
                  <th scope="col">Action</th>
                  <th scope="col">Entity</th>
                  <th scope="col" className="col-digest">
                    Payload digest
                  </th>
                  <th scope="col" className="col-expand">
                    <span className="visually-hidden">Details</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.events.map((event) => (
                  <AuditRow
                    key={event.seq}
                    event={event}
                    broken={brokenAt !== null && event.seq === brokenAt}
                    open={expanded.has(event.seq)}
                    onToggle={() => toggle(event.seq)}
                    onFilter={filterBy}
                  />
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            page={page}
            limit={PAGE_SIZE}
            total={data.total}
            offset={data.offset}
            rowsOnPage={data.events.length}
            noun="events"
            onPage={(p) => navigate(`/audit${auditSearchOf(applied, p)}`)}
            busy={events.status === 'loading'}
          />
        </>
      )}
    </section>
  );
}

function VerificationResult({
  verification,
  onDismiss,
  onShow,
  shownSeqs,
}: {
  readonly verification: Verification;
  readonly onDismiss: () => void;
  readonly onShow: (seq: number, newestSeq: number) => void;
  /** Seqs of the rows on screen: no "show" link for an event already in view. */
  readonly shownSeqs: readonly number[];
}) {
  if (verification.kind === 'failed') {
    return (
      <Alert tone="error" title="The chain could not be verified." onDismiss={onDismiss}>
        {verification.message}
      </Alert>
    );
  }
  if (verification.kind !== 'done') return null;
  const { result, newestSeq } = verification;
  const text = describeVerification(result, verification.at);
  const offerShow = !result.ok && newestSeq !== null && !shownSeqs.includes(result.brokenAt);
  return (
    <Alert tone={text.tone} title={text.title} onDismiss={onDismiss}>
      {text.body}
      {offerShow && (
        <>
          {' '}
          <button
            type="button"
            className="button--link"
            onClick={() => onShow(result.brokenAt, newestSeq)}
          >
            Show event #{result.brokenAt}
          </button>
        </>
      )}
    </Alert>
  );
}

function uniqueSorted(values: readonly string[]): readonly string[] {
  return [...new Set(values)].sort();
}

function AuditFilterBar({
  applied,
  onApply,
  knownActions,
  knownEntityTypes,
}: {
  readonly applied: AuditFilterForm;
  readonly onApply: (form: AuditFilterForm) => void;
  /** Values seen on this page, offered as suggestions. */
  readonly knownActions: readonly string[];
  readonly knownEntityTypes: readonly string[];
}) {
  const [form, setForm] = useState(applied);
  const [attempted, setAttempted] = useState(false);
  const errors = attempted ? validateAuditFilters(form) : {};
  const update = (field: keyof AuditFilterForm, value: string) =>
    setForm((f) => ({ ...f, [field]: value }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAttempted(true);
    if (hasErrors(validateAuditFilters(form))) return;
    onApply(form);
  }

  return (
    <form className="filter-bar" onSubmit={submit} noValidate aria-label="Filter events">
      <Field id="audit-action" label="Action">
        <input
          className="input input--compact"
          value={form.action}
          placeholder="any"
          list="audit-actions"
          autoComplete="off"
          data-shortcut="search"
          onChange={(e) => update('action', e.target.value)}
        />
      </Field>
      <Field id="audit-actor" label="Actor id">
        <input
          className="input input--compact"
          value={form.actorId}
          placeholder="any"
          autoComplete="off"
          onChange={(e) => update('actorId', e.target.value)}
        />
      </Field>
      <Field id="audit-entity-type" label="Entity type">
        <input
          className="input input--compact"
          value={form.entityType}
          placeholder="any"
          list="audit-entity-types"
          autoComplete="off"
          onChange={(e) => update('entityType', e.target.value)}
        />
      </Field>
      <Field id="audit-entity-id" label="Entity id">
        <input
          className="input input--compact"
          value={form.entityId}
          placeholder="any"
          autoComplete="off"
          onChange={(e) => update('entityId', e.target.value)}
        />
      </Field>
      <Field id="audit-from" label="From (UTC)" error={errors.from}>
        <input
          className="input input--compact"
          type="datetime-local"
          value={form.from}
          onChange={(e) => update('from', e.target.value)}
        />
      </Field>
      <Field id="audit-to" label="To (UTC)" error={errors.to}>
        <input
          className="input input--compact"
          type="datetime-local"
          value={form.to}
          onChange={(e) => update('to', e.target.value)}
        />
      </Field>
      <datalist id="audit-actions">
        {knownActions.map((action) => (
          <option key={action} value={action} />
        ))}
      </datalist>
      <datalist id="audit-entity-types">
        {knownEntityTypes.map((type) => (
          <option key={type} value={type} />
        ))}
      </datalist>
      <div className="filter-bar__actions">
        <button type="submit" className="button button--small">
          Apply
        </button>
        {isFiltered(applied) && (
          <button
            type="button"
            className="button button--small button--ghost"
            onClick={() => onApply(EMPTY_AUDIT_FILTER_FORM)}
          >
            Clear
          </button>
        )}
      </div>
    </form>
  );
}

interface AuditRowProps {
  readonly event: AuditEvent;
  readonly broken: boolean;
  readonly open: boolean;
  readonly onToggle: () => void;
  readonly onFilter: (patch: Partial<AuditFilterForm>) => void;
}

function AuditRow({ event, broken, open, onToggle, onFilter }: AuditRowProps) {
  const detailsId = `audit-event-${event.seq}`;
  return (
    <Fragment>
      <tr className={broken ? 'row--broken' : undefined}>
        <td className="col-seq cell-mono">{event.seq}</td>
        <td className="col-time cell-mono">{formatDateTimeUtc(event.at)}</td>
        <td>
          {event.actorId === null ? (
            <span className="muted">system</span>
          ) : (
            <button
              type="button"
              className="button--link cell-filter"
              title={`Actor id ${event.actorId}. Click to show only this actor’s events.`}
              onClick={() => onFilter({ actorId: event.actorId ?? '' })}
            >
              {event.actorEmail ?? event.actorId}
            </button>
          )}
        </td>
        <td>
          <button
            type="button"
            className="chip"
            title="Show only this action"
            onClick={() => onFilter({ action: event.action })}
          >
            {event.action}
          </button>
        </td>
        <td>
          <button
            type="button"
            className="button--link cell-filter"
            title="Show only events of this entity type"
            onClick={() => onFilter({ entityType: event.entityType })}
          >
            {event.entityType}
          </button>
          {event.entityId !== null && (
            <span className="cell-mono muted" title={event.entityId}>
              {' '}
              {shortHash(event.entityId, 14)}
            </span>
          )}
        </td>
        <td className="col-digest cell-mono" title={event.payloadDigest}>
          {shortHash(event.payloadDigest)}
        </td>
        <td className="col-expand">
          <button
            type="button"
            className="button button--small button--ghost"
            aria-expanded={open}
            aria-controls={detailsId}
            onClick={onToggle}
          >
            {open ? 'Hide' : 'Details'}
          </button>
        </td>
      </tr>
      {open && (
        <tr className="row-details" id={detailsId}>
          <td colSpan={7}>
            <dl className="details">
              <dt>Payload</dt>
              <dd>
                <pre className="code">{formatPayload(event.payload)}</pre>
              </dd>
              <dt>Payload digest</dt>
              <dd className="cell-mono">{event.payloadDigest}</dd>
              <dt>Hash</dt>
              <dd className="cell-mono">{event.hash}</dd>
              <dt>Previous hash</dt>
              <dd className="cell-mono">{event.prevHash}</dd>
              {event.actorId !== null && (
                <>
                  <dt>Actor id</dt>
                  <dd className="cell-mono">{event.actorId}</dd>
                </>
              )}
              {event.entityId !== null && (
                <>
                  <dt>Entity id</dt>
                  <dd className="cell-mono">{event.entityId}</dd>
                </>
              )}
            </dl>
          </td>
        </tr>
      )}
    </Fragment>
  );
}
