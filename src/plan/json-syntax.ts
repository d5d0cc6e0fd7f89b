/**
 * Finds the first JSON syntax error in text that `JSON.parse` rejected: its offset and what was expected.
 * (V8's messages do not always carry a position.) Only run on failure, so written for clarity, not speed.
 */
export function findJsonSyntaxError(text: string): { offset: number; problem: string } {
  let i = 0;
  const fail = (problem: string): never => {
    throw { offset: i, problem };
  };
  const found = () => (i >= text.length ? 'the end of the file' : `'${text[i]}'`);
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail(`expected a value, found ${found()}`);
  };
  const string = () => {
    const start = i;
    i++; // the opening quote
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail('control character in a string');
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) i += 4;
        else if (!'"\\/bfnrt'.includes(text[i] ?? '')) fail('bad escape in a string');
      }
      i++;
    }
    if (i >= text.length) {
      i = start;
      fail('unterminated string');
    }
    i++;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') return container('}', true);
    if (c === '[') return container(']', false);
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail(`expected a value, found ${found()}`);
    i += m![0].length;
  };
  const container = (close: string, object: boolean): void => {
    i++;
    ws();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      if (object) {
        ws();
        if (text[i] !== '"') fail(`expected a double-quoted property name, found ${found()}`);
        string();
        ws();
        if (text[i] !== ':') fail(`expected ':' after a property name, found ${found()}`);
        i++;
      }
      value();
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === close) {
        i++;
        return;
      }
      fail(`expected ',' or '${close}', found ${found()}`);
    }
  };
  try {
    value();
    ws();
    if (i < text.length) fail(`unexpected ${found()} after the JSON value`);
  } catch (e) {
    if (typeof e === 'object' && e !== null && 'offset' in e) return e as { offset: number; problem: string };
    throw e;
  }
  return { offset: 0, problem: 'not valid JSON' };
}

/** Deeper than this, an input is refused (real Kubernetes objects nest a few dozen levels). */
const MAX_JSON_DEPTH = 1000;

/**
 * The first value of parsed JSON that cannot be sent as it reads: a number beyond float64 (parsed as
 * Infinity) or nesting deeper than 1000 levels. Bounded recursion: it stops at the depth limit.
 */
export function checkJsonValue(value: unknown): { path: (string | number)[]; problem: string } | undefined {
  const path: (string | number)[] = [];
  const walk = (v: unknown, depth: number): string | undefined => {
    if (typeof v === 'number') return Number.isFinite(v) ? undefined : 'a number too large for a float64 (the API server cannot decode it)';
    if (typeof v !== 'object' || v === null) return undefined;
    if (depth >= MAX_JSON_DEPTH) return `nesting deeper than ${MAX_JSON_DEPTH} levels`;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        const p = walk(v[i], depth + 1);
        if (p) return p;
        path.pop();
      }
      return undefined;
    }
    for (const k in v) {
      path.push(k);
      const p = walk((v as Record<string, unknown>)[k], depth + 1);
      if (p) return p;
      path.pop();
    }
    return undefined;
  };
  const problem = walk(value, 0);
  return problem ? { path, problem } : undefined;
}

/** A JSON number whose exponent underflows a float64 to 0 (`1e-999999999`): its offset, or undefined. */
export function firstUnderflowingNumber(text: string): { offset: number; problem: string } | undefined {
  const re = /(?<=[:[,\s])-?(?:0|[1-9]\d*)(?:\.\d+)?[eE]-\d{3,}/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (Number(m[0]) === 0 && /[1-9]/.test(m[0].replace(/[eE].*$/, ''))) {
      return { offset: m.index, problem: `the number ${m[0]} is too small for a float64: it would be read as 0` };
    }
  }
  return undefined;
}
