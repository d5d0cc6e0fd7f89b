import { NodePlan, ResourceUse } from './report';

/** Nodes with the same daemons, the same allocatable and the same outcome: one row in a large report. */
export interface NodeProfile {
  /** The first node of the profile; every other node looks the same to the planner. */
  readonly plan: NodePlan;
  readonly nodeNames: string[];
  /** The plans of all its nodes (they differ in what is left: the pods already there). */
  readonly plans: NodePlan[];
}

/** Above this many nodes, reports show profiles instead of one row per node. */
export const PROFILE_THRESHOLD = 60;

/**
 * Groups nodes whose plans differ only by name and by what is left on them (which depends on every pod
 * there), in order of first appearance: the same daemons, allocatable, class and outcomes.
 */
export function nodeProfiles(nodes: readonly NodePlan[]): NodeProfile[] {
  const byKey = new Map<string, NodeProfile>();
  for (const n of nodes) {
    const key = profileKey(n);
    const profile = byKey.get(key);
    if (profile) {
      profile.nodeNames.push(n.name);
      profile.plans.push(n);
    } else {
      byKey.set(key, { plan: n, nodeNames: [n.name], plans: [n] });
    }
  }
  return [...byKey.values()];
}

function profileKey(n: NodePlan): string {
  const use = (u: ResourceUse) => `${u.resource}=${u.requested}/${u.allocatable}`;
  return [n.os, n.arch, n.controlPlane, n.daemonSets.join(','), use(n.cpu), use(n.memory), use(n.pods),
    n.extended.map(use).join(','), n.pending.map(p => `${p.daemonSet}:${p.reason}:${p.preemption}`).join(','), n.nodeClass,
    n.preemptions.map(p => p.daemonSet).join(',')].join('|');
}
