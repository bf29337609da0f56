// A project's config and policy in words, for the project page, the template picker and the
// guidelines panel: what each field asks for, and what each quality rule does.

import type { FieldConfig, QualityPolicy } from '@concord/core/config';
import { formatPercent } from '../api/errors';
import { humanize } from './annotation-draft';

/** "Single choice · required", "Rating 1–5 on 3 dimensions", "Text, optional, up to 2,000 characters". */
export function describeField(field: FieldConfig): string {
  const need = field.required ? 'required' : 'optional';
  switch (field.type) {
    case 'choice':
      return `${field.multiple ? 'Multiple choice (every label that applies)' : 'Single choice'} of ${field.labels.length} labels · ${need}`;
    case 'rating': {
      const dimensions = field.dimensions ?? [];
      const scale = `Rating ${field.min}–${field.max}`;
      return dimensions.length === 0
        ? `${scale} · ${need}`
        : `${scale} on ${dimensions.length} dimensions (${dimensions.map(humanize).join(', ')}) · ${need}`;
    }
    case 'text': {
      const limits =
        field.minLength > 0
          ? `${field.minLength.toLocaleString('en-US')}–${field.maxLength.toLocaleString('en-US')} characters`
          : `up to ${field.maxLength.toLocaleString('en-US')} characters`;
      return `Free text, ${limits} · ${need}`;
    }
    case 'pairwise': {
      const dimensions = field.dimensions ?? [];
      const on =
        dimensions.length === 0
          ? ''
          : ` on ${dimensions.length} dimensions (${dimensions.map(humanize).join(', ')})`;
      return `Pairwise preference: A, B or tie${on}${justificationNote(field.justification)} · ${need}`;
    }
    case 'ranking': {
      const dimensions = field.dimensions ?? [];
      const on =
        dimensions.length === 0
          ? ''
          : ` on ${dimensions.length} dimensions (${dimensions.map(humanize).join(', ')})`;
      return `Ranking of the responses${field.allowTies ? ', ties allowed' : ''}${on}${justificationNote(field.justification)} · ${need}`;
    }
    case 'steps':
      return `A label per step from ${field.labels.length} labels, the first error, and the final answer · ${need}`;
    case 'spans': {
      const overlap =
        field.overlap === 'none'
          ? 'no overlaps'
          : field.overlap === 'nested'
            ? 'nested spans allowed'
            : 'overlapping spans allowed';
      const flags =
        field.attributes.length === 0
          ? ''
          : `, flagged ${field.attributes.map((a) => humanize(a).toLowerCase()).join(', ')}`;
      return `Spans of the ${field.source} marked with ${field.labels.length} labels (${overlap}${flags}) · ${need}`;
    }
  }
}

function justificationNote(policy: 'required' | 'optional' | undefined): string {
  if (policy === 'required') return ', with a written justification';
  if (policy === 'optional') return ', justification optional';
  return '';
}

/** A few words per field for a template's card: its labels, its rated dimensions, or its kind. */
export function fieldTags(field: FieldConfig): string[] {
  switch (field.type) {
    case 'choice':
      return field.labels.map((l) => l.value);
    case 'rating': {
      const dimensions = field.dimensions ?? [];
      const scale = `${field.min}–${field.max}`;
      return dimensions.length === 0 ? [`${scale} scale`] : dimensions.map((d) => `${d} ${scale}`);
    }
    case 'text':
      return [field.required ? 'free text' : 'free text (optional)'];
    case 'pairwise':
      return ['A / B / tie', ...(field.dimensions ?? [])];
    case 'ranking':
      return ['ranking', ...(field.dimensions ?? [])];
    case 'steps':
    case 'spans':
      return field.labels.map((l) => l.value);
  }
}

/** The field's heading: its title, else its name in words. */
export function fieldTitle(field: FieldConfig): string {
  return field.title !== undefined && field.title !== '' ? field.title : humanize(field.name);
}

export interface PolicyLine {
  readonly term: string;
  readonly value: string;
  readonly explanation: string;
}

/** The quality policy as a manager reads it: each rule, its setting and what it does. */
export function describePolicy(policy: QualityPolicy): readonly PolicyLine[] {
  return [
    {
      term: 'Overlap',
      value: `${policy.overlap} ${policy.overlap === 1 ? 'annotator' : 'annotators'} per item`,
      explanation: 'Distinct people who label each production item; agreement needs 2 or more.',
    },
    {
      term: 'Hidden gold',
      value: policy.goldRate === 0 ? 'none' : `${formatPercent(policy.goldRate)} of served items`,
      explanation:
        'Items with known answers, served unmarked, that measure each annotator’s accuracy.',
    },
    {
      term: 'Qualification pass mark',
      value: formatPercent(policy.qualificationPassMark),
      explanation: 'Score a new annotator needs on the qualification set before production items.',
    },
    {
      term: 'Agreement threshold',
      value: `α ≥ ${policy.agreementThreshold}`,
      explanation: 'Krippendorff’s α below this means the labels are not yet reliable.',
    },
    {
      term: 'Adjudication threshold',
      value: formatPercent(policy.adjudicationThreshold),
      explanation: 'Items whose consensus confidence is below this go to a reviewer.',
    },
    {
      term: 'QA review sample',
      value: policy.reviewRate === 0 ? 'none' : formatPercent(policy.reviewRate),
      explanation: 'Share of submitted work a reviewer checks.',
    },
    {
      term: 'Aggregation',
      value: policy.aggregation === 'dawid-skene' ? 'Dawid–Skene' : 'Majority vote',
      explanation: 'How the labels of one item become its final label.',
    },
    {
      term: 'Reservation',
      value: `${policy.leaseMinutes} minutes`,
      explanation: 'How long an item served to someone stays theirs before it returns to the pool.',
    },
    {
      term: 'Idle re-routing',
      value: `after ${policy.idleMinutes} minutes`,
      explanation:
        'An annotator inactive this long loses reserved items to colleagues who have nothing left; a late answer is still kept.',
    },
    {
      term: 'Hourly rate',
      value: policy.hourlyRate === 0 ? 'not set' : String(policy.hourlyRate),
      explanation: 'Cost of an hour of active annotation, for cost per accepted label.',
    },
  ];
}
