import { FieldReader, JsonObject } from './fields';
import { PathSegment } from './input-error';
import { KNOWN } from './known-fields';
import { parseQuantity } from './quantity';

/** Resource amounts by resource name, CPU in millicores, everything else in whole units. */
export type ResourceAmounts = Map<string, number>;

/** The resources of one container after pod defaulting (a request missing for a limit is the limit). */
export interface ContainerResources {
  readonly name: string;
  /** `containers` or `initContainers`, and the index there (for admission messages). */
  readonly list: 'containers' | 'initContainers';
  readonly index: number;
  readonly requests: ResourceAmounts;
  readonly limits: ResourceAmounts;
  /** The quantities as written (for messages in the API server's words). */
  readonly requestText: ReadonlyMap<string, string>;
  readonly limitText: ReadonlyMap<string, string>;
  /** An init container with `restartPolicy: Always` (a 1.28 sidecar). */
  readonly sidecar: boolean;
}

/** What a pod template asks of its node before admission. */
export interface PodResources {
  readonly containers: readonly ContainerResources[];
  readonly initContainers: readonly ContainerResources[];
  /** `spec.overhead`, when set. */
  readonly overhead?: ResourceAmounts;
}

/**
 * `resource.PodRequests` (REQ): the containers' requests summed, each sidecar added and counted in the
 * init steps after it, the largest init step if bigger, then `overhead`. With `sidecars` false (the
 * 1.28 default of the SidecarContainers gate) the API server drops `restartPolicy` from init
 * containers, so a sidecar counts as an ordinary init container.
 */
export function podRequests(pod: PodResources, sidecars: boolean,
  pick: (c: ContainerResources) => ResourceAmounts = c => c.requests): ResourceAmounts {
  const total: ResourceAmounts = new Map();
  for (const c of pod.containers) add(total, pick(c));
  const restartable: ResourceAmounts = new Map();
  const initMax: ResourceAmounts = new Map();
  for (const c of pod.initContainers) {
    const own = pick(c);
    let step: ResourceAmounts;
    if (sidecars && c.sidecar) {
      add(total, own);
      add(restartable, own);
      step = restartable;
    } else {
      step = new Map(own);
      add(step, restartable);
    }
    for (const [k, v] of step) initMax.set(k, Math.max(initMax.get(k) ?? 0, v));
  }
  for (const [k, v] of initMax) total.set(k, Math.max(total.get(k) ?? 0, v));
  if (pod.overhead) add(total, pod.overhead);
  return total;
}

/** Reads the containers, init containers and overhead of a pod spec, with requests defaulted from limits. */
export function readPodResources(r: FieldReader, podSpec: JsonObject, path: readonly PathSegment[]): PodResources {
  const read = (list: 'containers' | 'initContainers') => containersOf(r, podSpec, list, path)
    .map(([i, c]) => containerResources(r, c, list, i, [...path, list, i]));
  const overhead = r.optObject(podSpec, 'overhead', path);
  return {
    containers: read('containers'),
    initContainers: read('initContainers'),
    overhead: overhead ? amounts(r, overhead, [...path, 'overhead']).values : undefined,
  };
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

function containerResources(r: FieldReader, c: JsonObject, list: 'containers' | 'initContainers', index: number, path: PathSegment[]): ContainerResources {
  const resources = r.optObject(c, 'resources', path);
  const at = [...path, 'resources'];
  if (resources) r.knownFields(resources, KNOWN.resources, at, 'container resources');
  const requests = amounts(r, resources && r.optObject(resources, 'requests', at), [...at, 'requests']);
  const limits = amounts(r, resources && r.optObject(resources, 'limits', at), [...at, 'limits']);
  // SetDefaults_Pod: a missing request takes the limit of the same resource.
  for (const [k, v] of limits.values) {
    if (!requests.values.has(k)) {
      requests.values.set(k, v);
      requests.text.set(k, limits.text.get(k)!);
    }
  }
  return {
    name: r.optString(c, 'name', path) ?? '',
    list,
    index,
    requests: requests.values,
    limits: limits.values,
    requestText: requests.text,
    limitText: limits.text,
    sidecar: list === 'initContainers' && r.optString(c, 'restartPolicy', path) === 'Always',
  };
}

function amounts(r: FieldReader, obj: JsonObject | undefined, path: PathSegment[]): { values: ResourceAmounts; text: Map<string, string> } {
  const values: ResourceAmounts = new Map();
  const text = new Map<string, string>();
  for (const resource in obj ?? {}) {
    const raw = obj![resource];
    const written = typeof raw === 'number' ? String(raw) : raw;
    const value = typeof written === 'string' ? parseQuantity(written, resource) : undefined;
    if (value === undefined) r.fail([...path, resource], `${JSON.stringify(raw)} is not a resource quantity`);
    values.set(resource, value);
    text.set(resource, written as string);
  }
  return { values, text };
}

/** Adds `more` into `into`, resource by resource. */
export function add(into: ResourceAmounts, more: ReadonlyMap<string, number>): void {
  for (const [k, v] of more) into.set(k, (into.get(k) ?? 0) + v);
}
