import { open } from 'node:fs/promises';

/** Bytes read at a time: large enough that per-chunk work (an await, a carried line) is noise. */
export const CHUNK_BYTES = 1 << 20;
/** A line longer than this is passed on in pieces (cut between characters) rather than whole. */
const MAX_LINE_BYTES = 64 * 1024 * 1024;
const NEWLINE = 10;

/**
 * The text of a UTF-8 file in chunks of about `chunkBytes` bytes that end at a line end (LF),
 * except the last one and the pieces of a line longer than 64 MiB. Each chunk is decoded from
 * bytes on its own, so it is a flat string (not a concatenation), which is what makes scanning it
 * with `indexOf` and `charCodeAt` fast. Reports bytes read as it goes; the file is closed however
 * the caller stops.
 */
export async function* lineChunks(
  path: string,
  options: {
    readonly chunkBytes?: number | undefined;
    readonly onProgress?: ((bytesRead: number, totalBytes: number) => void) | undefined;
  } = {},
): AsyncGenerator<string, void, undefined> {
  const file = await open(path, 'r');
  try {
    const total = (await file.stat()).size;
    let buffer = Buffer.allocUnsafe(options.chunkBytes ?? CHUNK_BYTES);
    const report = options.onProgress;
    let read = 0;
    let reported = 0;
    let held = 0; // bytes of an unfinished line kept at the start of the buffer
    for (;;) {
      if (held === buffer.length) {
        if (buffer.length >= MAX_LINE_BYTES) {
          const cut = characterBoundary(buffer, held);
          yield buffer.toString('utf8', 0, cut);
          held = buffer.copy(buffer, 0, cut, held);
        } else {
          const larger = Buffer.allocUnsafe(buffer.length * 2);
          buffer.copy(larger, 0, 0, held);
          buffer = larger;
        }
      }
      const { bytesRead } = await file.read(buffer, held, buffer.length - held, null);
      if (bytesRead === 0) break;
      read += bytesRead;
      if (report && (read - reported >= total / 200 || read >= total)) {
        reported = read;
        report(read, total);
      }
      const end = held + bytesRead;
      const cut = buffer.lastIndexOf(NEWLINE, end - 1) + 1;
      if (cut === 0) {
        held = end;
        continue;
      }
      yield buffer.toString('utf8', 0, cut);
      held = buffer.copy(buffer, 0, cut, end);
    }
    if (held > 0) yield buffer.toString('utf8', 0, held);
  } finally {
    await file.close();
  }
}

/** The largest position ≤ `end` that does not split a UTF-8 character. */
function characterBoundary(buffer: Buffer, end: number): number {
  let start = end - 1;
  while (start > 0 && (buffer[start]! & 0xc0) === 0x80) start--;
  const lead = buffer[start]!;
  const length = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
  return start + length <= end ? end : start;
}
