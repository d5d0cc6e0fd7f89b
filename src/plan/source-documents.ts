import { isUtf8 } from 'buffer';
import { readFileSync, statSync } from 'fs';
import { Document, isCollection, LineCounter, parseAllDocuments } from 'yaml';
import { formatPath, lineAndColumn, PathSegment, PlanInputError } from './input-error';
import { checkJsonValue, findJsonSyntaxError, firstUnderflowingNumber } from './json-syntax';
import { readBlockYaml } from './yaml-block-reader';
import { ComposeError, KubectlComposer } from './yaml-compose';

/** One parsed document of an input file (a JSON file is one document, a YAML stream may hold several). */
export class SourceDocument {
  constructor(
    /** The file name, or a label for objects given in code. */
    public readonly source: string,
    /** The root of paths in error messages: `$`, or `documents[2]` in a multi-document YAML stream. */
    public readonly root: string,
    /** The parsed value. */
    public readonly value: unknown,
    private readonly yaml?: { text: string; index: number },
  ) {}

  /** Throws a one-line `PlanInputError` naming this source, the path and (for YAML) the line. */
  public fail(segments: readonly PathSegment[], problem: string): never {
    throw new PlanInputError(this.source, formatPath(this.root, segments), problem + this.lineOf(segments));
  }

  /** The file, plus the object's path when the file holds more than one: `ds.yaml documents[2]`. */
  public locate(segments: readonly PathSegment[]): string {
    return this.root === '$' && segments.length === 0 ? this.source : `${this.source} ${formatPath(this.root, segments)}`;
  }

  /** ` (line N)` of the path in a YAML source; the text is parsed again for it, on this error path only. */
  private lineOf(segments: readonly PathSegment[]): string {
    if (!this.yaml) return '';
    const lines = new LineCounter();
    const doc: Document | undefined = parseAllDocuments(this.yaml.text, { lineCounter: lines, schema: 'failsafe' })[this.yaml.index] as Document | undefined;
    let node: unknown = doc?.contents;
    for (const s of segments) {
      if (!isCollection(node)) break;
      const child = node.get(s, true);
      if (child === undefined) break;
      node = child;
    }
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? ` (line ${lines.linePos(range[0]).line})` : '';
  }
}

/** The name standard input goes by in messages; `-` on a command line reads it. */
export const STDIN_SOURCE = '<stdin>';

/** Reads a JSON or YAML file (`-`: standard input) into its documents; bad files throw a `PlanInputError` naming the file. */
export function loadFile(path: string): SourceDocument[] {
  const source = path === '-' ? STDIN_SOURCE : path;
  let bytes: Buffer;
  try {
    if (path !== '-' && statSync(path).isDirectory()) throw new PlanInputError(path, '$', 'is a directory, not a file');
    bytes = readFileSync(path === '-' ? 0 : path);
  } catch (e) {
    if (e instanceof PlanInputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new PlanInputError(source, '$', code === 'ENOENT' ? 'no such file' : `cannot read: ${(e as Error).message}`);
  }
  const text = decodeUtf8(bytes, source);
  try {
    return loadText(text, source);
  } catch (e) {
    // Whatever goes wrong while reading a file is said with the file's name, never as an internal error.
    if (e instanceof PlanInputError) throw e;
    throw new PlanInputError(source, '$', `cannot read: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
}

/** The text of UTF-8 bytes; anything else is refused at its byte offset, as the API server refuses it. */
export function decodeUtf8(bytes: Buffer, source: string): string {
  if (isUtf8(bytes)) return bytes.toString('utf-8');
  const offset = firstInvalidUtf8(bytes);
  throw new PlanInputError(source, `byte ${offset}`, `not valid UTF-8 (byte 0x${bytes[offset].toString(16).padStart(2, '0')}); save the file as UTF-8`);
}

function firstInvalidUtf8(bytes: Buffer): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0 || i + length > bytes.length || !isUtf8(bytes.subarray(i, i + length))) return i;
    i += length;
  }
  return 0;
}

/**
 * Parses text as JSON when it looks like JSON (the fast path for large `kubectl get nodes -o json`
 * inventories), otherwise as a YAML stream read as kubectl reads it.
 */
export function loadText(text: string, source: string): SourceDocument[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const first = /\S/.exec(body);
  if (!first) throw new PlanInputError(source, '$', 'the file is empty');
  if (first[0] === '{' || first[0] === '[') {
    let value: unknown;
    let parsed = false;
    try {
      value = JSON.parse(body);
      parsed = true;
    } catch {
      if (/\.json$/i.test(source)) throw jsonSyntaxError(source, body);
      // Not JSON after all: a YAML flow document, or broken YAML the YAML parser explains better.
    }
    if (parsed) return [checkedJson(source, body, value)];
  }
  return loadYaml(body, source);
}

function checkedJson(source: string, text: string, value: unknown): SourceDocument {
  const problem = checkJsonValue(value);
  if (problem) throw new PlanInputError(source, formatPath('$', problem.path), problem.problem);
  const underflow = firstUnderflowingNumber(text);
  if (underflow) {
    const { line, column } = lineAndColumn(text, underflow.offset);
    throw new PlanInputError(source, `line ${line}, column ${column}`, underflow.problem);
  }
  return new SourceDocument(source, '$', value);
}

function jsonSyntaxError(source: string, text: string): PlanInputError {
  const { offset, problem } = findJsonSyntaxError(text);
  const { line, column } = lineAndColumn(text, offset);
  return new PlanInputError(source, `line ${line}, column ${column}`, `malformed JSON: ${problem}`);
}

function loadYaml(text: string, source: string): SourceDocument[] {
  let values: unknown[];
  try {
    values = readBlockYaml(text) ?? parseYaml(text, source);
  } catch (e) {
    if (!(e instanceof ComposeError)) throw e;
    const single = e.document === 0 && !/\n(---|\.\.\.)(\s|$)/.test(text.replace(/^(\s*#.*\n|\s*\n)*---.*\n/, ''));
    const where = e.offset !== undefined && e.path.length === 0 ? atLine(text, e.offset) : formatPath(single ? '$' : `documents[${e.document}]`, e.path);
    throw new PlanInputError(source, where, e.problem);
  }
  if (values.length === 0) throw new PlanInputError(source, '$', 'the file is empty');
  const out: SourceDocument[] = [];
  values.forEach((value, i) => {
    if (value === null || value === undefined) return; // an empty document between two `---`
    out.push(new SourceDocument(source, rootName(i, values.length), value, { text, index: i }));
  });
  if (out.length === 0) throw new PlanInputError(source, '$', 'the file holds no YAML document');
  return out;
}

function rootName(index: number, count: number): string {
  return count === 1 ? '$' : `documents[${index}]`;
}

function atLine(text: string, offset: number): string {
  const { line, column } = lineAndColumn(text, offset);
  return `line ${line}, column ${column}`;
}

/**
 * The general YAML parser (the `yaml` library, every scalar kept as text) and kubectl's reading of its
 * nodes: what the fast block reader falls back to, and what tests compare it with.
 */
export function parseYaml(text: string, source: string): unknown[] {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, schema: 'failsafe', uniqueKeys: true });
  if (!Array.isArray(docs)) return [];
  return docs.map((doc, i) => {
    const error = doc.errors[0];
    if (error) {
      const pos = error.linePos?.[0] ?? lines.linePos(error.pos[0]);
      let what = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      if (/Maximum call stack size exceeded/.test(what)) what = 'nesting too deep to read';
      throw new PlanInputError(source, `line ${pos.line}, column ${pos.col}`, `malformed YAML: ${what}`);
    }
    try {
      return new KubectlComposer().compose(doc.contents as never);
    } catch (e) {
      if (e instanceof ComposeError) {
        const pos = e.offset !== undefined ? lines.linePos(e.offset) : undefined;
        const root = rootName(i, docs.length);
        throw new PlanInputError(source, formatPath(root, e.path), e.problem + (pos ? ` (line ${pos.line})` : ''));
      }
      if (e instanceof RangeError) throw new PlanInputError(source, rootName(i, docs.length), 'malformed YAML: nesting too deep to read');
      throw e;
    }
  });
}
