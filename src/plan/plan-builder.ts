import { admitDaemonPod, AdmittedPod } from './admission';
import { MutableFit, NodeOutcome, podsOnNodes, ScheduledDaemon, scheduleNodes } from './busy-nodes';
import { nodeCapacity, NodeCapacity } from './capacity';
import { ClusterPods } from './cluster-pods';
import { daemonCost, nodeClassOf } from './daemon-cost';
import { DaemonSpec } from './daemonset-parser';
import { portsConflict } from './host-ports';
import { ManifestSet, selects, ServiceInfo } from './manifest-set';
import { classifyNodes, NodeClass } from './node-classes';
import { requestsNothing, ResourceIndex } from './node-fit';
import { InventoryNode } from './node-parser';
import { placeDaemon, Skip } from './placement';
import { resolvePriority, ResolvedPriority } from './priorities';
import { findProblems } from './problems';
import { DaemonSetFit, DaemonSetPlan, ExistingPods, HostPortClash, NodePlan, NodeSkip, PlanReport } from './report';
import { planRollout, RolloutResult } from './rollout-plan';

/** How the cluster is set up, beyond its nodes and the manifests. */
export interface PlanSettings {
  /** The pods already on the nodes (`kubectl get pods -A -o json`); nodes are empty without it. */
  readonly pods?: ClusterPods;
  /** The SidecarContainers feature gate (alpha and off in 1.28). */
  readonly sidecarContainers: boolean;
}

/**
 * Predicts, for every DaemonSet and node, what the DaemonSet controller, admission and the scheduler
 * will do. Placement is decided once per node class (nodes alike in every way placement reads), then
 * spread to the nodes; the result is the same as deciding it node by node (the property tests check this
 * against a plain per-node reference). Scheduling is replayed node by node against the pods there.
 */
export function buildPlan(inventory: string, nodes: readonly InventoryNode[], manifests: ManifestSet, settings: PlanSettings): PlanReport {
  const daemons = manifests.daemonSets;
  const { classes, classOf } = classifyNodes(nodes, daemons);
  const outcome: Array<Array<Skip | undefined>> = classes.map(c => {
    const rep = c.representative;
    return daemons.map(d => placeDaemon(d, rep.name, rep.labels, rep.taints));
  });
  const classSizes = new Array<number>(classes.length).fill(0);
  for (let i = 0; i < nodes.length; i++) classSizes[classOf[i]]++;

  const priorities = daemons.map(d => resolvePriority(d, manifests.priorityClasses, settings.pods?.observedPriorities));
  const admitted = daemons.map((d, i) => admitDaemonPod(d, priorities[i], { ...manifests, sidecarContainers: settings.sidecarContainers }));
  const resources = new ResourceIndex(daemons.filter(d => !admitted[d.order].rejection).flatMap(d => [...admitted[d.order].requests.keys()]));
  const scheduled = scheduleOrder(daemons, priorities, admitted, resources);
  const landing = classes.map(c => scheduled.filter(s => !outcome[c.id][s.spec.order]));

  const placements = daemons.map(d => spreadPlacement(d, nodes, classOf, outcome));
  const rollouts = daemons.map((d, i) => planRollout({ ...d, usesHostPorts: d.hostPorts.length > 0 }, placements[i].nodeNames.length));
  const planned = new Set(daemons.map(d => `${d.namespace ?? 'default'}/${d.name}`));
  const pods = podsOnNodes(settings.pods?.pods ?? [], planned, new Set(nodes.map(n => n.name)), resources);
  const fits = new Map<number, MutableFit>(daemons.map(d => [d.order, { runs: [], preempts: [], pending: [] }]));
  const outcomes = scheduleNodes(nodes, classOf, landing, pods, manifests.disruptionBudgets, resources, fits);
  const nodePlans = planNodes(nodes, classes, classOf, landing, admitted, outcomes);
  const hostPortClashes = findClashes(nodes, classes, classOf, landing.map(l => l.map(s => s.spec)));
  const daemonSets = daemons.map((d, i) => daemonPlan(d, placements[i], priorities[i], admitted[i], rollouts[i],
    servicesSelecting(d, manifests.services), fitOf(fits.get(d.order)!, admitted[i], placements[i].nodeNames)));
  const problems = findProblems({
    daemons,
    plans: daemonSets,
    classes,
    classSizes,
    outcome,
    hostPortClashes,
    rollouts,
    priorities,
    admitted,
    services: manifests.services,
    nodeCount: nodes.length,
  });
  const podsSummary = settings.pods && {
    source: settings.pods.source,
    counted: pods.counted,
    nominated: pods.nominatedCount,
    terminated: settings.pods.terminated,
    unscheduled: settings.pods.unscheduled,
    replaced: pods.replaced,
    onOtherNodes: pods.onOtherNodes,
  };
  return {
    inventory,
    nodeCount: nodes.length,
    daemonSets,
    nodes: nodePlans,
    hostPortClashes,
    problems,
    cost: daemonCost(nodes, nodePlans, outcomes),
    pods: podsSummary,
  };
}

/**
 * The admitted daemon pods in the order the scheduling queue pops them: higher priority first, then
 * namespace/name. Refused pods are left out: they do not exist.
 */
function scheduleOrder(daemons: readonly DaemonSpec[], priorities: readonly ResolvedPriority[], admitted: readonly AdmittedPod[],
  resources: ResourceIndex): ScheduledDaemon[] {
  const key = (d: DaemonSpec) => `${d.namespace ?? 'default'}/${d.name}`;
  return daemons
    .filter(d => admitted[d.order].rejection === undefined)
    .sort((a, b) => priorities[b.order].value - priorities[a.order].value || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.order - b.order))
    .map(d => {
      const req = resources.vector(admitted[d.order].requests);
      return {
        spec: d,
        pod: {
          id: d.id,
          namespace: d.namespace ?? 'default',
          priority: priorities[d.order].value,
          req,
          requestsNothing: requestsNothing(req),
          ports: d.hostPorts,
          startTime: Number.POSITIVE_INFINITY,
          labels: d.templateLabels,
          gracePeriodSeconds: 30,
          daemonSet: d.id,
        },
        preemptionPolicy: priorities[d.order].preemptionPolicy,
        runtimeNodeSelector: admitted[d.order].runtimeNodeSelector,
      };
    });
}

function fitOf(fit: MutableFit, admitted: AdmittedPod, nodeNames: readonly string[]): DaemonSetFit {
  const rejection = admitted.rejection;
  return { ...fit, rejected: rejection === undefined ? [] : nodeNames.map(node => ({ node, reason: rejection })) };
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

function daemonPlan(d: DaemonSpec, placement: Placement, priority: ResolvedPriority, admitted: AdmittedPod, rollout: RolloutResult,
  services: string[], fit: DaemonSetFit): DaemonSetPlan {
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
    requests: [...admitted.requests].map(([resource, amount]) => ({ resource, amount })),
    hostNetwork: d.hostNetwork,
    hostPorts: d.hostPorts.map(p => p.text),
    priorityClassName: d.priorityClassName,
    priority: priority.value,
    rollout: rollout.plan,
    services,
    preemptionPolicy: priority.preemptionPolicy,
    admissionNotes: admitted.notes,
    fit,
  };
}

/** Per node: the daemons landing there, their cost against allocatable, and what the scheduler did. */
function planNodes(nodes: readonly InventoryNode[], classes: NodeClass[], classOf: Int32Array, landing: ScheduledDaemon[][],
  admitted: readonly AdmittedPod[], outcomes: readonly NodeOutcome[]): NodePlan[] {
  const ids = landing.map(ds => ds.map(s => s.spec).sort((a, b) => a.order - b.order).map(d => d.id));
  const requests = landing.map(ds => ds.map(s => admitted[s.spec.order].requests));
  const cache = new Map<string, NodeCapacity>();
  const nodePlans = new Array<NodePlan>(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    const c = classOf[i];
    const key = `${c}\u0000${JSON.stringify(node.allocatable)}`;
    let capacity = cache.get(key);
    if (!capacity) {
      capacity = nodeCapacity(node.allocatable, requests[c]);
      cache.set(key, capacity);
    }
    const roles = classes[c].roles;
    const o = outcomes[i];
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
      pending: o.pending,
      nodeClass: nodeClassOf(node, roles),
      existingPods: o.existingPods,
      preemptions: o.preemptions,
      left: o.left,
    };
  }
  return nodePlans;
}

/** Pairs of daemons landing on the same nodes with conflicting host ports, with those nodes. */
function findClashes(nodes: readonly InventoryNode[], classes: NodeClass[], classOf: Int32Array, landing: readonly DaemonSpec[][]): HostPortClash[] {
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
