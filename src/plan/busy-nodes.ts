import { DisruptionBudgetInfo } from './cluster-objects';
import { ExistingPod } from './cluster-pods';
import { DaemonSpec } from './daemonset-parser';
import { NodeSim, requestsNothing, ResourceIndex, SimPod } from './node-fit';
import { InventoryNode } from './node-parser';
import { NOT_ELIGIBLE_NEVER, NOT_HELPFUL, selectVictims } from './preemption';
import { parseQuantity } from './quantity';
import { FitPending, FitPreemption, NodePreemption, PendingPod, ResourceAmount } from './report';

/** A daemon pod ready for the scheduler: admitted, with its requests over the resource index. */
export interface ScheduledDaemon {
  readonly spec: DaemonSpec;
  readonly pod: SimPod;
  readonly preemptionPolicy: string;
  /** RuntimeClass nodeSelector entries the controller did not see. */
  readonly runtimeNodeSelector: ReadonlyArray<readonly [string, string]>;
}

/** What happens on one node. */
export interface NodeOutcome {
  readonly existingPods: number;
  readonly pending: PendingPod[];
  readonly preemptions: NodePreemption[];
  readonly left: ResourceAmount[];
  /** CPU (millicores) and memory (bytes) of the daemon pods that got a place. */
  readonly reservedCpu: number;
  readonly reservedMemory: number;
}

/** Per DaemonSet, the scheduler's answer on each node (filled in node order). */
export interface MutableFit {
  readonly runs: string[];
  readonly preempts: FitPreemption[];
  readonly pending: FitPending[];
}

export const AFFINITY_REASON = 'node(s) didn\'t match Pod\'s node affinity/selector';

/** The pods of the pod list by node, as the scheduler sees them. */
export interface PodsOnNodes {
  readonly bound: Map<string, SimPod[]>;
  readonly nominated: Map<string, SimPod[]>;
  readonly replaced: number;
  readonly onOtherNodes: number;
  readonly counted: number;
  readonly nominatedCount: number;
}

/**
 * Groups existing pods by node, leaving out the pods of the DaemonSets being planned (the plan places them
 * afresh, as a delete-then-create rollout does) and pods on nodes outside the inventory.
 */
export function podsOnNodes(pods: readonly ExistingPod[], planned: ReadonlySet<string>, nodeNames: ReadonlySet<string>,
  resources: ResourceIndex): PodsOnNodes {
  const bound = new Map<string, SimPod[]>();
  const nominated = new Map<string, SimPod[]>();
  let replaced = 0;
  let onOtherNodes = 0;
  let counted = 0;
  let nominatedCount = 0;
  for (const p of pods) {
    if (p.ownerDaemonSet !== undefined && planned.has(p.ownerDaemonSet)) {
      replaced++;
      continue;
    }
    if (!nodeNames.has(p.nodeName)) {
      onOtherNodes++;
      continue;
    }
    const req = resources.vector(p.requests);
    const sim: SimPod = {
      id: p.id,
      namespace: p.namespace,
      priority: p.priority,
      req,
      requestsNothing: requestsNothing(req),
      ports: p.hostPorts,
      startTime: p.startTime,
      labels: p.labels,
      gracePeriodSeconds: p.gracePeriodSeconds,
    };
    const into = p.nominated ? nominated : bound;
    if (p.nominated) nominatedCount++;
    else counted++;
    const list = into.get(p.nodeName);
    if (list) list.push(sim);
    else into.set(p.nodeName, [sim]);
  }
  return { bound, nominated, replaced, onOtherNodes, counted, nominatedCount };
}

/**
 * Replays the scheduler on every node: the daemons that land there (already in scheduling order: higher
 * priority first, then namespace/name) are filtered against allocatable minus the pods already there and
 * the daemons placed before them; a pod that does not fit preempts when it may, else stays Pending. Each
 * pod that gets a place counts as bound before the next one is tried.
 */
export function scheduleNodes(
  nodes: readonly InventoryNode[], classOf: Int32Array, landing: ReadonlyArray<readonly ScheduledDaemon[]>, pods: PodsOnNodes,
  budgets: readonly DisruptionBudgetInfo[], resources: ResourceIndex, fits: ReadonlyMap<number, MutableFit>,
): NodeOutcome[] {
  const allocCache = new Map<Readonly<Record<string, string>>, { alloc: number[]; allowed: number }>();
  const out = new Array<NodeOutcome>(nodes.length);
  for (let n = 0; n < nodes.length; n++) {
    const node = nodes[n];
    let a = allocCache.get(node.allocatable);
    if (!a) {
      a = allocatableOf(node.allocatable, resources);
      allocCache.set(node.allocatable, a);
    }
    const sim = new NodeSim(node.name, node.labels, resources, a.alloc, a.allowed);
    for (const p of pods.bound.get(node.name) ?? []) sim.bind(p);
    sim.nominated = pods.nominated.get(node.name) ?? [];
    const existingPods = sim.count;
    const pending: PendingPod[] = [];
    const preemptions: NodePreemption[] = [];
    let reservedCpu = 0;
    let reservedMemory = 0;
    for (const d of landing[classOf[n]]) {
      const fit = fits.get(d.spec.order)!;
      const placed = place(sim, d, budgets);
      if (placed.pending) {
        pending.push({ daemonSet: d.spec.id, ...placed.pending });
        fit.pending.push({ node: node.name, ...placed.pending });
        continue;
      }
      reservedCpu += d.pod.req[0];
      reservedMemory += d.pod.req[1];
      if (placed.victims) {
        const victims = placed.victims.map(v => v.id);
        preemptions.push({ daemonSet: d.spec.id, victims });
        const gracePeriodSeconds = Math.max(0, ...placed.victims.map(v => v.gracePeriodSeconds));
        fit.preempts.push({ node: node.name, victims, pdbViolations: placed.pdbViolations, gracePeriodSeconds });
      } else {
        fit.runs.push(node.name);
      }
    }
    out[n] = { existingPods, pending, preemptions, left: leftOn(sim), reservedCpu, reservedMemory };
  }
  return out;
}

type Placed =
  | { pending: { reason: string; detail: string; preemption: string }; victims?: undefined; pdbViolations?: undefined }
  | { pending?: undefined; victims?: SimPod[]; pdbViolations: number };

const RUNS: Placed = { pdbViolations: 0 };

function place(sim: NodeSim, d: ScheduledDaemon, budgets: readonly DisruptionBudgetInfo[]): Placed {
  if (d.runtimeNodeSelector.some(([k, v]) => sim.labels[k] !== v)) {
    return { pending: { reason: AFFINITY_REASON, detail: `RuntimeClass nodeSelector ${d.runtimeNodeSelector.map(([k, v]) => `${k}=${v}`).join(', ')}`, preemption: NOT_HELPFUL } };
  }
  const reasons = sim.check(d.pod, sim.used, sim.count);
  if (reasons.length === 0) {
    sim.bind(d.pod);
    return RUNS;
  }
  const reason = [...reasons].sort().join(', ');
  const detail = sim.detail(d.pod, reasons);
  if (d.preemptionPolicy === 'Never') return { pending: { reason, detail, preemption: NOT_ELIGIBLE_NEVER } };
  const selection = selectVictims(sim, d.pod, budgets);
  if ('failure' in selection) return { pending: { reason, detail, preemption: selection.failure } };
  sim.remove(new Set(selection.victims));
  // Lower-priority pods nominated to this node lose their nomination (getLowerPriorityNominatedPods).
  if (sim.nominated.length) sim.nominated = sim.nominated.filter(p => p.priority >= d.pod.priority);
  sim.bind(d.pod);
  return { victims: selection.victims, pdbViolations: selection.pdbViolations };
}

function allocatableOf(allocatable: Readonly<Record<string, string>>, resources: ResourceIndex): { alloc: number[]; allowed: number } {
  const amounts = new Map<string, number>();
  for (const r of resources.names) {
    const raw = allocatable[r];
    amounts.set(r, raw === undefined ? 0 : parseQuantity(raw, r) ?? 0);
  }
  const pods = allocatable.pods;
  return { alloc: resources.vector(amounts), allowed: pods === undefined ? 0 : parseQuantity(pods, 'pods') ?? 0 };
}

function leftOn(sim: NodeSim): ResourceAmount[] {
  const out: ResourceAmount[] = [];
  sim.resources.names.forEach((resource, i) => {
    if (i < 2 || sim.alloc[i] > 0) out.push({ resource, amount: sim.alloc[i] - sim.used[i] });
  });
  out.push({ resource: 'pods', amount: sim.allowedPods - sim.count });
  return out;
}
