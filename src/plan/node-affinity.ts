import { FieldReader, JsonObject } from './fields';
import { PathSegment } from './input-error';
import { KNOWN } from './known-fields';
import { labelValue, qualifiedName } from '../validation/names';

/** One matchExpressions or matchFields entry, parsed as component-helpers `nodeaffinity` parses it. */
interface Requirement {
  /** The node label key, or `metadata.name` (or another field key) for matchFields. */
  readonly key: string;
  readonly operator: string;
  readonly values: readonly string[];
  readonly field: boolean;
  /** The Gt/Lt bound. */
  readonly bound?: bigint;
  readonly text: string;
}

/** One nodeSelectorTerm: its requirements are ANDed; a parse error makes the whole term match nothing. */
interface Term {
  readonly index: number;
  readonly requirements: readonly Requirement[];
  readonly error?: string;
}

/** Where a node fails the pod's nodeSelector or required node affinity, in the controller's words. */
export interface ConstraintMiss {
  readonly reason: 'NodeSelector' | 'NodeAffinity';
  readonly detail: string;
}

/** A pod's node constraints: `nodeSelector` and `requiredDuringSchedulingIgnoredDuringExecution`. */
export class NodeConstraints {
  /** Parses both from a pod spec, checking the structure (not the API-server rules). */
  public static parse(r: FieldReader, podSpec: JsonObject, path: readonly PathSegment[]): NodeConstraints {
    const selector = Object.entries(r.optStringMap(podSpec, 'nodeSelector', path) ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const affinity = r.optObject(podSpec, 'affinity', path);
    const affinityPath = [...path, 'affinity'];
    if (affinity) r.knownFields(affinity, KNOWN.affinity, affinityPath, 'an affinity');
    const nodeAffinity = affinity && r.optObject(affinity, 'nodeAffinity', affinityPath);
    const naPath = [...affinityPath, 'nodeAffinity'];
    if (nodeAffinity) r.knownFields(nodeAffinity, KNOWN.nodeAffinity, naPath, 'a nodeAffinity');
    const required = nodeAffinity && r.optObject(nodeAffinity, 'requiredDuringSchedulingIgnoredDuringExecution', naPath);
    if (!required) return new NodeConstraints(selector, undefined);
    const reqPath = [...naPath, 'requiredDuringSchedulingIgnoredDuringExecution'];
    r.knownFields(required, KNOWN.nodeSelector, reqPath, 'a node selector');
    const terms: Term[] = [];
    r.optArray(required, 'nodeSelectorTerms', reqPath).forEach((raw, i) => {
      const termPath = [...reqPath, 'nodeSelectorTerms', i];
      const term = r.object(raw, termPath, 'a nodeSelectorTerm');
      r.knownFields(term, KNOWN.nodeSelectorTerm, termPath, 'a nodeSelectorTerm');
      const exprs = r.optArray(term, 'matchExpressions', termPath).map((e, j) => readRequirement(r, e, [...termPath, 'matchExpressions', j], false));
      const fields = r.optArray(term, 'matchFields', termPath).map((e, j) => readRequirement(r, e, [...termPath, 'matchFields', j], true));
      if (exprs.length + fields.length === 0) return; // an empty term selects nothing and is skipped
      const all = [...exprs, ...fields];
      const error = all.map(q => requirementError(q)).find(e => e !== undefined);
      terms.push({ index: i, requirements: all, error });
    });
    return new NodeConstraints(selector, terms);
  }

  private constructor(
    /** nodeSelector entries, sorted by key as `labels.SelectorFromSet` sorts them. */
    public readonly nodeSelector: ReadonlyArray<readonly [string, string]>,
    /** Usable required-affinity terms; undefined when the pod has no required node affinity. */
    private readonly terms: readonly Term[] | undefined,
  ) {}

  /** The node label keys these constraints read. */
  public get labelKeys(): string[] {
    const keys = new Set(this.nodeSelector.map(([k]) => k));
    for (const t of this.terms ?? []) for (const q of t.requirements) if (!q.field) keys.add(q.key);
    return [...keys];
  }

  /** True when a matchFields requirement reads the node name. */
  public get readsNodeName(): boolean {
    return (this.terms ?? []).some(t => t.requirements.some(q => q.field));
  }

  /** True when the constraints name this label key (the user chose where the daemon runs on it). */
  public constrains(key: string): boolean {
    return this.labelKeys.includes(key);
  }

  /** `RequiredNodeAffinity.Match`: undefined when the node matches, else the first failing part. */
  public miss(name: string, labels: Readonly<Record<string, string>>): ConstraintMiss | undefined {
    const failing = this.nodeSelector.filter(([k, v]) => labels[k] !== v);
    if (failing.length) return { reason: 'NodeSelector', detail: `nodeSelector ${failing.map(([k, v]) => `${k}=${v}`).join(', ')}` };
    if (!this.terms) return undefined;
    if (this.terms.length === 0) return { reason: 'NodeAffinity', detail: 'nodeAffinity has no usable nodeSelectorTerms' };
    const misses: string[] = [];
    for (const term of this.terms) {
      if (term.error) {
        misses.push(`term ${term.index} is invalid (${term.error})`);
        continue;
      }
      const failed = term.requirements.filter(q => !requirementMatches(q, name, labels));
      if (failed.length === 0) return undefined;
      misses.push(`${this.terms.length > 1 ? `term ${term.index}: ` : ''}${failed.map(q => q.text).join(', ')}`);
    }
    return { reason: 'NodeAffinity', detail: `nodeAffinity ${this.terms.length > 1 ? `(no term matches) ${misses.join('; ')}` : misses[0]}` };
  }
}

function readRequirement(r: FieldReader, raw: unknown, path: PathSegment[], field: boolean): Requirement {
  const expr = r.object(raw, path, field ? 'a matchFields requirement' : 'a matchExpressions requirement');
  r.knownFields(expr, KNOWN.nodeSelectorRequirement, path, 'a node selector requirement');
  const key = r.optString(expr, 'key', path) ?? '';
  const operator = r.optString(expr, 'operator', path) ?? '';
  const values = r.optArray(expr, 'values', path).map((v, i) => {
    if (typeof v !== 'string') r.fail([...path, 'values', i], 'must be a string');
    return v;
  });
  const bound = (operator === 'Gt' || operator === 'Lt') && values.length === 1 ? parseInt64(values[0]) : undefined;
  const shown = operator === 'Gt' || operator === 'Lt' ? ` ${values.join(', ')}` : values.length ? ` [${values.join(', ')}]` : '';
  return { key, operator, values, field, bound, text: `${field ? 'matchFields ' : ''}${key} ${operator}${shown}` };
}

/** The parse error `labels.NewRequirement` (or the field-selector parser) would give, if any. */
function requirementError(q: Requirement): string | undefined {
  if (q.field) {
    if (q.operator !== 'In' && q.operator !== 'NotIn') return `matchFields operator "${q.operator}" is not In or NotIn`;
    return q.values.length === 1 ? undefined : 'matchFields In/NotIn needs exactly one value';
  }
  const keyProblem = qualifiedName(q.key);
  if (keyProblem) return `key "${q.key}": ${keyProblem}`;
  switch (q.operator) {
    case 'In': case 'NotIn':
      if (q.values.length === 0) return `${q.operator} needs values`;
      break;
    case 'Exists': case 'DoesNotExist':
      if (q.values.length) return `${q.operator} takes no values`;
      break;
    case 'Gt': case 'Lt':
      if (q.values.length !== 1 || q.bound === undefined) return `${q.operator} needs exactly one integer value`;
      break;
    default:
      return `"${q.operator}" is not a valid operator`;
  }
  const bad = q.values.find(v => labelValue(v) !== undefined);
  return bad === undefined ? undefined : `value "${bad}" is not a valid label value`;
}

/** The label operator semantics of apimachinery `labels/selector.go`. */
function requirementMatches(q: Requirement, name: string, labels: Readonly<Record<string, string>>): boolean {
  if (q.field) {
    const actual = q.key === 'metadata.name' ? name : '';
    return q.operator === 'In' ? actual === q.values[0] : actual !== q.values[0];
  }
  const has = Object.prototype.hasOwnProperty.call(labels, q.key);
  switch (q.operator) {
    case 'In': return has && q.values.includes(labels[q.key]);
    case 'NotIn': return !has || !q.values.includes(labels[q.key]);
    case 'Exists': return has;
    case 'DoesNotExist': return !has;
    case 'Gt': case 'Lt': {
      if (!has) return false;
      const actual = parseInt64(labels[q.key]);
      if (actual === undefined) return false;
      return q.operator === 'Gt' ? actual > q.bound! : actual < q.bound!;
    }
    default: return false;
  }
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** `strconv.ParseInt(s, 10, 64)`: an optional sign and decimal digits, within int64. */
export function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n < INT64_MIN || n > INT64_MAX ? undefined : n;
}
