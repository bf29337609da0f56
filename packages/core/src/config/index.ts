export {
  labelSchema,
  fieldSchema,
  choiceFieldSchema,
  ratingFieldSchema,
  textFieldSchema,
  projectConfigSchema,
  qualityPolicySchema,
  DEFAULT_POLICY,
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
