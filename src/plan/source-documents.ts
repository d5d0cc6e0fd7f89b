import { readFileSync, statSync } from 'fs';
import { Document, isCollection, LineCounter, parseAllDocuments } from 'yaml';
import { formatPath, lineAndColumn, PathSegment, PlanInputError } from './input-error';
import { findJsonSyntaxError } from './json-syntax';

/** One parsed document of an input file (a JSON file is one document, a YAML stream may hold several). */
export class SourceDocument {
  constructor(
    /** The file name, or a label for objects given in code. */
    public readonly source: string,
    /** The root of paths in error messages: `$`, or `documents[2]` in a multi-document YAML stream. */
    public readonly root: string,
    /** The parsed value. */
    public readonly value: unknown,
    private readonly yaml?: { doc: Document; lines: LineCounter },
  ) {}

  /** Throws a one-line `PlanInputError` naming this source, the path and (for YAML) the line. */
  public fail(segments: readonly PathSegment[], problem: string): never {
    throw new PlanInputError(this.source, formatPath(this.root, segments), problem + this.lineOf(segments));
  }

  /** The file, plus the object's path when the file holds more than one: `ds.yaml documents[2]`. */
  public locate(segments: readonly PathSegment[]): string {
    return this.root === '$' && segments.length === 0 ? this.source : `${this.source} ${formatPath(this.root, segments)}`;
  }

  private lineOf(segments: readonly PathSegment[]): string {
    if (!this.yaml) return '';
    let node: unknown = this.yaml.doc.contents;
    for (const s of segments) {
      if (!isCollection(node)) break;
      const child = node.get(s, true);
      if (child === undefined) break;
      node = child;
    }
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? ` (line ${this.yaml.lines.linePos(range[0]).line})` : '';
  }
}

/** Reads a JSON or YAML file into its documents; bad files throw a `PlanInputError` naming the file. */
export function loadFile(path: string): SourceDocument[] {
  let text: string;
  try {
    if (statSync(path).isDirectory()) throw new PlanInputError(path, '$', 'is a directory, not a file');
    text = readFileSync(path, 'utf-8');
  } catch (e) {
    if (e instanceof PlanInputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new PlanInputError(path, '$', code === 'ENOENT' ? 'no such file' : `cannot read: ${(e as Error).message}`);
  }
  return loadText(text, path);
}

/**
 * Parses text as JSON when it looks like JSON (the fast path for large `kubectl get nodes -o json`
 * inventories), otherwise as a YAML stream.
 */
export function loadText(text: string, source: string): SourceDocument[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const first = /\S/.exec(body);
  if (!first) throw new PlanInputError(source, '$', 'the file is empty');
  if (first[0] === '{' || first[0] === '[') {
    try {
      return [new SourceDocument(source, '$', JSON.parse(body))];
    } catch {
      if (/\.json$/i.test(source)) throw jsonSyntaxError(source, body);
      // Not JSON after all: a YAML flow document, or broken YAML the YAML parser explains better.
    }
  }
  return loadYaml(body, source);
}

function jsonSyntaxError(source: string, text: string): PlanInputError {
  const { offset, problem } = findJsonSyntaxError(text);
  const { line, column } = lineAndColumn(text, offset);
  return new PlanInputError(source, `line ${line}, column ${column}`, `malformed JSON: ${problem}`);
}

function loadYaml(text: string, source: string): SourceDocument[] {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false });
  if (!Array.isArray(docs) || docs.length === 0) throw new PlanInputError(source, '$', 'the file is empty');
  const out: SourceDocument[] = [];
  docs.forEach((doc, i) => {
    const root = docs.length > 1 ? `documents[${i}]` : '$';
    const error = doc.errors[0];
    if (error) {
      const pos = error.linePos?.[0] ?? lines.linePos(error.pos[0]);
      const what = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      throw new PlanInputError(source, `line ${pos.line}, column ${pos.col}`, `malformed YAML: ${what}`);
    }
    if (doc.contents === null) return; // an empty document between two `---`
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      throw new PlanInputError(source, root, `malformed YAML: ${(e as Error).message.split('\n')[0]}`);
    }
    out.push(new SourceDocument(source, root, value, { doc, lines }));
  });
  if (out.length === 0) throw new PlanInputError(source, '$', 'the file holds no YAML document');
  return out;
}
