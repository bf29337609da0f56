import { describe, expect, it } from 'vitest';
import { detect, resolveOverlaps } from './detect.js';
import { utf16ToCodePointMapper } from './offsets.js';
import { calendarValid, ibanValid, ipv6Valid, luhnValid, ssnValid } from './validators.js';

/** The detected substrings of `text` for one category (code-point offsets sliced by code point). */
function found(text: string, category: string): string[] {
  const points = [...text];
  return detect(text)
    .filter((s) => s.category === category)
    .map((s) => points.slice(s.start, s.end).join(''));
}

describe('code-point offsets', () => {
  it('counts an astral character as one code point', () => {
    const text = 'a😀b';
    expect(text.length).toBe(4);
    expect([0, 1, 3, 4].map(utf16ToCodePointMapper(text))).toEqual([0, 1, 2, 3]);
  });

  it('reports spans after emoji in code points', () => {
    const text = '😀😀 mail jo@example.org 𝒳 ok';
    const [span] = detect(text);
    expect(span).toMatchObject({ start: 8, end: 22, category: 'EMAIL_ADDRESS' });
    expect([...text].slice(span!.start, span!.end).join('')).toBe('jo@example.org');
  });
});

describe('validators', () => {
  it('checks Luhn, mod-97, SSN ranges, calendars and IPv6', () => {
    expect(luhnValid('4111 1111 1111 1111')).toBe(true);
    expect(luhnValid('4111 1111 1111 1112')).toBe(false);
    expect(ibanValid('GB82 WEST 1234 5698 7654 32')).toBe(true);
    expect(ibanValid('GB82 WEST 1234 5698 7654 33')).toBe(false);
    expect(ibanValid('GB82 WEST 1234 5698 7654 3')).toBe(false);
    expect(ssnValid('000', '12', '3456')).toBe(false);
    expect(ssnValid('666', '12', '3456')).toBe(false);
    expect(ssnValid('912', '12', '3456')).toBe(false);
    expect(ssnValid('123', '00', '3456')).toBe(false);
    expect(ssnValid('123', '45', '0000')).toBe(false);
    expect(ssnValid('123', '45', '6789')).toBe(true);
    expect(calendarValid(2, 31)).toBe(false);
    expect(calendarValid(2, 29, 2023)).toBe(false);
    expect(calendarValid(2, 29, 2024)).toBe(true);
    expect(ipv6Valid('2001:db8::1')).toBe(true);
    expect(ipv6Valid('::ffff:192.168.0.1')).toBe(true);
    expect(ipv6Valid('12:30:45')).toBe(false);
  });
});

describe('detectors', () => {
  it('EMAIL_ADDRESS', () => {
    expect(found('Write to Jane.Doe+x@mail.example.co.uk today.', 'EMAIL_ADDRESS')).toEqual([
      'Jane.Doe+x@mail.example.co.uk',
    ]);
    expect(found('no address @ here', 'EMAIL_ADDRESS')).toEqual([]);
  });

  it('URL with a scheme or path, DOMAIN_NAME bare, not abbreviations', () => {
    const text =
      'See https://www.example.com/a?b=1. Or www.test.org, nih.gov, or example.org/records.';
    expect(found(text, 'URL')).toEqual(['https://www.example.com/a?b=1', 'example.org/records']);
    expect(found(text, 'DOMAIN_NAME')).toEqual(['www.test.org', 'nih.gov']);
    expect(found('Given e.g. aspirin, i.e. ASA; pt. is fine.', 'DOMAIN_NAME')).toEqual([]);
    // the domain inside an e-mail is part of the e-mail
    expect(found('jo@example.org', 'DOMAIN_NAME')).toEqual([]);
  });

  it('IP_ADDRESS with octet range check and IPv6', () => {
    expect(found('from 192.168.10.254 and fe80::1ff:fe23:4567:890a', 'IP_ADDRESS')).toEqual([
      '192.168.10.254',
      'fe80::1ff:fe23:4567:890a',
    ]);
    expect(found('bad 256.1.1.1, version 1.2.3.4.5, v 1.2.3.4, at 12:30:45', 'IP_ADDRESS')).toEqual(
      [],
    );
  });

  it('US_SSN: dashed anywhere, undashed only with context, invalid ranges rejected', () => {
    expect(found('SSN 123-45-6789', 'US_SSN')).toEqual(['123-45-6789']);
    expect(found('social security number: 123456789', 'US_SSN')).toEqual(['123456789']);
    expect(found('order 123456789', 'US_SSN')).toEqual([]);
    expect(found('SSN 666-45-6789, 912-45-6789, 123-00-6789, 000-12-3456', 'US_SSN')).toEqual([]);
  });

  it('CREDIT_CARD: grouped or bare, Luhn', () => {
    expect(found('card 4111 1111 1111 1111 and 4111-1111-1111-1111', 'CREDIT_CARD')).toEqual([
      '4111 1111 1111 1111',
      '4111-1111-1111-1111',
    ]);
    expect(found('amex 378282246310005', 'CREDIT_CARD')).toEqual(['378282246310005']);
    expect(found('card 4111 1111 1111 1112', 'CREDIT_CARD')).toEqual([]);
  });

  it('IBAN_CODE: length table and mod-97', () => {
    expect(found('IBAN GB82 WEST 1234 5698 7654 32 please', 'IBAN_CODE')).toEqual([
      'GB82 WEST 1234 5698 7654 32',
    ]);
    expect(found('iban de89370400440532013000', 'IBAN_CODE')).toEqual(['de89370400440532013000']);
    expect(found('IBAN GB82 WEST 1234 5698 7654 33', 'IBAN_CODE')).toEqual([]);
    expect(found('IBAN DE89370400440532013', 'IBAN_CODE')).toEqual([]);
  });

  it('PHONE_NUMBER: formats, extensions, pagers; not fractions or ranges', () => {
    expect(found('Call (617) 555-1234 ext. 22 or +44 20 7946 0958.', 'PHONE_NUMBER')).toEqual([
      '(617) 555-1234 ext. 22',
      '+44 20 7946 0958',
    ]);
    expect(found('Fax: 617.555.1234x9', 'PHONE_NUMBER')).toEqual(['617.555.1234x9']);
    expect(found('paged at 555-1234', 'PHONE_NUMBER')).toEqual(['555-1234']);
    expect(found('Pain 5/10, 2-3 times a day, call in 2-3 days', 'PHONE_NUMBER')).toEqual([]);
    expect(found('WBC 12.5 10.2 11.8', 'PHONE_NUMBER')).toEqual([]);
    expect(
      found('Lot # 12345678. Order number 1234567. Total 1 234 567 cells.', 'PHONE_NUMBER'),
    ).toEqual([]);
    expect(found('Contact her at 555 1234 or 07700 900123 (mobile).', 'PHONE_NUMBER')).toEqual([
      '555 1234',
      '07700 900123',
    ]);
  });

  it('DATE_TIME: numeric, ISO, month names, ordinals; a year alone is not PHI', () => {
    const text =
      'Seen 3/5/2020 and 05.03.2020, ISO 2020-03-05T10:20, on March 5th, 2020, 11th of JUNE, ' +
      "in MAR '62, in the 1980s, admitted 10/4, on the 11th, born in '62.";
    // Safe Harbor keeps years: '62 and the 1980s stay; a month with its year does not
    expect(found(text, 'DATE_TIME')).toEqual([
      '3/5/2020',
      '05.03.2020',
      '2020-03-05T10:20',
      'March 5th, 2020',
      '11th of JUNE',
      "MAR '62",
      '10/4',
      '11th',
    ]);
  });

  it('DATE_TIME hard negatives: scores, fractions, impossible dates', () => {
    expect(
      found(
        'Pain 5/10. Strength 5/5 bilaterally. Take 1/2 tab. Seen on 2/31/2020, 13/13/2020, 2/30. GCS 15/15.',
        'DATE_TIME',
      ),
    ).toEqual([]);
    expect(found('since 5/10 pain is better', 'DATE_TIME')).toEqual([]);
    expect(found('may 5 mg be given? March 3 times. 2 may benefit.', 'DATE_TIME')).toEqual([]);
    expect(found('On 2 May and 2 may 2020.', 'DATE_TIME')).toEqual(['2 May', '2 may 2020']);
  });

  it('DATE_TIME: a range of two month/day dates and follow-up context', () => {
    expect(found('On 10/03/10/04 she was seen; follow up 3/12.', 'DATE_TIME')).toEqual([
      '10/03',
      '10/04',
      '3/12',
    ]);
  });

  it('AGE over 89 only', () => {
    expect(found('A 92 yo man, aged 95, a 94-year-old, 91 years old, age: 101.', 'AGE')).toEqual([
      '92',
      '95',
      '94',
      '91',
      '101',
    ]);
    expect(found('A 79 yo woman, aged 45, 89-year-old.', 'AGE')).toEqual([]);
  });

  it('ZIP_CODE after a state or a context word', () => {
    expect(
      found('Boston, MA 02115 and Austin TX 78701-1234; zip code is 90210', 'ZIP_CODE'),
    ).toEqual(['02115', '78701-1234', '90210']);
    expect(found('lab value 02115 ma 12345', 'ZIP_CODE')).toEqual([]);
  });

  it('MRN, account, licence and DEA numbers from context words', () => {
    const text =
      'MRN: 00123456. Acct # AB-99812. DEA number AB1234563. License 12-3456. Chart 443321';
    const spans = detect(text).map((s) => [s.category, [...text].slice(s.start, s.end).join('')]);
    expect(spans).toEqual([
      ['MEDICAL_RECORD_NUMBER', '00123456'],
      ['ACCOUNT_NUMBER', 'AB-99812'],
      ['LICENSE_NUMBER', 'AB1234563'],
      ['LICENSE_NUMBER', '12-3456'],
      ['MEDICAL_RECORD_NUMBER', '443321'],
    ]);
    expect(detect('account of the patient, license to drive')).toEqual([]);
  });

  it('works on upper-case notes', () => {
    const text = 'PT SEEN ON JAN 5 2019. CALL 617-555-1234. EMAIL JOHN@EXAMPLE.COM';
    expect(detect(text).map((s) => s.category)).toEqual([
      'DATE_TIME',
      'PHONE_NUMBER',
      'EMAIL_ADDRESS',
    ]);
  });
});

describe('overlaps and options', () => {
  it('keeps the more confident span, then the longer one', () => {
    const kept = resolveOverlaps([
      { start: 0, end: 10, category: 'A', confidence: 0.7 },
      { start: 5, end: 8, category: 'B', confidence: 0.9 },
      { start: 9, end: 12, category: 'C', confidence: 0.7 },
      { start: 9, end: 20, category: 'D', confidence: 0.7 },
    ]);
    expect(kept.map((s) => s.category)).toEqual(['B', 'D']);
    const nested = resolveOverlaps([
      { start: 0, end: 3, category: 'A', confidence: 0.9 },
      { start: 5, end: 8, category: 'B', confidence: 0.9 },
      { start: 2, end: 6, category: 'C', confidence: 0.5 },
      { start: 3, end: 5, category: 'D', confidence: 0.4 },
      { start: 4, end: 4, category: 'E', confidence: 0.3 },
    ]);
    expect(nested.map((s) => s.category)).toEqual(['A', 'D', 'B']);
  });

  it('filters by category', () => {
    const text = 'jo@example.org 123-45-6789';
    expect(detect(text, { categories: ['US_SSN'] }).map((s) => s.category)).toEqual(['US_SSN']);
  });
});

/** Each detected substring with its category, in text order. */
function spans(text: string): [string, string][] {
  const points = [...text];
  return detect(text).map((s) => [s.category, points.slice(s.start, s.end).join('')]);
}

describe('clinical hard cases (issue 6)', () => {
  it('finds names in an all-capitals nursing note, by context and dictionary', () => {
    const text =
      'NEURO: A+OX3, MAE, FOLLOWS COMMANDS. BP ROSE TO 160/90.\n' +
      'SOCIAL: WIFE ROSE AND SON FRANK IN TO VISIT, UPDATED BY DR. BOWMAN.\n' +
      'HCP IS NIECE MAE DUNNIGAN. PT WILL CONTINUE LASIX. HOPE TO WEAN.\n' +
      'J. KWIATEK RN';
    expect(found(text, 'PERSON')).toEqual([
      'ROSE',
      'FRANK',
      'BOWMAN',
      'MAE DUNNIGAN',
      'J. KWIATEK',
    ]);
  });

  it('keeps ordinary and clinical words that are also names', () => {
    const text =
      'Pt will continue lasix; hope to wean. BP rose overnight. Frank bloody output. ' +
      'Brown stool. MAE. Long-term plan. Foley in place.';
    expect(found(text, 'PERSON')).toEqual([]);
  });

  it('names in mixed case: titles, relatives, Last, First, initials, nicknames', () => {
    const text =
      'Seen by Dr. Marcus Hall. Spoke with daughter Patricia ("Pat") Kowalczyk. ' +
      "PATIENT: Okafor, Benedicta A. Pt's son will call. Signed J. Smith, MD";
    expect(found(text, 'PERSON')).toEqual([
      'Marcus Hall',
      'Patricia',
      'Pat',
      'Kowalczyk',
      'Okafor, Benedicta A',
      'J. Smith',
    ]);
  });

  it('places: cities with context, street addresses, facilities; states are not PHI', () => {
    const text =
      'Lives at 22 Woodbine St Apt 3, Roxbury, MA 02119 with her sister. ' +
      "Transferred from St. Brigid's Hospital to Beverly Hospital. Daughter lives in Quincy; " +
      'son lives in Florida. Staying on Brookline Ave.';
    expect(spans(text)).toEqual([
      ['STREET_ADDRESS', '22 Woodbine St Apt 3'],
      ['LOCATION', 'Roxbury'],
      ['LOCATION', 'MA'],
      ['ZIP_CODE', '02119'],
      ['ORGANIZATION', "St. Brigid's Hospital"],
      ['ORGANIZATION', 'Beverly Hospital'],
      ['LOCATION', 'Quincy'],
      ['STREET_ADDRESS', 'Brookline Ave'],
    ]);
  });

  it('dates next to scores, fractions, settings and ranges', () => {
    const text =
      'Pain 5/10. Strength 5/5, grip 4/5. Percocet 1/2 tab. Ate 3/4 of lunch. PSV 10/5. BP 120/80. ' +
      'Admitted 10/03/10/04, cefepime 1/8-1/12, CXR 2/6, on 2/31 (no such day). ' +
      "Quit in '62, in the 1980s. DEC 30 or 31ST. Seen Monday; visit Tues 4/16; home by Easter. " +
      'Takes 2-3 tabs.';
    expect(found(text, 'DATE_TIME')).toEqual([
      '10/03',
      '10/04',
      '1/8',
      '1/12',
      '2/6',
      'DEC 30',
      '31ST',
      'Monday',
      'Tues 4/16',
      'Easter',
    ]);
  });

  it('ages over 89 in digits and words', () => {
    expect(
      found('A NINETY-ONE YEAR OLD MAN; in her 90s; turned 90 on May 2; 67 yo; age 81.', 'AGE'),
    ).toEqual(['NINETY-ONE', '90s', '90']);
  });

  it('pager numbers, extensions and identifiers by context', () => {
    const text =
      'BROWN, T RN / BEEPER 3381. Paged at work, x4321. Pager #55123. ' +
      'MR#: 30-0918-6. Medicare ID: 1EG4-TE5-MK73. Serial HA-77310-R / HA-77311-L. ' +
      'Plate 6KT 449. Incident report filed, # IR-0088417.';
    expect(spans(text)).toEqual([
      ['PERSON', 'BROWN, T'],
      ['PHONE_NUMBER', '3381'],
      ['PHONE_NUMBER', 'x4321'],
      ['PHONE_NUMBER', '55123'],
      ['MEDICAL_RECORD_NUMBER', '30-0918-6'],
      ['HEALTH_PLAN_NUMBER', '1EG4-TE5-MK73'],
      ['DEVICE_ID', 'HA-77310-R'],
      ['DEVICE_ID', 'HA-77311-L'],
      ['VEHICLE_ID', '6KT 449'],
      ['ID_NUMBER', 'IR-0088417'],
    ]);
  });
});

describe('context rules added for clinical notes', () => {
  it('hospital initials after from/to in mixed case, but not units or services', () => {
    const text =
      'Transferred from MGH to BIDMC on 3/3. Pt to ICU, then to OR; CT done; home with VNA.';
    expect(found(text, 'ORGANIZATION')).toEqual(['MGH', 'BIDMC']);
  });

  it('a facility needs a distinctive word: "Cambridge VNA" yes, "cardiac rehab" no', () => {
    expect(found('HOME WITH CAMBRIDGE VNA. CARDIAC REHAB REFERRAL.', 'ORGANIZATION')).toEqual([
      'CAMBRIDGE VNA',
    ]);
  });

  it('an unlisted name after a family word, even in capitals; not an abbreviation', () => {
    expect(found('DAUGHTER NKECHI AT BEDSIDE. SON UPDATED. GRANDSON HCP.', 'PERSON')).toEqual([
      'NKECHI',
    ]);
  });

  it('weekday abbreviations: with a date, after a date word, or ending a clause', () => {
    const text = 'Plan: ?cath Mon. Sat up in chair. Will see him Wed, then on Fri 8/9. O2 SAT 94%.';
    expect(found(text, 'DATE_TIME')).toEqual(['Mon.', 'Wed', 'Fri 8/9']);
  });

  it('a pain score that changed is no date; a date word makes x/10 one', () => {
    expect(
      found(
        'Pain 8/10, relief to 2/10 after morphine. Vanc added 1/10; abx through 6/10.',
        'DATE_TIME',
      ),
    ).toEqual(['1/10', '6/10']);
  });

  it('short capitals in mixed-case text are abbreviations, not names', () => {
    expect(found('Hx of CAD, s/p MI 2009, on ASA. Seen by Dr. Mi.', 'PERSON')).toEqual(['Mi']);
  });

  it('reads each run of paragraphs in its own case style', () => {
    const text =
      'Discharge summary. Mr. Lang was seen by Dr. Rose Whitfield for chest pain.\n\n' +
      'NURSING NOTE: WIFE ROSE IN TO VISIT. BP ROSE TO 160S. PT WILL CONTINUE LASIX. DR. BOWMAN AWARE.';
    expect(found(text, 'PERSON')).toEqual(['Lang', 'Rose Whitfield', 'ROSE', 'BOWMAN']);
  });
});
