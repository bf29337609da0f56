import { useState } from 'react';
import { PHI_CATEGORIES } from '@concord/core/config';
import type { ProjectDetail } from '../../api/types';
import { useForm } from '../../app/use-form';
import { Notice } from '../Alert';
import { FormCard } from '../FormCard';
import { SectionHeader } from '../Page';
import { SelectField, TextField } from '../TextField';
import type { PhiApi } from '../../lib/phi-api';
import { deidFormValues, describeDeid, parseDeidForm, placeDeidErrors } from '../../lib/phi-config';
import type { DeidFormValues } from '../../lib/phi-config';
import { categoryLabel } from '../../lib/phi-reveal';
import '../../styles/phi.css';

const MODE_OPTIONS = [
  { value: 'surrogate', label: 'Surrogates (realistic, consistent replacements)' },
  { value: 'redact', label: 'Redaction ([PERSON] placeholders)' },
];

/** The one-entry-a-line lists of the settings form (they may name real identifiers). */
const LIST_FIELDS: readonly {
  readonly name: 'knownIdentifiers' | 'patterns' | 'allow' | 'deny';
  readonly label: string;
  readonly placeholder: string;
  readonly hint: string;
}[] = [
  {
    name: 'knownIdentifiers',
    label: 'Known identifiers',
    placeholder: 'patient_name: PERSON\nmrn: MEDICAL_RECORD_NUMBER',
    hint: 'One “meta key: CATEGORY” a line: values of these meta keys are found wherever they occur in the record’s text.',
  },
  {
    name: 'patterns',
    label: 'Custom patterns',
    placeholder: 'Local MRN: MEDICAL_RECORD_NUMBER /MRN-\\d{6}/i',
    hint: 'One “name: CATEGORY /regular expression/flags” a line.',
  },
  {
    name: 'allow',
    label: 'Allow list',
    placeholder: 'Bowman\nRose',
    hint: 'One word or phrase a line, never treated as an identifier.',
  },
  {
    name: 'deny',
    label: 'Deny list',
    placeholder: 'St. Elsewhere: ORGANIZATION',
    hint: 'One “text: CATEGORY” a line, always removed.',
  },
];

/**
 * The project's de-identification settings in words, and for its managers a form to change
 * them. The settings apply to what is imported from then on; items already imported keep the
 * text they were given.
 */
export function DeidSettings({
  phiApi,
  project,
  manage,
  onSaved,
}: {
  readonly phiApi: PhiApi;
  readonly project: ProjectDetail;
  readonly manage: boolean;
  readonly onSaved: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const lines = describeDeid(project.config);

  return (
    <section className="card phi-card" aria-labelledby="phi-settings-title">
      <SectionHeader
        titleId="phi-settings-title"
        title="De-identification"
        description="What is removed from imported text before anyone annotates it. Changes apply to later imports; items already imported keep their text."
        actions={
          manage &&
          !editing && (
            <button
              type="button"
              className="button"
              onClick={() => {
                setSaved(null);
                setEditing(true);
              }}
            >
              Edit settings
            </button>
          )
        }
      />
      <Notice message={saved} onDismiss={() => setSaved(null)} />
      {editing ? (
        <DeidForm
          phiApi={phiApi}
          project={project}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            setSaved('Settings saved. They apply to the items imported from now on.');
            onSaved();
          }}
        />
      ) : (
        <dl className="policy-list phi-summary">
          {lines.map((line) => (
            <div key={line.term}>
              <dt>{line.term}</dt>
              <dd>
                <span className="phi-summary__value">{line.value}</span>
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

function DeidForm({
  phiApi,
  project,
  onCancel,
  onSaved,
}: {
  readonly phiApi: PhiApi;
  readonly project: ProjectDetail;
  readonly onCancel: () => void;
  readonly onSaved: () => void;
}) {
  const validate = (values: DeidFormValues) => {
    const result = parseDeidForm(values, project.config);
    return result.ok ? {} : result.errors;
  };
  const form = useForm<DeidFormValues>({
    initial: deidFormValues(project.config),
    idPrefix: 'phi',
    validate,
  });

  const submit = form.handleSubmit(async (values) => {
    const result = parseDeidForm(values, project.config);
    if (!result.ok) return;
    try {
      await phiApi.updatePhi(project.id, { phi: result.phi, credentials: result.credentials });
    } catch (error) {
      throw placeDeidErrors(error);
    }
    onSaved();
  });

  const chosen = form.values.categories
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '');
  const all = chosen.length === 0;
  const toggle = (category: string, on: boolean) => {
    const current = all ? [...PHI_CATEGORIES] : chosen;
    const next = on ? [...current, category] : current.filter((c) => c !== category);
    const ordered = PHI_CATEGORIES.filter((c) => next.includes(c));
    // Every category ticked is the default, "all of them": stored as no list at all.
    form.update('categories', ordered.length === PHI_CATEGORIES.length ? '' : ordered.join(', '));
  };
  const categoriesError = form.errors.categories;

  return (
    <FormCard
      titleId="phi-settings-title"
      form={form}
      onSubmit={submit}
      onCancel={onCancel}
      submitLabel="Save settings"
      submittingLabel="Saving…"
    >
      <div className="form-grid">
        <SelectField
          label="Mode"
          name="mode"
          options={MODE_OPTIONS}
          hint="Surrogates keep notes readable and linkable across items; redaction shows only the category."
          {...form.bind('mode')}
        />
        <TextField
          label="Maximum date shift (days)"
          name="maxDateShiftDays"
          inputMode="numeric"
          hint="Each patient’s dates move by one offset up to this many days, so intervals are kept."
          {...form.bind('maxDateShiftDays')}
        />
        <TextField
          label="Patient key"
          name="patientKey"
          mono
          hint="The item meta key that names the patient: one date offset per patient."
          {...form.bind('patientKey')}
        />
        <TextField
          label="Text fields"
          name="fields"
          mono
          optional
          placeholder="every text value"
          hint="Comma-separated keys of item data to de-identify."
          {...form.bind('fields')}
        />
      </div>

      <label className="checkbox">
        <input
          type="checkbox"
          id="phi-keepYear"
          checked={form.values.keepYear === 'yes'}
          onChange={(e) => form.update('keepYear', e.target.checked ? 'yes' : 'no')}
        />
        Keep the year of dates (Safe Harbor allows it)
      </label>

      <fieldset
        className={
          categoriesError === undefined ? 'fieldset field' : 'fieldset field field--invalid'
        }
        aria-describedby="phi-categories-hint"
      >
        <legend className="field__label">Categories to remove</legend>
        <div className="phi-categories" id="phi-categories" tabIndex={-1}>
          {PHI_CATEGORIES.map((category) => (
            <label key={category} className="checkbox phi-categories__option">
              <input
                type="checkbox"
                checked={all || chosen.includes(category)}
                onChange={(e) => toggle(category, e.target.checked)}
              />
              <span>
                {categoryLabel(category)} <code className="phi-code">{category}</code>
              </span>
            </label>
          ))}
        </div>
        {categoriesError !== undefined && <p className="field__error">{categoriesError}</p>}
        <p className="field__hint" id="phi-categories-hint">
          {all
            ? `All ${PHI_CATEGORIES.length} categories are removed.`
            : `${chosen.length} of ${PHI_CATEGORIES.length} categories are removed.`}
        </p>
      </fieldset>

      <div className="form-grid">
        {LIST_FIELDS.map((f) => (
          <TextField
            key={f.name}
            label={f.label}
            name={f.name}
            rows={3}
            mono
            optional
            placeholder={f.placeholder}
            hint={f.hint}
            {...form.bind(f.name)}
          />
        ))}
      </div>
      <TextField
        label="Required credentials"
        name="credentials"
        mono
        optional
        placeholder="clinical"
        hint="Comma-separated; only annotators holding all of them are assigned items. Admins set people’s credentials under Users."
        {...form.bind('credentials')}
      />
    </FormCard>
  );
}
