export {
  labelSchema,
  fieldSchema,
  choiceFieldSchema,
  ratingFieldSchema,
  textFieldSchema,
  projectConfigSchema,
  qualityPolicySchema,
  DEFAULT_POLICY,
  deidConfigSchema,
  credentialSchema,
  PHI_CATEGORIES,
  type DeidConfig,
  type LabelDefinition,
  type FieldConfig,
  type ChoiceField,
  type RatingField,
  type TextField,
  type ProjectConfig,
  type QualityPolicy,
} from './project-config.js';
export {
  validateAnnotationValue,
  type ValueIssue,
  type AnnotationValue,
} from './annotation-value.js';
export { goldScore, RATING_TOLERANCE } from './gold-score.js';
export { PROJECT_TEMPLATES, type ProjectTemplate } from './templates.js';
export {
  justificationSchema,
  pairwiseFieldSchema,
  rankingFieldSchema,
  stepsFieldSchema,
  llmFieldSchema,
  PAIRWISE_CHOICES,
  PREFERENCE_STRENGTHS,
  MAX_RESPONSES,
  REASONING_STEP_LABELS,
  REASONING_ERROR_LABELS,
  TRAJECTORY_STEP_LABELS,
  TRAJECTORY_ERROR_LABELS,
  FINAL_ANSWER_LABELS,
  type JustificationPolicy,
  type PairwiseChoice,
  type LlmField,
  type PairwiseField,
  type RankingField,
  type StepsField,
  type PairwiseDimensionValue,
  type PairwiseValue,
  type RankingValue,
  type StepsValue,
} from './llm-fields.js';
export {
  CHAT_ROLES,
  validateResponsesItem,
  validateStepsItem,
  validateLlmItemData,
  itemListLength,
  normalizeLlmItem,
  type ChatRole,
  type ChatMessage,
  type ResponsesItemData,
  type StepsItemData,
  type ItemShape,
  type NormalizedItem,
  type NormalizeOptions,
} from './llm-item-data.js';
export { validateLlmFieldValue, rankingProblem } from './llm-field-value.js';
export { llmGoldScore, rankingGoldScore } from './llm-gold-score.js';
export { LLM_PROJECT_TEMPLATES } from './llm-templates.js';
export { checkImportRow, prepareImportRow, type ImportRowProblem } from './llm-import-row.js';
export {
  spansFieldSchema,
  SPAN_OVERLAPS,
  compareSpans,
  sortSpans,
  codePointLength,
  codePointOffset,
  utf16Offset,
  spanText,
  spanSourceText,
  spansOverlap,
  spanContains,
  type SpanOverlap,
  type SpansField,
  type SpanValue,
  type SpansValue,
} from './spans-field.js';
export { validateSpansValue, spansItemIssues, MAX_SPANS } from './spans-value.js';
export { spansGoldScore, spansGoldDetail, spanAttributeAgreement, spansOf } from './spans-gold.js';
