import { HostPort, portsConflict } from './host-ports';
import { formatQuantity } from './quantity';

/** A pod as the scheduler's filters see it: requests over the planner's resource list, ports, priority. */
export interface SimPod {
  /** `namespace/name` for existing pods; the DaemonSet id for daemon pods. */
  readonly id: string;
  readonly namespace: string;
  readonly priority: number;
  /** Requests by position in `ResourceIndex.names`. */
  readonly req: readonly number[];
  /** True when the pod requests none of cpu, memory, ephemeral-storage or a scalar resource. */
  readonly requestsNothing: boolean;
  readonly ports: readonly HostPort[];
  /** ms; +Infinity when not started. */
  readonly startTime: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly gracePeriodSeconds: number;
  /** Set for the daemon pods this plan places. */
  readonly daemonSet?: string;
}

/**
 * The resources NodeResourcesFit compares, in its order: cpu, memory, ephemeral-storage, then the
 * scalar resources (extended `vendor/name`, `hugepages-*`, `*kubernetes.io/*`, `attachable-volumes-*`)
 * by name. Only resources some daemon pod requests can fail a fit, so only those are tracked.
 */
export class ResourceIndex {
  public readonly names: string[];
  private readonly position = new Map<string, number>();

  constructor(requested: Iterable<string>) {
    const scalars = new Set<string>();
    for (const r of requested) if (isScalarResource(r)) scalars.add(r);
    this.names = ['cpu', 'memory', 'ephemeral-storage', ...[...scalars].sort()];
    this.names.forEach((n, i) => this.position.set(n, i));
  }

  /** The amounts of `amounts` that the scheduler compares, as a vector. */
  public vector(amounts: ReadonlyMap<string, number>): number[] {
    const v = this.names.map(() => 0);
    for (const [k, n] of amounts) {
      const i = this.position.get(k);
      if (i !== undefined) v[i] = n;
    }
    return v;
  }
}

/** `schedutil.IsScalarResourceName`: extended and prefixed native resources, hugepages, attachable volumes. */
export function isScalarResource(name: string): boolean {
  return name.includes('/') || name.startsWith('hugepages-') || name.startsWith('attachable-volumes-');
}

/** True when the pod requests nothing the scheduler compares (FIT stops after the pod count then). */
export function requestsNothing(req: readonly number[]): boolean {
  for (let i = 0; i < req.length; i++) if (req[i] !== 0) return false;
  return true;
}

/** The answer of `check` when the pod fits. */
const FITS: readonly string[] = [];
const NONE: readonly SimPod[] = [];

export const PORTS_REASON = 'node(s) didn\'t have free ports for the requested pod ports';
export const TOO_MANY_PODS = 'Too many pods';

/** The room on one node, and the pods there, while the plan places daemons on it. */
export class NodeSim {
  public readonly used: Float64Array;
  public count = 0;
  public readonly pods: SimPod[] = [];
  /** Nominated (not yet bound) pods; they count for pods of lower or equal priority. */
  public nominated: SimPod[] = [];

  constructor(
    public readonly name: string,
    public readonly labels: Readonly<Record<string, string>>,
    public readonly resources: ResourceIndex,
    /** Allocatable by resource position. */
    public readonly alloc: readonly number[],
    /** `AllowedPodNumber`: allocatable pods. */
    public readonly allowedPods: number,
  ) {
    this.used = new Float64Array(alloc.length);
  }

  public bind(p: SimPod): void {
    this.pods.push(p);
    this.count++;
    for (let i = 0; i < p.req.length; i++) this.used[i] += p.req[i];
  }

  public remove(victims: ReadonlySet<SimPod>): void {
    for (const p of victims) {
      this.count--;
      for (let i = 0; i < p.req.length; i++) this.used[i] -= p.req[i];
    }
    const kept = this.pods.filter(p => !victims.has(p));
    this.pods.length = 0;
    this.pods.push(...kept);
  }

  /** Nominated pods that count for a pod of this priority (RunFilterPluginsWithNominatedPods: priority >= it). */
  public nominatedFor(priority: number): SimPod[] {
    return this.nominated.length ? this.nominated.filter(n => n.priority >= priority) : this.nominated;
  }

  /**
   * NodePorts, then NodeResourcesFit, for `p` on this node as it would be with `used`/`count` and without
   * the `removed` pods: [] when it fits, else the failing filter's reasons. The filter loop stops at the
   * first failing plugin, so a port conflict hides resource reasons.
   */
  public check(p: SimPod, used: Float64Array, count: number, removed?: ReadonlySet<SimPod>): readonly string[] {
    const extra = this.nominated.length ? this.nominatedFor(p.priority) : NONE;
    if (p.ports.length && this.portTaken(p, removed, extra)) return [PORTS_REASON];
    let reasons: string[] | undefined;
    if (count + extra.length + 1 > this.allowedPods) reasons = [TOO_MANY_PODS];
    if (p.requestsNothing) return reasons ?? FITS;
    const req = p.req;
    const alloc = this.alloc;
    for (let i = 0; i < req.length; i++) {
      const want = req[i];
      if (want <= 0) continue;
      let taken = used[i];
      for (const n of extra) taken += n.req[i];
      if (want > alloc[i] - taken) (reasons ??= []).push(`Insufficient ${this.resources.names[i]}`);
    }
    return reasons ?? FITS;
  }

  /** The numbers behind resource reasons: `cpu: requests 600m, 500m free of 1`. */
  public detail(p: SimPod, reasons: readonly string[]): string {
    const parts: string[] = [];
    for (const reason of reasons) {
      if (reason === TOO_MANY_PODS) {
        parts.push(`pods: ${this.count} of ${this.allowedPods} taken`);
        continue;
      }
      const i = this.resources.names.indexOf(reason.replace(/^Insufficient /, ''));
      if (i < 0) continue;
      const r = this.resources.names[i];
      const f = (v: number) => formatQuantity(v, r);
      parts.push(this.alloc[i] === 0 ? `${r}: requests ${f(p.req[i])}, the node has none`
        : `${r}: requests ${f(p.req[i])}, ${f(Math.max(this.alloc[i] - this.used[i], 0))} free of ${f(this.alloc[i])}`);
    }
    return parts.join('; ');
  }

  private portTaken(p: SimPod, removed: ReadonlySet<SimPod> | undefined, extra: readonly SimPod[]): boolean {
    return this.heldIn(p, this.pods, removed) || (extra.length > 0 && this.heldIn(p, extra, removed));
  }

  private heldIn(p: SimPod, holders: readonly SimPod[], removed: ReadonlySet<SimPod> | undefined): boolean {
    for (const q of holders) {
      if (!q.ports.length || removed?.has(q)) continue;
      for (const want of p.ports) for (const have of q.ports) if (portsConflict(want, have)) return true;
    }
    return false;
  }
}
