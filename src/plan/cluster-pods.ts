import { closeSync, openSync, readSync } from 'fs';
import { describe, isObject, JsonObject } from './fields';
import { HostPort } from './host-ports';
import { formatPath, PathSegment, PlanInputError } from './input-error';
import { streamListItems } from './list-stream';
import { add, ResourceAmounts } from './pod-requests';
import { parseQuantity } from './quantity';
import { loadFile, loadText } from './source-documents';

/** What the planner keeps of one pod already on the cluster (the rest of the pod is dropped while reading). */
export interface ExistingPod {
  /** `namespace/name`. */
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  /** `spec.nodeName`, or `status.nominatedNodeName` for a pod that is not bound yet. */
  readonly nodeName: string;
  /** True for a pod that is only nominated to the node (it waits for victims to go). */
  readonly nominated: boolean;
  /** `spec.priority` (0 when not set: the scheduler reads nothing else). */
  readonly priority: number;
  readonly priorityClassName?: string;
  /** PodRequests of the stored pod, overhead included. */
  readonly requests: ResourceAmounts;
  readonly hostPorts: readonly HostPort[];
  /** `status.startTime` in ms; +Infinity when not started (counts as starting now, the latest). */
  readonly startTime: number;
  readonly labels: Readonly<Record<string, string>>;
  /** `namespace/name` of the DaemonSet that owns the pod (a controller ownerReference). */
  readonly ownerDaemonSet?: string;
  /** `spec.terminationGracePeriodSeconds` (default 30): how long a victim may take to go. */
  readonly gracePeriodSeconds: number;
  /** `metadata.deletionTimestamp` is set: the pod is terminating and still counts. */
  readonly terminating: boolean;
}

/** The pods of `kubectl get pods -A -o json` that take room on nodes, and what was left out. */
export interface ClusterPods {
  readonly source: string;
  readonly pods: ExistingPod[];
  /** Pods in phase Succeeded or Failed: the scheduler does not count them. */
  readonly terminated: number;
  /** Pods neither bound nor nominated to a node. */
  readonly unscheduled: number;
  /** PriorityClass name -> the `spec.priority` pods of that class show (the first seen; any phase). */
  readonly observedPriorities: Map<string, number>;
}

const NO_PORTS: readonly HostPort[] = [];
const TERMINATED = new Set(['Succeeded', 'Failed']);

/**
 * Reads a pod list file. JSON is streamed item by item (a busy cluster's pod list is larger than V8's
 * 512 MB string limit); a YAML list (`-o yaml`) is read whole.
 */
export function readPodsFile(path: string): ClusterPods {
  const out = emptyPods(path);
  const onItem = (item: unknown, i: number) => keepPod(out, path, item, ['items', i]);
  if (looksLikeJson(path)) {
    const header = streamListItems(path, onItem);
    checkKind(path, header.kind);
  } else {
    readDocuments(out, path, loadFile(path).map(d => d.value));
  }
  return out;
}

/** Reads a pod list given as text (JSON or YAML). */
export function readPodsText(text: string, source: string): ClusterPods {
  const out = emptyPods(source);
  readDocuments(out, source, loadText(text, source).map(d => d.value));
  return out;
}

function emptyPods(source: string): Tally {
  return { source, pods: [], terminated: 0, unscheduled: 0, observedPriorities: new Map() };
}

type Tally = { -readonly [K in keyof ClusterPods]: ClusterPods[K] };

function readDocuments(out: Tally, source: string, values: unknown[]): void {
  for (const value of values) {
    if (Array.isArray(value)) {
      value.forEach((item, i) => keepPod(out, source, item, [i]));
      continue;
    }
    if (!isObject(value)) throw new PlanInputError(source, '$', 'not a pod list: expected the output of kubectl get pods -A -o json');
    if (value.kind === 'Pod') {
      keepPod(out, source, value, []);
      continue;
    }
    checkKind(source, value.kind);
    const items = value.items;
    if (!Array.isArray(items)) throw new PlanInputError(source, '$.items', 'is required: a list of pods (kubectl get pods -A -o json)');
    items.forEach((item, i) => keepPod(out, source, item, ['items', i]));
  }
}

function checkKind(source: string, kind: unknown): void {
  if (kind !== undefined && kind !== 'List' && kind !== 'PodList') {
    throw new PlanInputError(source, '$.kind', `expected a List or PodList of pods (kubectl get pods -A -o json), found kind ${describe(kind)}`);
  }
}

function looksLikeJson(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return true; // the streaming reader names the problem
  }
  try {
    const head = Buffer.alloc(4096);
    const n = readSync(fd, head, 0, head.length, 0);
    const text = head.toString('utf-8', 0, n).replace(/^\uFEFF/, '');
    const first = /\S/.exec(text);
    return !first || first[0] === '{' || first[0] === '[';
  } finally {
    closeSync(fd);
  }
}

/** Typed reads of one pod; the path of a bad field is only built when it is reported. */
class PodReader {
  constructor(private readonly source: string, private readonly base: readonly PathSegment[]) {}

  public fail(path: readonly PathSegment[], problem: string): never {
    throw new PlanInputError(this.source, formatPath('$', [...this.base, ...path]), problem);
  }

  public obj(v: unknown, path: readonly PathSegment[]): JsonObject | undefined {
    if (v === undefined || v === null) return undefined;
    if (!isObject(v)) this.fail(path, `must be an object, not ${describe(v)}`);
    return v;
  }

  public list(v: unknown, path: readonly PathSegment[]): unknown[] {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) this.fail(path, `must be a list, not ${describe(v)}`);
    return v;
  }

  public str(v: unknown, path: readonly PathSegment[]): string | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') this.fail(path, `must be a string, not ${describe(v)}`);
    return v;
  }

  public int(v: unknown, path: readonly PathSegment[]): number | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v)) this.fail(path, `must be an integer, not ${describe(v)}`);
    return v;
  }

  public amounts(v: unknown, path: readonly PathSegment[]): ResourceAmounts | undefined {
    const o = this.obj(v, path);
    if (!o) return undefined;
    const out: ResourceAmounts = new Map();
    for (const k in o) {
      const raw = o[k];
      const text = typeof raw === 'number' ? String(raw) : raw;
      const n = typeof text === 'string' ? parseQuantity(text, k) : undefined;
      if (n === undefined) this.fail([...path, k], `${JSON.stringify(raw)} is not a resource quantity`);
      out.set(k, n);
    }
    return out;
  }
}

function keepPod(out: Tally, source: string, item: unknown, base: PathSegment[]): void {
  const r = new PodReader(source, base);
  const pod = r.obj(item, []) ?? r.fail([], 'must be a pod, not null');
  if (pod.kind !== undefined && pod.kind !== 'Pod') r.fail(['kind'], `expected a Pod, found kind ${describe(pod.kind)}`);
  const meta = r.obj(pod.metadata, ['metadata']) ?? r.fail(['metadata'], 'is required');
  const name = r.str(meta.name, ['metadata', 'name']) || r.fail(['metadata', 'name'], 'is required');
  const namespace = r.str(meta.namespace, ['metadata', 'namespace']) || 'default';
  const spec = r.obj(pod.spec, ['spec']) ?? {};
  const status = r.obj(pod.status, ['status']) ?? {};
  const priority = r.int(spec.priority, ['spec', 'priority']);
  const priorityClassName = r.str(spec.priorityClassName, ['spec', 'priorityClassName']) || undefined;
  if (priorityClassName !== undefined && priority !== undefined && !out.observedPriorities.has(priorityClassName)) {
    out.observedPriorities.set(priorityClassName, priority);
  }
  const phase = r.str(status.phase, ['status', 'phase']);
  if (phase !== undefined && TERMINATED.has(phase)) {
    out.terminated++;
    return;
  }
  const bound = r.str(spec.nodeName, ['spec', 'nodeName']);
  const nominatedTo = r.str(status.nominatedNodeName, ['status', 'nominatedNodeName']);
  if (!bound && !nominatedTo) {
    out.unscheduled++;
    return;
  }
  const labels = r.obj(meta.labels, ['metadata', 'labels']) as Record<string, string> | undefined;
  const started = r.str(status.startTime, ['status', 'startTime']);
  const startTime = started === undefined ? Number.POSITIVE_INFINITY : Date.parse(started);
  if (Number.isNaN(startTime)) r.fail(['status', 'startTime'], `"${started}" is not an RFC 3339 time`);
  out.pods.push({
    id: `${namespace}/${name}`,
    namespace,
    name,
    nodeName: (bound || nominatedTo)!,
    nominated: !bound,
    priority: priority ?? 0,
    priorityClassName,
    requests: storedPodRequests(r, spec),
    hostPorts: storedHostPorts(r, spec),
    startTime,
    labels: labels ?? {},
    ownerDaemonSet: daemonSetOwner(r, meta, namespace),
    gracePeriodSeconds: r.int(spec.terminationGracePeriodSeconds, ['spec', 'terminationGracePeriodSeconds']) ?? 30,
    terminating: meta.deletionTimestamp != null,
  });
}

/** PodRequests of a stored pod: the sidecar rule applies whenever `restartPolicy: Always` is there. */
function storedPodRequests(r: PodReader, spec: JsonObject): ResourceAmounts {
  const total: ResourceAmounts = new Map();
  const own = (c: unknown, path: PathSegment[]): ResourceAmounts => {
    const container = r.obj(c, path) ?? {};
    const resources = r.obj(container.resources, [...path, 'resources']);
    if (!resources) return new Map();
    const requests = r.amounts(resources.requests, [...path, 'resources', 'requests']) ?? new Map<string, number>();
    const limits = r.amounts(resources.limits, [...path, 'resources', 'limits']);
    if (limits) for (const [k, v] of limits) if (!requests.has(k)) requests.set(k, v);
    return requests;
  };
  r.list(spec.containers, ['spec', 'containers']).forEach((c, i) => add(total, own(c, ['spec', 'containers', i])));
  const restartable: ResourceAmounts = new Map();
  const initMax: ResourceAmounts = new Map();
  r.list(spec.initContainers, ['spec', 'initContainers']).forEach((c, i) => {
    const path = ['spec', 'initContainers', i];
    const requests = own(c, path);
    let step: ResourceAmounts;
    if (isObject(c) && c.restartPolicy === 'Always') {
      add(total, requests);
      add(restartable, requests);
      step = restartable;
    } else {
      step = new Map(requests);
      add(step, restartable);
    }
    for (const [k, v] of step) initMax.set(k, Math.max(initMax.get(k) ?? 0, v));
  });
  for (const [k, v] of initMax) total.set(k, Math.max(total.get(k) ?? 0, v));
  const overhead = r.amounts(spec.overhead, ['spec', 'overhead']);
  if (overhead) add(total, overhead);
  return total;
}

/** The host ports a stored pod holds: hostPort of regular containers (hostNetwork pods: the containerPort). */
function storedHostPorts(r: PodReader, spec: JsonObject): readonly HostPort[] {
  const hostNetwork = spec.hostNetwork === true;
  let out: HostPort[] | undefined;
  r.list(spec.containers, ['spec', 'containers']).forEach((c, i) => {
    if (!isObject(c) || c.ports == null) return;
    r.list(c.ports, ['spec', 'containers', i, 'ports']).forEach((raw, j) => {
      const at = ['spec', 'containers', i, 'ports', j];
      const p = r.obj(raw, at) ?? {};
      const hostPort = r.int(p.hostPort, [...at, 'hostPort']) ?? 0;
      const port = hostPort || (hostNetwork ? r.int(p.containerPort, [...at, 'containerPort']) ?? 0 : 0);
      if (!port) return;
      const protocol = r.str(p.protocol, [...at, 'protocol']) || 'TCP';
      const hostIP = r.str(p.hostIP, [...at, 'hostIP']) ?? '';
      const ip = hostIP === '0.0.0.0' ? '' : hostIP;
      (out ??= []).push({ protocol, hostIP: ip, port, fromHostNetwork: !hostPort, text: `${ip ? `${ip}:` : ''}${port}/${protocol}` });
    });
  });
  return out ?? NO_PORTS;
}

function daemonSetOwner(r: PodReader, meta: JsonObject, namespace: string): string | undefined {
  if (meta.ownerReferences == null) return undefined;
  for (const ref of r.list(meta.ownerReferences, ['metadata', 'ownerReferences'])) {
    if (isObject(ref) && ref.kind === 'DaemonSet' && ref.controller === true && typeof ref.name === 'string') return `${namespace}/${ref.name}`;
  }
  return undefined;
}
