// The PHI components rendered to static HTML: what reaches the page in each state, without a
// browser (the Chromium test in e2e/phi.test.ts drives the same screens against the server).

import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { deidConfigSchema, projectConfigSchema } from '@concord/core/config';
import type { ProjectDetail } from '../../api/types';
import type { PhiApi } from '../../lib/phi-api';
import type { RevealedItem } from '../../lib/phi-reveal';
import { CredentialChips } from './CredentialChips';
import { DeidSettings } from './DeidSettings';
import { MissingCredentials } from './MemberCredentials';
import { PhiNote } from './PhiNote';
import { RevealedView } from './RevealOriginal';

const nothing = () => undefined;

describe('RevealedView', () => {
  const revealed: RevealedItem = {
    data: { text: 'Seen by Dr. Ann Lee.' },
    meta: {},
    replacements: {
      text: [
        {
          start: 12,
          end: 20,
          originalStart: 12,
          originalEnd: 19,
          category: 'PERSON',
          confidence: 1,
        },
      ],
    },
  };
  const html = renderToStaticMarkup(
    <RevealedView
      revealed={revealed}
      reason="Checking a dosage"
      surrogateData={{ text: 'Seen by Dr. Eva Moss.' }}
      onClose={nothing}
    />,
  );

  it('shows the original and the surrogate text side by side, the replaced name marked in each', () => {
    expect(html).toContain('Original (from the vault)');
    expect(html).toContain('What annotators see');
    expect(html).toMatch(/<mark class="phi-mark phi-mark--original"[^>]*>Ann Lee<sup/);
    expect(html).toMatch(/<mark class="phi-mark phi-mark--surrogate"[^>]*>Eva Moss<sup/);
  });

  it('says the reveal was logged, with the reason given', () => {
    expect(html).toContain('This reveal was logged');
    expect(html).toContain('Checking a dosage');
  });
});

describe('CredentialChips', () => {
  it('offers removal and an input to admins only', () => {
    const editable = renderToStaticMarkup(
      <CredentialChips credentials={['clinical']} owner="ann@example.org" onChange={nothing} />,
    );
    expect(editable).toContain('aria-label="Remove credential clinical from ann@example.org"');
    expect(editable).toContain('aria-label="Add a credential to ann@example.org"');
    const readOnly = renderToStaticMarkup(
      <CredentialChips credentials={['clinical']} owner="ann@example.org" />,
    );
    expect(readOnly).toContain('clinical');
    expect(readOnly).not.toContain('Remove credential');
    expect(readOnly).not.toContain('<input');
  });
});

describe('MissingCredentials', () => {
  it('warns about a lacking credential and shows nothing when none lacks', () => {
    expect(renderToStaticMarkup(<MissingCredentials missing={['clinical']} />)).toContain(
      'lacks clinical',
    );
    expect(renderToStaticMarkup(<MissingCredentials missing={[]} />)).toBe('');
  });
});

describe('PhiNote', () => {
  it('tells annotators the text is de-identified', () => {
    expect(renderToStaticMarkup(<PhiNote phi={{ mode: 'surrogate' }} />)).toContain(
      'De-identified text: names, dates and numbers are surrogates',
    );
  });
});

describe('DeidSettings', () => {
  const config = projectConfigSchema.parse({
    fields: [{ name: 'sentiment', type: 'choice', labels: ['a', 'b'] }],
    phi: deidConfigSchema.parse({ allow: ['Rose'] }),
    credentials: ['clinical'],
  });
  const project = { id: 'p1', name: 'Notes', config } as unknown as ProjectDetail;
  const phiApi = {} as PhiApi;

  it('summarises the settings, with an edit button for managers only', () => {
    const read = renderToStaticMarkup(
      <DeidSettings phiApi={phiApi} project={project} manage={false} onSaved={nothing} />,
    );
    expect(read).toContain('All 23 categories');
    expect(read).toContain('1 entry');
    expect(read).toContain('clinical');
    expect(read).not.toContain('Edit settings');
    const managed = renderToStaticMarkup(
      <DeidSettings phiApi={phiApi} project={project} manage onSaved={nothing} />,
    );
    expect(managed).toContain('Edit settings');
  });
});
