import { readFileSync } from 'node:fs';
import { ERRORS } from './errors.js';

// docs/errors.md is the user's catalog: every code the server can send, with its status and how to solve it.
describe('error catalog', () => {
  const doc = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
  const rows = doc
    .split('\n')
    .filter((line) => line.startsWith('| `CONCORD_ERR_'))
    .map((line) => line.split('|').map((cell) => cell.trim()));

  it('documents exactly the codes the server defines, each with status, description and a fix', () => {
    const documented = rows.map((r) => r[1]!.replace(/`/g, ''));
    expect(documented.sort()).toEqual(Object.keys(ERRORS).sort());
    for (const row of rows) {
      const code = row[1]!.replace(/`/g, '') as keyof typeof ERRORS;
      expect(Number(row[2]), code).toBe(ERRORS[code].status);
      expect(row[3]!.length, `${code} description`).toBeGreaterThan(10);
      expect(row[4]!.length, `${code} how to solve`).toBeGreaterThan(10);
    }
  });
});
