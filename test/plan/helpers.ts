import { join } from 'path';
import { DaemonPlanner, DaemonPlannerOptions, NodeInventory, PlanReport } from '../../src/plan';
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

export interface TestPod {
  namespace?: string;
  node?: string;
  priority?: number;
  priorityClassName?: string;
  cpu?: string;
  memory?: string;
  /** Extra requests, e.g. `{ 'nvidia.com/gpu': '1' }`. */
  requests?: Record<string, string>;
  phase?: string;
  /** null: not started. */
  startTime?: string | null;
  labels?: Record<string, string>;
  hostPorts?: Array<{ hostPort: number; protocol?: string; hostIP?: string }>;
  ownerDaemonSet?: string;
  nominatedNodeName?: string;
  deleting?: boolean;
  gracePeriod?: number;
  initContainers?: any[];
}

/** A pod as `kubectl get pods -A -o json` prints it (with the noise a real one carries: managedFields, env, volumes). */
export function clusterPod(name: string, props: TestPod = {}): any {
  const requests: Record<string, string> = {
    ...(props.cpu ? { cpu: props.cpu } : {}), ...(props.memory ? { memory: props.memory } : {}), ...props.requests,
  };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: props.namespace ?? 'apps',
      uid: `uid-${name}`,
      labels: props.labels ?? { app: name },
      managedFields: [{ manager: 'kube-controller-manager', operation: 'Update', fieldsV1: { 'f:metadata': { 'f:labels': {} } } }],
      ...(props.ownerDaemonSet ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: props.ownerDaemonSet, uid: 'x', controller: true, blockOwnerDeletion: true }] } : {}),
      ...(props.deleting ? { deletionTimestamp: '2026-11-30T10:00:00Z', deletionGracePeriodSeconds: 30 } : {}),
    },
    spec: {
      ...(props.node ? { nodeName: props.node } : {}),
      ...(props.priority !== undefined ? { priority: props.priority } : {}),
      ...(props.priorityClassName ? { priorityClassName: props.priorityClassName } : {}),
      ...(props.gracePeriod !== undefined ? { terminationGracePeriodSeconds: props.gracePeriod } : {}),
      ...(props.initContainers ? { initContainers: props.initContainers } : {}),
      containers: [{
        name: 'main',
        image: 'example.com/app:1',
        env: [{ name: 'A', value: 'b' }],
        resources: Object.keys(requests).length ? { requests } : {},
        ...(props.hostPorts ? { ports: props.hostPorts.map(p => ({ containerPort: p.hostPort, ...p })) } : {}),
      }],
      volumes: [{ name: 'token', projected: { sources: [] } }],
    },
    status: {
      phase: props.phase ?? 'Running',
      ...(props.startTime !== null ? { startTime: props.startTime ?? '2026-11-01T00:00:00Z' } : {}),
      ...(props.nominatedNodeName ? { nominatedNodeName: props.nominatedNodeName } : {}),
    },
  };
}

/** `kubectl get pods -A -o json` of the given pods: items before kind, as kubectl prints it. */
export function podList(...pods: any[]): string {
  return JSON.stringify({ apiVersion: 'v1', items: pods, kind: 'List', metadata: { resourceVersion: '' } }, null, 4);
}

/** Plans `objects` against `inventory` with the pods already on the cluster. */
export function busyPlanOf(inventory: NodeInventory, pods: any[], objects: any[], options: DaemonPlannerOptions = {}): PlanReport {
  return new DaemonPlanner(inventory, options)
    .addText(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }), 'test.json')
    .addPodsText(podList(...pods), 'pods.json')
    .plan();
}

/** A PriorityClass. */
export function priorityClass(name: string, value: number, preemptionPolicy?: string): any {
  return { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, ...(preemptionPolicy ? { preemptionPolicy } : {}) };
}

/** A daemon with one container requesting cpu and memory, at a priority class. */
export function requestingDaemon(name: string, cpu: string, memory: string, pod: Record<string, any> = {}): any {
  return daemonSet(name, { containers: [{ name: 'main', image: 'example.com/agent:1', resources: { requests: { cpu, memory } } }], ...pod });
}
