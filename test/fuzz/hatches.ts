import { unlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ApiObject, Chart, Include, JsonPatch, Yaml } from 'cdk8s';
import * as fc from 'fast-check';
import { tsLiteral } from './gen';

// The escape hatches of the public API, generated: JSON patches on the rendered objects (values that the
// L1 mapping keeps, values holding keys it drops, values the API server refuses), hand-written ApiObjects of
// every kind the strict schemas cover, and Include of a YAML file of such objects. Mostly valid, so that a
// case with hatches still synthesizes about half of the time.

/** One escape hatch: its TypeScript (for the counterexample snippet) and how to apply it to the built case. */
export interface Hatch {
  readonly src: string;
  /** A JSON patch on an object of the library: its errors name whatever prop the patched field came from. */
  readonly patch?: boolean;
  /** Applies it; returns the construct path of a hand-written object (raw or Include), if it adds one. */
  apply(chart: Chart, constructs: any[]): string | undefined;
}

/** Mostly one of `valid`, sometimes one of `invalid`. */
function pick<T>(valid: T[], invalid: T[], validWeight = 6): fc.Arbitrary<T> {
  return fc.oneof({ arbitrary: fc.constantFrom(...valid), weight: validWeight }, { arbitrary: fc.constantFrom(...invalid), weight: 1 });
}

type Target = 'daemonSet' | 'service' | 'configMap';

/** Patches of the DaemonSet, with the L1 (camelCase) keys a patch must use. */
const DAEMONSET_PATCHES: fc.Arbitrary<[string, string, unknown]> = fc.oneof(
  fc.tuple(fc.constant('replace'), fc.constant('/spec/minReadySeconds'), pick([0, 5, 30, 2 ** 31 - 1], [-1, 2 ** 31, 1.5])),
  fc.tuple(fc.constant('add'), fc.constant('/spec/revisionHistoryLimit'), pick([0, 3, 10], [-1, 2 ** 31])),
  fc.tuple(fc.constant('replace'), fc.constant('/spec/updateStrategy'), pick<unknown>([{ type: 'OnDelete' }, { type: 'RollingUpdate' }], [{ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 2 } }, { type: 'Recreate' }])),
  fc.tuple(fc.constant('add'), fc.constant('/spec/template/spec/containers/0/livenessProbe'), pick<unknown>(
    [{ exec: { command: ['true'] } }, { exec: { command: ['cat', '/tmp/ok'] }, periodSeconds: 20 }, { grpc: { port: 9090 } }],
    [{ exec: { command: [] } }, { exec: {} }, { periodSeconds: 5 }, { grpc: { port: 0 } }, { exec: { command: ['x'] }, periodSeconds: 2 ** 31 }, { exec: { command: ['x'] }, successThreshold: 2 }])),
  fc.tuple(fc.constant('add'), fc.constant('/spec/template/spec/containers/0/lifecycle'), pick<unknown>(
    [{ preStop: { exec: { command: ['sleep', '5'] } } }, { postStart: { exec: { command: ['true'] } } }],
    [{ preStop: { exec: { command: [] } } }, { preStop: {} }])),
  fc.tuple(fc.constant('add'), fc.constant('/spec/template/spec/containers/0/ports'), pick<unknown>(
    [[{ containerPort: 8080, name: 'http' }], [{ containerPort: 9000, protocol: 'UDP' }]],
    [[{ containerPort: 8080, hostIP: '127.0.0.1', hostPort: 8080 }], [{ containerPort: 0 }], [{ containerPort: 8080, name: 'HTTP' }]])),
  fc.tuple(fc.constant('add'), fc.constant('/spec/template/spec/containers/0/env'), pick<unknown>(
    [[{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }], [{ name: 'POD_IPS', valueFrom: { fieldRef: { fieldPath: 'status.podIPs' } } }], [{ name: 'LEVEL', value: 'info' }]],
    [[{ name: 'X', valueFrom: { fieldRef: { fieldPath: 'status.hostIPs' } } }], [{ name: 'X', valueFrom: { fieldRef: { fieldPath: 'spec.hostNetwork' } } }],
      [{ name: 'X', valueFrom: { secretKeyRef: { name: 's', key: 'a/b' } } }], [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'c', key: '' } } }], [{ name: '1X', value: 'a' }]])),
  fc.tuple(fc.constant('add'), fc.constant('/spec/template/spec/containers/0/resources'), pick<unknown>(
    [{ requests: { 'example.com/dev': '1' }, limits: { 'example.com/dev': '1' } }, { limits: { memory: '128Mi' } }],
    [{ limits: { 'kubernetes.io/dev': '1' } }, { limits: { gpu: '1' } }, { requests: { cpu: '-1' } }, { requests: { memory: '2Gi' }, limits: { memory: '1Gi' } }])),
  fc.tuple(fc.constant('add'), fc.constant('/spec/template/spec/dnsPolicy'), pick(['Default', 'ClusterFirst'], ['None', 'Nearest'])),
  fc.tuple(fc.constant('add'), fc.constant('/spec/template/spec/dnsConfig'), pick<unknown>(
    [{ nameservers: ['10.96.0.10'] }, { searches: ['svc.cluster.local'], options: [{ name: 'ndots', value: '2' }] }],
    [{ nameservers: ['dns.local'] }, { nameservers: ['1.1.1.1', '1.0.0.1', '8.8.8.8', '8.8.4.4'] }, { searches: ['a_b'] }])),
  fc.tuple(fc.constant('add'), fc.constant('/spec/template/spec/nodeName'), pick(['node-1', 'ip-10-0-0-1.ec2.internal'], ['Node_1', 'a'.repeat(254)])),
  fc.tuple(fc.constant('add'), fc.constant('/spec/template/spec/hostname'), pick(['agent'], ['a.b', 'A'])),
  fc.tuple(fc.constant('add'), fc.constant('/spec/template/spec/ephemeralContainers'), fc.constant([{ name: 'debug', image: 'busybox:1.36' }])),
  fc.tuple(fc.constant('add'), fc.constant('/spec/template/spec/volumes'), pick<unknown>(
    [[{ name: 'extra', emptyDir: {} }], [{ name: 'labels', downwardApi: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } }]],
    [[{ name: 'extra', configMap: { name: 'c', defaultMode: 0o1000 } }], [{ name: 'extra', secret: { secretName: 's', items: [{ key: 'k', path: '/abs' }] } }],
      [{ name: 'extra', configMap: { name: 'c', items: [{ key: 'k', path: 'a/../../b' }] } }], [{ name: 'extra', downwardApi: { items: [{ path: 'n', fieldRef: { fieldPath: 'spec.nodeName' } }] } }]])),
  fc.tuple(fc.constant('add'), fc.constant('/metadata/annotations'), pick<unknown>([{ 'example.com/owner': 'team-a' }], [{ 'example.com/big': 'x'.repeat(256 * 1024) }, { 'bad key': 'v' }], 8)),
  fc.tuple(fc.constant('add'), pick(['/spec/template/spec/hostPid'], ['/spec/template/spec/hostPID', '/spec/hostPid']), fc.constant(true)),
);

const SERVICE_PATCHES: fc.Arbitrary<[string, string, unknown]> = fc.oneof(
  fc.tuple(fc.constant('add'), fc.constant('/spec/sessionAffinity'), pick(['ClientIP', 'None'], ['Sticky'])),
  fc.tuple(fc.constant('add'), fc.constant('/spec/sessionAffinityConfig'), pick<unknown>([{ clientIp: { timeoutSeconds: 60 } }], [{ clientIP: { timeoutSeconds: 60 } }, { clientIp: { timeoutSeconds: 2 ** 31 } }])),
  fc.tuple(fc.constant('replace'), fc.constant('/spec/type'), pick(['ClusterIP'], ['ExternalName', 'NodePort', 'Balanced'])),
  fc.tuple(fc.constant('add'), fc.constant('/spec/externalName'), pick(['db.example.com'], ['db_example'])),
);

const CONFIG_MAP_PATCHES: fc.Arbitrary<[string, string, unknown]> = fc.oneof(
  fc.tuple(fc.constant('add'), fc.constant('/data/extra.conf'), pick(['a = 1\n'], ['x'.repeat(1024 * 1024 + 1)], 10)),
  fc.tuple(fc.constant('add'), fc.constant('/binaryData'), pick<unknown>([{ 'blob.bin': 'AAEC' }], [{ 'blob.bin': 'not base64' }, { 'bad/key': 'AAEC' }])),
);

function receiver(kind: string): string {
  return kind === 'NodeDaemon' ? 'c0' : 'c0.daemon';
}

function patchHatch(kind: string, target: Target, [op, path, value]: [string, string, unknown]): Hatch {
  const access = { daemonSet: 'daemonSets[0]', service: 'service', configMap: 'configMap' }[target];
  const fn = op === 'add' ? 'add' : 'replace';
  return {
    patch: true,
    src: `${receiver(kind)}.${access}?.addJsonPatch(JsonPatch.${fn}(${JSON.stringify(path)}, ${tsLiteral(value)}));`,
    apply(_chart, constructs) {
      const daemon = kind === 'NodeDaemon' ? constructs[0] : constructs[0]?.daemon;
      const obj: ApiObject | undefined = target === 'daemonSet' ? daemon?.daemonSets?.[0] : daemon?.[target];
      obj?.addJsonPatch(fn === 'add' ? JsonPatch.add(path, value) : JsonPatch.replace(path, value));
      return undefined;
    },
  };
}

export function patchHatches(kind: string): fc.Arbitrary<Hatch> {
  return fc.oneof(
    { arbitrary: DAEMONSET_PATCHES.map(p => patchHatch(kind, 'daemonSet', p)), weight: 6 },
    { arbitrary: SERVICE_PATCHES.map(p => patchHatch(kind, 'service', p)), weight: 2 },
    { arbitrary: CONFIG_MAP_PATCHES.map(p => patchHatch(kind, 'configMap', p)), weight: 1 },
  );
}

// ---- hand-written objects ------------------------------------------------------------------------

const rawName = pick(['raw', 'extra-1', 'a'.repeat(63)], ['', 'Raw', 'a_b', 'a'.repeat(254)], 12);

/** Hand-written objects of every kind the strict schemas cover, mostly valid. */
export const rawObject: fc.Arbitrary<any> = fc.oneof(
  fc.tuple(rawName, pick([['get'], ['get', 'list', 'watch']], [[]]), pick([['pods'], ['nodes/metrics']], [[]])).map(([name, verbs, resources]) => (
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name }, rules: [{ apiGroups: [''], resources, verbs }] })),
  fc.tuple(rawName, pick<any>([{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }], [{ nonResourceURLs: ['/metrics'], verbs: ['get'] }])).map(([name, r]) => (
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name }, rules: [r] })),
  fc.tuple(rawName, pick(['ClusterRole'], ['Role', 'Cluster'])).map(([name, kind]) => (
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind, name: 'view' }, subjects: [{ kind: 'ServiceAccount', name: 'agent', namespace: 'kube-system' }] })),
  fc.tuple(rawName, pick<any>([{ kind: 'ServiceAccount', name: 'agent' }, { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'jane' }], [{ kind: 'User', name: 'jane' }, { kind: 'Robot', name: 'r' }])).map(([name, subject]) => (
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' }, subjects: [subject] })),
  fc.tuple(rawName, pick<any>([{ 'tls.crt': 'YQ==', 'tls.key': 'YQ==' }], [{}, { 'tls.crt': 'YQ==' }, { 'tls.crt': 'not base64', 'tls.key': 'YQ==' }])).map(([name, data]) => (
    { apiVersion: 'v1', kind: 'Secret', metadata: { name }, type: 'kubernetes.io/tls', data })),
  fc.tuple(rawName, pick<any>([{ password: 'c2VjcmV0' }, { 'api.key': 'c2VjcmV0' }], [{ 'a/b': 'c2VjcmV0' }, { '..a': 'c2VjcmV0' }])).map(([name, data]) => (
    { apiVersion: 'v1', kind: 'Secret', metadata: { name }, type: 'Opaque', data })),
  fc.tuple(rawName, pick<any>([{ minAvailable: 1 }, { maxUnavailable: '10%' }, { minAvailable: 0 }], [{ minAvailable: -1 }, { maxUnavailable: '101%' }, { minAvailable: 1, maxUnavailable: 1 }, { minAvailable: 'half' }])).map(([name, budget]) => (
    { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name }, spec: { ...budget, selector: { matchLabels: { app: 'agent' } } } })),
  fc.tuple(rawName, pick<any>([{ port: 8080 }, { port: 'metrics', protocol: 'TCP' }, { port: 8000, endPort: 9000 }], [{ port: 70000 }, { port: 0 }, { port: 'Metrics' }, { port: 9000, endPort: 8000 }, { port: 'http', endPort: 90 }]),
    pick<any>([{ podSelector: {} }, { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], [{ ipBlock: { cidr: '10.0.0.0/8', except: ['192.168.0.0/16'] } }, { ipBlock: { cidr: '10.0.0.0' } }, {}])).map(([name, port, peer]) => (
    { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name }, spec: { podSelector: { matchLabels: { app: 'agent' } }, ingress: [{ ports: [port], from: [peer] }], policyTypes: ['Ingress'] } })),
  fc.tuple(rawName, pick<any>([{ 'agent.yaml': 'a: 1' }, { '.hidden': 'x' }], [{ 'a/b': 'x' }, { '': 'x' }, { '..': 'x' }])).map(([name, data]) => (
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data })),
  fc.tuple(rawName, pick<any>([{ type: 'ExternalName', externalName: 'db.example.com' }, { type: 'ClusterIP', ports: [{ port: 80 }] }], [{ type: 'ExternalName' }, { type: 'ExternalName', externalName: 'db.example.com', clusterIP: '10.0.0.1' }, { ports: [{ port: 80 }, { port: 81 }] }])).map(([name, spec]) => (
    { apiVersion: 'v1', kind: 'Service', metadata: { name: name.length > 63 ? 'svc' : name }, spec })),
  fc.tuple(rawName).map(([name]) => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name } })),
  pick(['team-a', 'monitoring'], ['Team_A', 'a.b', 'a'.repeat(64)]).map(name => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })),
  fc.tuple(rawName, pick<any>([{ app: 'shop' }], [{ app: 'other' }]), pick<any>([{ exec: { command: ['true'] } }], [{ exec: { command: [] } }])).map(([name, labels, probe]) => (
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name }, spec: { selector: { matchLabels: { app: 'shop' } }, template: { metadata: { labels }, spec: { containers: [{ name: 'shop', image: 'example.com/shop:1.0', livenessProbe: probe }] } } } })),
  fc.tuple(rawName, pick([0, 100, 1000000000], [1000000001, 2 ** 31])).map(([name, value]) => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: `raw-${name}`.slice(0, 253) }, value })),
  fc.tuple(rawName, pick<any>([{}], [{ dnsPolicy: 'None' }, { nodeName: 'Node_1' }, { ephemeralContainers: [{ name: 'x', image: 'busybox:1' }] }])).map(([name, extra]) => (
    { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'main', image: 'example.com/a:1.0' }], ...extra } })),
);

/** Names of hand-written objects stay apart within a case (duplicates are a rule of their own). */
function named(obj: any, n: number): any {
  const name = obj.metadata.name;
  if (!name || name.length > 50 || n === 0) return obj;
  return { ...obj, metadata: { ...obj.metadata, name: `${name}-${n}` } };
}

function rawHatch(obj: any, n: number): Hatch {
  const id = `raw${n}`;
  const o = named(obj, n);
  return {
    src: `new ApiObject(chart, ${JSON.stringify(id)}, ${tsLiteral(o)});`,
    apply(chart: Chart) {
      return new ApiObject(chart, id, JSON.parse(JSON.stringify(o))).node.path;
    },
  };
}

/** Include of a YAML file holding one or two hand-written objects. */
function includeHatch(objs: any[], n: number): Hatch {
  // Include names its constructs by kind and name: two objects that would clash are one.
  const docs = objs.map((o, i) => named(o, n * 10 + i + 1))
    .filter((o, i, all) => all.findIndex(x => `${x.kind}-${x.metadata.name}`.toLowerCase() === `${o.kind}-${o.metadata.name}`.toLowerCase()) === i);
  const id = `included${n}`;
  return {
    src: `writeFileSync('included.yaml', Yaml.stringify(...${tsLiteral(docs)}));\nnew Include(chart, ${JSON.stringify(id)}, { url: 'included.yaml' });`,
    apply(chart: Chart) {
      const file = join(tmpdir(), `cdk8s-daemons-fuzz-${process.pid}-${id}.yaml`);
      writeFileSync(file, Yaml.stringify(...docs));
      try {
        return new Include(chart, id, { url: file }).node.path;
      } finally {
        unlinkSync(file);
      }
    },
  };
}

type HatchSpec = { patch: Hatch } | { raw: any } | { include: any[] };

/** One to three hatches of any kind for a case whose first construct is of `kind`. */
export function hatches(kind: string): fc.Arbitrary<Hatch[]> {
  const one: fc.Arbitrary<HatchSpec> = fc.oneof(
    { arbitrary: patchHatches(kind).map(patch => ({ patch })), weight: 50 },
    { arbitrary: rawObject.map(raw => ({ raw })), weight: 30 },
    // cdk8s reads an Include's file in a child process (Yaml.load): rare, to keep the run short.
    { arbitrary: fc.array(rawObject, { minLength: 1, maxLength: 2 }).map(include => ({ include })), weight: 1 },
  );
  return fc.array(one, { minLength: 1, maxLength: 3 }).map(list => list.map((h, i) =>
    ('patch' in h ? h.patch : 'raw' in h ? rawHatch(h.raw, i) : includeHatch(h.include, i))));
}
