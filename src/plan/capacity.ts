import { DaemonSpec } from './daemonset-parser';
import { formatQuantity, parseQuantity, round } from './quantity';
import { PendingPod, ResourceUse } from './report';

/** The cost of the daemons that land on one node, and the ones that do not fit. */
export interface NodeCapacity {
  readonly cpu: ResourceUse;
  readonly memory: ResourceUse;
  readonly pods: ResourceUse;
  readonly extended: ResourceUse[];
  readonly pending: PendingPod[];
  /** The input positions (`order`) of the pending daemons, in the same order as `pending`. */
  readonly pendingOrders: number[];
}

/**
 * Sums the requests of the daemons landing on a node and replays the scheduler's NodeResourcesFit on an
 * otherwise empty node: pods are placed highest priority first (as the scheduling queue orders them,
 * and as preemption would settle it), then in input order; a pod that does not fit stays Pending.
 * A pod needs one pod slot, and every resource it requests above 0 must fit what is left.
 * `landing` must already be in that order.
 */
export function nodeCapacity(allocatable: Readonly<Record<string, string>>, landing: readonly DaemonSpec[]): NodeCapacity {
  const alloc = (resource: string): number => {
    const raw = allocatable[resource];
    return raw === undefined ? 0 : parseQuantity(raw, resource) ?? 0;
  };
  const requested = new Map<string, number>();
  const placed = new Map<string, number>();
  const pending: PendingPod[] = [];
  const pendingOrders: number[] = [];
  const podSlots = alloc('pods');
  let podsPlaced = 0;
  for (const ds of landing) {
    for (const [resource, amount] of ds.requests) requested.set(resource, (requested.get(resource) ?? 0) + amount);
    const reason = podsPlaced + 1 > podSlots ? `Too many pods: ${podSlots} allowed` : insufficient(ds, placed, alloc);
    if (reason) {
      pending.push({ daemonSet: ds.id, reason });
      pendingOrders.push(ds.order);
      continue;
    }
    podsPlaced++;
    for (const [resource, amount] of ds.requests) placed.set(resource, (placed.get(resource) ?? 0) + amount);
  }
  const use = (resource: string, amount: number): ResourceUse => {
    const total = alloc(resource);
    const percent = total > 0 ? round((amount / total) * 100, 1) : amount > 0 ? 100 : 0;
    return { resource, requested: amount, allocatable: total, percent };
  };
  const extended = [...requested.keys()]
    .filter(r => r !== 'cpu' && r !== 'memory' && requested.get(r)! > 0)
    .sort()
    .map(r => use(r, requested.get(r)!));
  return {
    cpu: use('cpu', requested.get('cpu') ?? 0),
    memory: use('memory', requested.get('memory') ?? 0),
    pods: use('pods', landing.length),
    extended,
    pending,
    pendingOrders,
  };
}

const FIRST = ['cpu', 'memory', 'ephemeral-storage'];

/** Every resource the pod requests that no longer fits, in the scheduler's order (cpu, memory, storage, others). */
function insufficient(ds: DaemonSpec, placed: Map<string, number>, alloc: (r: string) => number): string | undefined {
  const resources = [...ds.requests.keys()].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const reasons: string[] = [];
  for (const resource of resources) {
    const amount = ds.requests.get(resource)!;
    if (amount <= 0) continue;
    const total = alloc(resource);
    const free = total - (placed.get(resource) ?? 0);
    if (amount > free) {
      const f = (v: number) => formatQuantity(v, resource);
      reasons.push(total === 0
        ? `Insufficient ${resource}: requests ${f(amount)}, the node has none`
        : `Insufficient ${resource}: requests ${f(amount)}, ${f(Math.max(free, 0))} free of ${f(total)}`);
    }
  }
  return reasons.length ? reasons.join('; ') : undefined;
}

function rank(resource: string): number {
  const i = FIRST.indexOf(resource);
  return i === -1 ? FIRST.length : i;
}
