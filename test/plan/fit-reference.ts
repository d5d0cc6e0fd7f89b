import { refPlace } from './reference';

/**
 * A plain reference of the scheduler on busy nodes (scheduling-fit.md sections 1.1, 2, 3, 4), written
 * straight from the rules over the raw objects: every check sums the pods on the node again, nothing is
 * cached or grouped. Only the input shapes of random-busy-cluster.ts are supported (no LimitRanges or
 * RuntimeClasses: those have their own tests).
 */

const SCALE: Record<string, number> = { m: 1e-3, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, k: 1e3, M: 1e6, G: 1e9 };

/** A quantity in the scheduler's unit: millicores for cpu, whole units otherwise, rounded up. */
function amount(text: string, resource: string): number {
  const m = /^(\d+(?:\.\d+)?)([a-zA-Z]*)$/.exec(text);
  if (!m) throw new Error(`reference: unsupported quantity ${text}`);
  const value = Number(m[1]) * (m[2] ? SCALE[m[2]] : 1);
  return Math.ceil(resource === 'cpu' ? Math.round(value * 1e6) / 1e3 : value);
}

type Req = Record<string, number>;

function containerRequests(c: any): Req {
  const texts = { ...(c.resources?.limits ?? {}), ...(c.resources?.requests ?? {}) };
  return Object.fromEntries(Object.entries(texts).map(([k, v]) => [k, amount(String(v), k)]));
}

function plus(a: Req, b: Req): Req {
  const out = { ...a };
  for (const k of Object.keys(b)) out[k] = (out[k] ?? 0) + b[k];
  return out;
}

/** PodRequests: containers summed; each init step is its own request plus the sidecars started before it. */
export function refPodRequests(spec: any, sidecars: boolean): Req {
  let sum: Req = {};
  for (const c of spec.containers ?? []) sum = plus(sum, containerRequests(c));
  let running: Req = {};
  const steps: Req[] = [];
  for (const c of spec.initContainers ?? []) {
    const own = containerRequests(c);
    if (sidecars && c.restartPolicy === 'Always') {
      sum = plus(sum, own);
      running = plus(running, own);
      steps.push({ ...running });
    } else {
      steps.push(plus(own, running));
    }
  }
  for (const step of steps) for (const k of Object.keys(step)) sum[k] = Math.max(sum[k] ?? 0, step[k]);
  return sum;
}

interface RefPod {
  id: string;
  ns: string;
  name: string;
  priority: number;
  req: Req;
  ports: string[];
  start: number;
  labels: Record<string, string>;
}

function portsOf(spec: any): string[] {
  const out: string[] = [];
  for (const c of spec.containers ?? []) {
    for (const p of c.ports ?? []) {
      const port = p.hostPort || (spec.hostNetwork ? p.containerPort : 0);
      if (port) out.push(`${p.protocol ?? 'TCP'}|${!p.hostIP || p.hostIP === '0.0.0.0' ? '*' : p.hostIP}|${port}`);
    }
  }
  return out;
}

function portClash(a: string, b: string): boolean {
  const [pa, ia, na] = a.split('|');
  const [pb, ib, nb] = b.split('|');
  return pa === pb && na === nb && (ia === '*' || ib === '*' || ia === ib);
}

const SCALAR = (r: string) => r.includes('/') || r.startsWith('hugepages-');

/** The failing filter's reasons for `p` next to `others`, or [] when it fits. */
function reasons(node: any, others: RefPod[], p: RefPod): string[] {
  if (p.ports.some(w => others.some(o => o.ports.some(h => portClash(w, h))))) return ['node(s) didn\'t have free ports for the requested pod ports'];
  const alloc = node.status.allocatable;
  const out: string[] = [];
  if (others.length + 1 > Number(alloc.pods)) out.push('Too many pods');
  const wanted = Object.keys(p.req).filter(r => ['cpu', 'memory', 'ephemeral-storage'].includes(r) || SCALAR(r)).filter(r => p.req[r] > 0);
  for (const r of wanted) {
    const used = others.reduce((n, o) => n + (o.req[r] ?? 0), 0);
    const total = alloc[r] === undefined ? 0 : amount(alloc[r], r);
    if (p.req[r] > total - used) out.push(`Insufficient ${r}`);
  }
  return out.sort();
}

function important(a: RefPod, b: RefPod): number {
  return b.priority - a.priority || a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function matches(pdb: any, pod: RefPod): boolean {
  const sel = pdb.spec.selector?.matchLabels;
  if (!sel || Object.keys(sel).length === 0) return false;
  return Object.entries(sel).every(([k, v]) => pod.labels[k] === v);
}

export interface RefFit {
  runs: string[];
  preempts: Array<{ node: string; victims: string[] }>;
  pending: Array<{ node: string; reason: string; preemption: string }>;
}

/** What the scheduler does with every daemon pod on every node. */
export function refSchedule(nodes: any[], daemonSets: any[], pods: any[], objects: any[], sidecars: boolean): Map<string, RefFit> {
  const classes = new Map(objects.filter(o => o.kind === 'PriorityClass').map(o => [o.metadata.name, o]));
  const pdbs = objects.filter(o => o.kind === 'PodDisruptionBudget');
  const dsPriority = (ds: any) => {
    const name = ds.spec.template.spec.priorityClassName;
    if (name === 'system-node-critical') return 2000001000;
    return name ? classes.get(name).value : 0;
  };
  const mine = new Set(daemonSets.map(ds => `${ds.metadata.namespace}/${ds.metadata.name}`));
  const live = pods.filter(p => p.status.phase !== 'Succeeded' && p.status.phase !== 'Failed');
  const toRef = (p: any): RefPod => ({
    id: `${p.metadata.namespace}/${p.metadata.name}`,
    ns: p.metadata.namespace,
    name: p.metadata.name,
    priority: p.spec.priority ?? 0,
    req: refPodRequests(p.spec, true),
    ports: portsOf(p.spec),
    start: p.status.startTime ? Date.parse(p.status.startTime) : Infinity,
    labels: p.metadata.labels ?? {},
  });
  const owned = (p: any) => (p.metadata.ownerReferences ?? []).some((o: any) => o.kind === 'DaemonSet' && o.controller && mine.has(`${p.metadata.namespace}/${o.name}`));
  const out = new Map<string, RefFit>(daemonSets.map(ds => [ds.metadata.name, { runs: [], preempts: [], pending: [] }]));
  for (const node of nodes) {
    const name = node.metadata.name;
    let onNode: RefPod[] = live.filter(p => p.spec.nodeName === name && !owned(p)).map(toRef);
    let nominated: RefPod[] = live.filter(p => !p.spec.nodeName && p.status.nominatedNodeName === name && !owned(p)).map(toRef);
    const key = (ds: any) => `${ds.metadata.namespace}/${ds.metadata.name}`;
    const landing = daemonSets.filter(ds => refPlace(ds, node).runs)
      .sort((a, b) => dsPriority(b) - dsPriority(a) || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    for (const ds of landing) {
      const spec = ds.spec.template.spec;
      const p: RefPod = {
        id: key(ds),
        ns: ds.metadata.namespace,
        name: ds.metadata.name,
        priority: dsPriority(ds),
        req: refPodRequests(spec, sidecars),
        ports: portsOf(spec),
        start: Infinity,
        labels: {},
      };
      const fit = out.get(ds.metadata.name)!;
      const counted = (pods2: RefPod[]) => [...pods2, ...nominated.filter(n => n.priority >= p.priority)];
      const why = reasons(node, counted(onNode), p);
      if (why.length === 0) {
        onNode.push(p);
        fit.runs.push(name);
        continue;
      }
      const policy = spec.priorityClassName ? classes.get(spec.priorityClassName)?.preemptionPolicy : undefined;
      if (policy === 'Never') {
        fit.pending.push({ node: name, reason: why.join(', '), preemption: 'not eligible due to preemptionPolicy=Never.' });
        continue;
      }
      const lower = onNode.filter(o => o.priority < p.priority);
      if (lower.length === 0) {
        fit.pending.push({ node: name, reason: why.join(', '), preemption: 'No preemption victims found for incoming pod' });
        continue;
      }
      const rest = onNode.filter(o => !lower.includes(o));
      const still = reasons(node, counted(rest), p);
      if (still.length) {
        fit.pending.push({ node: name, reason: why.join(', '), preemption: still.join(', ') });
        continue;
      }
      const sorted = [...lower].sort(important);
      const left = pdbs.map(b => b.status?.disruptionsAllowed ?? 0);
      const violating: RefPod[] = [];
      const fine: RefPod[] = [];
      for (const v of sorted) {
        let bad = false;
        pdbs.forEach((b, i) => {
          if (b.metadata.namespace !== v.ns || !matches(b, v) || (b.status?.disruptedPods ?? {})[v.name]) return;
          left[i] -= 1;
          if (left[i] < 0) bad = true;
        });
        (bad ? violating : fine).push(v);
      }
      const kept = [...rest];
      const victims: RefPod[] = [];
      for (const v of [...violating, ...fine]) {
        if (reasons(node, counted([...kept, v]), p).length === 0) kept.push(v);
        else victims.push(v);
      }
      onNode = [...kept, p];
      nominated = nominated.filter(n => n.priority >= p.priority);
      fit.preempts.push({ node: name, victims: victims.map(v => v.id) });
    }
  }
  return out;
}
