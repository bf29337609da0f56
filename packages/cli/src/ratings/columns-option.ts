import { CliError } from '../output.js';

/** Parses `--columns item,annotator,label` into the three header names. */
export function parseColumns(value: string | undefined): [string, string, string] | undefined {
  if (value === undefined) return undefined;
  const names = value.split(',').map((n) => n.trim());
  if (names.length !== 3 || names.some((n) => n === '')) {
    throw new CliError(
      `--columns must name three columns, item,annotator,label (e.g. task,worker,answer); got "${value}"`,
    );
  }
  return names as [string, string, string];
}
