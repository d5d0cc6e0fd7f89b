import { PathSegment } from './input-error';
import { ComposeError, MAX_DEPTH, setKey } from './yaml-compose';
import { jsonKey, resolvePlainScalar, UnreadableScalar } from './yaml-scalars';

/**
 * A fast reader for the block YAML that `kubectl get -o yaml` and most tools write: block mappings and
 * sequences, plain scalars (also over several lines), one-line quoted scalars, `{}` and `[]`, comments and
 * `---`. It reads a 15 MB node inventory in a fraction of the time the general parser takes. Anything
 * outside that subset (anchors, tags, flow collections, block scalars, odd indentation, even YAML
 * errors) returns `undefined`, and the caller parses the text with the general `yaml` parser, which
 * gives the same values for every document this reader accepts (a test compares them).
 */
export function readBlockYaml(text: string): unknown[] | undefined {
  if (text.includes('\r') || text.includes('\t')) return undefined;
  const reader = new BlockReader(text);
  try {
    return reader.documents();
  } catch (e) {
    if (e === UNSUPPORTED) return undefined;
    if (e instanceof ComposeError) e.document = reader.documentCount;
    throw e;
  }
}

const UNSUPPORTED = Symbol('unsupported');
const fail = (): never => {
  throw UNSUPPORTED;
};

interface Frame {
  readonly indent: number;
  readonly seq: boolean;
  readonly value: any;
  readonly path: PathSegment[];
}

/** A key or item whose value is on the following lines. */
interface Pending {
  readonly frame: Frame;
  readonly key?: string;
  readonly indent: number;
}

/** A plain scalar that further, deeper lines may continue. */
interface OpenPlain {
  readonly frame: Frame;
  readonly key?: string;
  readonly indent: number;
  text: string;
  readonly offset: number;
}

/** First characters that make a scalar something other than a plain scalar. */
const INDICATORS = new Set('&*!|>%@`{}[],#?\'"');

class BlockReader {
  private pos = 0;
  private stack: Frame[] = [];
  private pending?: Pending;
  private plain?: OpenPlain;
  private blankLines = 0;
  private root: unknown = undefined;
  /** Whether a document has begun (with content or a `---`). */
  private started = false;
  private readonly docs: unknown[] = [];

  constructor(private readonly text: string) {}

  /** How many documents were complete before the current one. */
  public get documentCount(): number {
    return this.docs.length;
  }

  public documents(): unknown[] {
    const text = this.text;
    while (this.pos < text.length) {
      const start = this.pos;
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      this.pos = end + 1;
      this.line(start, end);
    }
    if (this.started) this.endDocument();
    return this.docs;
  }

  private line(start: number, end: number): void {
    const text = this.text;
    let i = start;
    while (i < end && text.charCodeAt(i) === 0x20) i++;
    if (i === end) {
      this.blankLines++;
      return;
    }
    const c = text.charCodeAt(i);
    if (c === 0x23 /* # */) {
      this.closePlain();
      return;
    }
    const indent = i - start;
    if (indent === 0 && (c === 0x2d || c === 0x2e) && this.isDocumentMarker(start, end)) return;
    if (this.plain && indent > this.plain.indent && this.stackTopIndent() < indent) {
      this.continuePlain(i, end);
      return;
    }
    this.closePlain();
    this.blankLines = 0;
    if (this.pending) this.openPending(indent, i, end);
    while (this.stack.length && this.stack[this.stack.length - 1].indent > indent) this.stack.pop();
    // A sequence written at its key's indent (`items:` then `- a`) ends at the next key of that map.
    const last = this.stack[this.stack.length - 1];
    if (last?.seq && last.indent === indent && this.stack.length > 1 && !this.isItem(i, end)) this.stack.pop();
    const top = this.stack[this.stack.length - 1];
    if (!top) {
      if (this.root !== undefined) fail();
      this.started = true;
      this.openRoot(indent, i, end);
      return;
    }
    if (top.indent !== indent) fail();
    if (top.seq) this.item(top, i, end);
    else this.entry(top, i, end);
  }

  private stackTopIndent(): number {
    return this.stack.length ? this.stack[this.stack.length - 1].indent : -1;
  }

  private isDocumentMarker(start: number, end: number): boolean {
    const s = this.text.slice(start, Math.min(end, start + 4));
    if (s !== '---' && s !== '...' && s !== '--- ' && s !== '... ') return false;
    const rest = this.text.slice(start + 3, end).trim();
    if (rest !== '' && !rest.startsWith('#')) fail();
    if (this.started) this.endDocument();
    this.started = s.startsWith('---');
    return true;
  }

  /** Ends a document; like the general parser, an empty one (between two `---`) counts as null. */
  private endDocument(): void {
    this.closePlain();
    if (this.pending) this.assign(this.pending.frame, this.pending.key, null);
    this.pending = undefined;
    this.docs.push(this.root === undefined ? null : this.root);
    this.root = undefined;
    this.stack = [];
    this.started = false;
  }

  private openRoot(indent: number, i: number, end: number): void {
    const seq = this.isItem(i, end);
    if (!seq && this.keyEnd(i, end) < 0) fail(); // a scalar document: left to the general parser
    const frame = this.push(indent, seq, [], undefined);
    this.root = frame.value;
    if (seq) this.item(frame, i, end);
    else this.entry(frame, i, end);
  }

  private push(indent: number, seq: boolean, path: PathSegment[], into?: { frame: Frame; key?: string }): Frame {
    if (this.stack.length >= MAX_DEPTH) throw new ComposeError(path, `nesting deeper than ${MAX_DEPTH} levels`);
    const frame: Frame = { indent, seq, value: seq ? [] : {}, path };
    if (into) this.assign(into.frame, into.key, frame.value);
    this.stack.push(frame);
    return frame;
  }

  private childPath(frame: Frame, key: string | undefined): PathSegment[] {
    return [...frame.path, key ?? frame.value.length];
  }

  private assign(frame: Frame, key: string | undefined, value: unknown): void {
    if (frame.seq) frame.value.push(value);
    else if (Object.prototype.hasOwnProperty.call(frame.value, key!)) fail(); // a duplicate key: the general parser reports it
    else setKey(frame.value, key!, value);
  }

  /** The value of a pending key or item starts on this line: a nested block, or there is none (null). */
  private openPending(indent: number, i: number, end: number): void {
    const p = this.pending!;
    this.pending = undefined;
    const seq = this.isItem(i, end);
    if (indent > p.indent || (indent === p.indent && seq && p.key !== undefined)) {
      const path = this.childPath(p.frame, p.key);
      if (!seq && this.keyEnd(i, end) < 0) fail();
      this.push(indent, seq, path, { frame: p.frame, key: p.key });
    } else {
      this.assign(p.frame, p.key, null);
    }
  }

  private isItem(i: number, end: number): boolean {
    return this.text.charCodeAt(i) === 0x2d && (i + 1 === end || this.text.charCodeAt(i + 1) === 0x20);
  }

  /** A sequence item at `i` (the dash). */
  private item(frame: Frame, i: number, end: number): void {
    if (!this.isItem(i, end)) fail();
    let j = i + 1;
    while (j < end && this.text.charCodeAt(j) === 0x20) j++;
    if (j === end) {
      this.pending = { frame, indent: i - this.lineStart(i) };
      return;
    }
    const col = j - this.lineStart(j);
    if (this.isItem(j, end)) {
      this.item(this.push(col, true, this.childPath(frame, undefined), { frame }), j, end);
    } else if (this.keyEnd(j, end) >= 0) {
      this.entry(this.push(col, false, this.childPath(frame, undefined), { frame }), j, end);
    } else {
      this.scalarValue(frame, undefined, j, end, i - this.lineStart(i));
    }
  }

  private lineStart(i: number): number {
    return this.text.lastIndexOf('\n', i - 1) + 1;
  }

  /** The offset of the `:` that ends a key starting at `i`, or -1 when the line holds no key. */
  private keyEnd(i: number, end: number): number {
    const text = this.text;
    const c = text[i];
    if (c === '"' || c === '\'') {
      const close = this.quotedEnd(i, end);
      if (close < 0) fail();
      return text[close] === ':' && (close + 1 === end || text[close + 1] === ' ') ? close : -1;
    }
    for (let j = i; j < end; j++) {
      if (text.charCodeAt(j) === 0x3a && (j + 1 === end || text.charCodeAt(j + 1) === 0x20)) return j;
    }
    return -1;
  }

  /** A `key: value` line of a mapping at `i`. */
  private entry(frame: Frame, i: number, end: number): void {
    const colon = this.keyEnd(i, end);
    if (colon < 0) fail();
    const keyText = this.text.slice(i, colon);
    let key: unknown;
    if (keyText[0] === '"' || keyText[0] === '\'') key = this.quoted(i, colon);
    else key = this.plainKey(keyText, frame);
    let j = colon + 1;
    while (j < end && this.text.charCodeAt(j) === 0x20) j++;
    if (j === end || this.text.charCodeAt(j) === 0x23) {
      this.pending = { frame, key: key as string, indent: i - this.lineStart(i) };
      return;
    }
    this.scalarValue(frame, key as string, j, end, i - this.lineStart(i));
  }

  private plainKey(keyText: string, frame: Frame): string {
    if (INDICATORS.has(keyText[0]) || keyText === '<<' || keyText.includes(' #') || keyText.endsWith(' ')) fail();
    if (keyText[0] === '-' && (keyText.length === 1 || keyText[1] === ' ')) fail();
    const key = jsonKey(resolvePlainScalar(keyText));
    if (key instanceof UnreadableScalar) throw new ComposeError(frame.path, key.problem);
    return key;
  }

  /** A scalar value starting at `i` for `key` (or the next item), possibly continued on deeper lines. */
  private scalarValue(frame: Frame, key: string | undefined, i: number, end: number, ownerIndent: number): void {
    const text = this.text;
    const c = text[i];
    if (c === '"' || c === '\'') {
      const close = this.quotedEnd(i, end);
      if (close < 0) fail();
      this.expectLineEnd(close, end);
      this.assign(frame, key, this.quoted(i, close));
      return;
    }
    if ((c === '[' || c === '{') && (text.slice(i, i + 2) === '[]' || text.slice(i, i + 2) === '{}')) {
      this.expectLineEnd(i + 2, end);
      this.assign(frame, key, c === '[' ? [] : {});
      return;
    }
    if (INDICATORS.has(c) || ((c === '-' || c === ':') && (i + 1 === end || text[i + 1] === ' '))) fail();
    const stop = this.commentStart(i, end);
    const value = text.slice(i, stop).trimEnd();
    if (value.includes(': ') || value.endsWith(':')) fail();
    this.plain = { frame, key, indent: ownerIndent, text: value, offset: i };
    this.blankLines = 0;
    if (stop !== end) this.closePlain(); // a comment ends a plain scalar
  }

  /** Where ` #` starts a comment in `text[i, end)`, or `end`. */
  private commentStart(i: number, end: number): number {
    const text = this.text;
    for (let j = i + 1; j < end; j++) {
      if (text.charCodeAt(j) === 0x23 && text.charCodeAt(j - 1) === 0x20) return j - 1;
    }
    return end;
  }

  private expectLineEnd(from: number, end: number): void {
    let j = from;
    while (j < end && this.text.charCodeAt(j) === 0x20) j++;
    if (j !== end && !(this.text.charCodeAt(j) === 0x23 && j > from)) fail();
  }

  /** A deeper line continues the open plain scalar: folded into one space, or a newline per blank line. */
  private continuePlain(i: number, end: number): void {
    const p = this.plain!;
    const stop = this.commentStart(i, end);
    const more = this.text.slice(i, stop).trimEnd();
    if (more.includes(': ') || more.endsWith(':') || more.startsWith('#')) fail();
    p.text += this.blankLines ? '\n'.repeat(this.blankLines) : ' ';
    p.text += more;
    this.blankLines = 0;
    if (stop !== end) this.closePlain();
  }

  private closePlain(): void {
    const p = this.plain;
    if (!p) return;
    this.plain = undefined;
    const value = resolvePlainScalar(p.text);
    if (value instanceof UnreadableScalar) {
      throw new ComposeError([...p.frame.path, p.key ?? p.frame.value.length], value.problem, p.offset);
    }
    this.assign(p.frame, p.key, value);
  }

  /** The offset of the closing quote of a one-line quoted scalar at `i`, or -1. */
  private quotedEnd(i: number, end: number): number {
    const text = this.text;
    const q = text[i];
    for (let j = i + 1; j < end; j++) {
      const c = text[j];
      if (q === '"' && c === '\\') {j++;} else if (c === q) {
        if (q === '\'' && text[j + 1] === '\'') j++;
        else return j + 1 === end || text[j + 1] === ' ' || text[j + 1] === ':' ? j + 1 : fail();
      }
    }
    return -1;
  }

  /** The string of a quoted scalar `text[i, close)`; escapes beyond JSON's go to the general parser. */
  private quoted(i: number, close: number): string {
    const inner = this.text.slice(i + 1, close - 1);
    if (this.text[i] === '\'') return inner.includes('\'\'') ? inner.replace(/''/g, '\'') : inner;
    if (!inner.includes('\\')) return inner;
    if (/\\[^"\\/bfnrtu]|\\u(?![0-9a-fA-F]{4})/.test(inner)) fail();
    try {
      return JSON.parse(`"${inner}"`);
    } catch {
      return fail();
    }
  }
}
