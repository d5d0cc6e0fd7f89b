import { selectorMatches } from './daemonset-rules';
import { canonicalJson, groupBy, ObjectGroups } from './object-groups';
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
  /** The message should say where the others are (their files, or construct paths): they share a name. */
  readonly locateOthers?: boolean;
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

  /** Workloads in `namespace` whose template labels the selector may match: those with its rarest matchLabels entry. */
  public candidates(namespace: string, selector: any): { o: any; i: number }[] {
    const entries = Object.entries(selector?.matchLabels ?? {});
    if (!entries.length) return this.byNamespace.get(namespace) ?? [];
    let best: { o: any; i: number }[] | undefined;
    for (const [k, v] of entries) {
      const list = this.byLabel.get(`${namespace}\u0000${k}=${v}`) ?? [];
      if (!best || list.length < best.length) best = list;
    }
    return best!;
  }

  private add(map: Map<string, { o: any; i: number }[]>, key: string, w: { o: any; i: number }): void {
    const list = map.get(key);
    if (list) list.push(w);
    else map.set(key, [w]);
  }
}

const MAX_LISTED = 20;

/** `A, B and C`, or the first 20 and how many more. */
function listed(objects: any[], members: readonly number[]): string {
  const names = members.slice(0, MAX_LISTED).map(m => label(objects[m]));
  if (members.length > MAX_LISTED) return `${names.join(', ')} and ${members.length - MAX_LISTED} more`;
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names.join('');
}

/**
 * Workloads with one namespace, kind family and selector (or template labels) form a class; classes are
 * compared once each, so N copies of one selector cost N, not N².
 */
function workloadClasses(workloads: { o: any; i: number }[], part: (o: any) => unknown) {
  return groupBy(workloads, w => `${ns(w.o)}\u0000${w.o.kind === 'DaemonSet'}\u0000${canonicalJson(part(w.o))}`)
    .map(members => ({ o: members[0].o, i: members[0].i, members: members.map(m => m.i) }));
}

export const XO001: CrossObjectRule = {
  id: 'XO001',
  description: 'no two workloads in one namespace select each other\'s pods (their controllers would fight over them)',
  check(objects) {
    const workloads = indexed(objects, CONTROLLERS);
    const selectors = workloadClasses(workloads, o => o.spec?.selector ?? null);
    const templates = workloadClasses(workloads, templateLabels);
    const membersOf = new Map(templates.map(t => [t.i, t.members]));
    const index = new TemplateIndex(templates.map(t => ({ o: t.o, i: t.i })));
    const groups = new ObjectGroups();
    for (const s of selectors) {
      for (const t of index.candidates(ns(s.o), s.o.spec?.selector)) {
        if (s.o.kind !== 'DaemonSet' && t.o.kind !== 'DaemonSet') continue;
        const targets = membersOf.get(t.i)!;
        if (s.members.length === 1 && targets.length === 1 && s.members[0] === targets[0]) continue;
        if (!selectorMatches(s.o.spec?.selector, templateLabels(t.o))) continue;
        groups.join([...s.members, ...targets]);
      }
    }
    // One finding per group of workloads whose selectors and templates overlap, on its first DaemonSet.
    return groups.groups().map(members => {
      const ds = members.find(m => objects[m].kind === 'DaemonSet') ?? members[0];
      const others = members.filter(m => m !== ds);
      return {
        ruleId: 'XO001',
        object: ds,
        others,
        path: 'spec.selector',
        problem: `selector overlaps with ${others.length === 1 ? '' : `${others.length} other workloads: `}${listed(objects, others)}`,
        valid: 'selectors that match only their own pod template',
      };
    });
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
    const byPort = new Map<string, { o: any; i: number }[]>();
    for (const d of indexed(objects, ['DaemonSet'])) {
      for (const port of new Set(hostPortsOf(d.o))) {
        const users = byPort.get(port);
        if (users) users.push(d);
        else byPort.set(port, [d]);
      }
    }
    const found: CrossObjectViolation[] = [];
    for (const [port, users] of byPort) {
      if (users.length < 2) continue;
      // DaemonSets with one nodeSelector always share nodes; classes of selectors are compared pairwise.
      const classes = groupBy(users, u => canonicalJson(podSpecOf(u.o)?.spec?.nodeSelector ?? {}));
      const groups = new ObjectGroups();
      classes.forEach((a, n) => {
        groups.join(a.map(u => u.i));
        for (const b of classes.slice(n + 1)) {
          if (nodeSetsCanOverlap(a[0].o, b[0].o)) groups.join([a[0].i, b[0].i]);
        }
      });
      for (const members of groups.groups()) {
        const [first, reported, ...rest] = members;
        const others = [first, ...rest];
        const who = others.length === 1 ? listed(objects, others) : `${others.length} other DaemonSets: ${listed(objects, others)}`;
        found.push({ ruleId: 'XO002', object: reported, others, path: 'spec.template.spec', problem: `host port ${port} is also bound by ${who} on the same nodes`, valid: 'a different host port, or node selectors that keep the two apart' });
      }
    }
    return found.sort((x, y) => x.object - y.object || x.others[0] - y.others[0]);
  },
};

/**
 * Declares on a workload that its priorityClassName exists in the cluster (what `Priority.existing()`
 * writes), so that XO003 does not expect the PriorityClass in the manifests.
 */
export const EXISTING_PRIORITY_CLASS_ANNOTATION = 'daemons.cdk8s.io/existing-priority-class';

export const XO003: CrossObjectRule = {
  id: 'XO003',
  description: 'a priorityClassName names a PriorityClass of the app or a system class (pods are rejected otherwise)',
  check(objects) {
    const defined = new Set(objects.filter(o => o?.kind === 'PriorityClass').map(o => o.metadata?.name));
    return indexed(objects, WORKLOAD_KINDS).flatMap(({ o, i }) => {
      const pod = podSpecOf(o);
      const name = pod?.spec?.priorityClassName;
      if (!name || defined.has(name) || SYSTEM_PRIORITY_CLASSES[name] !== undefined) return [];
      if (o.metadata?.annotations?.[EXISTING_PRIORITY_CLASS_ANNOTATION] === name) return [];
      return [{ ruleId: 'XO003', object: i, others: [], path: `${pod!.path}.priorityClassName`, problem: `no PriorityClass named ${JSON.stringify(name)} in the app and it is not a system class: every pod is rejected at admission`, valid: `Priority.create() in the app, a system class, or Priority.existing() (the annotation ${EXISTING_PRIORITY_CLASS_ANNOTATION}: "${name}") if the class exists in the cluster` }];
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

/** Built-in kinds that are cluster-scoped: the API server ignores their metadata.namespace. */
const CLUSTER_SCOPED = new Set(['Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'PriorityClass',
  'StorageClass', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'CustomResourceDefinition', 'APIService', 'RuntimeClass', 'IngressClass',
  'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding',
  'CertificateSigningRequest', 'FlowSchema', 'PriorityLevelConfiguration', 'ComponentStatus', 'ClusterCIDR', 'IPAddress']);

/** `group/kind/namespace/name`, the identity of an object in the API server (the version does not count). */
function identity(o: any): string {
  const apiVersion = String(o.apiVersion ?? '');
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  return `${group}/${o.kind}/${CLUSTER_SCOPED.has(o.kind) ? '' : ns(o)}/${o.metadata?.name}`;
}

export const XO007: CrossObjectRule = {
  id: 'XO007',
  description: 'no two objects share group, kind, namespace and name (one would silently replace the other; cluster-scoped kinds ignore the namespace)',
  check(objects) {
    const named = objects.map((o, i) => ({ o, i })).filter(({ o }) => typeof o?.kind === 'string' && typeof o?.metadata?.name === 'string');
    return groupBy(named, ({ o }) => identity(o)).filter(g => g.length > 1).map(([first, second, ...rest]) => {
      const o = second.o;
      const scope = CLUSTER_SCOPED.has(o.kind) ? ' (cluster-scoped: the namespace does not tell them apart)' : '';
      return {
        ruleId: 'XO007',
        object: second.i,
        others: [first.i, ...rest.map(r => r.i)],
        path: 'metadata.name',
        problem: `${o.kind} ${JSON.stringify(o.metadata.name)} is defined ${rest.length + 2} times${scope}: the API server keeps one object, so one definition silently replaces the others`,
        valid: 'a distinct name for each object (the name prop), or distinct namespaces for namespaced kinds',
        locateOthers: true,
      };
    });
  },
};

export const CROSS_OBJECT_RULES: CrossObjectRule[] = [XO001, XO002, XO003, XO004, XO005, XO006, XO007];

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
