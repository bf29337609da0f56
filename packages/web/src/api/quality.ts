// The quality, review and snapshot routes of the REST contract, as the web app reads them:
// the live quality report, the adjudication queue and its decisions, snapshots with their
// manifest and export files. Same transport rules as client.ts (cookie session, CSRF token on
// writes, every failure an ApiError) over the same options, so both clients behave alike.

import { buildQuery, createRequest } from './client';
import type { ApiClientOptions, RequestOptions } from './client';
import type { Page } from './types';

// ---------- Quality ----------

export interface LabelAgreement {
  readonly label: string | number;
  /** Pairable values that carry this label (its row total in the coincidence matrix). */
  readonly pairableValues: number;
  /** Share of those values paired with the same label; null when the label was never used. */
  readonly specificAgreement: number | null;
}

export interface AgreementPoint {
  /** A UTC day, "2025-01-02": α over the items completed up to and including it. */
  readonly date: string;
  readonly krippendorff_alpha: number | null;
  readonly units: number;
}

/** Agreement on one single-choice field, rating field or rated dimension. */
export interface FieldAgreement {
  /** "sentiment", or "quality.fluency" for a dimension. */
  readonly key: string;
  readonly field: string;
  readonly dimension: string | null;
  readonly metric: 'nominal' | 'ordinal';
  /** Items with at least two labels. */
  readonly units: number;
  readonly krippendorff_alpha: number | null;
  /** Ratings only: α with the interval metric, for comparison. */
  readonly krippendorff_alpha_interval?: number | null;
  readonly percent_agreement: number | null;
  readonly fleiss_kappa?: number | null;
  readonly gwet_ac1?: number | null;
  readonly perLabel: readonly LabelAgreement[];
  /** The coincidence matrix: `counts` is row-major, `levels.length` × `levels.length`. */
  readonly disagreement: {
    readonly levels: readonly (string | number)[];
    readonly counts: readonly number[];
  };
  readonly overTime?: readonly AgreementPoint[];
}

export interface FatigueBucket {
  /** "0-30", "30-60", … minutes into a session. */
  readonly bucket: string;
  readonly total: number;
  readonly accuracy: number | null;
}

export interface AnnotatorQuality {
  readonly userId: string;
  readonly name: string;
  readonly email: string;
  readonly annotations: number;
  readonly revisions: number;
  readonly goldAnswers: number;
  /** Mean gold score (0–1); null before any gold answer. */
  readonly goldAccuracy: number | null;
  /** Share of their answers equal to the item's final value; null before any decision. */
  readonly agreementWithConsensus: number | null;
  readonly medianActiveMs: number | null;
  /** CUSUM over gold errors: the gold answer that first raised the alarm, and how many alarms. */
  readonly drift: { readonly firstAlarm: number | null; readonly alarms: number } | null;
  readonly fatigue: readonly FatigueBucket[];
}

export type QualityAlertKind =
  | 'low-agreement'
  | 'gold-drift'
  | 'low-gold-accuracy'
  | 'fatigue'
  | 'adjudication-backlog'
  | 'defect-rate';

export interface QualityAlert {
  readonly kind: QualityAlertKind;
  readonly severity: 'warning' | 'critical';
  readonly userId: string | null;
  readonly message: string;
}

export interface QualityReport {
  readonly projectId?: string;
  /** When the last annotation changed the report; null before any. */
  readonly updatedAt?: string | null;
  readonly annotations: number;
  /** The policy's agreement threshold (α). */
  readonly threshold: number;
  /** The primary field's agreement (the first of `fields`), null when nothing is measured. */
  readonly agreement: FieldAgreement | null;
  readonly fields: readonly FieldAgreement[];
  readonly annotators: readonly AnnotatorQuality[];
  readonly adjudication: { readonly pending: number; readonly decided: number };
  readonly alerts: readonly QualityAlert[];
}

// ---------- Review ----------

export type DecisionStatus = 'needs_adjudication' | 'decided';

export interface Decision {
  /** The final value, or the computed one still waiting (a tied field is null). */
  readonly value: unknown;
  /** "majority", "adjudication", … */
  readonly method: string;
  readonly confidence: number;
  /** The user id of the reviewer; null for a computed decision. */
  readonly decidedBy: string | null;
  readonly rationale: string | null;
}

export interface ItemLabel {
  readonly userId: string;
  readonly name: string;
  readonly value: unknown;
  readonly createdAt: string;
}

export interface AdjudicationItem {
  readonly itemId: string;
  readonly data: unknown;
  readonly decision: Decision;
  readonly annotations: readonly ItemLabel[];
}

export interface AdjudicationsPage extends Page {
  readonly items: readonly AdjudicationItem[];
}

// ---------- Snapshots ----------

export interface SnapshotSummary {
  readonly id: string;
  readonly version: number;
  readonly createdAt: string;
  /** User id of who created it. */
  readonly createdBy: string;
  readonly items: number;
}

export function createQualityApi(options: ApiClientOptions) {
  const request = createRequest(options);

  const project = (id: string) => `/api/projects/${encodeURIComponent(id)}`;

  return {
    /** The live quality report (managers and reviewers; admins and auditors read it too). */
    quality: (projectId: string, o?: RequestOptions) =>
      request<QualityReport>('GET', `${project(projectId)}/quality`, undefined, o),

    adjudications: (
      projectId: string,
      page: { readonly status: DecisionStatus; readonly limit: number; readonly offset: number },
      o?: RequestOptions,
    ) =>
      request<AdjudicationsPage>(
        'GET',
        `${project(projectId)}/adjudications${buildQuery({
          status: page.status,
          limit: page.limit,
          offset: page.offset,
        })}`,
        undefined,
        o,
      ),

    /** Decides an item's final value. Resolves only once the server has stored it (204). */
    adjudicate: (
      itemId: string,
      decision: { readonly value: unknown; readonly rationale: string },
    ) =>
      request<undefined>('POST', `/api/items/${encodeURIComponent(itemId)}/adjudicate`, decision),

    snapshots: (projectId: string, o?: RequestOptions) =>
      request<{ snapshots: readonly SnapshotSummary[] }>(
        'GET',
        `${project(projectId)}/snapshots`,
        undefined,
        o,
      ),

    /** The lineage JSON, as stored; read it with `readManifest` (lib/snapshot-manifest). */
    manifest: (snapshotId: string, o?: RequestOptions) =>
      request<unknown>(
        'GET',
        `/api/snapshots/${encodeURIComponent(snapshotId)}/manifest`,
        undefined,
        o,
      ),
  };
}

export type QualityApi = ReturnType<typeof createQualityApi>;
