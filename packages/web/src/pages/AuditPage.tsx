import type { ReactNode } from 'react';
import { Fragment, useState } from 'react';
import { formatApiError } from '../api/errors';
import { NO_AUDIT_FILTERS } from '../api/types';
import type { AuditEvent, AuditPage as AuditPageData, AuditVerification } from '../api/types';
import { useForm } from '../app/use-form';
import { useResource } from '../app/use-resource';
import { Alert } from '../components/Alert';
import { Page } from '../components/Page';
import { EmptyList, PagedTable } from '../components/Table';
import type { Column } from '../components/Table';
import { TextField } from '../components/TextField';
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

const AUDIT_COLUMNS: readonly Column[] = [
  { label: 'Seq', className: 'col-seq' },
  { label: 'Time (UTC)', className: 'col-time' },
  { label: 'Actor' },
  { label: 'Action' },
  { label: 'Entity' },
  { label: 'Payload digest', className: 'col-digest' },
  { label: 'Details', className: 'col-expand', hidden: true },
];

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
  const goToPage = (p: number) => navigate(`/audit${auditSearchOf(applied, p)}`);

  return (
    <Page
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
    >
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

      <PagedTable
        resource={events}
        rowsOf={(d) => d.events}
        noun="events"
        page={page}
        onPage={goToPage}
        className="table table--audit"
        empty={
          <EmptyList
            message={isFiltered(applied) ? 'No event matches these filters.' : 'No events yet.'}
            clear={
              isFiltered(applied)
                ? { label: 'Clear the filters', onClear: () => navigate('/audit') }
                : undefined
            }
          />
        }
        columns={AUDIT_COLUMNS}
      >
        {(rows) =>
          rows.map((event) => (
            <AuditRow
              key={event.seq}
              event={event}
              broken={brokenAt !== null && event.seq === brokenAt}
              open={expanded.has(event.seq)}
              onToggle={() => toggle(event.seq)}
              onFilter={filterBy}
            />
          ))
        }
      </PagedTable>
    </Page>
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

/** The free-text filters, in the order of the bar; values seen on the page are suggested. */
const TEXT_FILTERS = [
  { field: 'action', label: 'Action', suggestions: 'audit-actions' },
  { field: 'actorId', label: 'Actor id', suggestions: undefined },
  { field: 'entityType', label: 'Entity type', suggestions: 'audit-entity-types' },
  { field: 'entityId', label: 'Entity id', suggestions: undefined },
] as const;

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
  const form = useForm({ initial: applied, idPrefix: 'audit', validate: validateAuditFilters });
  const submit = form.handleSubmit(async (values) => onApply(values));

  return (
    <form className="filter-bar" onSubmit={submit} noValidate aria-label="Filter events">
      {TEXT_FILTERS.map(({ field, label, suggestions }) => (
        <TextField
          key={field}
          label={label}
          compact
          placeholder="any"
          list={suggestions}
          autoComplete="off"
          // `/` focuses the first filter, as it focuses the search box elsewhere.
          {...(field === 'action' ? { 'data-shortcut': 'search' } : {})}
          {...form.bind(field)}
        />
      ))}
      <TextField label="From (UTC)" compact type="datetime-local" {...form.bind('from')} />
      <TextField label="To (UTC)" compact type="datetime-local" {...form.bind('to')} />
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

/** A value in a cell that, clicked, narrows the log to the events that share it. */
function CellFilter(props: {
  readonly title: string;
  readonly onClick: () => void;
  readonly children: ReactNode;
}) {
  return (
    <button
      type="button"
      className="button--link cell-filter"
      title={props.title}
      onClick={props.onClick}
    >
      {props.children}
    </button>
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
            <CellFilter
              title={`Actor id ${event.actorId}. Click to show only this actor’s events.`}
              onClick={() => onFilter({ actorId: event.actorId ?? '' })}
            >
              {event.actorEmail ?? event.actorId}
            </CellFilter>
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
          <CellFilter
            title="Show only events of this entity type"
            onClick={() => onFilter({ entityType: event.entityType })}
          >
            {event.entityType}
          </CellFilter>
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
