/**
 * Interns the text between two positions of a larger string without making a string for text
 * seen before: an open-addressing hash table (FNV-1a over UTF-16 code units) whose entries are
 * compared with the range in place. A reader that sees a few distinct annotators and labels
 * millions of times thus makes one string per distinct value, not one per cell.
 */
export class TextInterner {
  readonly #register: (text: string) => number;
  #mask = 63;
  #slots = new Int32Array(64); // entry + 1; 0 = free
  #hashes = new Int32Array(32);
  #ids = new Int32Array(32);
  readonly #texts: string[] = [];

  /** `register` gives the id of a text the first time it is seen. */
  constructor(register: (text: string) => number) {
    this.#register = register;
  }

  /** The id of `text.slice(start, end)`. */
  intern(text: string, start: number, end: number): number {
    let hash = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    const slots = this.#slots;
    const mask = this.#mask;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot]! - 1;
      if (entry < 0) return this.#insert(text.slice(start, end), hash, slot);
      if (this.#hashes[entry] === hash && sameText(this.#texts[entry]!, text, start, end))
        return this.#ids[entry]!;
    }
  }

  #insert(value: string, hash: number, slot: number): number {
    const id = this.#register(value);
    const entry = this.#texts.length;
    if (entry === this.#hashes.length) {
      this.#hashes = grow(this.#hashes, entry * 2);
      this.#ids = grow(this.#ids, entry * 2);
    }
    this.#texts.push(value);
    this.#hashes[entry] = hash;
    this.#ids[entry] = id;
    this.#slots[slot] = entry + 1;
    if ((entry + 1) * 2 > this.#slots.length) this.#rehash(this.#slots.length * 2);
    return id;
  }

  #rehash(size: number): void {
    const slots = new Int32Array(size);
    const mask = size - 1;
    for (let entry = 0; entry < this.#texts.length; entry++) {
      let slot = this.#hashes[entry]! & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = entry + 1;
    }
    this.#slots = slots;
    this.#mask = mask;
  }
}

/** Whether `text.slice(start, end)` equals `known`, without making the slice. */
export function sameText(known: string, text: string, start: number, end: number): boolean {
  if (known.length !== end - start) return false;
  for (let i = 0; i < known.length; i++) {
    if (known.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  }
  return true;
}

function grow(array: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(size);
  next.set(array);
  return next;
}
