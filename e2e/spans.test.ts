// Span (NER) annotation in real Chromium against the real server (issue 6). An admin creates a
// project with a spans field over the API — PROBLEM, TREATMENT, TEST; negated, historical,
// hypothetical; nested spans allowed — and imports three short de-identified clinical notes, one
// entirely in upper case and one with an emoji before the entities (so code points and UTF-16
// indices differ). An annotator marks them in the browser: a real mouse drag and a number key, a
// word picked and grown from the keyboard, an attribute toggled by its key, a click on a span, a
// crossing span refused with a message, a nested span made with a programmatic selection, a span
// removed with ⌫. The stored annotations, and the snapshot's spans file read through the API,
// hold exactly the code-point offsets, labels and attributes. Screenshots land in
// e2e/screenshots/spans-*.png for a person to look at.

import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  apiCall,
  apiToken,
  hasChromium,
  screenshot,
  screenshots,
  signIn,
  startHarness,
} from './harness.js';
import type { Harness } from './harness.js';

const PASSWORD = 'a long enough password';
const ANNOTATOR = { email: 'nia@example.org', name: 'Nia Annotator', password: PASSWORD };

const UPPER = 'PT DENIES CHEST PAIN. HX OF CHF. STARTED ON LASIX 40MG IV.';
const EMOJI = 'Pt states "I can\'t breathe 😷" since last night.\nCXR ordered to r/o PNEUMONIA.';
const MIXED = 'No known drug allergies. Continue Metoprolol 25 mg BID for HTN.';
/** A discharge summary longer than the window: the legend stays in view while it scrolls. */
const LONG = [
  'DISCHARGE SUMMARY',
  '',
  'HISTORY OF PRESENT ILLNESS:',
  '67 yo M with hx of type 2 diabetes, HTN and hyperlipidemia presented with 2 days of',
  'productive cough, fever to 38.9 C and dyspnea on exertion. Denies chest pain or hemoptysis.',
  '',
  'HOSPITAL COURSE:',
  '1. Community-acquired pneumonia: CXR showed RLL consolidation. Started on ceftriaxone',
  '   and azithromycin, transitioned to oral amoxicillin-clavulanate on day 3.',
  '2. Type 2 diabetes: A1C 8.4%. Metformin held on admission, resumed at discharge.',
  '3. HTN: lisinopril continued. BP 128/76 at discharge.',
  '4. Hyperlipidemia: atorvastatin 40 mg nightly, unchanged.',
  '',
  'DISCHARGE MEDICATIONS:',
  '- amoxicillin-clavulanate 875 mg PO BID x 4 more days',
  '- metformin 1000 mg PO BID',
  '- lisinopril 20 mg PO daily',
  '- atorvastatin 40 mg PO nightly',
  '- ASPIRIN 81 MG PO DAILY',
  '',
  'FOLLOW-UP:',
  'PCP in 1 week. Repeat CXR in 6 weeks to document resolution.',
].join('\n');

const NOTES = [UPPER, EMOJI, MIXED, LONG];

/** Code-point offsets of the `nth` occurrence of `phrase` in `text`, as the value stores them. */
function at(text: string, phrase: string, from = 0): { start: number; end: number } {
  const index = text.indexOf(phrase, from);
  expect(index, phrase).toBeGreaterThanOrEqual(0);
  const start = [...text.slice(0, index)].length;
  return { start, end: start + [...phrase].length };
}

const span = (text: string, phrase: string, label: string, attributes: string[] = []) => ({
  ...at(text, phrase),
  label,
  ...(attributes.length > 0 ? { attributes } : {}),
});

/** What each note's annotation must hold, exactly, in the value's order. */
const EXPECTED: Record<string, unknown[]> = {
  [UPPER]: [
    span(UPPER, 'CHEST PAIN', 'PROBLEM', ['negated']),
    span(UPPER, 'CHF', 'PROBLEM', ['historical']),
    span(UPPER, 'LASIX 40MG IV', 'TREATMENT'),
    span(UPPER, 'LASIX', 'TREATMENT'),
  ],
  [EMOJI]: [span(EMOJI, 'CXR', 'TEST'), span(EMOJI, 'PNEUMONIA', 'PROBLEM', ['hypothetical'])],
  [MIXED]: [
    span(MIXED, 'Metoprolol 25 mg', 'TREATMENT'),
    span(MIXED, 'HTN', 'PROBLEM', ['historical']),
  ],
  [LONG]: [span(LONG, 'A1C', 'TEST'), span(LONG, 'ASPIRIN 81 MG', 'TREATMENT')],
};

/**
 * Finds the `nth` occurrence of `phrase` in the drawn text (tags are not part of it), scrolls it
 * to the middle of the window, below the legend that stays at its top, and either selects it
 * with a DOM Range then sends the mouseup the widget listens to (`select`), or returns where it
 * is drawn: the middle of the left edge of its first character and of the right edge of its
 * last, in page coordinates.
 */
async function locate(page: Page, phrase: string, select = false, nth = 0) {
  return page.evaluate(
    ({ wanted, selecting, occurrence }) => {
      const root = document.querySelector('.spans-text');
      if (root === null) throw new Error('no .spans-text');
      const nodes: { node: Text; from: number }[] = [];
      let text = '';
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
        if (n.parentElement?.closest('[data-tag]')) continue;
        nodes.push({ node: n as Text, from: text.length });
        text += n.textContent ?? '';
      }
      let index = -1;
      for (let i = 0; i <= occurrence; i++) index = text.indexOf(wanted, index + 1);
      if (index < 0) throw new Error(`"${wanted}" is not in the text`);
      /** The text node and offset of a character; `end`: the end of the one before. */
      const point = (offset: number, end = false) => {
        const hit = nodes.filter((x) => (end ? x.from < offset : x.from <= offset)).pop()!;
        return { node: hit.node, offset: offset - hit.from };
      };
      point(index).node.parentElement?.scrollIntoView({ block: 'center' });
      const range = (from: { node: Text; offset: number }, to: { node: Text; offset: number }) => {
        const r = document.createRange();
        r.setStart(from.node, from.offset);
        r.setEnd(to.node, to.offset);
        return r;
      };
      if (selecting) {
        const selection = window.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range(point(index), point(index + wanted.length, true)));
        root.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, button: 0 }));
        return null;
      }
      const charAt = (offset: number) => {
        const p = point(offset);
        return range(p, { node: p.node, offset: p.offset + 1 }).getBoundingClientRect();
      };
      const first = charAt(index);
      const last = charAt(index + wanted.length - 1);
      return {
        start: { x: first.left + 1, y: first.top + first.height / 2 },
        end: { x: last.right - 1, y: last.top + last.height / 2 },
      };
    },
    { wanted: phrase, selecting: select, occurrence: nth },
  );
}

async function phraseBox(page: Page, phrase: string) {
  const box = await locate(page, phrase);
  if (box === null) throw new Error('no box');
  return box;
}

/** Selects a phrase with a real mouse drag over it. */
async function drag(page: Page, phrase: string) {
  const box = await phraseBox(page, phrase);
  await page.mouse.move(box.start.x, box.start.y);
  await page.mouse.down();
  await page.mouse.move(box.end.x, box.end.y, { steps: 8 });
  await page.mouse.up();
}

/** Selects a phrase with a programmatic DOM Range, then the mouseup the widget listens to. */
async function selectByRange(page: Page, phrase: string, occurrence = 0) {
  await locate(page, phrase, true, occurrence);
}

/** The words the widget says are selected ("Selected “…” (a–b)"). */
async function expectSelected(page: Page, words: string) {
  await page.locator('.spans-legend__status').getByText(words, { exact: true }).waitFor();
}

/** Waits for the span to be listed: label and code-point range. */
async function expectSpan(page: Page, label: string, range: { start: number; end: number }) {
  await page
    .locator(`.spans-list__row[data-span="${label} ${range.start}-${range.end}"]`)
    .waitFor();
}

describe.skipIf(!hasChromium)('span annotation of clinical notes in Chromium', () => {
  let harness: Harness;
  let projectId = '';
  let adminToken = '';
  const pageErrors: string[] = [];

  async function api<T>(method: 'GET' | 'POST', url: string, payload?: unknown) {
    const response = await apiCall<T>(harness.app, adminToken, method, url, payload);
    expect(response.status, `${method} ${url}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
    return response.body;
  }

  beforeAll(async () => {
    harness = await startHarness();
    adminToken = await apiToken(harness.app, ADMIN.email, ADMIN.password);
    const annotator = await api<{ id: string }>('POST', '/api/users', {
      ...ANNOTATOR,
      role: 'member',
    });
    const project = await api<{ id: string }>('POST', '/api/projects', {
      name: 'Clinical entities',
      description: 'Problems, treatments and tests in de-identified notes',
      config: {
        fields: [
          {
            name: 'entities',
            type: 'spans',
            title: 'Clinical entities',
            labels: [
              { value: 'PROBLEM', definition: 'A disease, symptom or finding.' },
              { value: 'TREATMENT', definition: 'A drug, procedure or therapy given.' },
              { value: 'TEST', definition: 'A test or examination ordered or done.' },
            ],
            source: 'text',
            overlap: 'nested',
            attributes: ['negated', 'historical', 'hypothetical'],
          },
        ],
        display: ['text'],
      },
      policy: { overlap: 1, goldRate: 0 },
    });
    projectId = project.id;
    await api(
      'POST',
      `/api/projects/${projectId}/items`,
      NOTES.map((text) => ({ data: { text } })),
    );
    await api('POST', `/api/projects/${projectId}/members`, {
      userId: annotator.id,
      role: 'annotator',
    });
  });

  afterAll(async () => {
    await harness?.close();
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  /** The upper-case note: mouse, keys, a refused crossing, a nested span, a removal. */
  async function markUpper(w: Page) {
    // The guidelines beside the note: each label's definition, and the keys of the spans widget.
    await w.keyboard.press('g');
    await w.getByText('A drug, procedure or therapy given.').waitFor();
    await w.getByText('Spans: grow or shrink the selection by a word').waitFor();
    await screenshot(w, 'spans-06-guidelines');
    await w.keyboard.press('g');
    // A real drag over CHEST PAIN, then 1: PROBLEM; the new span is selected, n negates it.
    await drag(w, 'CHEST PAIN');
    await expectSelected(w, 'CHEST PAIN');
    await screenshot(w, 'spans-01-mouse-selection');
    await w.keyboard.press('1');
    await expectSpan(w, 'PROBLEM', at(UPPER, 'CHEST PAIN'));
    await w.keyboard.press('n');
    await w.locator('.spans-tag').filter({ hasText: 'PROBLEMNEG' }).waitFor();

    // ← from the span picks the word before it; 3 marks it TEST by mistake; ⌫ removes it.
    await w.keyboard.press('ArrowLeft');
    await expectSelected(w, 'DENIES');
    await w.keyboard.press('3');
    await expectSpan(w, 'TEST', at(UPPER, 'DENIES'));
    await w.keyboard.press('Backspace');
    await w.locator('.spans-list__row[data-span^="TEST"]').waitFor({ state: 'detached' });

    // From the keyboard: → walks word by word (the full stop is a word of its own) to CHF.
    await w.keyboard.press('Escape');
    for (let i = 0; i < 8; i++) await w.keyboard.press('ArrowRight');
    await expectSelected(w, 'CHF');
    await w.keyboard.press('1');
    await expectSpan(w, 'PROBLEM', at(UPPER, 'CHF'));

    // → to LASIX, Shift+→ twice to LASIX 40MG IV, 2: TREATMENT.
    for (let i = 0; i < 4; i++) await w.keyboard.press('ArrowRight');
    await expectSelected(w, 'LASIX');
    await w.keyboard.press('Shift+ArrowRight');
    await w.keyboard.press('Shift+ArrowRight');
    await expectSelected(w, 'LASIX 40MG IV');
    await w.keyboard.press('2');
    await expectSpan(w, 'TREATMENT', at(UPPER, 'LASIX 40MG IV'));

    // ON LASIX would cross LASIX 40MG IV: refused, with the reason in words.
    await drag(w, 'ON LASIX');
    await w.keyboard.press('2');
    await w
      .getByRole('alert')
      .filter({ hasText: 'would overlap TREATMENT “LASIX 40MG IV”' })
      .waitFor();
    await screenshot(w, 'spans-02-overlap-refused');

    // LASIX alone sits inside it: nested spans are allowed.
    await selectByRange(w, 'LASIX');
    await expectSelected(w, 'LASIX');
    await w.keyboard.press('2');
    await expectSpan(w, 'TREATMENT', at(UPPER, 'LASIX'));

    // A click on CHF selects its span; h marks it historical.
    const chf = await phraseBox(w, 'CHF');
    await w.mouse.click((chf.start.x + chf.end.x) / 2, chf.start.y);
    await w.locator('.spans-list__row--current[data-span^="PROBLEM 28-31"]').waitFor();
    await w.keyboard.press('h');
    await w.locator('.spans-tag').filter({ hasText: 'PROBLEMHIS' }).waitFor();
    await w.keyboard.press('Escape');
    await screenshot(w, 'spans-03-upper-case-note');
    await w.emulateMedia({ colorScheme: 'dark' });
    // The buttons fade to their dark colours: shot once the transitions have run.
    await w.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
    await screenshot(w, 'spans-03-upper-case-note-dark');
    await w.emulateMedia({ colorScheme: 'light' });
  }

  /** The note with an emoji before its entities: offsets must count it once. */
  async function markEmoji(w: Page) {
    // A drag that overshoots the end of the line, out of the text, still selects up to its end.
    const since = await phraseBox(w, 'since');
    const card = (await w.locator('.item-card').boundingBox())!;
    await w.mouse.move(since.start.x, since.start.y);
    await w.mouse.down();
    await w.mouse.move(card.x + card.width - 4, since.start.y, { steps: 8 });
    await w.mouse.up();
    await expectSelected(w, 'since last night.');
    await w.keyboard.press('Escape');
    await drag(w, 'PNEUMONIA');
    await w.keyboard.press('1');
    await w.keyboard.press('y');
    await w.locator('.spans-tag').filter({ hasText: 'PROBLEMHYP' }).waitFor();
    await drag(w, 'CXR');
    await w.keyboard.press('3');
    await expectSpan(w, 'TEST', at(EMOJI, 'CXR'));
    await expectSpan(w, 'PROBLEM', at(EMOJI, 'PNEUMONIA'));
    await screenshot(w, 'spans-04-emoji-note');
  }

  /**
   * Mixed case: a drag that takes in the space after a word is trimmed; ] and [ adjust an edge;
   * a label clicked in the legend, an attribute ticked in the list.
   */
  async function markMixed(w: Page) {
    await drag(w, 'Metoprolol 25 ');
    await expectSelected(w, 'Metoprolol 25');
    // ] three times takes in " mg", [ gives the g back, ] takes it again.
    await w.keyboard.press(']');
    await w.keyboard.press(']');
    await w.keyboard.press(']');
    await w.keyboard.press('[');
    await w.keyboard.press(']');
    await expectSelected(w, 'Metoprolol 25 mg');
    await w.keyboard.press('2');
    // A label by a click in the legend; an attribute by its box in the list.
    await drag(w, 'HTN');
    await w
      .locator('.spans-legend')
      .getByRole('button', { name: /PROBLEM/ })
      .click();
    await expectSpan(w, 'PROBLEM', at(MIXED, 'HTN'));
    const htn = w.locator(
      `.spans-list__row[data-span="PROBLEM ${at(MIXED, 'HTN').start}-${at(MIXED, 'HTN').end}"]`,
    );
    await htn.getByRole('checkbox', { name: 'historical' }).check();
    await w.locator('.spans-tag').filter({ hasText: 'PROBLEMHIS' }).waitFor();
    // Focus is back where the keys act: Enter (pressed next) submits.
    expect(await w.evaluate(() => document.activeElement?.tagName)).not.toBe('INPUT');
  }

  /** The long note: marked far down, with the legend still in view. */
  async function markLong(w: Page) {
    await drag(w, 'ASPIRIN 81 MG');
    await w.keyboard.press('2');
    await expectSpan(w, 'TREATMENT', at(LONG, 'ASPIRIN 81 MG'));
    // The legend is stuck under the top bar, with the labels' counts, while the note scrolls.
    expect(await w.evaluate(() => window.scrollY)).toBeGreaterThan(100);
    const legend = await w.locator('.spans-legend').boundingBox();
    const topbar = await w.locator('.topbar').boundingBox();
    expect(Math.abs((legend?.y ?? 0) - (topbar?.height ?? 0))).toBeLessThan(2);
    await w.screenshot({ path: `${screenshots}/spans-05-long-note-scrolled.png` });
    await drag(w, 'A1C');
    await w.keyboard.press('3');
    await expectSpan(w, 'TEST', at(LONG, 'A1C'));
  }

  it('marks problems, treatments and tests with the mouse and the keys, and submits them', async () => {
    const w = await harness.newPerson();
    w.on('pageerror', (error) => pageErrors.push(error.message));
    await w.goto(`${harness.baseUrl}/projects/${projectId}/annotate`);
    await signIn(w, ANNOTATOR.email, ANNOTATOR.password);
    let previous = '';
    const done: string[] = [];
    for (;;) {
      const card = w.locator(`.item-card:not([data-assignment="${previous}"])`);
      const end = w.getByRole('heading', { name: 'Nothing left for you in this project' });
      await card.or(end).first().waitFor();
      if (await end.isVisible()) break;
      previous = (await card.getAttribute('data-assignment')) ?? '';
      await w.locator('.spans-text').waitFor();
      const shown = (await w.locator('.spans-text').textContent()) ?? '';
      const note = NOTES.find((n) => shown === n);
      expect(note, `an item we did not import: ${shown}`).toBeDefined();
      if (note === UPPER) await markUpper(w);
      else if (note === EMOJI) await markEmoji(w);
      else if (note === LONG) await markLong(w);
      else await markMixed(w);
      await w.keyboard.press('Enter');
      done.push(note!);
      await w
        .locator('.session dd')
        .first()
        .getByText(String(done.length), { exact: true })
        .waitFor();
    }
    expect([...done].sort()).toEqual([...NOTES].sort());

    // Stored exactly: code-point offsets, labels, attributes, in the value's order.
    const db = harness.app.concord.database.db;
    const rows = await db
      .selectFrom('annotations')
      .innerJoin('items', 'items.id', 'annotations.item_id')
      .select(['annotations.value', 'items.data'])
      .where('annotations.project_id', '=', projectId)
      .execute();
    expect(rows).toHaveLength(NOTES.length);
    for (const row of rows) {
      const text = (JSON.parse(row.data) as { text: string }).text;
      expect(JSON.parse(row.value), text).toEqual({ entities: EXPECTED[text] });
    }
    // The emoji counts once: PNEUMONIA starts one before its UTF-16 index.
    expect(at(EMOJI, 'PNEUMONIA').start).toBe(EMOJI.indexOf('PNEUMONIA') - 1);
    await w.context().close();
  }, 120_000);

  it('exports the same spans through the API, in code points', async () => {
    const { id } = await api<{ id: string }>('POST', `/api/projects/${projectId}/snapshots`);
    const manifest = await api<{
      files: { format: string; field?: string; path: string }[];
    }>('GET', `/api/snapshots/${id}/manifest`);
    const file = manifest.files.find((f) => f.format === 'spans' && f.field === 'entities');
    expect(file, JSON.stringify(manifest.files)).toBeDefined();
    const response = await harness.app.inject({
      method: 'GET',
      url: file!.path,
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(response.statusCode).toBe(200);
    const records = response.body
      .trimEnd()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as {
            text: string;
            spans: { start: number; end: number; label: string; attributes?: string[] }[];
          },
      );
    expect(records.map((r) => r.text).sort()).toEqual([...NOTES].sort());
    for (const record of records) {
      const expected = (EXPECTED[record.text] ?? []) as { attributes?: string[] }[];
      expect(record.spans).toEqual(expected.map((s) => ({ ...s, attributes: s.attributes ?? [] })));
      // Each span's code points are the words that were marked.
      for (const s of record.spans)
        expect([...record.text].slice(s.start, s.end).join('').trim()).not.toBe('');
    }
  });
});
