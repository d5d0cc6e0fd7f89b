import { nodeCapacity, NodeCapacity } from './capacity';
import { DaemonSpec } from './daemonset-parser';
import { portsConflict } from './host-ports';
import { ManifestSet, selects, ServiceInfo } from './manifest-set';
import { classifyNodes, NodeClass } from './node-classes';
import { InventoryNode } from './node-parser';
import { placeDaemon, Skip } from './placement';
import { resolvePriority, ResolvedPriority } from './priorities';
import { findProblems, PendingSummary } from './problems';
import { DaemonSetPlan, ExistingPods, HostPortClash, NodePlan, NodeSkip, PlanReport } from './report';
import { planRollout, RolloutResult } from './rollout-plan';

/**
 * Predicts, for every DaemonSet and node, what the DaemonSet controller and the scheduler will do.
 * Placement is decided once per node class (nodes alike in every way placement reads), then spread to the
 * nodes; the result is the same as deciding it node by node (the property tests check this against a
 * plain per-node reference).
 */
export function buildPlan(inventory: string, nodes: readonly InventoryNode[], manifests: ManifestSet): PlanReport {
  const daemons = manifests.daemonSets;
  const { classes, classOf } = classifyNodes(nodes, daemons);
  const outcome: Array<Array<Skip | undefined>> = classes.map(c => {
    const rep = c.representative;
    return daemons.map(d => placeDaemon(d, rep.name, rep.labels, rep.taints));
  });
  const classSizes = new Array<number>(classes.length).fill(0);
  for (let i = 0; i < nodes.length; i++) classSizes[classOf[i]]++;

  const priorities = daemons.map(d => resolvePriority(d, manifests.priorityClasses));
  const byPriority = [...daemons].sort((a, b) => priorities[b.order].value - priorities[a.order].value || a.order - b.order);
  const landing = classes.map(c => byPriority.filter(d => !outcome[c.id][d.order]));

  const placements = daemons.map(d => spreadPlacement(d, nodes, classOf, outcome));
  const rollouts = daemons.map((d, i) => planRollout({ ...d, usesHostPorts: d.hostPorts.length > 0 }, placements[i].nodeNames.length));
  const { nodePlans, pending } = planNodes(nodes, classes, classOf, landing, daemons);
  const hostPortClashes = findClashes(nodes, classes, classOf, landing);
  const daemonSets = daemons.map((d, i) => daemonPlan(d, placements[i], priorities[i], rollouts[i], servicesSelecting(d, manifests.services)));
  const problems = findProblems({
    daemons,
    plans: daemonSets,
    classes,
    classSizes,
    outcome,
    pending,
    hostPortClashes,
    rollouts,
    priorities,
    services: manifests.services,
    nodeCount: nodes.length,
  });
  return { inventory, nodeCount: nodes.length, daemonSets, nodes: nodePlans, hostPortClashes, problems };
}

interface Placement {
  readonly nodeNames: string[];
  readonly skips: NodeSkip[];
}

/** The node names a daemon runs on and the skipped ones grouped by reason, in inventory order. */
function spreadPlacement(d: DaemonSpec, nodes: readonly InventoryNode[], classOf: Int32Array, outcome: Array<Array<Skip | undefined>>): Placement {
  const nodeNames: string[] = [];
  const groups = new Map<string, NodeSkip>();
  const targets = outcome.map(row => {
    const skip = row[d.order];
    if (!skip) return nodeNames;
    const key = `${skip.reason}\u0000${skip.detail}`;
    let group = groups.get(key);
    if (!group) {
      group = { reason: skip.reason, detail: skip.detail, existingPods: skip.existingPods, nodeNames: [] };
      groups.set(key, group);
    }
    return group.nodeNames;
  });
  for (let i = 0; i < nodes.length; i++) targets[classOf[i]].push(nodes[i].name);
  return { nodeNames, skips: [...groups.values()] };
}

function daemonPlan(d: DaemonSpec, placement: Placement, priority: ResolvedPriority, rollout: RolloutResult, services: string[]): DaemonSetPlan {
  const count = (fate: ExistingPods) => placement.skips.filter(s => s.existingPods === fate).reduce((n, s) => n + s.nodeNames.length, 0);
  return {
    id: d.id,
    name: d.name,
    namespace: d.namespace,
    source: d.source,
    desiredNumberScheduled: placement.nodeNames.length,
    nodeNames: placement.nodeNames,
    skips: placement.skips,
    misscheduledNodeCount: count(ExistingPods.KEPT_MISSCHEDULED),
    evictedNodeCount: count(ExistingPods.EVICTED),
    requests: [...d.requests].map(([resource, amount]) => ({ resource, amount })),
    hostNetwork: d.hostNetwork,
    hostPorts: d.hostPorts.map(p => p.text),
    priorityClassName: d.priorityClassName,
    priority: priority.value,
    rollout: rollout.plan,
    services,
  };
}

/** Per node: the daemons landing there, their cost against allocatable, and those left Pending. */
function planNodes(
  nodes: readonly InventoryNode[], classes: NodeClass[], classOf: Int32Array, landing: DaemonSpec[][], daemons: readonly DaemonSpec[],
) {
  const extendedResources = new Set<string>();
  for (const d of daemons) for (const r of d.requests.keys()) if (r !== 'cpu' && r !== 'memory') extendedResources.add(r);
  const resourceKeys = ['cpu', 'memory', 'pods', ...extendedResources];
  const ids = landing.map(ds => [...ds].sort((a, b) => a.order - b.order).map(d => d.id));
  const cache = new Map<string, NodeCapacity>();
  const pending = new Map<number, PendingSummary>();
  const nodePlans = new Array<NodePlan>(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    const c = classOf[i];
    let key = String(c);
    for (const r of resourceKeys) key += `\u0000${node.allocatable[r] ?? ''}`;
    let capacity = cache.get(key);
    if (!capacity) {
      capacity = nodeCapacity(node.allocatable, landing[c]);
      cache.set(key, capacity);
    }
    capacity.pendingOrders.forEach((order, k) => {
      const summary = pending.get(order);
      if (summary) summary.nodes++;
      else pending.set(order, { nodes: 1, firstNode: node.name, firstReason: capacity!.pending[k].reason });
    });
    const roles = classes[c].roles;
    nodePlans[i] = {
      name: node.name,
      os: roles.os,
      arch: roles.arch,
      controlPlane: roles.controlPlane,
      daemonSets: ids[c],
      cpu: capacity.cpu,
      memory: capacity.memory,
      pods: capacity.pods,
      extended: capacity.extended,
      pending: capacity.pending,
    };
  }
  return { nodePlans, pending };
}

/** Pairs of daemons landing on the same nodes with conflicting host ports, with those nodes. */
function findClashes(nodes: readonly InventoryNode[], classes: NodeClass[], classOf: Int32Array, landing: DaemonSpec[][]): HostPortClash[] {
  const clashes = new Map<string, HostPortClash>();
  const perClass = classes.map(c => {
    const found: HostPortClash[] = [];
    const withPorts = [...landing[c.id]].filter(d => d.hostPorts.length).sort((a, b) => a.order - b.order);
    for (let a = 0; a < withPorts.length; a++) {
      for (let b = a + 1; b < withPorts.length; b++) {
        for (const pa of withPorts[a].hostPorts) {
          for (const pb of withPorts[b].hostPorts) {
            if (!portsConflict(pa, pb)) continue;
            const key = [withPorts[a].id, withPorts[b].id, pa.text, pb.text].join('\u0000');
            let clash = clashes.get(key);
            if (!clash) {
              clash = { daemonSets: [withPorts[a].id, withPorts[b].id], hostPorts: [pa.text, pb.text], nodeNames: [] };
              clashes.set(key, clash);
            }
            found.push(clash);
          }
        }
      }
    }
    return found;
  });
  for (let i = 0; i < nodes.length; i++) for (const clash of perClass[classOf[i]]) clash.nodeNames.push(nodes[i].name);
  return [...clashes.values()];
}

/** `namespace/name` of the input's Services whose selector picks this daemon's pods. */
function servicesSelecting(d: DaemonSpec, services: readonly ServiceInfo[]): string[] {
  return services.filter(s => selects(s, d)).map(s => s.id);
}
