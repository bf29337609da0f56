// The shapes the server sends, as the web app reads them. They mirror the REST contract of
// issues 2 and 4; the server's presenters decide the fields, this file only names them.

import type { ProjectConfig, QualityPolicy } from '@concord/core/config';

export type GlobalRole = 'admin' | 'auditor' | 'member';

export const GLOBAL_ROLES: readonly GlobalRole[] = ['admin', 'auditor', 'member'];

export type ProjectRole = 'manager' | 'reviewer' | 'annotator';

export interface User {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: GlobalRole;
  readonly disabled: boolean;
  readonly createdAt: string;
  /** Credentials such as `clinical` that projects may require of annotators (issue 6). */
  readonly credentials?: readonly string[];
}

export interface Project {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly createdAt: string;
  readonly myRole: ProjectRole | null;
  /** The list sends each project's config too; its `phi` section marks a PHI project. */
  readonly config?: ProjectConfig;
}

export interface AuditEvent {
  readonly seq: number;
  readonly at: string;
  readonly actorId: string | null;
  readonly actorEmail: string | null;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string | null;
  readonly payload: unknown;
  readonly payloadDigest: string;
  readonly prevHash: string;
  readonly hash: string;
}

/** A page of a list endpoint: the rows plus what is needed to page through the rest. */
export interface Page {
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

export interface UsersPage extends Page {
  readonly users: readonly User[];
}

export interface ProjectsPage extends Page {
  readonly projects: readonly Project[];
}

export interface AuditPage extends Page {
  readonly events: readonly AuditEvent[];
}

export type AuditVerification =
  | { readonly ok: true; readonly events: number }
  | {
      readonly ok: false;
      readonly events: number;
      readonly brokenAt: number;
      readonly reason?: string;
      readonly message?: string;
    };

export interface LoginResult {
  readonly token: string;
  readonly csrfToken: string;
  readonly user: User;
}

export interface Health {
  readonly status: 'ok';
  readonly db: 'sqlite' | 'postgres';
  readonly version: string;
}

export interface NewUser {
  readonly email: string;
  readonly name: string;
  readonly password: string;
  readonly role: GlobalRole;
}

export interface UserChanges {
  readonly name?: string;
  readonly role?: GlobalRole;
  readonly disabled?: boolean;
  readonly password?: string;
}

/** One of your API tokens, as listed: never its secret. */
export interface ApiToken {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  /** Null for a token that never expires. */
  readonly expiresAt: string | null;
}

export interface NewApiToken {
  readonly name: string;
  /** 1–3650, or null for a token that never expires. */
  readonly expiresInDays: number | null;
}

/** The answer to creating a token: the only time the server sends its secret. */
export interface CreatedApiToken extends ApiToken {
  readonly token: string;
}

/** The id of a ready-made program in `@concord/core/config` (PROJECT_TEMPLATES). */
export type TemplateId = 'sentiment' | 'intent' | 'toxicity' | 'likert-quality';

export interface NewProject {
  readonly name: string;
  readonly description?: string;
  readonly template?: TemplateId;
  /** Input shape of core's projectConfigSchema; the server fills the defaults. */
  readonly config?: unknown;
  readonly policy?: Partial<QualityPolicy>;
  readonly guidelines?: string;
}

/**
 * How a snapshot's training files (DPO pairs…) treat ties and low agreement; fixed when the
 * snapshot is built and recorded in its manifest (the server's trainingOptionsSchema).
 */
export interface SnapshotTrainingOptions {
  /** Tied preferences have no chosen response: left out, or kept with the flag `tie`. */
  readonly ties: 'exclude' | 'flag';
  /** Pairs whose annotators agree less than this share are left out or flagged; null: none. */
  readonly minAgreement: number | null;
  readonly lowAgreement: 'exclude' | 'flag';
  /** Pairs of a ranking: every pair it orders, or the best response against each other one. */
  readonly rankingPairs: 'all' | 'best-vs-rest';
}

/** One project as its members see it: what annotators fill in, the policy, the guidelines. */
export interface ProjectDetail extends Project {
  readonly updatedAt: string;
  readonly config: ProjectConfig;
  readonly policy: QualityPolicy;
  /** Markdown. */
  readonly guidelines: string;
  readonly guidelineVersion: number;
  readonly taxonomyVersion: number;
  readonly itemCount: number;
  /** The caller's own qualification in the project (null when not a member). */
  readonly myQualification: Qualification | null;
  /** How many items the qualification set has (0: there is none); never which they are. */
  readonly qualificationItems: number;
  /** The caller's permissions on the project (e.g. `phi:reveal`), when the server says. */
  readonly myPermissions?: readonly string[];
}

export type Qualification = 'pending' | 'qualified' | 'failed';

export interface Member {
  readonly userId: string;
  readonly email: string;
  readonly name: string;
  readonly role: ProjectRole;
  readonly addedAt: string;
  readonly qualification: Qualification;
  /** Mean gold score on the qualification set (0–1), once settled. */
  readonly qualificationScore: number | null;
  /** Which attempt at the qualification set this is: 1, then one more per retake a manager allows. */
  readonly qualificationAttempt: number;
  /** The member's credentials (issue 6), when the server sends them. */
  readonly credentials?: readonly string[];
  /** Credentials the project requires that the member lacks (the server works them out). */
  readonly missingCredentials?: readonly string[];
}

export interface MembersPage extends Page {
  readonly members: readonly Member[];
}

export type ItemKind = 'production' | 'gold' | 'qualification';

export const ITEM_KINDS: readonly ItemKind[] = ['production', 'gold', 'qualification'];

/**
 * Where a production item stands: open (nobody has it), in progress (leased, or fewer counted
 * annotations than the overlap), complete; and among the complete, disputed (waiting for
 * adjudication) and adjudicated.
 */
export type ItemState = 'open' | 'in_progress' | 'complete' | 'disputed' | 'adjudicated';

export const ITEM_STATES: readonly ItemState[] = [
  'open',
  'in_progress',
  'complete',
  'disputed',
  'adjudicated',
];

/** How many items a project has of each kind, and of its production items in each state. */
export interface ItemCounts {
  readonly total: number;
  readonly kinds: Readonly<Record<ItemKind, number>>;
  readonly states: Readonly<Record<ItemState, number>>;
}

/** An item as managers and reviewers list it (annotators never see `kind` or `gold`). */
export interface ItemRow {
  readonly id: string;
  /** Position in import order, from 1; the keyset of the list. */
  readonly ord: number;
  readonly kind: ItemKind;
  readonly data: unknown;
  readonly meta: unknown;
  readonly gold: unknown;
  readonly priority: number;
  /** Annotators counted toward the overlap. */
  readonly submitted: number;
  readonly leased: number;
}

export interface ItemsPage {
  readonly items: readonly ItemRow[];
  /** How many items the filter matches (every item of the project without one). */
  readonly total: number;
  /** The `after` of the next page; null on the last one. */
  readonly nextAfter: number | null;
}

/** One row of an import: 1-based position in the request and what is wrong with it. */
export interface RowProblem {
  readonly line: number;
  readonly message: string;
}

export interface ImportResult {
  readonly imported: number;
  readonly gold: number;
  readonly qualification: number;
  /** With skipInvalid: the rows left out, each with its reason. */
  readonly rejected: readonly RowProblem[];
}

/** An item leased to you, with the reservation's expiry. */
export interface Lease {
  readonly assignment: { readonly id: string; readonly expiresAt: string };
  readonly item: { readonly id: string; readonly data: unknown };
}

export interface AnnotationReceipt {
  readonly annotation: {
    readonly id: string;
    readonly itemId: string;
    readonly assignmentId: string;
    readonly revision: number;
    readonly createdAt: string;
    readonly guidelineVersion: number;
    readonly taxonomyVersion: number;
  };
}

export const RELEASE_REASONS = ['skip', 'unclear', 'offensive', 'broken', 'other'] as const;
export type ReleaseReason = (typeof RELEASE_REASONS)[number];

/** Filters of the audit log; empty strings mean "no filter" and are not sent. */
export interface AuditFilters {
  readonly action: string;
  readonly actorId: string;
  readonly entityType: string;
  readonly entityId: string;
  /** ISO 8601 instants (UTC), inclusive bounds. */
  readonly from: string;
  readonly to: string;
}

export const NO_AUDIT_FILTERS: AuditFilters = {
  action: '',
  actorId: '',
  entityType: '',
  entityId: '',
  from: '',
  to: '',
};

// ---------- Agreement of LLM feedback fields (GET /api/projects/:id/quality, `llm`) ----------

/** How often A, B and tie were chosen. */
export interface ChoiceDistribution {
  readonly A: number;
  readonly B: number;
  readonly tie: number;
}

/** α of one pairwise choice (the overall one or one dimension's). */
export interface LlmChoiceAgreement {
  readonly krippendorff_alpha: number | null;
  readonly strength_alpha?: number | null;
  readonly percent_agreement: number | null;
  /** Items with two or more judgments. */
  readonly units: number;
  readonly distribution: ChoiceDistribution;
}

/** How often one annotator's judgments on dimensions `a` and `b` point to opposite responses. */
export interface LlmTradeOff {
  readonly a: string;
  readonly b: string;
  /** opposed / compared; null when nothing was compared. */
  readonly rate: number | null;
  readonly opposed: number;
  readonly compared: number;
  readonly items: number;
}

export interface LlmPairwiseQuality extends LlmChoiceAgreement {
  readonly field: string;
  readonly type: 'pairwise';
  readonly dimensions: readonly (LlmChoiceAgreement & { readonly dimension: string })[];
  readonly tradeOffs: readonly LlmTradeOff[];
}

export interface LlmRankingAgreement {
  /** Items ranked by two or more annotators. */
  readonly items: number;
  readonly kendall_w: number | null;
  readonly mean_tau: number | null;
}

export interface LlmRankingQuality extends LlmRankingAgreement {
  readonly field: string;
  readonly type: 'ranking';
  readonly dimensions: readonly (LlmRankingAgreement & { readonly dimension: string })[];
  readonly tradeOffs: readonly LlmTradeOff[];
}

export interface LlmStepsQuality {
  readonly field: string;
  readonly type: 'steps';
  readonly krippendorff_alpha: number | null;
  readonly percent_agreement: number | null;
  /** (item, step) units with two or more labels. */
  readonly units: number;
  /** Specific agreement per step label (null — NaN on the server — when never compared). */
  readonly perLabel: readonly {
    readonly label: string;
    readonly ratings: number;
    readonly specificAgreement: number | null;
    readonly kappa: number | null;
  }[];
  readonly final: {
    readonly krippendorff_alpha: number | null;
    readonly percent_agreement: number | null;
  };
  readonly firstError: {
    readonly krippendorff_alpha: number | null;
    readonly percent_agreement: number | null;
  };
}

export type LlmFieldQuality = LlmPairwiseQuality | LlmRankingQuality | LlmStepsQuality;
