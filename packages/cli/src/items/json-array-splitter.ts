/** One top-level element of a JSON array: its source text and the line it starts on. */
export interface ArrayElement {
  readonly line: number;
  readonly text: string;
}

/** The file is not a JSON array, or its structure breaks off: nothing after this can be trusted. */
export class JsonArrayError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

const enum State {
  /** Before the opening `[`. */
  Start,
  /** After `[` or `,`: an element or the closing `]` comes next. */
  BeforeElement,
  /** Inside an element. */
  InElement,
  /** After the closing `]`. */
  Done,
}

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * Cuts a JSON array read in chunks into the source text of its elements, without parsing them,
 * so a file of a million rows streams in constant memory and each row keeps the line it starts
 * on. Only nesting and strings are tracked; each element is parsed (and its syntax judged) by
 * `JSON.parse` afterwards, so one malformed row does not hide the rest.
 */
export class JsonArraySplitter {
  #state = State.Start;
  #line = 1;
  #depth = 0;
  #inString = false;
  #escaped = false;
  /** Text of the element being read, from chunks before the current one. */
  #carry = '';
  #elementLine = 1;

  /** Feeds the next chunk of text; returns the elements completed in it. */
  push(chunk: string): ArrayElement[] {
    const out: ArrayElement[] = [];
    let start = this.#state === State.InElement ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      if (this.#state === State.InElement) {
        i = this.#scan(chunk, i, out, start);
        if (this.#state !== State.InElement) start = -1;
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (c === 0x0a) this.#line += 1;
      switch (this.#state) {
        case State.Start:
          if (c === 0x5b /* [ */) this.#state = State.BeforeElement;
          else if (!isSpace(c) && c !== 0xfeff)
            throw new JsonArrayError(
              this.#line,
              'expected a JSON array of rows ([{"data": {...}}, ...]); use --format jsonl for one object per line',
            );
          break;
        case State.BeforeElement:
          if (isSpace(c)) break;
          if (c === 0x5d /* ] */) {
            this.#state = State.Done;
          } else if (c !== 0x2c /* , */) {
            this.#state = State.InElement;
            this.#elementLine = this.#line;
            this.#carry = '';
            start = i;
            i = this.#scan(chunk, i, out, start);
            if (this.#state !== State.InElement) start = -1;
          } else {
            throw new JsonArrayError(this.#line, `unexpected "${chunk[i]}" between rows`);
          }
          break;
        case State.Done:
          if (!isSpace(c))
            throw new JsonArrayError(this.#line, 'text after the closing ] of the array');
      }
    }
    if (this.#state === State.InElement && start >= 0) this.#carry += chunk.slice(start);
    return out;
  }

  /**
   * Scans an element from `i` until it ends (a `,` or `]` at depth 0 outside strings) or the
   * chunk does; returns the index of the last character consumed.
   */
  #scan(chunk: string, i: number, out: ArrayElement[], start: number): number {
    for (; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === 0x0a) this.#line += 1;
      if (this.#inString) {
        if (this.#escaped) this.#escaped = false;
        else if (c === 0x5c /* \ */) this.#escaped = true;
        else if (c === 0x22 /* " */) this.#inString = false;
      } else if (c === 0x22) {
        this.#inString = true;
      } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
        this.#depth += 1;
      } else if (c === 0x7d /* } */ || (c === 0x5d && this.#depth > 0)) {
        this.#depth -= 1;
        if (this.#depth < 0)
          throw new JsonArrayError(this.#line, 'a "}" closes more than was opened in this row');
      } else if (this.#depth === 0 && (c === 0x2c /* , */ || c === 0x5d) /* ] */) {
        out.push({ line: this.#elementLine, text: this.#carry + chunk.slice(start, i) });
        this.#carry = '';
        this.#state = c === 0x2c ? State.BeforeElement : State.Done;
        return i;
      }
    }
    return i - 1;
  }

  /** Call at the end of the input: throws when the array was never opened or not closed. */
  end(): void {
    if (this.#state === State.Start)
      throw new JsonArrayError(this.#line, 'the file is empty; expected a JSON array of rows');
    if (this.#state !== State.Done)
      throw new JsonArrayError(
        this.#line,
        'the JSON array is not closed: the file ends inside it (truncated, or a bracket or quote is missing)',
      );
  }
}
