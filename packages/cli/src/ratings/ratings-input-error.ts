/** A problem in the input, located by file and line, with what to do about it. */
export class RatingsInputError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}:${line}: ${message}`);
  }
}
