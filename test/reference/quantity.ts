// resource.Quantity, as the API server parses it (apimachinery pkg/api/resource/quantity.go): a signed
// decimal number followed by a binary (Ki..Ei), decimal (n, u, m, "", k, M, G, T, P, E) or exponent (e3,
// E-2) suffix. Returns the value as a JS number (Infinity beyond the double range), or undefined when the
// text is no quantity.

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { 'n': 1e-9, 'u': 1e-6, 'm': 1e-3, '': 1, 'k': 1e3, 'M': 1e6, 'G': 1e9, 'T': 1e12, 'P': 1e15, 'E': 1e18 };

export function quantityValue(text: unknown): number | undefined {
  if (typeof text === 'number') return Number.isFinite(text) ? text : undefined;
  if (typeof text !== 'string') return undefined;
  const m = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(.*)$/.exec(text);
  if (!m) return undefined;
  const number = Number(m[1]);
  const suffix = m[2];
  if (suffix in BINARY) return number * BINARY[suffix];
  if (suffix in DECIMAL) return number * DECIMAL[suffix];
  const exp = /^[eE]([+-]?[0-9]+)$/.exec(suffix);
  if (exp) return number * Math.pow(10, Number(exp[1]));
  return undefined;
}
