import { FieldReader, JsonObject } from './fields';
import { PathSegment } from './input-error';
import { KNOWN } from './known-fields';
import { parseQuantity } from './quantity';

/** Resource amounts of a LimitRange item or RuntimeClass overhead, with the quantities as written. */
export interface Quantities {
  readonly values: ReadonlyMap<string, number>;
  readonly text: ReadonlyMap<string, string>;
}

/** One `spec.limits` item of a LimitRange, with the item defaulting of SetDefaults_LimitRangeItem applied. */
export interface LimitRangeItem {
  /** `Container`, `Pod` or `PersistentVolumeClaim`. */
  readonly type: string;
  readonly min: Quantities;
  readonly max: Quantities;
  readonly default: Quantities;
  readonly defaultRequest: Quantities;
  readonly maxLimitRequestRatio: Quantities;
}

/** A LimitRange of the input. */
export interface LimitRangeInfo {
  readonly name: string;
  readonly namespace: string;
  readonly items: readonly LimitRangeItem[];
}

/** A RuntimeClass of the input. */
export interface RuntimeClassInfo {
  readonly name: string;
  /** `overhead.podFixed`, when set. */
  readonly overhead?: Quantities;
  /** `scheduling.nodeSelector`. */
  readonly nodeSelector: Readonly<Record<string, string>>;
}

/** A label selector requirement (`matchExpressions` entry). */
interface SelectorRequirement {
  readonly key: string;
  readonly operator: string;
  readonly values: readonly string[];
}

/** A PodDisruptionBudget of the input, as the scheduler's preemption reads it. */
export interface DisruptionBudgetInfo {
  readonly name: string;
  readonly namespace: string;
  /** `spec.selector`; undefined (nil) or empty selects nothing here. */
  readonly matchLabels: Readonly<Record<string, string>>;
  readonly matchExpressions: readonly SelectorRequirement[];
  /** `status.disruptionsAllowed`; 0 when the status is missing. */
  readonly disruptionsAllowed: number;
  /** False when the input has no `status.disruptionsAllowed` (counted as 0). */
  readonly hasStatus: boolean;
  /** Pod names in `status.disruptedPods` (skipped when counting). */
  readonly disruptedPods: ReadonlySet<string>;
}

function meta(r: FieldReader, obj: JsonObject, path: readonly PathSegment[], what: string): { name: string; namespace?: string } {
  const metaPath = [...path, 'metadata'];
  const m = r.object(obj.metadata, metaPath, 'metadata');
  r.knownFields(m, KNOWN.objectMeta, metaPath, `${what} metadata`);
  return { name: r.string(m, 'name', metaPath), namespace: r.optString(m, 'namespace', metaPath) || undefined };
}

function quantities(r: FieldReader, obj: JsonObject, key: string, path: readonly PathSegment[]): Quantities {
  const raw = r.optObject(obj, key, path) ?? {};
  const values = new Map<string, number>();
  const text = new Map<string, string>();
  for (const resource in raw) {
    const v = raw[resource];
    const written = typeof v === 'number' ? String(v) : v;
    const n = typeof written === 'string' ? parseQuantity(written, resource) : undefined;
    if (n === undefined) r.fail([...path, key, resource], `${JSON.stringify(v)} is not a resource quantity`);
    values.set(resource, n);
    text.set(resource, written as string);
  }
  return { values, text };
}

/** `into` plus the entries of `from` it lacks. */
function withDefaults(into: Quantities, from: Quantities): Quantities {
  const values = new Map(into.values);
  const text = new Map(into.text);
  for (const [k, v] of from.values) {
    if (!values.has(k)) {
      values.set(k, v);
      text.set(k, from.text.get(k)!);
    }
  }
  return { values, text };
}

/** Reads a LimitRange; Container items get SetDefaults_LimitRangeItem (max -> default -> defaultRequest, min -> defaultRequest). */
export function parseLimitRange(r: FieldReader, obj: JsonObject, path: readonly PathSegment[]): LimitRangeInfo {
  r.knownFields(obj, KNOWN.limitRange, path, 'a LimitRange');
  const { name, namespace } = meta(r, obj, path, 'LimitRange');
  const specPath = [...path, 'spec'];
  const spec = r.optObject(obj, 'spec', path) ?? {};
  r.knownFields(spec, KNOWN.limitRangeSpec, specPath, 'a LimitRange spec');
  const items = r.optArray(spec, 'limits', specPath).map((raw, i) => {
    const at = [...specPath, 'limits', i];
    const item = r.object(raw, at, 'a LimitRange item');
    r.knownFields(item, KNOWN.limitRangeItem, at, 'a LimitRange item');
    const type = r.string(item, 'type', at);
    const min = quantities(r, item, 'min', at);
    const max = quantities(r, item, 'max', at);
    let dflt = quantities(r, item, 'default', at);
    let defaultRequest = quantities(r, item, 'defaultRequest', at);
    if (type === 'Container') {
      dflt = withDefaults(dflt, max);
      defaultRequest = withDefaults(withDefaults(defaultRequest, dflt), min);
    }
    return { type, min, max, default: dflt, defaultRequest, maxLimitRequestRatio: quantities(r, item, 'maxLimitRequestRatio', at) };
  });
  return { name, namespace: namespace ?? 'default', items };
}

/** Reads a RuntimeClass (node.k8s.io/v1). */
export function parseRuntimeClass(r: FieldReader, obj: JsonObject, path: readonly PathSegment[]): RuntimeClassInfo {
  r.knownFields(obj, KNOWN.runtimeClass, path, 'a RuntimeClass');
  const { name } = meta(r, obj, path, 'RuntimeClass');
  const overhead = r.optObject(obj, 'overhead', path);
  const ohPath = [...path, 'overhead'];
  if (overhead) r.knownFields(overhead, KNOWN.runtimeClassOverhead, ohPath, 'a RuntimeClass overhead');
  const scheduling = r.optObject(obj, 'scheduling', path);
  const schedPath = [...path, 'scheduling'];
  if (scheduling) r.knownFields(scheduling, KNOWN.runtimeClassScheduling, schedPath, 'a RuntimeClass scheduling');
  return {
    name,
    overhead: overhead && overhead.podFixed != null ? quantities(r, overhead, 'podFixed', ohPath) : undefined,
    nodeSelector: (scheduling && r.optStringMap(scheduling, 'nodeSelector', schedPath)) ?? {},
  };
}

/** Reads a PodDisruptionBudget (policy/v1). */
export function parseDisruptionBudget(r: FieldReader, obj: JsonObject, path: readonly PathSegment[]): DisruptionBudgetInfo {
  r.knownFields(obj, KNOWN.podDisruptionBudget, path, 'a PodDisruptionBudget');
  const { name, namespace } = meta(r, obj, path, 'PodDisruptionBudget');
  const specPath = [...path, 'spec'];
  const spec = r.optObject(obj, 'spec', path) ?? {};
  r.knownFields(spec, KNOWN.podDisruptionBudgetSpec, specPath, 'a PodDisruptionBudget spec');
  const selector = readSelector(r, spec, specPath);
  const statusPath = [...path, 'status'];
  const status = r.optObject(obj, 'status', path);
  if (status) r.knownFields(status, KNOWN.podDisruptionBudgetStatus, statusPath, 'a PodDisruptionBudget status');
  const allowed = status ? r.optCount(status, 'disruptionsAllowed', statusPath) : undefined;
  const disrupted = status ? r.optObject(status, 'disruptedPods', statusPath) : undefined;
  return {
    name,
    namespace: namespace ?? 'default',
    ...selector,
    disruptionsAllowed: allowed ?? 0,
    hasStatus: allowed !== undefined,
    disruptedPods: new Set(Object.keys(disrupted ?? {})),
  };
}

function readSelector(r: FieldReader, spec: JsonObject, specPath: readonly PathSegment[]) {
  const sel = r.optObject(spec, 'selector', specPath);
  const at = [...specPath, 'selector'];
  if (!sel) return { matchLabels: {}, matchExpressions: [] };
  r.knownFields(sel, KNOWN.labelSelector, at, 'a label selector');
  const matchExpressions = r.optArray(sel, 'matchExpressions', at).map((raw, i) => {
    const ep = [...at, 'matchExpressions', i];
    const e = r.object(raw, ep, 'a label selector requirement');
    r.knownFields(e, KNOWN.labelSelectorRequirement, ep, 'a label selector requirement');
    const values = r.optArray(e, 'values', ep).map((v, j) => {
      if (typeof v !== 'string') r.fail([...ep, 'values', j], 'must be a string');
      return v;
    });
    return { key: r.string(e, 'key', ep), operator: r.string(e, 'operator', ep), values };
  });
  return { matchLabels: r.optStringMap(sel, 'matchLabels', at) ?? {}, matchExpressions };
}

/**
 * `metav1.LabelSelectorAsSelector(...).Matches(labels)` for a PDB: an empty selector selects nothing
 * here (the scheduler's `filterPodsWithPDBViolation` skips it).
 */
export function budgetSelects(pdb: DisruptionBudgetInfo, labels: Readonly<Record<string, string>>): boolean {
  const entries = Object.entries(pdb.matchLabels);
  if (entries.length === 0 && pdb.matchExpressions.length === 0) return false;
  for (const [k, v] of entries) if (labels[k] !== v) return false;
  for (const e of pdb.matchExpressions) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const ok = e.operator === 'In' ? has && e.values.includes(labels[e.key])
      : e.operator === 'NotIn' ? !has || !e.values.includes(labels[e.key])
        : e.operator === 'Exists' ? has
          : e.operator === 'DoesNotExist' ? !has : false;
    if (!ok) return false;
  }
  return true;
}
