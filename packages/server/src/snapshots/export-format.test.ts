import { csvCell } from './export-format.js';

describe('CSV cells', () => {
  it('neutralise spreadsheet formulas (OWASP CSV injection) and quote what needs quoting', () => {
    expect(csvCell('=HYPERLINK("http://x","click")')).toBe(`"'=HYPERLINK(""http://x"",""click"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(-2)).toBe('-2');
    expect(csvCell({ text: 'x' })).toBe('"{""text"":""x""}"');
  });
});
