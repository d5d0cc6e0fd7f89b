/** One step of a path inside a document: an object key or an array index. */
export type PathSegment = string | number;

/**
 * Bad planner input: names the file (or other source), the path inside it and the problem, on one line.
 * `message` is `<source>: <path>: <problem>`.
 */
export class PlanInputError extends Error {
  constructor(
    /** The file name, or a label like `chart node-agents` for objects given in code. */
    public readonly source: string,
    /** Where in the source: a path like `$.items[3].metadata`, or `line 4, column 2`. */
    public readonly where: string,
    /** What is wrong. */
    public readonly problem: string,
  ) {
    super(`${source}: ${where}: ${problem}`);
    this.name = 'PlanInputError';
  }
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A JSONPath-like rendering of `segments` below `root`: `$.items[3].metadata.labels["kubernetes.io/os"]`.
 * `root` is `$` for a whole file and `documents[2]` for the third document of a YAML stream.
 */
export function formatPath(root: string, segments: readonly PathSegment[]): string {
  let out = root;
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (IDENTIFIER.test(s)) out += `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

/** Line and column (both 1-based) of a character offset in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
