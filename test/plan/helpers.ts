import { join } from 'path';
import { DaemonPlanner, NodeInventory, PlanReport } from '../../src/plan';
import { DaemonSetPlan } from '../../src/plan/report';

/** A file under test/plan/fixtures. */
export function fixture(...parts: string[]): string {
  return join(__dirname, 'fixtures', ...parts);
}

/** The vendored copy of ../shared/nodes/sample-16.json. */
export const SAMPLE_16 = fixture('sample-16.json');

export interface TestTaint {
  key: string;
  value?: string;
  effect: string;
}

export interface TestNode {
  labels?: Record<string, string>;
  taints?: TestTaint[];
  allocatable?: Record<string, string>;
  unschedulable?: boolean;
}

/** A Node as kubectl prints it, with os/arch/hostname labels unless given. */
export function node(name: string, props: TestNode = {}): any {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: props.labels ?? { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' },
    },
    spec: {
      ...(props.taints ? { taints: props.taints } : {}),
      ...(props.unschedulable ? { unschedulable: true } : {}),
    },
    status: { allocatable: props.allocatable ?? { cpu: '4', memory: '16Gi', pods: '110' } },
  };
}

/** An inventory of the given nodes (a kubectl `List`). */
export function inventoryOf(...nodes: any[]): NodeInventory {
  return NodeInventory.fromText(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: nodes }), 'test-nodes.json');
}

/** A DaemonSet in `kube-system` with one container; `pod` is merged into the pod spec, `spec` into the DaemonSet spec. */
export function daemonSet(name: string, pod: Record<string, any> = {}, spec: Record<string, any> = {}): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'kube-system' },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'main', image: 'example.com/agent:1' }], ...pod },
      },
      ...spec,
    },
  };
}

/** Plans `objects` (DaemonSets and anything else) against `inventory`. */
export function planOf(inventory: NodeInventory, ...objects: any[]): PlanReport {
  return new DaemonPlanner(inventory).addText(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }), 'test.json').plan();
}

/** The plan of one DaemonSet by name. */
export function daemon(report: PlanReport, name: string): DaemonSetPlan {
  const found = report.daemonSets.find(d => d.name === name);
  if (!found) throw new Error(`no DaemonSet ${name} in the plan`);
  return found;
}

/** detail -> node names of a daemon's skips. */
export function skipsOf(d: DaemonSetPlan): Record<string, string[]> {
  return Object.fromEntries(d.skips.map(s => [s.detail, s.nodeNames]));
}
