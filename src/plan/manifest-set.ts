import { DisruptionBudgetInfo, LimitRangeInfo, parseDisruptionBudget, parseLimitRange, parseRuntimeClass, RuntimeClassInfo } from './cluster-objects';
import { parseDaemonSet, DaemonSpec } from './daemonset-parser';
import { FieldReader, isObject, JsonObject } from './fields';
import { PathSegment } from './input-error';
import { KNOWN } from './known-fields';
import { SourceDocument } from './source-documents';

/** A PriorityClass found in the input. */
export interface PriorityClassInfo {
  readonly name: string;
  readonly value: number;
  readonly globalDefault: boolean;
  /** `preemptionPolicy`, defaulted to PreemptLowerPriority. */
  readonly preemptionPolicy: string;
}

/** A Service found in the input (the planner reports which daemons it selects). */
export interface ServiceInfo {
  /** `namespace/name`, or `name` without a namespace. */
  readonly id: string;
  readonly namespace?: string;
  readonly selector: Readonly<Record<string, string>>;
  /** `Local` keeps traffic on the client's node. */
  readonly internalTrafficPolicy: string;
}

/** One input source and how many DaemonSets it held. */
export interface SourceCount {
  readonly source: string;
  readonly daemonSets: number;
}

/**
 * The objects of the input the planner reads: every DaemonSet, PriorityClass, Service, LimitRange,
 * RuntimeClass and PodDisruptionBudget, found at the top of a document, in a `kind: List` (or `*List`)
 * or a JSON array. Other kinds are skipped.
 */
export class ManifestSet {
  public readonly daemonSets: DaemonSpec[] = [];
  public readonly priorityClasses: PriorityClassInfo[] = [];
  public readonly services: ServiceInfo[] = [];
  public readonly limitRanges: LimitRangeInfo[] = [];
  public readonly runtimeClasses: RuntimeClassInfo[] = [];
  public readonly disruptionBudgets: DisruptionBudgetInfo[] = [];
  public readonly sources: SourceCount[] = [];

  /** Adds the documents of one source (a file, or a chart's objects). */
  public add(source: string, docs: readonly SourceDocument[]): void {
    const before = this.daemonSets.length;
    for (const doc of docs) this.visit(new FieldReader(doc), doc.value, []);
    this.sources.push({ source, daemonSets: this.daemonSets.length - before });
  }

  private visit(r: FieldReader, value: unknown, path: PathSegment[]): void {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      value.forEach((v, i) => this.visit(r, v, [...path, i]));
      return;
    }
    if (!isObject(value)) return;
    const kind = value.kind;
    if (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(value.items)) {
      // Items of a typed list (a DaemonSetList from the API) may leave out their apiVersion and kind.
      const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
      value.items.forEach((v, i) => this.visit(r, itemKind && isObject(v) && v.kind === undefined ? { apiVersion: value.apiVersion, kind: itemKind, ...v } : v, [...path, 'items', i]));
    } else if (kind === 'DaemonSet') {
      this.daemonSets.push(parseDaemonSet(r, value, path, this.daemonSets.length));
    } else if (kind === 'PriorityClass') {
      this.priorityClasses.push(parsePriorityClass(r, value, path));
    } else if (kind === 'Service') {
      this.services.push(parseService(r, value, path));
    } else if (kind === 'LimitRange') {
      this.limitRanges.push(parseLimitRange(r, value, path));
    } else if (kind === 'RuntimeClass') {
      this.runtimeClasses.push(parseRuntimeClass(r, value, path));
    } else if (kind === 'PodDisruptionBudget') {
      this.disruptionBudgets.push(parseDisruptionBudget(r, value, path));
    }
  }
}

function nameOf(r: FieldReader, obj: JsonObject, path: PathSegment[], what: string): { name: string; namespace?: string } {
  const metaPath = [...path, 'metadata'];
  const meta = r.object(obj.metadata, metaPath, 'metadata');
  r.knownFields(meta, KNOWN.objectMeta, metaPath, `${what} metadata`);
  return { name: r.string(meta, 'name', metaPath), namespace: r.optString(meta, 'namespace', metaPath) || undefined };
}

function parsePriorityClass(r: FieldReader, obj: JsonObject, path: PathSegment[]): PriorityClassInfo {
  r.knownFields(obj, KNOWN.priorityClass, path, 'a PriorityClass');
  const { name } = nameOf(r, obj, path, 'PriorityClass');
  const value = obj.value;
  if (typeof value !== 'number' || !Number.isInteger(value)) r.fail([...path, 'value'], 'must be an integer');
  return {
    name,
    value,
    globalDefault: r.optBoolean(obj, 'globalDefault', path) ?? false,
    preemptionPolicy: r.optString(obj, 'preemptionPolicy', path) || 'PreemptLowerPriority',
  };
}

function parseService(r: FieldReader, obj: JsonObject, path: PathSegment[]): ServiceInfo {
  r.knownFields(obj, KNOWN.service, path, 'a Service');
  const { name, namespace } = nameOf(r, obj, path, 'Service');
  const spec = r.optObject(obj, 'spec', path) ?? {};
  const specPath = [...path, 'spec'];
  r.knownFields(spec, KNOWN.serviceSpec, specPath, 'a Service spec');
  return {
    id: namespace ? `${namespace}/${name}` : name,
    namespace,
    selector: r.optStringMap(spec, 'selector', specPath) ?? {},
    internalTrafficPolicy: r.optString(spec, 'internalTrafficPolicy', specPath) ?? 'Cluster',
  };
}

/** A Service selects a daemon's pods when it is in the same namespace and its non-empty selector matches the template labels. */
export function selects(s: ServiceInfo, d: DaemonSpec): boolean {
  const entries = Object.entries(s.selector);
  return (s.namespace ?? 'default') === (d.namespace ?? 'default') && entries.length > 0
    && entries.every(([k, v]) => d.templateLabels[k] === v);
}
