import { LLM_PROJECT_TEMPLATES } from './llm-templates.js';
import type { QualityPolicy } from './project-config.js';

/** A ready-made program: its config, guidelines and policy. Input shape of `projectConfigSchema`. */
export interface ProjectTemplate {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly config: {
    readonly fields: readonly Record<string, unknown>[];
    readonly display?: readonly string[];
  };
  readonly guidelines: string;
  readonly policy: Partial<QualityPolicy>;
}

export const PROJECT_TEMPLATES: readonly ProjectTemplate[] = [
  {
    id: 'sentiment',
    name: 'Sentiment',
    description: 'Label the sentiment a text expresses: positive, neutral or negative.',
    config: {
      fields: [
        {
          name: 'sentiment',
          type: 'choice',
          labels: [
            {
              value: 'positive',
              definition: 'The author expresses satisfaction, praise or happiness.',
              rules: ['Thanks and compliments are positive.'],
            },
            {
              value: 'neutral',
              definition: 'No sentiment, or a purely factual statement or question.',
              rules: ['When unsure between neutral and a polar label, choose neutral.'],
            },
            {
              value: 'negative',
              definition: 'The author expresses dissatisfaction, complaint or anger.',
              rules: ['Sarcastic praise is negative.'],
            },
          ],
        },
      ],
      display: ['text'],
    },
    guidelines:
      '# Sentiment\n\nRead the whole message, then choose the sentiment of its **author**, not of the people it mentions.\n\n- Mixed messages: choose the sentiment of the final request or conclusion.\n- Sarcasm counts as what it means, not what it says.\n- When unsure between *neutral* and a polar label, choose **neutral**.\n',
    policy: { overlap: 3, goldRate: 0.1, agreementThreshold: 0.8 },
  },
  {
    id: 'intent',
    name: 'Intent classification',
    description: 'Route a customer message to the intent it expresses.',
    config: {
      fields: [
        {
          name: 'intent',
          type: 'choice',
          labels: [
            { value: 'billing', definition: 'Charges, invoices, refunds, payment methods.' },
            { value: 'technical_issue', definition: 'Something does not work as expected.' },
            { value: 'account', definition: 'Sign-in, profile, password, closing the account.' },
            {
              value: 'feedback',
              definition: 'Opinions or suggestions with no request for action.',
            },
            { value: 'other', definition: 'None of the above. Use sparingly.' },
          ],
        },
      ],
      display: ['text'],
    },
    guidelines:
      '# Intent\n\nChoose the intent that the customer needs **acted on**. If a message has several, choose the first actionable one.\n',
    policy: { overlap: 2, goldRate: 0.1 },
  },
  {
    id: 'toxicity',
    name: 'Toxicity',
    description: 'Flag toxic content by category (multi-label).',
    config: {
      fields: [
        {
          name: 'toxicity',
          type: 'choice',
          multiple: true,
          required: false,
          labels: [
            { value: 'insult', definition: 'Demeaning language aimed at a person or group.' },
            { value: 'threat', definition: 'Intent to harm a person or group.' },
            { value: 'hate', definition: 'Attacks on a protected characteristic.' },
            { value: 'sexual', definition: 'Sexually explicit content.' },
            { value: 'profanity', definition: 'Swearing not aimed at anyone.' },
          ],
        },
      ],
      display: ['text'],
    },
    guidelines:
      '# Toxicity\n\nSelect every category that applies; select none for non-toxic text. Quoting toxic text to criticise it is not toxic.\n',
    policy: { overlap: 3, goldRate: 0.1 },
  },
  {
    id: 'likert-quality',
    name: 'Response quality (Likert)',
    description: 'Rate a response on a 1–5 scale per quality dimension.',
    config: {
      fields: [
        {
          name: 'quality',
          type: 'rating',
          min: 1,
          max: 5,
          anchors: {
            '1': 'very poor',
            '2': 'poor',
            '3': 'acceptable',
            '4': 'good',
            '5': 'excellent',
          },
          dimensions: ['helpfulness', 'accuracy', 'fluency'],
        },
        { name: 'comment', type: 'text', required: false, maxLength: 2000 },
      ],
      display: ['prompt', 'response'],
    },
    guidelines:
      '# Response quality\n\nRate each dimension on its own. **3** means acceptable: it does the job with minor flaws.\n',
    policy: { overlap: 3, goldRate: 0.05 },
  },
  {
    id: 'clinical-ner',
    name: 'Clinical entities (NER)',
    description:
      'Mark problems, treatments, tests and drugs in clinical notes, with negated, historical and hypothetical flags.',
    config: {
      fields: [
        {
          name: 'entities',
          type: 'spans',
          source: 'text',
          overlap: 'none',
          labels: [
            {
              value: 'PROBLEM',
              definition:
                'A disease, disorder, symptom, sign, injury or abnormal finding of the patient.',
              rules: [
                'Include modifiers that are part of the finding ("severe chest pain"), not the body site alone.',
                'A negated problem is still a PROBLEM: flag it negated.',
              ],
            },
            {
              value: 'TREATMENT',
              definition:
                'A procedure, surgery, therapy or intervention given to the patient, other than a drug.',
            },
            {
              value: 'TEST',
              definition:
                'A lab test, imaging study, measurement or examination, named or abbreviated ("CBC", "CXR").',
              rules: ['Mark the test, not its result: in "WBC 12", mark "WBC".'],
            },
            {
              value: 'DRUG',
              definition:
                'A medication by brand or generic name, with its strength when written next to it.',
              rules: ['Dose frequency and route ("bid", "PO") are not part of the span.'],
            },
          ],
          attributes: ['negated', 'historical', 'hypothetical'],
        },
      ],
      display: ['text'],
    },
    guidelines:
      '# Clinical entities\n\nSelect the shortest stretch of text that names the entity and press its key. Spans do not overlap.\n\n- **negated**: the note says it is absent ("denies chest pain", "no fever").\n- **historical**: in the past and not active now ("history of asthma").\n- **hypothetical**: possible in the future or conditional ("return if fever develops").\n\nAdapted from the 2010 i2b2/VA concept and assertion annotation guidelines (Uzuner et al., JAMIA 2011).\n',
    policy: { overlap: 2, goldRate: 0.1, adjudicationThreshold: 0.8 },
  },
  // Pairwise preference, ranking, step labels, agent trajectories, red-team triage.
  ...LLM_PROJECT_TEMPLATES,
];
