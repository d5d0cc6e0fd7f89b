import { budgetSelects, DisruptionBudgetInfo } from './cluster-objects';
import { NodeSim, SimPod } from './node-fit';

export const NO_VICTIMS = 'No preemption victims found for incoming pod';
export const NOT_ELIGIBLE_NEVER = 'not eligible due to preemptionPolicy=Never.';
export const NOT_HELPFUL = 'Preemption is not helpful for scheduling';

/** The outcome of `SelectVictimsOnNode` for one pod on one node. */
export type VictimSelection =
  | { readonly victims: SimPod[]; readonly pdbViolations: number }
  | { readonly failure: string };

/**
 * DefaultPreemption's `SelectVictimsOnNode` (DPRE 139-229): every pod of strictly lower priority is a
 * candidate; with all of them gone the pod must fit, else the node fails with that filter's reasons.
 * Candidates are sorted by MoreImportantPod (higher priority, then earlier start; ties by namespace/name
 * here), split into PDB-violating and other pods, and put back one by one (violating first), each staying
 * a victim only when the pod no longer fits with it.
 */
export function selectVictims(sim: NodeSim, p: SimPod, budgets: readonly DisruptionBudgetInfo[]): VictimSelection {
  const potential = sim.pods.filter(q => q.priority < p.priority);
  if (potential.length === 0) return { failure: NO_VICTIMS };
  const used = Float64Array.from(sim.used);
  let count = sim.count;
  const removed = new Set<SimPod>(potential);
  for (const q of potential) {
    count--;
    for (let i = 0; i < used.length; i++) used[i] -= q.req[i];
  }
  const still = sim.check(p, used, count, removed);
  if (still.length) return { failure: [...still].sort().join(', ') };
  potential.sort(moreImportant);
  const { violating, others } = splitByBudget(potential, budgets);
  const victims: SimPod[] = [];
  let pdbViolations = 0;
  const reprieve = (q: SimPod, violates: boolean) => {
    removed.delete(q);
    count++;
    for (let i = 0; i < used.length; i++) used[i] += q.req[i];
    if (sim.check(p, used, count, removed).length === 0) return;
    removed.add(q);
    count--;
    for (let i = 0; i < used.length; i++) used[i] -= q.req[i];
    victims.push(q);
    if (violates) pdbViolations++;
  };
  for (const q of violating) reprieve(q, true);
  for (const q of others) reprieve(q, false);
  return { victims, pdbViolations };
}

/** `MoreImportantPod`: higher priority first, then the earlier start; namespace/name breaks the ties Go leaves open. */
export function moreImportant(a: SimPod, b: SimPod): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  if (a.startTime !== b.startTime) return a.startTime < b.startTime ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * `filterPodsWithPDBViolation` (DPRE 290-336): walking the pods in order, each matching PDB of the pod's
 * namespace loses one allowed disruption (pods listed in disruptedPods are skipped); a pod that takes
 * any PDB below zero is violating. The order within each group is kept.
 */
function splitByBudget(pods: readonly SimPod[], budgets: readonly DisruptionBudgetInfo[]): { violating: SimPod[]; others: SimPod[] } {
  if (budgets.length === 0) return { violating: [], others: [...pods] };
  const allowed = budgets.map(b => b.disruptionsAllowed);
  const violating: SimPod[] = [];
  const others: SimPod[] = [];
  for (const pod of pods) {
    const name = pod.id.slice(pod.namespace.length + 1);
    let violated = false;
    if (Object.keys(pod.labels).length) {
      budgets.forEach((pdb, i) => {
        if (pdb.namespace !== pod.namespace || !budgetSelects(pdb, pod.labels) || pdb.disruptedPods.has(name)) return;
        allowed[i]--;
        if (allowed[i] < 0) violated = true;
      });
    }
    (violated ? violating : others).push(pod);
  }
  return { violating, others };
}
