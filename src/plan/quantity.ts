/**
 * Kubernetes resource quantities (`resource.Quantity` from k8s.io/apimachinery): `100m`, `1.5Gi`, `2e3`, `58`.
 * Parsed exactly (no floating point on the way), then rounded up like `MilliValue()` / `Value()`.
 */

const QUANTITY = /^([+-]?)(\d*)(?:\.(\d*))?(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/;
const DECIMAL_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

/** The unit a quantity is counted in: CPU in millicores, everything else in whole units (bytes, pods, GPUs). */
export function quantityScale(resource: string): number {
  return resource === 'cpu' ? 3 : 0;
}

const cache = new Map<string, number | undefined>();

/**
 * The quantity in the resource's unit (`quantityScale`), rounded up; undefined when it is not a quantity.
 * Results are cached: node inventories repeat the same few allocatable strings thousands of times.
 */
export function parseQuantity(text: string, resource: string): number | undefined {
  const scale = quantityScale(resource);
  const key = scale + text;
  if (cache.has(key)) return cache.get(key);
  const value = parseUncached(text, scale);
  if (cache.size > 10_000) cache.clear();
  cache.set(key, value);
  return value;
}

function parseUncached(text: string, scale: number): number | undefined {
  const m = QUANTITY.exec(text);
  if (!m) return undefined;
  const [, sign, whole, fraction = '', exponent, suffix] = m;
  if (whole === '' && fraction === '') return undefined;
  let digits = BigInt(whole + fraction || '0');
  let exp10 = scale - fraction.length;
  if (exponent) exp10 += Number(exponent.slice(1));
  if (suffix && suffix in DECIMAL_SUFFIX) exp10 += DECIMAL_SUFFIX[suffix];
  if (suffix && suffix in BINARY_SUFFIX) digits *= 2n ** BigInt(BINARY_SUFFIX[suffix]);
  if (digits === 0n) return 0;
  // Beyond 10^±40 no quantity is meant (the API server caps at 2^63-1 and rounds below 1n); refusing
  // it here also keeps 10n ** 999999999n from taking all memory.
  if (Math.abs(exp10 + String(digits).length) > 40) return undefined;
  let value: bigint;
  if (exp10 >= 0) {
    value = digits * 10n ** BigInt(exp10);
  } else {
    const divisor = 10n ** BigInt(-exp10);
    value = (digits + divisor - 1n) / divisor; // round up, as Quantity.MilliValue()/Value() do
  }
  const n = Number(value);
  return sign === '-' ? -n : n;
}

/** A quantity for people: `250m`, `1.5` cores; `180Mi`, `1.2Gi`; plain numbers otherwise. */
export function formatQuantity(value: number, resource: string): string {
  if (resource === 'cpu') return value % 1000 === 0 ? `${value / 1000}` : `${value}m`;
  if (resource === 'memory' || resource === 'ephemeral-storage' || resource.startsWith('hugepages-')) {
    return formatBytes(value);
  }
  return `${value}`;
}

function formatBytes(bytes: number): string {
  const units = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${round(value, value >= 100 || unit === 0 ? 0 : 1)}${units[unit]}`;
}

/** Rounds half away from zero to `decimals` places. */
export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
