import { closeSync, openSync, readSync } from 'fs';
import { PlanInputError } from './input-error';
import { findJsonSyntaxError } from './json-syntax';

/** The top-level fields of a streamed JSON List other than `items` (kind, apiVersion, metadata). */
export type ListHeader = Record<string, unknown>;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** What the scanner expects next at the top level of the list object (or in its items array). */
const enum Expect { START, KEY, COLON, VALUE, COMMA, ITEM, ITEM_COMMA, ITEM_AFTER_COMMA, END }

/**
 * Reads the `items` of a JSON List (`kubectl get pods -A -o json`) from a file one at a time, in chunks,
 * so a pod list far larger than V8's 512 MB string limit can be read. Each item's text is parsed alone
 * and handed to `onItem`, then dropped; only what `onItem` keeps stays in memory. The top-level object is
 * checked like JSON.parse would check it: a malformed file gets the line and column of the first error.
 * A top-level JSON array is read as the items themselves.
 */
export function streamListItems(path: string, onItem: (item: unknown, index: number) => void, chunkBytes = 8 * 2 ** 20): ListHeader {
  const fd = openOrFail(path);
  try {
    return new ListScanner(path, fd, onItem, chunkBytes).run();
  } finally {
    closeSync(fd);
  }
}

function openOrFail(path: string): number {
  try {
    return openSync(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new PlanInputError(path, '$', code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot read: ${(e as Error).message}`);
  }
}

class ListScanner {
  private buf = Buffer.alloc(0);
  /** File offset of buf[0]. */
  private base = 0;
  private pos = 0;
  private expect = Expect.START;
  private depth = 0;
  private inString = false;
  private stringStart = -1;
  /** Where the last top-level string opened (for keys). */
  private openString = -1;
  private afterComma = false;
  private itemStart = -1;
  private valueStart = -1;
  private key = '';
  private index = 0;
  private arrayTop = false;
  private readonly header: ListHeader = {};

  constructor(private readonly path: string, private readonly fd: number, private readonly onItem: (item: unknown, index: number) => void,
    private readonly chunkBytes: number) {}

  public run(): ListHeader {
    const chunk = Buffer.allocUnsafe(this.chunkBytes);
    for (;;) {
      const n = readSync(this.fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      this.append(chunk.subarray(0, n));
      this.scan();
    }
    if (this.inString || this.expect !== Expect.END) {
      if (this.expect === Expect.START && !this.inString) throw new PlanInputError(this.path, '$', 'the file is empty');
      this.fail(this.base + this.buf.length, 'malformed JSON: Unexpected end of JSON input');
    }
    return this.header;
  }

  /** Keeps the bytes still needed (an open item, string or top-level value) and appends the next chunk. */
  private append(data: Buffer): void {
    const marks = [this.pos, this.itemStart, this.stringStart, this.valueStart].filter(m => m >= 0);
    const keep = Math.min(...marks);
    const rest = this.buf.subarray(keep);
    this.buf = rest.length ? Buffer.concat([rest, data]) : Buffer.from(data);
    this.base += keep;
    this.pos -= keep;
    if (this.itemStart >= 0) this.itemStart -= keep;
    if (this.stringStart >= 0) {
      this.stringStart -= keep;
      this.openString -= keep;
    }
    if (this.valueStart >= 0) this.valueStart -= keep;
  }

  private scan(): void {
    // A plain byte view: indexing a Buffer through its subclass is slower in the hot loop below.
    const buf = new Uint8Array(this.buf.buffer, this.buf.byteOffset, this.buf.length);
    const len = buf.length;
    let i = this.pos;
    while (i < len) {
      if (this.inString) {
        const end = this.stringEnd(buf, i, len);
        if (end === -1) {
          i = len;
          break;
        }
        i = end;
        this.inString = false;
        this.endString(i);
        continue;
      }
      if (this.depth > this.structuralDepth()) {
        i = this.skipNested(buf, i, len);
        continue;
      }
      const c = buf[i];
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) this.structural(c, i);
      i++;
    }
    this.pos = i;
  }

  /** The deepest level whose characters the scanner checks itself (the list object, or its items array). */
  private structuralDepth(): number {
    return this.arrayTop || this.inItems() ? (this.arrayTop ? 1 : 2) : 1;
  }

  /** Just past the closing quote of the string open at `stringStart`, or -1 when it goes past the buffer. */
  private stringEnd(buf: Uint8Array, from: number, len: number): number {
    let i = from;
    while (i < len) {
      const q = buf.indexOf(QUOTE, i);
      if (q === -1) return -1;
      let slashes = 0;
      for (let j = q - 1; j > this.stringStart && buf[j] === BACKSLASH; j--) slashes++;
      if (slashes % 2 === 0) {
        this.stringStart = -1;
        return q + 1;
      }
      i = q + 1;
    }
    return -1;
  }

  /** Skips through an item (or a nested top-level value): only strings and brackets matter there. */
  private skipNested(buf: Uint8Array, from: number, len: number): number {
    const floor = this.structuralDepth();
    let depth = this.depth;
    let i = from;
    while (i < len) {
      const c = buf[i];
      if (c === QUOTE) {
        this.stringStart = i;
        const end = this.stringEnd(buf, i + 1, len);
        if (end === -1) {
          this.inString = true;
          this.depth = depth;
          return len;
        }
        i = end;
        continue;
      }
      i++;
      if (c === 0x7b || c === 0x5b) {
        depth++;
      } else if (c === 0x7d || c === 0x5d) {
        depth--;
        if (depth === floor) {
          this.depth = depth;
          this.closed(i);
          return i;
        }
      }
    }
    this.depth = depth;
    return i;
  }

  private inItems(): boolean {
    return this.expect === Expect.ITEM || this.expect === Expect.ITEM_COMMA || this.expect === Expect.ITEM_AFTER_COMMA;
  }

  private startString(i: number): void {
    this.inString = true;
    this.stringStart = i;
    this.openString = i;
  }

  private endString(end: number): void {
    const start = this.openString;
    if (this.depth === 1 && this.expect === Expect.KEY) {
      this.key = this.parse(start, end) as string;
      this.expect = Expect.COLON;
    }
  }

  /** A character at the top level of the list object, or directly in its items array. */
  private structural(c: number, i: number): void {
    const at = this.base + i;
    switch (this.expect) {
      case Expect.START:
        if (at < 3 && (c === 0xef || c === 0xbb || c === 0xbf)) return; // a UTF-8 byte order mark
        if (c === 0x7b) {
          this.depth = 1;
          this.expect = Expect.KEY;
        } else if (c === 0x5b) {
          this.depth = 1;
          this.arrayTop = true;
          this.expect = Expect.ITEM;
        } else {
          this.fail(at, 'not a pod list: expected a JSON object (the output of kubectl get pods -A -o json)');
        }
        return;
      case Expect.KEY:
        if (c === QUOTE) this.startString(i);
        else if (c === 0x7d && !this.afterComma) this.finish();
        else this.unexpected(at, c);
        return;
      case Expect.COLON:
        if (c !== 0x3a) this.unexpected(at, c);
        this.expect = Expect.VALUE;
        return;
      case Expect.VALUE:
        if (this.key === 'items' && c === 0x5b) {
          this.depth = 2;
          this.expect = Expect.ITEM;
          return;
        }
        this.valueStart = i;
        this.expect = Expect.COMMA;
        if (c === QUOTE) this.startString(i);
        else if (c === 0x7b || c === 0x5b) this.depth++;
        return;
      case Expect.COMMA:
        if (c === 0x2c || c === 0x7d) {
          this.endValue(i);
          this.afterComma = c === 0x2c;
          if (c === 0x2c) this.expect = Expect.KEY;
          else this.finish();
        } else if (c === QUOTE) {
          this.unexpected(at, c);
        }
        return; // the characters of a number, true, false or null
      case Expect.ITEM:
      case Expect.ITEM_AFTER_COMMA:
        if (c === 0x7b) {
          this.itemStart = i;
          this.depth++;
        } else if (c === 0x5d && this.expect === Expect.ITEM) {
          this.endItems();
        } else if (c === 0x5d) {
          this.unexpected(at, c);
        } else {
          this.fail(at, `${this.itemPath()}: must be an object, not ${String.fromCharCode(c)}...`);
        }
        return;
      case Expect.ITEM_COMMA:
        if (c === 0x2c) this.expect = Expect.ITEM_AFTER_COMMA;
        else if (c === 0x5d) this.endItems();
        else this.unexpected(at, c);
        return;
      case Expect.END:
        this.fail(at, 'malformed JSON: Unexpected non-whitespace character after JSON');
    }
  }

  /** A nested value ended just before `end`: an item is parsed and handed on. */
  private closed(end: number): void {
    if (this.itemStart < 0) return;
    const start = this.itemStart;
    this.itemStart = -1;
    this.onItem(this.parse(start, end), this.index++);
    this.expect = Expect.ITEM_COMMA;
  }

  private endItems(): void {
    this.depth--;
    if (this.arrayTop) {
      this.finish();
      return;
    }
    this.expect = Expect.COMMA;
    this.header.items = undefined;
  }

  private endValue(i: number): void {
    if (this.valueStart >= 0) {
      this.header[this.key] = this.parse(this.valueStart, i);
      this.valueStart = -1;
    }
    this.key = '';
  }

  private finish(): void {
    this.depth = 0;
    this.expect = Expect.END;
    delete this.header.items;
  }

  private itemPath(): string {
    return this.arrayTop ? `$[${this.index}]` : `$.items[${this.index}]`;
  }

  private unexpected(at: number, c: number): never {
    return this.fail(at, `malformed JSON: Unexpected token '${String.fromCharCode(c)}'`);
  }

  private parse(start: number, end: number): unknown {
    const text = this.buf.toString('utf-8', start, end);
    try {
      return JSON.parse(text);
    } catch {
      const { offset, problem } = findJsonSyntaxError(text);
      return this.fail(this.base + start + Buffer.byteLength(text.slice(0, offset)), `malformed JSON: ${problem}`);
    }
  }

  /** Throws naming the line and column of a file offset (counted again from the start: errors are rare). */
  private fail(offset: number, problem: string): never {
    const chunk = Buffer.allocUnsafe(2 ** 20);
    let line = 1;
    let lineStart = 0;
    let read = 0;
    while (read < offset) {
      const n = readSync(this.fd, chunk, 0, Math.min(chunk.length, offset - read), read);
      if (n === 0) break;
      for (let j = 0; j < n; j++) {
        if (chunk[j] === 0x0a) {
          line++;
          lineStart = read + j + 1;
        }
      }
      read += n;
    }
    throw new PlanInputError(this.path, `line ${line}, column ${offset - lineStart + 1}`, problem);
  }
}
