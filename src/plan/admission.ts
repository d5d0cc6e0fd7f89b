import { LimitRangeInfo, LimitRangeItem, Quantities, RuntimeClassInfo } from './cluster-objects';
import { DaemonSpec } from './daemonset-parser';
import { ContainerResources, podRequests, PodResources, ResourceAmounts } from './pod-requests';
import { ResolvedPriority } from './priorities';
import { formatQuantity, parseQuantity } from './quantity';

/** A daemon pod as the API server stores it after admission, or the reason it refuses to create it. */
export interface AdmittedPod {
  /** What the scheduler charges the node for the pod (PodRequests, overhead included). */
  readonly requests: ResourceAmounts;
  /** RuntimeClass `scheduling.nodeSelector` entries merged into the pod (the controller does not see them). */
  readonly runtimeNodeSelector: ReadonlyArray<readonly [string, string]>;
  /** The API server's refusal (the DaemonSet gets FailedCreate and no pod). */
  readonly rejection?: string;
  /** Things admission did that the template does not show, or could not be checked. */
  readonly notes: string[];
}

/** Cluster objects that admission reads. */
export interface AdmissionContext {
  readonly limitRanges: readonly LimitRangeInfo[];
  readonly runtimeClasses: readonly RuntimeClassInfo[];
  /** The SidecarContainers feature gate (alpha, off by default in 1.28). */
  readonly sidecarContainers: boolean;
}

/**
 * The pod create path of section 0 for one daemon pod: pod defaulting (already applied when the
 * template was read), mutating admission in its order (LimitRanger defaults, Priority, RuntimeClass
 * overhead and nodeSelector), validation (request <= limit), then validating admission (LimitRange
 * min/max/ratio, RuntimeClass overhead). LimitRanges apply in name order; the first to set a value wins.
 */
export function admitDaemonPod(d: DaemonSpec, priority: ResolvedPriority, ctx: AdmissionContext): AdmittedPod {
  const notes: string[] = [];
  const namespace = d.namespace ?? 'default';
  const ranges = ctx.limitRanges.filter(l => l.namespace === namespace).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const pod = applyLimitRangeDefaults(d.resources, ranges, notes);
  const reject = (rejection: string): AdmittedPod => ({
    requests: podRequests(pod, ctx.sidecarContainers), runtimeNodeSelector: [], rejection, notes,
  });
  if (priority.refusal) return reject(priority.refusal);

  let overhead = pod.overhead;
  let runtimeNodeSelector: Array<[string, string]> = [];
  const rc = d.runtimeClassName === undefined ? undefined : ctx.runtimeClasses.find(c => c.name === d.runtimeClassName);
  if (d.runtimeClassName !== undefined && !rc) {
    notes.push(`RuntimeClass "${d.runtimeClassName}" is not in the input: no overhead added (the API server refuses the pod if the class does not exist)`);
  }
  if (rc?.overhead) {
    if (pod.overhead && !sameAmounts(pod.overhead, rc.overhead.values)) return reject('pod rejected: Pod\'s Overhead doesn\'t match RuntimeClass\'s defined Overhead');
    overhead = new Map(rc.overhead.values);
  }
  if (rc) {
    for (const [k, v] of Object.entries(rc.nodeSelector).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const own = d.nodeSelector[k];
      if (own !== undefined && own !== v) return reject(`conflict: runtimeClass.scheduling.nodeSelector[${k}] = ${v}; pod.spec.nodeSelector[${k}] = ${own}`);
      if (own === undefined) runtimeNodeSelector.push([k, v]);
    }
  }
  const admitted: PodResources = { ...pod, overhead };
  const invalid = requestAboveLimit(admitted);
  if (invalid) return reject(invalid);
  const forbidden = ranges.map(l => limitRangeViolation(admitted, l, ctx.sidecarContainers)).find(v => v !== undefined);
  if (forbidden) return reject(forbidden);
  // A class missing from the input cannot be judged; no class, or a class without overhead, can.
  if (pod.overhead && !rc?.overhead && (d.runtimeClassName === undefined || rc !== undefined)) {
    return reject('pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead');
  }
  if (!ctx.sidecarContainers && pod.initContainers.some(c => c.sidecar)) {
    notes.push('restartPolicy: Always on an init container needs the SidecarContainers feature gate (off in 1.28): the API server drops it, '
      + 'the container counts as an ordinary init container and the pod waits in Init for it to exit');
  }
  return { requests: podRequests(admitted, ctx.sidecarContainers), runtimeNodeSelector, notes };
}

/** LimitRanger `mergePodResourceRequirements`: missing limits from `default`, missing requests from `defaultRequest`. */
function applyLimitRangeDefaults(pod: PodResources, ranges: readonly LimitRangeInfo[], notes: string[]): PodResources {
  const items = ranges.flatMap(l => l.items.filter(i => i.type === 'Container'));
  if (!items.length) return pod;
  const merge = (c: ContainerResources): ContainerResources => {
    const requests = new Map(c.requests);
    const limits = new Map(c.limits);
    const requestText = new Map(c.requestText);
    const limitText = new Map(c.limitText);
    const set: string[] = [];
    for (const item of items) {
      for (const [k, v] of item.default.values) {
        if (!limits.has(k)) {
          limits.set(k, v);
          limitText.set(k, item.default.text.get(k)!);
          set.push(`${k} limit`);
        }
      }
      for (const [k, v] of item.defaultRequest.values) {
        if (!requests.has(k)) {
          requests.set(k, v);
          requestText.set(k, item.defaultRequest.text.get(k)!);
          set.push(`${k} request`);
        }
      }
    }
    if (set.length) notes.push(`LimitRange set ${set.join(', ')} for container ${c.name}`);
    return { ...c, requests, limits, requestText, limitText };
  };
  return { ...pod, containers: pod.containers.map(merge), initContainers: pod.initContainers.map(merge) };
}

function sameAmounts(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  return a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
}

/** ValidateResourceRequirements: a request above its limit. */
function requestAboveLimit(pod: PodResources): string | undefined {
  for (const c of [...pod.containers, ...pod.initContainers]) {
    for (const [k, req] of c.requests) {
      const limit = c.limits.get(k);
      if (limit !== undefined && req > limit) {
        return `spec.${c.list}[${c.index}].resources.requests: Invalid value: "${c.requestText.get(k)}": must be less than or equal to ${k} limit of ${c.limitText.get(k)}`;
      }
    }
  }
  return undefined;
}

/** LimitRanger `PodValidateLimitFunc` for one LimitRange: the first violated constraint, in the plugin's words. */
function limitRangeViolation(pod: PodResources, range: LimitRangeInfo, sidecars: boolean): string | undefined {
  for (const item of range.items) {
    if (item.type === 'Container') {
      for (const c of [...pod.containers, ...pod.initContainers]) {
        const v = itemViolation(item, 'Container', c.requests, c.limits, c.requestText, c.limitText);
        if (v) return v;
      }
    } else if (item.type === 'Pod') {
      // Pod items: the whole pod's requests and limits, with the init/sidecar rule but without overhead.
      const noOverhead = { ...pod, overhead: undefined };
      const requests = podRequests(noOverhead, sidecars);
      const limits = podRequests(noOverhead, sidecars, c => c.limits);
      const v = itemViolation(item, 'Pod', requests, limits, textOf(requests), textOf(limits));
      if (v) return v;
    }
  }
  return undefined;
}

function textOf(amounts: ResourceAmounts): Map<string, string> {
  return new Map([...amounts].map(([k, v]) => [k, formatQuantity(v, k)]));
}

function itemViolation(item: LimitRangeItem, what: string, requests: ReadonlyMap<string, number>, limits: ReadonlyMap<string, number>,
  requestText: ReadonlyMap<string, string>, limitText: ReadonlyMap<string, string>): string | undefined {
  const shown = (q: Quantities, k: string) => q.text.get(k)!;
  for (const [k, min] of item.min.values) {
    const req = requests.get(k);
    if (req === undefined) return `minimum ${k} usage per ${what} is ${shown(item.min, k)}.  No request is specified`;
    if (req < min) return `minimum ${k} usage per ${what} is ${shown(item.min, k)}, but request is ${requestText.get(k)}`;
  }
  for (const [k, max] of item.max.values) {
    const limit = limits.get(k);
    if (limit === undefined) return `maximum ${k} usage per ${what} is ${shown(item.max, k)}.  No limit is specified`;
    if (limit > max) return `maximum ${k} usage per ${what} is ${shown(item.max, k)}, but limit is ${limitText.get(k)}`;
  }
  for (const k of item.maxLimitRequestRatio.values.keys()) {
    const req = requests.get(k) ?? 0;
    const limit = limits.get(k) ?? 0;
    const max = shown(item.maxLimitRequestRatio, k);
    if (req === 0) return `${k} max limit to request ratio per ${what} is ${max}, but no request is specified or request is 0`;
    if (limit === 0) return `${k} max limit to request ratio per ${what} is ${max}, but no limit is specified or limit is 0`;
    // Both sides in the same unit, so the ratio is unit-free; the allowed ratio is read to the milli.
    const observed = limit / req;
    const allowed = (parseQuantity(max, 'cpu') ?? 0) / 1000;
    if (observed > allowed) return `${k} max limit to request ratio per ${what} is ${max}, but provided ratio is ${observed.toFixed(6)}`;
  }
  return undefined;
}
