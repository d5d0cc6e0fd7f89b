import { NodeOutcome } from './busy-nodes';
import { InventoryNode } from './node-parser';
import { NodeRoles } from './node-roles';
import { parseQuantity, round } from './quantity';
import { DaemonCost, NodePlan } from './report';

const INSTANCE_TYPE_LABELS = ['node.kubernetes.io/instance-type', 'beta.kubernetes.io/instance-type'];

/** The class a node is counted in: its instance type, else `os/arch` (with `control-plane`). */
export function nodeClassOf(node: InventoryNode, roles: NodeRoles): string {
  for (const k of INSTANCE_TYPE_LABELS) if (node.labels[k]) return node.labels[k];
  return [roles.os ?? 'unknown-os', roles.arch ?? 'unknown-arch', roles.controlPlane ? 'control-plane' : ''].filter(Boolean).join('/');
}

/**
 * What the daemon pods that get a place (run or preempt) reserve, for the whole cluster (first) and per
 * node class (by name): cores and GiB, and their share of allocatable.
 */
export function daemonCost(nodes: readonly InventoryNode[], plans: readonly NodePlan[], outcomes: readonly NodeOutcome[]): DaemonCost[] {
  const total = tally('cluster');
  const byClass = new Map<string, ReturnType<typeof tally>>();
  for (let i = 0; i < nodes.length; i++) {
    const cls = plans[i].nodeClass;
    let t = byClass.get(cls);
    if (!t) byClass.set(cls, t = tally(cls));
    const cpu = parseQuantity(nodes[i].allocatable.cpu ?? '0', 'cpu') ?? 0;
    const memory = parseQuantity(nodes[i].allocatable.memory ?? '0', 'memory') ?? 0;
    for (const x of [total, t]) {
      x.nodes++;
      x.cpu += outcomes[i].reservedCpu;
      x.memory += outcomes[i].reservedMemory;
      x.allocCpu += cpu;
      x.allocMemory += memory;
    }
  }
  const classes = [...byClass.values()].sort((a, b) => (a.nodeClass < b.nodeClass ? -1 : a.nodeClass > b.nodeClass ? 1 : 0));
  return [total, ...classes].map(costOf);
}

function tally(nodeClass: string) {
  return { nodeClass, nodes: 0, cpu: 0, memory: 0, allocCpu: 0, allocMemory: 0 };
}

function costOf(t: ReturnType<typeof tally>): DaemonCost {
  const percent = (a: number, b: number) => (b > 0 ? round((a / b) * 100, 1) : 0);
  return {
    nodeClass: t.nodeClass,
    nodes: t.nodes,
    cpuCores: round(t.cpu / 1000, 2),
    memoryGiB: round(t.memory / 2 ** 30, 2),
    allocatableCores: round(t.allocCpu / 1000, 2),
    allocatableGiB: round(t.allocMemory / 2 ** 30, 2),
    cpuPercent: percent(t.cpu, t.allocCpu),
    memoryPercent: percent(t.memory, t.allocMemory),
  };
}
