/* eslint-disable no-bitwise -- mulberry32 is bit arithmetic */
/** A small seeded PRNG (mulberry32) and generators of random inventories and DaemonSets for property tests. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  public next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  public int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  public chance(p: number): boolean {
    return this.next() < p;
  }

  public pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }

  public some<T>(xs: readonly T[], max: number): T[] {
    const n = this.int(0, max);
    return Array.from({ length: n }, () => this.pick(xs));
  }
}

const LABELS: Record<string, string[]> = {
  'zone': ['a', 'b', 'c'],
  'tier': ['gold', 'silver'],
  'cores': ['2', '4', '8', 'x', '-3'],
  'kubernetes.io/os': ['linux', 'windows'],
  'kubernetes.io/arch': ['amd64', 'arm64'],
  'node-role.kubernetes.io/control-plane': [''],
};
const TAINT_KEYS = ['dedicated', 'gpu', 'node.kubernetes.io/not-ready', 'node.kubernetes.io/unschedulable',
  'node.kubernetes.io/network-unavailable', 'node.kubernetes.io/memory-pressure', 'node-role.kubernetes.io/control-plane'];
const EFFECTS = ['NoSchedule', 'NoExecute', 'PreferNoSchedule'];

/** 1-25 nodes drawn from a small space of labels and taints, so many nodes look alike. */
export function randomNodes(r: Random): any[] {
  return Array.from({ length: r.int(1, 25) }, (_, i) => {
    const name = `node-${i}`;
    const labels: Record<string, string> = { 'kubernetes.io/hostname': name };
    for (const key of Object.keys(LABELS)) if (r.chance(0.5)) labels[key] = r.pick(LABELS[key]);
    const taints = r.some(TAINT_KEYS, 2).map(key => ({ key, ...(r.chance(0.4) ? { value: r.pick(['x', 'y']) } : {}), effect: r.pick(EFFECTS) }));
    const allocatable = { cpu: r.pick(['500m', '1', '2', '4']), memory: r.pick(['512Mi', '1Gi', '4Gi']), pods: r.pick(['1', '2', '3', '10']) };
    return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels }, spec: taints.length ? { taints } : {}, status: { allocatable } };
  });
}

function randomRequirement(r: Random): any {
  const key = r.pick(Object.keys(LABELS));
  const operator = r.pick(['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt', 'Gt', 'Bogus']);
  if (operator === 'Exists' || operator === 'DoesNotExist') return { key, operator };
  if (operator === 'Gt' || operator === 'Lt') return { key: 'cores', operator, values: [r.pick(['1', '3', '4', '7', 'four'])] };
  return { key, operator, values: r.some(LABELS[key], 2) }; // may be empty: an invalid term
}

function randomTerm(r: Random, nodeCount: number): any {
  const term: any = {};
  if (r.chance(0.8)) term.matchExpressions = Array.from({ length: r.int(1, 3) }, () => randomRequirement(r));
  if (r.chance(0.15)) term.matchFields = [{ key: 'metadata.name', operator: r.pick(['In', 'NotIn']), values: [`node-${r.int(0, nodeCount)}`] }];
  return term;
}

function randomToleration(r: Random): any {
  if (r.chance(0.1)) return { operator: 'Exists', ...(r.chance(0.5) ? { effect: r.pick(EFFECTS) } : {}) };
  const t: any = { key: r.pick(TAINT_KEYS) };
  const op = r.pick(['Exists', 'Equal', '']);
  if (op) t.operator = op;
  if (op !== 'Exists' && r.chance(0.7)) t.value = r.pick(['x', 'y']);
  if (r.chance(0.6)) t.effect = r.pick(EFFECTS);
  return t;
}

const BUDGETS = [undefined, 0, 1, 3, '0%', '10%', '25%', '50%', '100%'];

/** 1-6 DaemonSets with random selectors, affinity, tolerations, host ports, requests, priorities, strategies. */
export function randomDaemonSets(r: Random, nodeCount: number): any[] {
  return Array.from({ length: r.int(1, 6) }, (_, i) => {
    const name = `ds-${i}`;
    const pod: any = {
      containers: [{
        name: 'main',
        image: 'x',
        resources: { requests: { cpu: r.pick(['0', '100m', '250m', '1']), memory: r.pick(['64Mi', '256Mi', '1Gi']) } },
        ports: r.some([9100, 53, 8080], 2).map(p => ({
          containerPort: p,
          ...(r.chance(0.5) ? { hostPort: p } : {}),
          protocol: r.pick(['TCP', 'UDP']),
          ...(r.chance(0.2) ? { hostIP: r.pick(['10.0.0.1', '0.0.0.0']) } : {}),
        })),
      }],
      tolerations: r.some([0, 1, 2, 3], 3).map(() => randomToleration(r)),
    };
    pod.containers[0].ports = dedupe(pod.containers[0].ports);
    if (r.chance(0.3)) pod.hostNetwork = true;
    if (r.chance(0.4)) pod.nodeSelector = Object.fromEntries(r.some(Object.keys(LABELS), 2).map(k => [k, r.pick(LABELS[k])]));
    if (r.chance(0.4)) {
      const nodeSelectorTerms = Array.from({ length: r.int(0, 3) }, () => randomTerm(r, nodeCount));
      pod.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms } } };
    }
    if (r.chance(0.05)) pod.nodeName = `node-${r.int(0, nodeCount)}`;
    if (r.chance(0.3)) pod.priorityClassName = r.pick(['system-node-critical', 'system-cluster-critical']);
    const rollingUpdate: any = {};
    const mu = r.pick(BUDGETS);
    const ms = r.pick(BUDGETS);
    if (mu !== undefined) rollingUpdate.maxUnavailable = mu;
    if (ms !== undefined) rollingUpdate.maxSurge = ms;
    return {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name, namespace: 'ns' },
      spec: {
        selector: { matchLabels: { app: name } },
        template: { metadata: { labels: { app: name } }, spec: pod },
        updateStrategy: { rollingUpdate },
      },
    };
  });
}

/** One port per protocol/port within a pod (two would be rejected by the API server anyway). */
function dedupe(ports: any[]): any[] {
  const seen = new Set<string>();
  return ports.filter(p => {
    const key = `${p.protocol}/${p.containerPort}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
