/**
 * What an unquoted YAML scalar means to kubectl. kubectl reads YAML with sigs.k8s.io/yaml, which decodes
 * with go-yaml v2 (YAML 1.1 resolution) and then converts the result to JSON. So, unlike YAML 1.2:
 * `yes/no/on/off/y/n` (in three casings) are booleans, `0644` is octal, `0b101` binary, `1_000` an
 * integer, an exponent needs its sign to make a float (`1e5` stays a string), and base-60 numbers
 * (`1:30`) and timestamps (`2024-01-01`) stay strings. `.inf` and `.nan` decode as floats that JSON
 * cannot hold, so kubectl fails on them; this reader refuses them with the path.
 */

/** A plain scalar kubectl would fail on, or that silently loses its value: the reader reports it. */
export class UnreadableScalar {
  constructor(public readonly problem: string) {}
}

const TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const NULL = new Set(['', '~', 'null', 'Null', 'NULL']);
const NON_FINITE = new Set(['.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF']);

/** go-yaml v2's float syntax (after underscores are removed): the exponent sign is required. */
const YAML_FLOAT = /^[-+]?[0-9]*\.?[0-9]+([eE][-+][0-9]+)?$/;
/** Go's strconv.ParseFloat decimal syntax, for scalars starting with '.' (the exponent sign is optional there). */
const GO_DECIMAL_FLOAT = /^[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/;

const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

/** Go's strconv.ParseInt(s, 0, 64) (or ParseUint): a sign, then a 0x/0o/0b prefix, a leading-0 octal or decimal. */
function goInteger(s: string): bigint | undefined {
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const [, sign, digits] = m;
  let value: bigint;
  if (/^0[oO]/.test(digits)) value = BigInt(`0o${digits.slice(2)}`);
  else if (/^0[0-7]+$/.test(digits)) value = BigInt(`0o${digits.slice(1)}`);
  else value = BigInt(digits); // decimal, 0x and 0b as BigInt reads them
  if (sign === '-') value = -value;
  if (value < INT64_MIN || value > UINT64_MAX || (sign === '+' && value > 2n ** 63n - 1n)) return undefined;
  return value;
}

/**
 * A finite float, or an `UnreadableScalar` when the text overflows (go-yaml then keeps it as a string,
 * surely not what was meant) or underflows to 0 (kubectl sends 0).
 */
function goFloat(text: string): number | UnreadableScalar | undefined {
  const value = Number(text);
  if (!Number.isFinite(value)) return new UnreadableScalar(`the number ${text} is too large for a float64: kubectl reads it as the string "${text}"; quote it if a string is meant`);
  if (value === 0 && /[1-9]/.test(text.replace(/[eE].*$/, ''))) {
    return new UnreadableScalar(`the number ${text} is too small for a float64: kubectl reads it as 0`);
  }
  return value;
}

/** A plain number whose exponent takes it outside float64, in the shapes go-yaml would not read as a float. */
function outOfRangeNumber(plain: string): UnreadableScalar | undefined {
  if (!/^[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)[eE][-+]?[0-9]+$/.test(plain)) return undefined;
  const r = goFloat(plain);
  return r instanceof UnreadableScalar ? r : undefined;
}

/** The JSON value kubectl makes of an unquoted, untagged scalar. */
export function resolvePlainScalar(text: string): unknown {
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  if (NULL.has(text)) return null;
  if (NON_FINITE.has(text)) return new UnreadableScalar(`${text} is a float JSON cannot hold: kubectl fails on it; quote it if a string is meant`);
  const c = text.charCodeAt(0);
  if (c === 0x2e /* . */) {
    if (GO_DECIMAL_FLOAT.test(text)) return goFloat(text);
    return text;
  }
  const digitOrSign = (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d;
  if (!digitOrSign) return text;
  const plain = text.includes('_') ? text.replace(/_/g, '') : text;
  const int = goInteger(plain);
  if (int !== undefined) return Number(int);
  if (YAML_FLOAT.test(plain)) {
    const r = goFloat(plain);
    // go-yaml keeps an overflowing float as a string; that is reported, as is an underflow to 0.
    return r;
  }
  return outOfRangeNumber(plain) ?? text;
}

/** A mapping key as sigs.k8s.io/yaml turns it into a JSON object key. */
export function jsonKey(key: unknown): string | UnreadableScalar {
  if (typeof key === 'string') return key;
  if (key instanceof UnreadableScalar) return key;
  if (typeof key === 'boolean' || typeof key === 'number') return String(key);
  if (key === null) return new UnreadableScalar('a null mapping key: kubectl cannot convert it to JSON');
  return new UnreadableScalar('a mapping or list used as a key: kubectl cannot convert it to JSON');
}
