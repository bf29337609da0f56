import { describe, expect, it } from 'vitest';
import {
  dateOffsetDays,
  deidConfigSchema,
  deidentifyRecord,
  deidentifyText,
  detectWithConfig,
  ibanValid,
  luhnValid,
  mapFromOriginal,
  mapToOriginal,
  nameLists,
  placeLists,
  shiftDateText,
  surrogateFor,
  type DeidConfig,
  type Replacement,
} from '@concord/core/deid';

const secret = 'project-secret-1';
const config = (extra: Record<string, unknown> = {}): DeidConfig => deidConfigSchema.parse(extra);

/** The texts of a result's replacements, by original text. */
function surrogates(
  original: string,
  result: { text: string; replacements: Replacement[] },
): Map<string, string> {
  const o = [...original];
  const d = [...result.text];
  return new Map(
    result.replacements.map((r) => [
      o.slice(r.originalStart, r.originalEnd).join(''),
      d.slice(r.start, r.end).join(''),
    ]),
  );
}

/** Names given as known identifiers, so these tests do not depend on the name detector. */
const person = (...names: string[]) => names.map((text) => ({ text, category: 'PERSON' }));

describe('consistent surrogates', () => {
  it('gives the same name the same surrogate in two records and on a re-import', () => {
    const cfg = config({ knownIdentifiers: [{ key: 'name', category: 'PERSON' }] });
    const a = deidentifyRecord(
      { note: 'John Smith was admitted.' },
      { name: 'John Smith', patient_id: 'p1' },
      { secret, config: cfg },
    );
    const b = deidentifyRecord(
      { note: 'Called John Smith about results.' },
      { name: 'John Smith', patient_id: 'p1' },
      { secret, config: cfg },
    );
    const again = deidentifyRecord(
      { note: 'John Smith was admitted.' },
      { name: 'John Smith', patient_id: 'p1' },
      { secret, config: cfg },
    );
    const surrogate = (a.data.note as string).replace(' was admitted.', '');
    expect(surrogate).not.toBe('John Smith');
    expect(surrogate).toMatch(/^[A-Z][a-z]+ [A-Z][a-z'-]+$/);
    expect(b.data.note).toBe(`Called ${surrogate} about results.`);
    expect(again).toEqual(a);
  });

  it('keeps the form: upper case, "Last, First", a title, an initial, the surname alone', () => {
    const known = person('John Smith');
    const plain = surrogates(
      'John Smith',
      deidentifyText('John Smith', { secret, config: config(), known }),
    );
    const [given, surname] = plain.get('John Smith')!.split(' ') as [string, string];
    const text = 'JOHN SMITH. Smith, John. Dr. John Smith. Mr. Smith. J. Smith.';
    const result = deidentifyText(text, {
      secret,
      config: config({
        deny: [
          { text: 'J. Smith', category: 'PERSON' },
          { text: 'Smith, John', category: 'PERSON' },
        ],
      }),
      known,
    });
    expect(result.text).toContain(`${given.toUpperCase()} ${surname.toUpperCase()}.`);
    expect(result.text).toContain(`${surname}, ${given}.`);
    expect(result.text).toContain(`Dr. ${given} ${surname}.`);
    expect(result.text).toContain(`Mr. ${surname}.`);
    // "J. Smith" in a record that spells out "John Smith": the initial of John's surrogate
    expect(result.text).toMatch(new RegExp(`${given[0]}\\. ${surname}\\.$`));
    expect(result.text).not.toMatch(/smith|john/i);
    // with no given name to go by, an initial becomes another letter
    const alone = deidentifyText('Seen by J. Smith.', {
      secret,
      config: config(),
      known: person('J. Smith'),
    });
    expect(alone.text).toMatch(new RegExp(`^Seen by [A-IK-Z]\\. ${surname}\\.$`));
  });

  it('uses a name’s surrogate inside an e-mail address', () => {
    const text = 'John Smith (JOHN.SMITH7@example.org)';
    const result = deidentifyText(text, { secret, config: config(), known: person('John Smith') });
    const [given, surname] = surrogates(text, result).get('John Smith')!.split(' ') as [
      string,
      string,
    ];
    expect(result.text).toMatch(
      new RegExp(
        `^${given} ${surname} \\(${given.toUpperCase()}\\.${surname.toUpperCase()}\\d@[a-z]+\\.org\\)$`,
      ),
    );
  });

  it('keeps the words joining names and surname particles', () => {
    const text = 'John and Mary van der Berg';
    const result = deidentifyText(text, { secret, config: config(), known: person(text) });
    expect(result.text).toMatch(/^[A-Z][a-z]+ and [A-Z][a-z]+ van der [A-Z][a-z'-]+$/);
    expect(result.text).not.toMatch(/John|Mary|Berg/);
    // a capitalised particle is a surname ("Tran Le")
    expect(
      deidentifyText('Tran Le', { secret, config: config(), known: person('Tran Le') }).text,
    ).not.toMatch(/Le$/);
  });

  it('replaces a given name with a given name of the same sex', () => {
    const { male, female } = nameLists();
    for (const [name, list] of [
      ['James', male],
      ['Robert', male],
      ['Mary', female],
      ['Patricia', female],
    ] as const) {
      const result = deidentifyText(`Seen with ${name} today`, {
        secret,
        config: config(),
        known: person(name),
      });
      const surrogate = surrogates(`Seen with ${name} today`, result).get(name)!;
      expect(list).toContain(surrogate);
      expect(surrogate).not.toBe(name);
    }
  });

  it('replaces a lone word as a surname after a title, else by how common it is as each', () => {
    const { surnames, female, male } = nameLists();
    const text = 'Dr. James saw her. Grace called. Taylor paged. James left.';
    const result = deidentifyText(text, {
      secret,
      config: config(),
      known: person('James', 'Grace', 'Taylor'),
    });
    const [after, alone] = result.replacements
      .filter(
        (r) => r.originalEnd - r.originalStart === 5 && text.startsWith('James', r.originalStart),
      )
      .map((r) => result.text.slice(r.start, r.end));
    // "James" after "Dr." is the doctor's surname; in this record it is a surname throughout
    expect(surnames).toContain(after);
    expect(alone).toBe(after);
    const map = surrogates(text, result);
    expect(female).toContain(map.get('Grace')); // a common given name, a rare surname
    expect(surnames).toContain(map.get('Taylor')); // a common surname, a rarer given name
    // without a title, "James" reads as the given name it mostly is
    const plain = deidentifyText('James left.', {
      secret,
      config: config(),
      known: person('James'),
    });
    expect(male).toContain(surrogates('James left.', plain).get('James'));
  });

  it('gives the surrogates it gave before (a re-import after an upgrade stays consistent)', () => {
    // pinned output: a change here means every project's surrogates change on re-import
    const text =
      'Call 212-555-0123 on 03/05/2020; SSN 123-45-6789; MRN: A1234567; Rose Bowman, 92 yo.';
    const result = deidentifyText(text, {
      secret: 'pinned-secret',
      config: config(),
      patient: 'p-1',
      known: person('Rose Bowman'),
    });
    expect(result.text).toBe(
      'Call 617-766-2246 on 12/07/2019; SSN 990-40-7051; MRN: R7857781; Anabel Guy, 90+ yo.',
    );
  });

  it('takes the secret as bytes too, the same for each copy of them', () => {
    const text = 'Call 212-555-0123 about SSN 123-45-6789';
    const bytes = () => new Uint8Array([7, 1, 200, 33, 90, 4, 18, 250]);
    const one = deidentifyText(text, { secret: bytes(), config: config() });
    const two = deidentifyText(text, { secret: bytes(), config: config() });
    expect(one.text).not.toBe(text);
    expect(two.text).toBe(one.text);
    expect(
      deidentifyText(text, { secret: new Uint8Array([7, 1]), config: config() }).text,
    ).not.toBe(one.text);
  });

  it('differs between projects (secrets)', () => {
    const text = 'Call 212-555-0123, SSN 123-45-6789, mail jane.doe@example.com';
    const one = deidentifyText(text, { secret: 'secret-a', config: config() });
    const two = deidentifyText(text, { secret: 'secret-b', config: config() });
    expect(one.replacements).toHaveLength(3);
    expect(one.text).not.toBe(two.text);
    for (const [original, surrogate] of surrogates(text, one))
      expect(surrogates(text, two).get(original)).not.toBe(surrogate);
  });

  it('never reproduces the original and keeps the format of numbers', () => {
    const text = [
      'SSN 123-45-6789.',
      'Card 4111 1111 1111 1111.',
      'IBAN DE89 3704 0044 0532 0130 00.',
      'Phone (617) 555-0123 ext 45.',
      'IP 192.168.1.20.',
      'MRN: A1234567.',
      'Mail jane.doe@example.com.',
    ].join(' ');
    for (const key of ['a', 'b', 'c', 'd', 'e']) {
      const result = deidentifyText(text, { secret: key, config: config() });
      const map = surrogates(text, result);
      expect([...map.keys()].sort()).toEqual(
        [
          '123-45-6789',
          '4111 1111 1111 1111',
          'DE89 3704 0044 0532 0130 00',
          '(617) 555-0123 ext 45',
          '192.168.1.20',
          'A1234567',
          'jane.doe@example.com',
        ].sort(),
      );
      for (const [original, surrogate] of map) expect(surrogate).not.toBe(original);
      expect(map.get('123-45-6789')).toMatch(/^9\d\d-\d\d-\d{4}$/); // never-issued area
      const card = map.get('4111 1111 1111 1111')!;
      expect(card).toMatch(/^4\d{3} \d{4} \d{4} \d{4}$/);
      expect(luhnValid(card)).toBe(true);
      const iban = map.get('DE89 3704 0044 0532 0130 00')!;
      expect(iban).toMatch(/^DE\d\d( \d{4}){4} \d\d$/);
      expect(ibanValid(iban)).toBe(true);
      expect(map.get('(617) 555-0123 ext 45')).toMatch(/^\([2-9]\d\d\) \d{3}-\d{4} ext \d\d$/);
      expect(map.get('A1234567')).toMatch(/^[A-Z]\d{7}$/);
      expect(map.get('jane.doe@example.com')).toMatch(/^[a-z]+\.[a-z]+@[a-z]+\.com$/);
      const ctx = {
        secret: key,
        config: config(),
        dateOffsetDays: 10,
        names: { roles: new Map(), initials: new Map() },
      };
      expect(surrogateFor('https://www.ClickPhobia.com.br/x1', 'DOMAIN_NAME', ctx)).toMatch(
        /^https:\/\/www\.[A-Z][a-z]+\.com\.br\/[a-z]\d$/,
      );
    }
  });
});

describe('place and organisation surrogates', () => {
  const ctx = {
    secret,
    config: config(),
    dateOffsetDays: 10,
    names: { roles: new Map(), initials: new Map() },
  };
  const { cities, zips } = placeLists();

  it('keeps the form of places, addresses, organisations and ZIP codes', () => {
    const city = surrogateFor('Boston, MA', 'LOCATION', ctx)!;
    expect(city).toMatch(/, MA$/);
    expect(cities).toContain(city.slice(0, -4));
    expect(surrogateFor('BOSTON', 'LOCATION', ctx)).toBe(city.slice(0, -4).toUpperCase());
    expect(surrogateFor('123 Main Street, Apt 4', 'STREET_ADDRESS', ctx)).toMatch(
      /^[1-9]\d\d [A-Z][a-z'-]+ Street, Apt [1-9]$/,
    );
    expect(surrogateFor('Mass General Hospital', 'ORGANIZATION', ctx)).toMatch(
      /^[A-Z][a-z'-]+ General Hospital$/,
    );
    expect(surrogateFor('Acme', 'ORGANIZATION', ctx)).toMatch(/^[A-Z][a-z'-]+ Medical Center$/);
    const acronym = surrogateFor('MGH', 'ORGANIZATION', ctx)!;
    expect(acronym).toMatch(/^[A-Z]{3}$/);
    expect(acronym).not.toBe('MGH');
    const zip = surrogateFor('02114-1234', 'ZIP_CODE', ctx)!;
    expect(zip).toMatch(/^\d{5}-\d{4}$/);
    expect(zips.map((z) => z.zip)).toContain(zip.slice(0, 5));
    expect(zip.slice(0, 5)).not.toBe('02114');
  });
});

/** Days since the epoch of an m/d/yyyy or yyyy-mm-dd date. */
function day(date: string): number {
  const iso = /^(\d{4})-(\d\d)-(\d\d)/.exec(date);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(date);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : [us![3], us![1], us![2]];
  return Date.UTC(Number(y), Number(m) - 1, Number(d)) / 86_400_000;
}

describe('date surrogates', () => {
  it('preserves the intervals between one patient’s dates, across records and forms', () => {
    const cfg = config();
    const dates = ['12/30/2019', '2020-01-02', '2/28/2020', '3/1/2020'];
    const shifted = dates.map((date, i) => {
      const result = deidentifyRecord(
        { note: `Seen on ${date}.` },
        { patient_id: 'patient-17', visit: i },
        { secret, config: cfg },
      );
      return /Seen on (.*)\.$/.exec(result.data.note as string)![1]!;
    });
    const offset = day(shifted[0]!) - day(dates[0]!);
    expect(offset).not.toBe(0);
    expect(Math.abs(offset)).toBeLessThanOrEqual(cfg.maxDateShiftDays);
    for (let i = 0; i < dates.length; i++) {
      expect(shifted[i]).not.toBe(dates[i]);
      expect(day(shifted[i]!) - day(dates[i]!)).toBe(offset);
    }
    // another patient moves by another offset
    expect(dateOffsetDays(secret, 'patient-18', 365)).not.toBe(
      dateOffsetDays(secret, 'patient-17', 365),
    );
  });

  it('writes the shifted date in the form it was written', () => {
    expect(shiftDateText('03/05/2020', 10, false)).toBe('03/15/2020');
    expect(shiftDateText('3/5/20', -5, false)).toBe('2/29/20');
    expect(shiftDateText('11/22/2000', 17, false)).toBe('12/9/2000');
    expect(shiftDateText('2020-12-30', 5, false)).toBe('2021-01-04');
    expect(shiftDateText('05.03.2020', 1, false)).toBe('06.03.2020');
    expect(shiftDateText('JAN 30th', 3, false)).toBe('FEB 2nd');
    expect(shiftDateText('Jan 05', 3, false)).toBe('Jan 08');
    expect(shiftDateText('March 5th, 2020', 30, false)).toBe('April 4th, 2020');
    expect(shiftDateText('Sept. 29', 2, false)).toBe('Oct. 1');
    expect(shiftDateText('11th of june', 1, false)).toBe('12th of june');
    expect(shiftDateText('2020-03-05T10:30Z', 1, false)).toBe('2020-03-06T10:30Z');
    expect(shiftDateText('Monday, May 4, 2020', 1, false)).toBe('Tuesday, May 5, 2020');
    expect(shiftDateText("Mar. 5 '62", 365, false)).toBe("Mar. 5 '63");
    expect(shiftDateText('11th', 2, false)).toBe('13th');
    // a month and year move to another month even when the offset is small
    expect(shiftDateText('March 2020', 3, false)).toBe('April 2020');
    // years and times alone are kept (Safe Harbor keeps years; a time of day is no date element)
    expect(shiftDateText('1980s', 100, false)).toBe('1980s');
    expect(shiftDateText('10:30 pm', 100, false)).toBe('10:30 pm');
    // a weekday alone moves with the offset (modulo 7), a holiday becomes its date moved
    expect(shiftDateText('SATURDAY.', 3, false)).toBe('TUESDAY.');
    expect(shiftDateText('Tue', -2, false)).toBe('Sun');
    expect(shiftDateText('Monday', 14, false)).toBe('Tuesday');
    expect(shiftDateText('Monday, May 4', 1, false)).toBe('Tuesday, May 5');
    expect(shiftDateText('Christmas', 10, false)).toBe('January 4');
    expect(shiftDateText("ST. PATRICK'S DAY", -17, false)).toBe('FEBRUARY 28');
    expect(shiftDateText('the weekend', 3, false)).toBeUndefined();
    // a range in one span: each end moves, an end borrows what it lacks from the other
    expect(shiftDateText('10/03-10/04', 2, false)).toBe('10/05-10/06');
    expect(shiftDateText('3/5/2020 to 3/9/2020', -5, false)).toBe('2/29/2020 to 3/4/2020');
    expect(shiftDateText('March 3-5, 2020', 10, false)).toBe('March 13-15, 2020');
    expect(shiftDateText('Dec 30 - Jan 2, 2021', 3, false)).toBe('Jan 2 - Jan 5, 2021');
  });

  it('keeps the year with keepYear (an interval across New Year then changes)', () => {
    expect(shiftDateText('12/30/2019', 5, true)).toBe('1/4/2019');
    expect(shiftDateText('12/30/2019', 5, false)).toBe('1/4/2020');
    expect(shiftDateText('2020-06-01', -10, true)).toBe('2020-05-22');
    // 29 February 2024 written with the kept year 2023, which has none: the 28th, never 02/29/2023
    expect(shiftDateText('02/20/2023', 374, true)).toBe('02/28/2023');
    expect(shiftDateText('Feb 20, 2023', 374, true)).toBe('Feb 28, 2023');
    expect(shiftDateText('2023-02-20', 374, true)).toBe('2023-02-28');
    expect(shiftDateText('02/20/2024', 9, true)).toBe('02/29/2024');
  });

  it('turns ages over 89 into 90+ and keeps younger ages', () => {
    const result = deidentifyText('A 92 yo man, aged 95; his wife is 88 years old.', {
      secret,
      config: config(),
    });
    expect(result.text).toBe('A 90+ yo man, aged 90+; his wife is 88 years old.');
    const ctx = {
      secret,
      config: config(),
      dateOffsetDays: 10,
      names: { roles: new Map(), initials: new Map() },
    };
    expect(surrogateFor('NINETY-ONE', 'AGE', ctx)).toBe('90+');
    expect(surrogateFor('ninety four years', 'AGE', ctx)).toBe('90+ years');
  });
});

describe('redact mode', () => {
  it('writes [CATEGORY] placeholders', () => {
    const result = deidentifyText('Call 212-555-0123 on 3/5/2020, Rose Bowman', {
      secret,
      config: config({ mode: 'redact' }),
      known: person('Rose Bowman'),
    });
    expect(result.text).toBe('Call [PHONE_NUMBER] on [DATE_TIME], [PERSON]');
    expect(result.replacements.map((r) => r.category)).toEqual([
      'PHONE_NUMBER',
      'DATE_TIME',
      'PERSON',
    ]);
  });
});

describe('detectWithConfig', () => {
  const text = 'Pt at Ridgeview on 3/5/2020, ref HX-99812, phone 212-555-0123';

  it('refuses custom patterns that repeat an unbounded group (catastrophic backtracking)', () => {
    const refused = (pattern: string) =>
      deidConfigSchema
        .safeParse({ patterns: [{ name: 'p', category: 'ID_NUMBER', pattern }] })
        .error?.issues.map((i) => i.path.join('.')) ?? [];
    for (const pattern of ['(a+)+$', '(\\d+\\s?)*x', '(?:x*y){2,}', '((ab)+c)*', '([a-z]+\\.?)+@'])
      expect(refused(pattern), pattern).toEqual(['patterns.0.pattern']);
    for (const pattern of [
      'MRN-\\d{6}',
      '(?:MRN|ID)[-: ]?\\d+',
      '(\\d{3})-\\d{4}',
      '[(+)]+\\d+',
      '(?:\\d{2}[-/]){2}\\d{4}',
      'HX\\(\\d+\\)+',
    ])
      expect(refused(pattern), pattern).toEqual([]);
  });

  it('adds deny words and custom patterns, drops allow words, limits categories', () => {
    const cfg = config({
      categories: ['DATE_TIME'],
      deny: [{ text: 'ridgeview', category: 'LOCATION' }],
      patterns: [{ name: 'ref', category: 'ID_NUMBER', pattern: 'HX-\\d{5}' }],
    });
    const spans = detectWithConfig(text, cfg);
    const found = spans.map((s) => [text.slice(s.start, s.end), s.category]);
    expect(found).toEqual([
      ['Ridgeview', 'LOCATION'],
      ['3/5/2020', 'DATE_TIME'],
      ['HX-99812', 'ID_NUMBER'],
    ]);
    const call = 'phone 212-555-0123 on 3/5/2020';
    expect(detectWithConfig(call, config()).map((s) => s.category)).toEqual([
      'PHONE_NUMBER',
      'DATE_TIME',
    ]);
    const allowed = detectWithConfig(call, config({ allow: ['212-555-0123'] }));
    expect(allowed.map((s) => s.category)).toEqual(['DATE_TIME']);
  });

  it('matches deny phrases as whole words, the longest first, any spacing and case', () => {
    const cfg = config({
      categories: ['PHONE_NUMBER'],
      deny: [
        { text: 'Saint Mary', category: 'LOCATION' },
        { text: 'saint mary hospital', category: 'ORGANIZATION' },
        { text: 'Ward 7', category: 'LOCATION' },
      ],
    });
    const text = 'At SAINT  MARY Hospital, ward 7; Saint Mary parish; Ward 70.';
    const found = detectWithConfig(text, cfg).map((s) => [text.slice(s.start, s.end), s.category]);
    expect(found).toEqual([
      ['SAINT  MARY Hospital', 'ORGANIZATION'],
      ['ward 7', 'LOCATION'],
      ['Saint Mary', 'LOCATION'],
    ]);
  });

  it('finds known identifiers, and a known name’s words alone where written as a name', () => {
    const spans = detectWithConfig(
      'Rose Bowman fell. Bowman has a rose tattoo.',
      config(),
      person('Rose Bowman'),
    );
    expect(spans.map((s) => [s.start, s.end, s.category, s.confidence])).toEqual([
      [0, 11, 'PERSON', 1],
      [18, 24, 'PERSON', 0.9],
    ]);
  });

  it('finds a one-word known name only where it is capitalised', () => {
    const text = 'Rose said the rash rose overnight; ROSE agreed.';
    const spans = detectWithConfig(text, config({ categories: ['US_SSN'] }), person('Rose'));
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['Rose', 'ROSE']);
  });

  it('takes a detected span of the same category into a configured one', () => {
    const spans = detectWithConfig(
      'Seen March 5, 2020 at home',
      config({ deny: [{ text: 'March 5', category: 'DATE_TIME' }] }),
    );
    expect(spans).toEqual([{ start: 5, end: 18, category: 'DATE_TIME', confidence: 1 }]);
  });
});

describe('deidentifyRecord', () => {
  it('replaces nested strings, removes known identifiers and the patient from meta', () => {
    const cfg = config({
      knownIdentifiers: [
        { key: 'name', category: 'PERSON' },
        { key: 'mrn', category: 'MEDICAL_RECORD_NUMBER' },
      ],
    });
    const result = deidentifyRecord(
      { messages: [{ role: 'user', content: 'I am Rose Bowman, record 8812345' }], n: 3 },
      { patient_id: 'p-1', name: 'Rose Bowman', mrn: 8812345, source: 'ehr' },
      { secret, config: cfg },
    );
    expect(result.patient).toMatch(/^P-[0-9A-Z]{12}$/);
    expect(result.meta).toEqual({ source: 'ehr', patient: result.patient });
    const content = (result.data.messages as { content: string }[])[0]!.content;
    expect(content).not.toMatch(/Rose|Bowman|8812345/);
    expect(result.data.n).toBe(3);
    expect(Object.keys(result.replacements)).toEqual(['messages.0.role', 'messages.0.content']);
    expect(result.replacements['messages.0.content']!.map((r) => r.category)).toEqual([
      'PERSON',
      'MEDICAL_RECORD_NUMBER',
    ]);
    // the same patient's pseudonym in another record and on re-import
    expect(deidentifyRecord({}, { patient_id: 'p-1' }, { secret, config: cfg }).patient).toBe(
      result.patient,
    );
  });

  it("de-identifies meta's other strings too (they are served to reviewers), keeping the pseudonym", () => {
    const result = deidentifyRecord(
      { note: 'Seen by Dr. Alice Whitfield.' },
      {
        patient_id: 'p-1',
        ward: 'cardiology',
        attending: 'Dr. Alice Whitfield',
        contact: { phone: 'Call 617-555-0142' },
      },
      { secret, config: config() },
    );
    expect(JSON.stringify(result.meta)).not.toMatch(/Whitfield|617-555-0142/);
    expect(result.meta.ward).toBe('cardiology');
    expect(result.meta.patient).toBe(result.patient);
    // the same surrogate as in the note
    expect(result.data.note).toContain(String(result.meta.attending).replace(/^Dr\. /, ''));
  });

  it('only de-identifies config.fields when given', () => {
    const result = deidentifyRecord(
      { note: 'Call 212-555-0123', label: 'Call 212-555-0123' },
      {},
      { secret, config: config({ fields: ['note'] }) },
    );
    expect(result.data.label).toBe('Call 212-555-0123');
    // a phone-shaped surrogate in place of the number, the rest of the text kept
    expect(result.data.note).toMatch(/^Call \d{3}-\d{3}-\d{4}$/);
    expect(result.data.note).not.toBe('Call 212-555-0123');
    expect(Object.keys(result.replacements)).toEqual(['note']);
  });
});

describe('offset mapping', () => {
  it('round-trips every span whose ends are outside identifiers; others widen to whole identifiers', () => {
    const original = 'Call 212-555-0123 or mail a.b@example.com on 3/5/2020; SSN 123-45-6789 😀 ok';
    const result = deidentifyText(original, { secret, config: config() });
    expect(result.replacements.length).toBe(4);
    const length = [...result.text].length;
    const inside = (p: number) => result.replacements.some((r) => r.start < p && p < r.end);
    for (let start = 0; start <= length; start++)
      for (let end = start; end <= length; end++) {
        const there = mapToOriginal(result.replacements, start, end);
        const back = mapFromOriginal(result.replacements, there.start, there.end);
        if (!inside(start) && !inside(end)) expect(back).toEqual({ start, end });
        else {
          expect(back.start).toBeLessThanOrEqual(start);
          expect(back.end).toBeGreaterThanOrEqual(end);
        }
      }
  });

  it('maps spans between the texts, snapping a boundary inside an identifier outward', () => {
    const original = '😀 Rose Bowman called 212-555-0123 on 3/5/2020 about pain.';
    const result = deidentifyText(original, {
      secret,
      config: config(),
      known: person('Rose Bowman'),
    });
    const o = [...original];
    // a span of unchanged text maps there and back
    const painD = [...result.text.slice(0, result.text.indexOf('pain'))].length;
    const painO = [...original.slice(0, original.indexOf('pain'))].length;
    expect(mapToOriginal(result.replacements, painD, painD + 4)).toEqual({
      start: painO,
      end: painO + 4,
    });
    expect(mapFromOriginal(result.replacements, painO, painO + 4)).toEqual({
      start: painD,
      end: painD + 4,
    });
    // each replacement maps onto its original exactly, and back
    for (const r of result.replacements) {
      expect(mapToOriginal(result.replacements, r.start, r.end)).toEqual({
        start: r.originalStart,
        end: r.originalEnd,
      });
      expect(mapFromOriginal(result.replacements, r.originalStart, r.originalEnd)).toEqual({
        start: r.start,
        end: r.end,
      });
    }
    // "called <phone>" annotated from the middle of the surrogate name: snaps to the name's start
    const name = result.replacements[0]!;
    expect(o.slice(name.originalStart, name.originalEnd).join('')).toBe('Rose Bowman');
    expect(mapToOriginal(result.replacements, name.start + 2, name.end + 7)).toEqual({
      start: name.originalStart,
      end: name.originalEnd + 7,
    });
    // a span inside one identifier covers the whole original identifier
    const phone = result.replacements[1]!;
    expect(mapToOriginal(result.replacements, phone.start + 1, phone.start + 3)).toEqual({
      start: phone.originalStart,
      end: phone.originalEnd,
    });
  });
});
