import { selectorMatches } from './daemonset-rules';
import { SYSTEM_PRIORITY_CLASSES } from './priority-class-rules';
import { isHeadless } from './service-rules';
import { podSpecOf, WORKLOAD_KINDS } from './violation';

/** A finding that involves several objects of the app. */
export interface CrossObjectViolation {
  readonly ruleId: string;
  /** Index of the object the finding is reported on. */
  readonly object: number;
  /** JSON path inside that object. */
  readonly path: string;
  /** Indexes of the other objects involved. */
  readonly others: number[];
  readonly problem: string;
  readonly valid: string;
}

export interface CrossObjectRule {
  readonly id: string;
  readonly description: string;
  check(objects: any[]): CrossObjectViolation[];
}

const CONTROLLERS = WORKLOAD_KINDS.filter(k => k !== 'Pod');
const ns = (o: any) => o.metadata?.namespace ?? '';
const label = (o: any) => `${o.kind} ${ns(o) ? `${ns(o)}/` : ''}${o.metadata?.name}`;
const templateLabels = (o: any) => (o.kind === 'Pod' ? o.metadata?.labels : o.spec?.template?.metadata?.labels) ?? {};

function indexed(objects: any[], kinds: string[]): { o: any; i: number }[] {
  return objects.map((o, i) => ({ o, i })).filter(({ o }) => kinds.includes(o?.kind));
}

/**
 * Workloads by namespace and by each `key=value` of their pod template labels, so that a selector is
 * compared only with templates that carry its first matchLabels entry (linear in the app, not quadratic).
 */
class TemplateIndex {
  private readonly byLabel = new Map<string, { o: any; i: number }[]>();
  private readonly byNamespace = new Map<string, { o: any; i: number }[]>();

  constructor(workloads: { o: any; i: number }[]) {
    for (const w of workloads) {
      this.add(this.byNamespace, ns(w.o), w);
      for (const [k, v] of Object.entries(templateLabels(w.o))) this.add(this.byLabel, `${ns(w.o)}\u0000${k}=${v}`, w);
    }
  }

  /** Workloads in `namespace` whose template labels the selector may match. */
  public candidates(namespace: string, selector: any): { o: any; i: number }[] {
    const first = Object.entries(selector?.matchLabels ?? {})[0];
    return first ? this.byLabel.get(`${namespace}\u0000${first[0]}=${first[1]}`) ?? [] : this.byNamespace.get(namespace) ?? [];
  }

  private add(map: Map<string, { o: any; i: number }[]>, key: string, w: { o: any; i: number }): void {
    const list = map.get(key);
    if (list) list.push(w);
    else map.set(key, [w]);
  }
}

export const XO001: CrossObjectRule = {
  id: 'XO001',
  description: 'no two workloads in one namespace select each other\'s pods (their controllers would fight over them)',
  check(objects) {
    const workloads = indexed(objects, CONTROLLERS);
    const index = new TemplateIndex(workloads);
    const pairs = new Map<string, { ds: number; other: number }>();
    for (const w of workloads) {
      for (const c of index.candidates(ns(w.o), w.o.spec?.selector)) {
        if (c.i === w.i || (w.o.kind !== 'DaemonSet' && c.o.kind !== 'DaemonSet')) continue;
        if (!selectorMatches(w.o.spec?.selector, templateLabels(c.o))) continue;
        const [a, b] = w.i < c.i ? [w, c] : [c, w];
        // Reported on the DaemonSet (the first one when both are).
        const ds = a.o.kind === 'DaemonSet' ? a : b;
        pairs.set(`${a.i}/${b.i}`, { ds: ds.i, other: ds === a ? b.i : a.i });
      }
    }
    return [...pairs.values()].sort((x, y) => x.ds - y.ds || x.other - y.other).map(p => ({
      ruleId: 'XO001',
      object: p.ds,
      others: [p.other],
      path: 'spec.selector',
      problem: `selector overlaps with ${label(objects[p.other])}`,
      valid: 'selectors that match only their own pod template',
    }));
  },
};

/** Host ports a pod binds on its node: `protocol/hostIP/port`, host-network container ports included. */
export function hostPortsOf(obj: any): string[] {
  const pod = podSpecOf(obj)?.spec;
  if (!pod) return [];
  const ports: string[] = [];
  for (const c of pod.containers ?? []) {
    for (const p of c.ports ?? []) {
      const port = p.hostPort || (pod.hostNetwork ? p.containerPort : 0);
      if (port) ports.push(`${p.protocol || 'TCP'}/${p.hostIP ?? ''}/${port}`);
    }
  }
  return ports;
}

/** False when two pod specs can never share a node: their nodeSelectors pin one label to different values. */
export function nodeSetsCanOverlap(a: any, b: any): boolean {
  const sa = podSpecOf(a)?.spec?.nodeSelector ?? {};
  const sb = podSpecOf(b)?.spec?.nodeSelector ?? {};
  return Object.keys(sa).every(k => sb[k] === undefined || sb[k] === sa[k]);
}

export const XO002: CrossObjectRule = {
  id: 'XO002',
  description: 'no host port is bound by two DaemonSets whose nodes can overlap (the second pod never schedules there)',
  check(objects) {
    const found: CrossObjectViolation[] = [];
    const byPort = new Map<string, { o: any; i: number }[]>();
    for (const d of indexed(objects, ['DaemonSet'])) {
      for (const port of new Set(hostPortsOf(d.o))) byPort.set(port, [...(byPort.get(port) ?? []), d]);
    }
    const seen = new Set<string>();
    for (const users of byPort.values()) {
      users.forEach((a, n) => {
        for (const b of users.slice(n + 1)) {
          if (seen.has(`${a.i}/${b.i}`) || !nodeSetsCanOverlap(a.o, b.o)) continue;
          seen.add(`${a.i}/${b.i}`);
          const shared = hostPortsOf(a.o).filter(p => hostPortsOf(b.o).includes(p));
          found.push({ ruleId: 'XO002', object: b.i, others: [a.i], path: 'spec.template.spec', problem: `host port ${shared.join(', ')} is also bound by ${label(a.o)} on the same nodes`, valid: 'a different host port, or node selectors that keep the two apart' });
        }
      });
    }
    return found.sort((x, y) => x.object - y.object || x.others[0] - y.others[0]);
  },
};

export const XO003: CrossObjectRule = {
  id: 'XO003',
  description: 'a priorityClassName names a PriorityClass of the app or a system class (pods are rejected otherwise)',
  check(objects) {
    const defined = new Set(objects.filter(o => o?.kind === 'PriorityClass').map(o => o.metadata?.name));
    return indexed(objects, WORKLOAD_KINDS).flatMap(({ o, i }) => {
      const pod = podSpecOf(o);
      const name = pod?.spec?.priorityClassName;
      if (!name || defined.has(name) || SYSTEM_PRIORITY_CLASSES[name] !== undefined) return [];
      return [{ ruleId: 'XO003', object: i, others: [], path: `${pod!.path}.priorityClassName`, problem: `no PriorityClass named ${JSON.stringify(name)} in the app and it is not a system class: every pod is rejected at admission`, valid: 'Priority.create() in the app, a system class, or a suppression if the class exists in the cluster' }];
    });
  },
};

export const XO004: CrossObjectRule = {
  id: 'XO004',
  description: 'at most one PriorityClass is the globalDefault',
  check(objects) {
    const defaults = indexed(objects, ['PriorityClass']).filter(({ o }) => o.globalDefault === true);
    return defaults.slice(1).map(({ i }) => ({ ruleId: 'XO004', object: i, others: [defaults[0].i], path: 'globalDefault', problem: `${label(objects[defaults[0].i])} is already the global default: only one default can exist`, valid: 'globalDefault on one class only' }));
  },
};

function podsSelectedBy(svc: any, index: TemplateIndex): { o: any; i: number }[] {
  const selector = { matchLabels: svc.spec?.selector ?? {} };
  if (!Object.keys(selector.matchLabels).length) return [];
  return index.candidates(ns(svc), selector).filter(({ o }) => selectorMatches(selector, templateLabels(o)));
}

export const XO005: CrossObjectRule = {
  id: 'XO005',
  description: 'a Service selector matches a pod template of the app, and its targetPorts exist on the selected containers',
  check(objects) {
    const index = new TemplateIndex(indexed(objects, WORKLOAD_KINDS));
    return indexed(objects, ['Service']).flatMap(({ o: svc, i }) => {
      if (!svc.spec?.selector || !Object.keys(svc.spec.selector).length || svc.spec.type === 'ExternalName') return [];
      const pods = podsSelectedBy(svc, index);
      if (!pods.length) {
        return [{ ruleId: 'XO005', object: i, others: [], path: 'spec.selector', problem: 'selects no pod template in the app: the Service has no endpoints', valid: "the labels of a workload's pod template" }];
      }
      const exposed = pods.flatMap(({ o }) => (podSpecOf(o)?.spec?.containers ?? []).flatMap((c: any) => c.ports ?? []));
      return (svc.spec.ports ?? []).flatMap((p: any, j: number) => {
        const target = p.targetPort ?? p.port;
        const ok = typeof target === 'string' ? exposed.some((e: any) => e.name === target) : (exposed.some((e: any) => e.containerPort === target) || isHeadless(svc));
        return ok ? [] : [{ ruleId: 'XO005', object: i, others: pods.map(x => x.i), path: `spec.ports[${j}].targetPort`, problem: `targetPort ${JSON.stringify(target)} is not a port of the selected containers`, valid: `one of: ${exposed.map((e: any) => e.name ?? e.containerPort).join(', ') || '(no ports)'}` }];
      });
    });
  },
};

export const XO006: CrossObjectRule = {
  id: 'XO006',
  description: 'ConfigMaps and ServiceAccounts that pods reference exist in the app, and so do the ConfigMap keys their volume items name',
  check(objects) {
    const names = new Set(objects.map(o => `${o?.kind}/${ns(o)}/${o?.metadata?.name}`));
    const present = (kind: string, namespace: string, name: string) => names.has(`${kind}/${namespace}/${name}`);
    const configMapKeys = new Map(indexed(objects, ['ConfigMap']).map(({ o }) => [`${ns(o)}/${o.metadata?.name}`, new Set([...Object.keys(o.data ?? {}), ...Object.keys(o.binaryData ?? {})])]));
    return indexed(objects, WORKLOAD_KINDS).flatMap(({ o, i }) => {
      const pod = podSpecOf(o);
      if (!pod) return [];
      const found: CrossObjectViolation[] = [];
      const account = pod.spec.serviceAccountName;
      if (account && account !== 'default' && !present('ServiceAccount', ns(o), account)) {
        found.push({ ruleId: 'XO006', object: i, others: [], path: `${pod.path}.serviceAccountName`, problem: `ServiceAccount ${JSON.stringify(account)} is not in the app: pods are not created`, valid: 'a ServiceAccount of the app (rbac: [...]) or a suppression if it exists in the cluster' });
      }
      (pod.spec.volumes ?? []).forEach((v: any, j: number) => {
        const cm = v.configMap?.name;
        if (!cm || cm === 'kube-root-ca.crt' || v.configMap.optional === true) return;
        if (!present('ConfigMap', ns(o), cm)) {
          found.push({ ruleId: 'XO006', object: i, others: [], path: `${pod.path}.volumes[${j}].configMap.name`, problem: `ConfigMap ${JSON.stringify(cm)} is not in the app: pods stay in ContainerCreating`, valid: 'a ConfigMap of the app (config: {...}) or a suppression if it exists in the cluster' });
          return;
        }
        // The kubelet refuses to mount a ConfigMap volume whose items name a key the ConfigMap lacks.
        const keys = configMapKeys.get(`${ns(o)}/${cm}`) ?? new Set<string>();
        (v.configMap.items ?? []).forEach((item: any, k: number) => {
          if (!keys.has(item?.key)) {
            found.push({ ruleId: 'XO006', object: i, others: [], path: `${pod.path}.volumes[${j}].configMap.items[${k}].key`, problem: `ConfigMap ${JSON.stringify(cm)} has no key ${JSON.stringify(item?.key)}: pods stay in ContainerCreating`, valid: `one of its keys: ${[...keys].join(', ') || '(none)'}` });
          }
        });
      });
      return found;
    });
  },
};

export const CROSS_OBJECT_RULES: CrossObjectRule[] = [XO001, XO002, XO003, XO004, XO005, XO006];

/**
 * Runs a cross-object rule; a malformed object (which the per-object checks already report) makes the
 * rule report nothing rather than crash.
 */
export function crossCheck(r: CrossObjectRule, objects: any[]): CrossObjectViolation[] {
  try {
    return r.check(objects);
  } catch {
    return [];
  }
}
