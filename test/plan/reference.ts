/**
 * A small, deliberately plain reference of the DaemonSet controller and the scheduler (kubernetes-rules.md
 * sections 5-7), written straight from the rules over the raw objects, node by node, with no grouping and
 * no caching. Only the input shapes of random-cluster.ts are supported.
 */

const DEFAULT_TOLERATIONS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

export interface RefOutcome {
  runs: boolean;
  reason?: string;
  fate?: string;
}

function tolerates(t: any, taint: any): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (t.operator === 'Exists') return true;
  if (!t.operator || t.operator === 'Equal') return (t.value ?? '') === (taint.value ?? '');
  return false;
}

function isInt(s: string): boolean {
  return /^[+-]?\d+$/.test(s);
}

/** A valid label value: at most 63 characters, alphanumerics with '-', '_', '.' inside (or empty). */
function isLabelValue(s: string): boolean {
  return s.length <= 63 && /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(s);
}

function exprMatches(e: any, labels: Record<string, string>): boolean | 'invalid' {
  const has = e.key in labels;
  const values: string[] = e.values ?? [];
  if (!values.every(isLabelValue)) return 'invalid';
  switch (e.operator) {
    case 'In': return values.length === 0 ? 'invalid' : has && values.includes(labels[e.key]);
    case 'NotIn': return values.length === 0 ? 'invalid' : !has || !values.includes(labels[e.key]);
    case 'Exists': return values.length ? 'invalid' : has;
    case 'DoesNotExist': return values.length ? 'invalid' : !has;
    case 'Gt': case 'Lt': {
      if (values.length !== 1 || !isInt(values[0])) return 'invalid';
      if (!has || !isInt(labels[e.key])) return false;
      const a = BigInt(labels[e.key]);
      const b = BigInt(values[0]);
      return e.operator === 'Gt' ? a > b : a < b;
    }
    default: return 'invalid';
  }
}

function termMatches(term: any, node: any): boolean {
  const results = (term.matchExpressions ?? []).map((e: any) => exprMatches(e, node.metadata.labels));
  if (results.includes('invalid')) return false;
  const fields = (term.matchFields ?? []).every((f: any) => (f.operator === 'In' ? node.metadata.name === f.values[0] : node.metadata.name !== f.values[0]));
  return results.every((x: boolean) => x) && fields;
}

/** NodeShouldRunDaemonPod for one raw DaemonSet and one raw Node. */
export function refPlace(ds: any, node: any): RefOutcome {
  const pod = ds.spec.template.spec;
  const labels = node.metadata.labels;
  if (pod.nodeName && pod.nodeName !== node.metadata.name) return { runs: false, reason: 'NodeName', fate: 'Deleted' };
  for (const [k, v] of Object.entries(pod.nodeSelector ?? {})) {
    if (labels[k] !== v) return { runs: false, reason: 'NodeSelector', fate: 'Deleted' };
  }
  const required = pod.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required) {
    const terms = required.nodeSelectorTerms.filter((t: any) => (t.matchExpressions ?? []).length + (t.matchFields ?? []).length > 0);
    if (!terms.some((t: any) => termMatches(t, node))) return { runs: false, reason: 'NodeAffinity', fate: 'Deleted' };
  }
  const tolerations = [...(pod.tolerations ?? []), ...DEFAULT_TOLERATIONS];
  if (pod.hostNetwork) tolerations.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  const untolerated = (node.spec.taints ?? []).filter((t: any) => t.effect !== 'PreferNoSchedule' && !tolerations.some(x => tolerates(x, t)));
  if (untolerated.length === 0) return { runs: true };
  return { runs: false, reason: 'Taint', fate: untolerated.some((t: any) => t.effect === 'NoExecute') ? 'Evicted' : 'KeptMisscheduled' };
}

/** Quantities as random-cluster.ts writes them: `250m`, `1`, `64Mi`, `1Gi`. */
function quantity(s: string, cpu: boolean): number {
  if (cpu) return s.endsWith('m') ? Number(s.slice(0, -1)) : Number(s) * 1000;
  const units: Record<string, number> = { Mi: 2 ** 20, Gi: 2 ** 30 };
  return Number(s.slice(0, -2)) * units[s.slice(-2)];
}

/** Per node: the daemons landing there and their summed requests (what they ask of the node; fit-reference.ts decides what fits). */
export function refNode(node: any, daemonSets: any[]) {
  const landing = daemonSets.filter(ds => refPlace(ds, node).runs);
  const req = (ds: any) => ds.spec.template.spec.containers[0].resources.requests;
  return {
    daemonSets: landing.map(ds => `${ds.metadata.namespace}/${ds.metadata.name}`),
    cpu: landing.reduce((n, ds) => n + quantity(req(ds).cpu, true), 0),
    memory: landing.reduce((n, ds) => n + quantity(req(ds).memory, false), 0),
  };
}

/** Host ports of a raw DaemonSet: `protocol/ip/port`, ip empty for any address. */
function hostPorts(ds: any): string[] {
  const pod = ds.spec.template.spec;
  return pod.containers.flatMap((c: any) => (c.ports ?? [])
    .filter((p: any) => p.hostPort || pod.hostNetwork)
    .map((p: any) => `${p.protocol ?? 'TCP'}/${p.hostIP === '0.0.0.0' ? '' : p.hostIP ?? ''}/${p.hostPort || p.containerPort}`));
}

function clash(a: string, b: string): boolean {
  const [pa, ia, na] = a.split('/');
  const [pb, ib, nb] = b.split('/');
  return pa === pb && na === nb && (ia === ib || ia === '' || ib === '');
}

/** Every (node, daemon a, daemon b) with a host-port conflict, as `node|a|b`. */
export function refClashes(nodes: any[], daemonSets: any[]): string[] {
  const out = new Set<string>();
  for (const node of nodes) {
    const landing = daemonSets.filter(ds => refPlace(ds, node).runs);
    for (let a = 0; a < landing.length; a++) {
      for (let b = a + 1; b < landing.length; b++) {
        if (hostPorts(landing[a]).some(x => hostPorts(landing[b]).some(y => clash(x, y)))) {
          out.add(`${node.metadata.name}|${landing[a].metadata.name}|${landing[b].metadata.name}`);
        }
      }
    }
  }
  return [...out].sort();
}

/** Waves of a rolling update over n nodes (section 7), or undefined for budgets the API server rejects. */
export function refWaves(ds: any, n: number): { maxUnavailable: number; maxSurge: number; waves: number } {
  const ru = ds.spec.updateStrategy?.rollingUpdate ?? {};
  const scale = (v: number | string | undefined, dflt: number) => {
    if (v === undefined) return dflt;
    if (typeof v === 'number') return v;
    return Math.ceil((Number(v.replace('%', '')) * n) / 100);
  };
  let maxUnavailable = scale(ru.maxUnavailable, 1);
  const maxSurge = scale(ru.maxSurge, 0);
  if (n > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  const wave = maxSurge > 0 ? maxSurge : maxUnavailable;
  return { maxUnavailable, maxSurge, waves: n === 0 ? 0 : Math.ceil(n / wave) };
}
