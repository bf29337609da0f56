/** Where the CLI writes: plain text to stdout, problems to stderr. One place, so lint can forbid console. */
export const out = (text = ''): void => {
  process.stdout.write(`${text}\n`);
};
export const err = (text: string): void => {
  process.stderr.write(`${text}\n`);
};

/** Exit codes are part of the CLI's contract (see the package README). */
export const EXIT = {
  ok: 0,
  /** The check ran and found a problem (e.g. a broken audit chain). */
  failed: 1,
  /** The command was used wrongly or its input is invalid. */
  usage: 2,
  /** The database or another resource could not be opened. */
  unavailable: 3,
} as const;

/** A failure that ends the command with a message and an exit code, without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
  }
}

/** Pads the columns of a table of strings for the terminal. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) =>
      row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '),
    )
    .join('\n');
}
