import { readFileSync } from 'fs';
import { join } from 'path';
import { Violation } from '../violation';

/** Precompiled validators (scripts/gen-validators.mjs), loaded on first use per kind. */
const GENERATED = join(__dirname, 'generated');
const loaded = new Map<string, any>();
let index: Record<string, string> | undefined;

interface AjvError {
  readonly instancePath: string;
  readonly schemaPath: string;
  readonly keyword: string;
  readonly params: any;
  readonly message?: string;
}

function validatorFor(apiVersion: string, kind: string): any | undefined {
  if (!index) {
    try {
      index = JSON.parse(readFileSync(join(GENERATED, 'index.json'), 'utf-8')) as Record<string, string>;
    } catch {
      throw new Error(`the strict-schema validators are missing in ${GENERATED}: run \`npx projen compile\`, which writes them (scripts/gen-validators.mjs)`);
    }
  }
  const file = index[`${apiVersion}/${kind}`];
  if (!file) return undefined;
  // Generated CommonJS code, loaded by path at run time: an import cannot name it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (!loaded.has(file)) loaded.set(file, require(join(GENERATED, file)));
  return loaded.get(file);
}

/** Every apiVersion/kind with a strict schema (`apps/v1/DaemonSet`), sorted. */
export function schemaKinds(): string[] {
  validatorFor('', '');
  return Object.keys(index ?? {}).sort();
}

let builtIn: { kinds: Set<string>; groups: Set<string> } | undefined;

/** The group of an apiVersion: `apps` for `apps/v1`, '' for `v1`. */
function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

/**
 * Whether a Kubernetes 1.28 API server serves this apiVersion and kind, and whether the group is one of
 * its built-in groups (an unknown kind in a built-in group is a typo or a removed version, not a CRD).
 */
export function builtInKind(apiVersion: string, kind: string): { served: boolean; builtInGroup: boolean } {
  if (!builtIn) {
    const kinds = JSON.parse(readFileSync(join(GENERATED, 'kinds.json'), 'utf-8')) as string[];
    builtIn = { kinds: new Set(kinds), groups: new Set(kinds.map(k => groupOf(k.slice(0, k.lastIndexOf('/'))))) };
  }
  return { served: builtIn.kinds.has(`${apiVersion}/${kind}`), builtInGroup: builtIn.groups.has(groupOf(apiVersion)) };
}

/** `/spec/template/spec/containers/0` -> `spec.template.spec.containers[0]`. */
export function jsonPath(instancePath: string): string {
  return instancePath.split('/').slice(1).map(p => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, part) => (/^[0-9]+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');
}

function describe(e: AjvError): { path: string; value: unknown; problem: string; valid: string } {
  const path = jsonPath(e.instancePath);
  switch (e.keyword) {
    case 'additionalProperties': {
      const field = e.params.additionalProperty;
      return { path: path ? `${path}.${field}` : field, value: field, problem: `unknown field ${JSON.stringify(field)}`, valid: 'a field of the Kubernetes 1.28 schema at this path (a typo, or a field that belongs elsewhere?)' };
    }
    case 'enum':
      return { path, value: undefined, problem: 'Unsupported value', valid: (e.params.allowedValues as unknown[]).map(v => JSON.stringify(v)).join(', ') };
    case 'type': {
      const type = String(e.params.type).replace(/,null$/, '');
      return { path, value: undefined, problem: `must be ${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`, valid: `a value of type ${type}` };
    }
    case 'required':
      return { path: path ? `${path}.${e.params.missingProperty}` : e.params.missingProperty, value: undefined, problem: 'Required value', valid: `a ${e.params.missingProperty}` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMaximum': {
      // The bounds come from the OpenAPI formats (scripts/k8s-schema.mjs FORMAT_KEYWORDS).
      const bits = Math.abs(e.params.limit) > 2 ** 32 ? 64 : 32;
      return { path, value: undefined, problem: `must be an int${bits}: the API server cannot decode it`, valid: bits === 32 ? 'an integer from -2147483648 to 2147483647' : 'an integer from -2^63 to 2^63-1' };
    }
    case 'pattern':
      return /\[0-9\]\{4\}-/.test(String(e.params.pattern))
        ? { path, value: undefined, problem: 'must be an RFC 3339 date-time', valid: 'a time such as 2024-01-31T12:00:00Z' }
        : { path, value: undefined, problem: 'must be base64-encoded bytes', valid: 'standard base64 with padding (the data, base64-encoded)' };
    case 'oneOf':
      return { path, value: undefined, problem: 'must be a string or a number', valid: 'an integer, or a string such as "10%" or "100Mi"' };
    default:
      return { path, value: undefined, problem: e.message ?? e.keyword, valid: 'what the Kubernetes 1.28 schema allows' };
  }
}

/** The value at a dotted/indexed path of `obj`, for messages. */
function valueAt(obj: any, path: string): unknown {
  return path.split(/\.|\[|\]/).filter(Boolean).reduce((o, k) => (o === undefined || o === null ? undefined : o[k]), obj);
}

/**
 * Checks one object against its strict Kubernetes 1.28 schema (unknown fields are errors). Returns
 * undefined for kinds without a schema (custom resources).
 */
export function strictSchemaViolations(obj: any): Violation[] | undefined {
  const validate = validatorFor(String(obj?.apiVersion), String(obj?.kind));
  if (!validate) return undefined;
  if (validate(obj)) return [];
  const errors: AjvError[] = validate.errors ?? [];
  // A failed int-or-string oneOf also reports each branch; keep only the oneOf error.
  const oneOfPaths = new Set(errors.filter(e => e.keyword === 'oneOf').map(e => e.instancePath));
  const kept = errors.filter(e => e.keyword === 'oneOf' || !(oneOfPaths.has(e.instancePath) && e.schemaPath.includes('/oneOf/')));
  const seen = new Set<string>();
  const out: Violation[] = [];
  for (const e of kept) {
    const d = describe(e);
    const key = `${d.path}|${d.problem}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ruleId: 'SCHEMA', path: d.path, value: d.value ?? valueAt(obj, d.path), problem: d.problem, valid: d.valid });
  }
  return out;
}
