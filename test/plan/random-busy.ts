import { Random } from './random-cluster';

/**
 * Random busy clusters for the property tests: a few small nodes full of pods of mixed priority, phase,
 * start time, labels and host ports; DaemonSets with PriorityClasses (some preemptionPolicy: Never),
 * sidecars and init containers, requests and host ports; and PodDisruptionBudgets.
 */
export interface BusyCase {
  nodes: any[];
  daemonSets: any[];
  pods: any[];
  objects: any[];
  sidecars: boolean;
}

const CPU = ['0', '50m', '100m', '250m', '500m', '1', '1500m'];
const MEM = ['0', '64Mi', '256Mi', '512Mi', '1Gi', '2Gi'];
const PRIORITIES = [0, 0, 10, 100, 1000, 5000];

function requests(r: Random, gpu: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  if (r.chance(0.9)) out.cpu = r.pick(CPU);
  if (r.chance(0.8)) out.memory = r.pick(MEM);
  if (gpu && r.chance(0.3)) out['example.com/gpu'] = r.pick(['1', '2']);
  return out;
}

function ports(r: Random): any[] | undefined {
  if (!r.chance(0.25)) return undefined;
  return [{
    containerPort: r.pick([9100, 9100, 8080]),
    hostPort: r.pick([9100, 9100, 8080]),
    protocol: r.pick(['TCP', 'TCP', 'UDP']),
    ...(r.chance(0.2) ? { hostIP: r.pick(['10.0.0.1', '10.0.0.2', '0.0.0.0']) } : {}),
  }];
}

export function randomBusyCase(r: Random): BusyCase {
  const nodes = Array.from({ length: r.int(1, 4) }, (_, i) => ({
    kind: 'Node',
    metadata: { name: `n${i}`, labels: { 'kubernetes.io/os': 'linux', 'pool': r.pick(['a', 'b']) } },
    spec: {},
    status: { allocatable: { cpu: r.pick(['1', '2', '4']), memory: r.pick(['2Gi', '4Gi']), pods: String(r.int(2, 8)), ...(r.chance(0.3) ? { 'example.com/gpu': '2' } : {}) } },
  }));
  const objects: any[] = [
    { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'low' }, value: 50 },
    { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'mid' }, value: 500 },
    { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 3000 },
    { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'polite' }, value: 3000, preemptionPolicy: 'Never' },
  ];
  const dsNames = ['agent-a', 'agent-b', 'agent-c', 'agent-d'].slice(0, r.int(1, 4));
  const daemonSets = dsNames.map(name => {
    const spec: any = {
      containers: [{ name: 'main', image: 'x', resources: { requests: requests(r, true) }, ...(ports(r) ? { ports: ports(r) } : {}) }],
    };
    if (r.chance(0.3)) {
      spec.initContainers = [{ name: 'side', image: 'x', restartPolicy: r.pick(['Always', undefined]), resources: { requests: requests(r, false) } },
        { name: 'init', image: 'x', resources: { requests: requests(r, false) } }];
    }
    if (r.chance(0.2)) spec.hostNetwork = true;
    const cls = r.pick([undefined, 'low', 'mid', 'high', 'polite', 'system-node-critical']);
    if (cls) spec.priorityClassName = cls;
    if (r.chance(0.2)) spec.nodeSelector = { pool: r.pick(['a', 'b']) };
    return {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name, namespace: r.pick(['kube-system', 'monitoring']) },
      spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec } },
    };
  });
  const pods: any[] = [];
  for (let i = 0; i < r.int(0, 14); i++) {
    const bound = r.chance(0.85);
    const nodeName = r.pick(nodes).metadata.name;
    const owner = r.chance(0.15) ? r.pick([...dsNames, 'kube-proxy']) : undefined;
    const namespace = owner ? r.pick(['kube-system', 'monitoring']) : r.pick(['apps', 'payments']);
    pods.push({
      kind: 'Pod',
      metadata: {
        name: `p${i}`,
        namespace,
        labels: { app: r.pick(['web', 'db', 'cache']) },
        ...(owner ? { ownerReferences: [{ kind: 'DaemonSet', name: owner, controller: true }] } : {}),
        ...(r.chance(0.1) ? { deletionTimestamp: '2026-11-30T00:00:00Z' } : {}),
      },
      spec: {
        ...(bound ? { nodeName } : {}),
        ...(r.chance(0.8) ? { priority: r.pick(PRIORITIES) } : {}),
        containers: [{ name: 'c', image: 'x', resources: { requests: requests(r, true) }, ...(ports(r) ? { ports: ports(r) } : {}) }],
        ...(r.chance(0.1) ? { initContainers: [{ name: 's', image: 'x', restartPolicy: 'Always', resources: { requests: { cpu: r.pick(CPU) } } }] } : {}),
      },
      status: {
        phase: r.pick(['Running', 'Running', 'Running', 'Pending', 'Succeeded', 'Failed']),
        ...(r.chance(0.8) ? { startTime: `2026-${String(r.int(1, 9)).padStart(2, '0')}-0${r.int(1, 9)}T00:00:00Z` } : {}),
        ...(!bound && r.chance(0.7) ? { nominatedNodeName: nodeName } : {}),
      },
    });
  }
  for (const app of ['web', 'db', 'cache']) {
    if (!r.chance(0.4)) continue;
    objects.push({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: `${app}-pdb`, namespace: r.pick(['apps', 'payments']) },
      spec: { selector: { matchLabels: { app } }, maxUnavailable: 1 },
      ...(r.chance(0.8) ? { status: { disruptionsAllowed: r.int(0, 2) } } : {}),
    });
  }
  return { nodes, daemonSets, pods, objects, sidecars: r.chance(0.5) };
}
