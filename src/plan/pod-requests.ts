import { FieldReader, JsonObject } from './fields';
import { PathSegment } from './input-error';
import { KNOWN } from './known-fields';
import { parseQuantity } from './quantity';

/** Resource amounts by resource name, CPU in millicores, everything else in whole units. */
export type ResourceAmounts = Map<string, number>;

/**
 * What the scheduler charges a node for one pod (component-helpers `PodRequests`): the containers' requests
 * summed, restartable init containers (sidecars) added, the largest init-container step if bigger,
 * plus `spec.overhead`. A resource with a limit but no request is requested at the limit (API defaulting).
 */
export function podRequests(r: FieldReader, podSpec: JsonObject, path: readonly PathSegment[]): ResourceAmounts {
  const total: ResourceAmounts = new Map();
  for (const [i, c] of containersOf(r, podSpec, 'containers', path)) add(total, containerRequests(r, c, [...path, 'containers', i]));
  const sidecars: ResourceAmounts = new Map();
  const initMax: ResourceAmounts = new Map();
  for (const [i, c] of containersOf(r, podSpec, 'initContainers', path)) {
    const at = [...path, 'initContainers', i];
    const own = containerRequests(r, c, at);
    let step: ResourceAmounts;
    if (r.optString(c, 'restartPolicy', at) === 'Always') {
      add(total, own);
      add(sidecars, own);
      step = new Map(sidecars);
    } else {
      step = new Map(own);
      add(step, sidecars);
    }
    for (const [k, v] of step) initMax.set(k, Math.max(initMax.get(k) ?? 0, v));
  }
  for (const [k, v] of initMax) total.set(k, Math.max(total.get(k) ?? 0, v));
  const overhead = r.optObject(podSpec, 'overhead', path);
  if (overhead) add(total, amounts(r, overhead, [...path, 'overhead']));
  return total;
}

/** The containers (or init containers) of a pod spec with their indexes, checked for known fields. */
export function containersOf(r: FieldReader, podSpec: JsonObject, key: string, path: readonly PathSegment[]): Array<[number, JsonObject]> {
  return r.optArray(podSpec, key, path).map((c, i) => {
    const at = [...path, key, i];
    const container = r.object(c, at, 'a container');
    r.knownFields(container, KNOWN.container, at, 'a container');
    return [i, container];
  });
}

function containerRequests(r: FieldReader, container: JsonObject, path: PathSegment[]): ResourceAmounts {
  const resources = r.optObject(container, 'resources', path);
  if (!resources) return new Map();
  const at = [...path, 'resources'];
  r.knownFields(resources, KNOWN.resources, at, 'container resources');
  const requests = amounts(r, r.optObject(resources, 'requests', at), [...at, 'requests']);
  const limits = amounts(r, r.optObject(resources, 'limits', at), [...at, 'limits']);
  for (const [k, v] of limits) if (!requests.has(k)) requests.set(k, v);
  return requests;
}

function amounts(r: FieldReader, obj: JsonObject | undefined, path: PathSegment[]): ResourceAmounts {
  const out: ResourceAmounts = new Map();
  for (const resource in obj ?? {}) {
    const raw = obj![resource];
    const text = typeof raw === 'number' ? String(raw) : raw;
    const value = typeof text === 'string' ? parseQuantity(text, resource) : undefined;
    if (value === undefined) r.fail([...path, resource], `${JSON.stringify(raw)} is not a resource quantity`);
    out.set(resource, value);
  }
  return out;
}

function add(into: ResourceAmounts, more: ResourceAmounts): void {
  for (const [k, v] of more) into.set(k, (into.get(k) ?? 0) + v);
}
