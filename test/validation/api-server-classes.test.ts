import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ApiObject, Chart, Include, JsonPatch, Testing, Yaml } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Exposure, NodeDaemon, Validations } from '../../src';
import { checkApiServerRules } from '../../src/validation/api-rules';
import { strictSchemaViolations } from '../../src/validation/schema/strict-schema';
import { HARDENED } from '../support/hardened';

// One block per class of defect that an outside differential check found: each class is closed as a
// class, so every place the field can occur is tried (containers, init containers, sidecars, every probe
// kind, lifecycle handlers, hand-written objects of every kind the strict schemas cover).

/** Rule IDs (and paths) that the schema and the API-server rules report for an object. */
function findings(obj: any): string[] {
  return [...(strictSchemaViolations(obj) ?? []), ...checkApiServerRules(obj)].map(v => `${v.ruleId} ${v.path}`);
}

function daemonSet(podSpec: any = {}, extra: any = {}): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'kube-system' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: { containers: [{ name: 'main', image: 'example.com/agent:1.0' }], ...podSpec },
      },
      ...extra,
    },
  };
}

const CONTAINER_PLACES: [string, (c: any) => any][] = [
  ['containers[0]', c => ({ containers: [{ name: 'main', image: 'i:1', ...c }] })],
  ['containers[1] (sidecar)', c => ({ containers: [{ name: 'main', image: 'i:1' }, { name: 'side', image: 'i:1', ...c }] })],
  ['initContainers[0]', c => ({ initContainers: [{ name: 'init', image: 'i:1', ...c }] })],
];

/** Synthesizes a NodeDaemon and returns the validation message, or '' when synth succeeds. */
function synthError(build: (chart: Chart) => void, namespace = 'kube-system'): string {
  const chart = new Chart(Testing.app(), 'agents', { namespace });
  Validations.configure(chart, { bestPractices: false, crossObject: false });
  try {
    build(chart);
    Testing.synth(chart);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

describe('class 1: OpenAPI formats (int32, int64, byte, date-time)', () => {
  test.each([
    ['minReadySeconds', daemonSet({}, { minReadySeconds: 2 ** 31 }), 'spec.minReadySeconds'],
    ['revisionHistoryLimit', daemonSet({}, { revisionHistoryLimit: 2 ** 31 }), 'spec.revisionHistoryLimit'],
    ['probe periodSeconds', daemonSet({ containers: [{ name: 'm', image: 'i:1', readinessProbe: { exec: { command: ['true'] }, periodSeconds: 2 ** 31 } }] }), 'spec.template.spec.containers[0].readinessProbe.periodSeconds'],
    ['init container runAsUser', daemonSet({ containers: [{ name: 'm', image: 'i:1' }], initContainers: [{ name: 'i', image: 'i:1', securityContext: { runAsUser: 2 ** 63 } }] }), 'spec.template.spec.initContainers[0].securityContext.runAsUser'],
    ['terminationGracePeriodSeconds (int64)', daemonSet({ terminationGracePeriodSeconds: 2 ** 64 }), 'spec.template.spec.terminationGracePeriodSeconds'],
    ['PriorityClass value', { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'p' }, value: -(2 ** 31) - 1 }, 'value'],
    ['Secret data not base64', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { a: 'x y' } }, 'data.a'],
    ['creationTimestamp not RFC 3339', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', creationTimestamp: '31.01.2024' } }, 'metadata.creationTimestamp'],
  ])('%s out of its format is a SCHEMA error', (_, obj, path) => {
    expect(findings(obj)).toContain(`SCHEMA ${path}`);
  });

  test('the largest int32 and valid base64 pass', () => {
    expect(findings(daemonSet({}, { minReadySeconds: 2 ** 31 - 1 }))).toEqual([]);
    expect(findings({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { a: 'YWJj', b: 'YQ==' } })).toEqual([]);
  });

  test('NodeDaemon reports the prop', () => {
    expect(synthError(chart => new NodeDaemon(chart, 'd', { ...HARDENED, minReadySeconds: 2 ** 31 }))).toMatch(/\[agents\/d\] 'minReadySeconds' 2147483648: must be an int32/);
  });
});

describe('class 2: probes and lifecycle handlers', () => {
  const handlers: [string, any, string][] = [
    ['liveness exec without command', { livenessProbe: { exec: { command: [] } } }, 'livenessProbe.exec.command'],
    ['readiness exec without command', { readinessProbe: { exec: {} } }, 'readinessProbe.exec.command'],
    ['startup probe without handler', { startupProbe: { periodSeconds: 5 } }, 'startupProbe'],
    ['probe with two handlers', { readinessProbe: { exec: { command: ['x'] }, tcpSocket: { port: 80 } } }, 'readinessProbe.tcpSocket'],
    ['negative timeoutSeconds', { readinessProbe: { tcpSocket: { port: 80 }, timeoutSeconds: -1 } }, 'readinessProbe.timeoutSeconds'],
    ['grpc port 0', { livenessProbe: { grpc: { port: 0 } } }, 'livenessProbe.grpc.port'],
    ['httpGet scheme FTP', { readinessProbe: { httpGet: { port: 80, scheme: 'FTP' } } }, 'readinessProbe.httpGet.scheme'],
    ['postStart exec without command', { lifecycle: { postStart: { exec: { command: [] } } } }, 'lifecycle.postStart.exec.command'],
    ['preStop without handler', { lifecycle: { preStop: {} } }, 'lifecycle.preStop'],
    ['preStop httpGet port 70000', { lifecycle: { preStop: { httpGet: { port: 70000 } } } }, 'lifecycle.preStop.httpGet.port'],
  ];
  test.each(CONTAINER_PLACES.slice(0, 2).flatMap(([where, place]) => handlers.map(([what, c, field]) => [`${what} in ${where}`, place, c, field] as const)))('%s', (_, place, c, field) => {
    const obj = daemonSet(place(c));
    const prefix = _.includes('sidecar') ? 'spec.template.spec.containers[1]' : 'spec.template.spec.containers[0]';
    expect(findings(obj)).toContain(`POD015 ${prefix}.${field}`);
  });

  test('probes and lifecycle handlers on an init container are refused', () => {
    const obj = daemonSet(CONTAINER_PLACES[2][1]({ readinessProbe: { exec: { command: ['x'] } }, lifecycle: { preStop: { exec: { command: ['x'] } } } }));
    expect(findings(obj)).toEqual(expect.arrayContaining(['POD015 spec.template.spec.initContainers[0].readinessProbe', 'POD015 spec.template.spec.initContainers[0].lifecycle']));
  });

  test('a NodeDaemon exec probe with an empty command names the prop', () => {
    expect(synthError(chart => new NodeDaemon(chart, 'd', { ...HARDENED, liveness: kplus.Probe.fromCommand([]) }))).toMatch(/\[agents\/d\] 'liveness' .*rule POD015/);
  });

  test('well-formed handlers pass', () => {
    expect(findings(daemonSet({ containers: [{ name: 'm', image: 'i:1', readinessProbe: { httpGet: { port: 'http', scheme: 'HTTPS' } }, lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } } }] }))).toEqual([]);
  });
});

describe('class 3: names', () => {
  test.each(['Kube-System', 'kube_system', 'a'.repeat(64), 'a.b'])('namespace %j is refused on every object', ns => {
    const obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: ns } };
    expect(findings(obj)).toContain('META003 metadata.namespace');
    expect(synthError(chart => new NodeDaemon(chart, 'd', HARDENED), ns)).toMatch(/META003/);
  });

  test('a 63-character namespace passes', () => {
    expect(findings({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'a'.repeat(63) } })).toEqual([]);
  });

  test.each([
    ['nodeName', { nodeName: 'Node_1' }, 'spec.template.spec.nodeName'],
    ['nodeName of 254 characters', { nodeName: 'a'.repeat(254) }, 'spec.template.spec.nodeName'],
    ['hostname', { hostname: 'my.host' }, 'spec.template.spec.hostname'],
    ['subdomain', { subdomain: 'A' }, 'spec.template.spec.subdomain'],
  ])('%s', (_, spec, path) => {
    expect(findings(daemonSet(spec))).toContain(`POD016 ${path}`);
  });

  test('a Namespace object is named with a DNS-1123 label', () => {
    expect(findings({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a.b' } })).toContain('META003 metadata.name');
  });
});

describe('class 4: volumes', () => {
  test.each([
    ['configMap defaultMode 0o1000', { configMap: { name: 'c', defaultMode: 0o1000 } }, 'configMap.defaultMode'],
    ['secret defaultMode -1', { secret: { secretName: 's', defaultMode: -1 } }, 'secret.defaultMode'],
    ['configMap item mode 512', { configMap: { name: 'c', items: [{ key: 'k', path: 'p', mode: 512 }] } }, 'configMap.items[0].mode'],
    ['absolute item path', { configMap: { name: 'c', items: [{ key: 'k', path: '/etc/p' }] } }, 'configMap.items[0].path'],
    ['item path with ..', { secret: { secretName: 's', items: [{ key: 'k', path: 'a/../../p' }] } }, 'secret.items[0].path'],
    ['item path starting with ..', { configMap: { name: 'c', items: [{ key: 'k', path: '..data' }] } }, 'configMap.items[0].path'],
    ['item without key', { configMap: { name: 'c', items: [{ key: '', path: 'p' }] } }, 'configMap.items[0].key'],
    ['projected configMap item path', { projected: { sources: [{ configMap: { name: 'c', items: [{ key: 'k', path: '/p' }] } }] } }, 'projected.sources[0].configMap.items[0].path'],
    ['downwardAPI unknown field', { downwardAPI: { items: [{ path: 'p', fieldRef: { fieldPath: 'spec.nodeName' } }] } }, 'downwardAPI.items[0].fieldRef.fieldPath'],
  ])('%s', (_, volume, field) => {
    expect(findings(daemonSet({ volumes: [{ name: 'v', ...volume }] }))).toContain(`POD018 spec.template.spec.volumes[0].${field}`);
  });

  test('an item key missing from a ConfigMap of the app fails synth (XO006)', () => {
    const chart = new Chart(Testing.app(), 'agents', { namespace: 'kube-system' });
    Validations.enable(chart);
    Validations.configure(chart, { bestPractices: false });
    new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'conf' }, data: { 'agent.yaml': 'x: 1' } });
    new ApiObject(chart, 'ds', daemonSet({
      containers: [{ name: 'main', image: 'i:1', volumeMounts: [{ name: 'v', mountPath: '/etc/agent' }] }],
      volumes: [{ name: 'v', configMap: { name: 'conf', items: [{ key: 'agnet.yaml', path: 'agent.yaml' }] } }],
    }));
    expect(() => Testing.synth(chart)).toThrow(/items\[0\]\.key: .*"agnet\.yaml".*rule XO006/);
  });

  test('a valid ConfigMap volume passes', () => {
    expect(findings(daemonSet({ volumes: [{ name: 'v', configMap: { name: 'c', defaultMode: 0o777, items: [{ key: 'k', path: 'dir/p', mode: 0o400 }] } }] }))).toEqual([]);
  });
});

describe('class 5: resource names', () => {
  test.each([
    ['kubernetes.io/gpu'], ['example.kubernetes.io/dev'], ['gpu'], ['example.com/'], ['Example.com/gpu'], ['example.com/a b'],
  ])('%j is refused in requests and limits of every container kind', name => {
    for (const [where, place] of CONTAINER_PLACES) {
      const obj = daemonSet(place({ resources: { requests: { [name]: '1' }, limits: { [name]: '1' } } }));
      const got = findings(obj).filter(f => f.startsWith('POD020'));
      expect({ where, got: got.length }).toEqual({ where, got: 2 });
    }
  });

  test.each(['cpu', 'memory', 'ephemeral-storage', 'hugepages-2Mi', 'nvidia.com/gpu', 'smarter-devices/hwrng'])('%j passes', name => {
    expect(findings(daemonSet({ containers: [{ name: 'm', image: 'i:1', resources: { requests: { [name]: '1' }, limits: { [name]: '1' } } }] })).filter(f => f.startsWith('POD020'))).toEqual([]);
  });
});

describe('class 6: DNS', () => {
  test('dnsPolicy None without dnsConfig is refused', () => {
    expect(findings(daemonSet({ dnsPolicy: 'None' }))).toContain('POD017 spec.template.spec.dnsConfig.nameservers');
  });

  test('dnsPolicy None with a nameserver passes', () => {
    expect(findings(daemonSet({ dnsPolicy: 'None', dnsConfig: { nameservers: ['10.96.0.10'], searches: ['svc.cluster.local.'] } }))).toEqual([]);
  });

  test.each([
    ['four nameservers', { nameservers: ['1.1.1.1', '1.0.0.1', '8.8.8.8', '8.8.4.4'] }, 'nameservers'],
    ['a nameserver that is no IP', { nameservers: ['dns.local'] }, 'nameservers[0]'],
    ['a search domain with _', { searches: ['my_domain'] }, 'searches[0]'],
    ['an option without a name', { options: [{ value: '2' }] }, 'options[0].name'],
  ])('%s', (_, dnsConfig, field) => {
    expect(findings(daemonSet({ dnsConfig }))).toContain(`POD017 spec.template.spec.dnsConfig.${field}`);
  });

  test("NodeDaemon's dnsPolicy None names the prop", () => {
    expect(synthError(chart => new NodeDaemon(chart, 'd', { ...HARDENED, dnsPolicy: kplus.DnsPolicy.NONE }))).toMatch(/\[agents\/d\] 'dnsPolicy'/);
  });
});

describe('class 7: sizes', () => {
  test('annotations over 256 KiB are refused on the object and on the pod template', () => {
    const big = { a: 'x'.repeat(256 * 1024) };
    expect(findings({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: big } })).toContain('META004 metadata.annotations');
    const ds = daemonSet();
    ds.spec.template.metadata.annotations = big;
    expect(findings(ds)).toContain('META004 spec.template.metadata.annotations');
    expect(findings({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: { a: 'x'.repeat(256 * 1024 - 1) } } })).toEqual([]);
  });

  test('a ConfigMap over 1 MiB is refused, counting data and decoded binaryData', () => {
    expect(findings({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'x'.repeat(1024 * 1024 + 1) } })).toContain('SIZE001 data');
    const half = 'x'.repeat(512 * 1024);
    expect(findings({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: half }, binaryData: { b: Buffer.from(half + 'y').toString('base64') } })).toContain('SIZE001 data');
    expect(findings({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'x'.repeat(1024 * 1024) } })).toEqual([]);
  });

  test('NodeDaemon config files over 1 MiB name the prop', () => {
    expect(synthError(chart => new NodeDaemon(chart, 'd', { ...HARDENED, config: { mountPath: '/etc/a', files: { 'a.txt': 'x'.repeat(1024 * 1024 + 1) } } }))).toMatch(/\[agents\/d\] 'config.files' .*SIZE001/);
  });
});

describe('class 8: env', () => {
  test.each([
    ['secretKeyRef key with /', { secretKeyRef: { name: 's', key: 'a/b' } }, 'valueFrom.secretKeyRef.key'],
    ['configMapKeyRef empty key', { configMapKeyRef: { name: 'c', key: '' } }, 'valueFrom.configMapKeyRef.key'],
    ['configMapKeyRef key ..', { configMapKeyRef: { name: 'c', key: '..a' } }, 'valueFrom.configMapKeyRef.key'],
    ['fieldRef outside the supported set', { fieldRef: { fieldPath: 'spec.hostNetwork' } }, 'valueFrom.fieldRef.fieldPath'],
    ['fieldRef status.hostIPs (alpha in 1.28)', { fieldRef: { fieldPath: 'status.hostIPs' } }, 'valueFrom.fieldRef.fieldPath'],
    ['fieldRef label subscript with a bad key', { fieldRef: { fieldPath: "metadata.labels['-x']" } }, 'valueFrom.fieldRef.fieldPath'],
    ['resourceFieldRef limits.gpu', { resourceFieldRef: { resource: 'limits.gpu' } }, 'valueFrom.resourceFieldRef.resource'],
    ['two sources', { fieldRef: { fieldPath: 'spec.nodeName' }, secretKeyRef: { name: 's', key: 'k' } }, 'valueFrom'],
  ])('%s, in every container kind', (_, valueFrom, field) => {
    for (const [where, place] of CONTAINER_PLACES) {
      const obj = daemonSet(place({ env: [{ name: 'X', valueFrom }] }));
      const path = where.startsWith('init') ? 'spec.template.spec.initContainers[0]' : where.includes('sidecar') ? 'spec.template.spec.containers[1]' : 'spec.template.spec.containers[0]';
      expect(findings(obj)).toContain(`POD019 ${path}.env[0].${field}`);
    }
  });

  test.each(['metadata.name', 'spec.nodeName', 'status.hostIP', 'status.podIPs', "metadata.labels['app.kubernetes.io/name']", "metadata.annotations['Example.com/x']"])('fieldRef %j passes', fieldPath => {
    expect(findings(daemonSet({ containers: [{ name: 'm', image: 'i:1', env: [{ name: 'X', valueFrom: { fieldRef: { fieldPath } } }] }] }))).toEqual([]);
  });

  test('NodeDaemon env from a bad Secret key names the prop', () => {
    const msg = synthError(chart => {
      const secret = kplus.Secret.fromSecretName(chart, 's', 'creds');
      new NodeDaemon(chart, 'd', { ...HARDENED, env: { PASSWORD: kplus.EnvValue.fromSecretValue({ secret, key: 'pass/word' }) } });
    });
    expect(msg).toMatch(/\[agents\/d\] 'env' .*rule POD019/);
  });
});

describe('class 10: escape hatches', () => {
  function patched(patch: (d: NodeDaemon) => void): string {
    return synthError(chart => patch(new NodeDaemon(chart, 'd', { ...HARDENED, exposure: undefined })));
  }

  test('a patch value holding hostIP (which the L1 mapping drops) is reported, not dropped silently', () => {
    const msg = patched(d => d.daemonSets[0].addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/ports', [{ containerPort: 8080, hostIP: '127.0.0.1', hostPort: 8080 }])));
    expect(msg).toMatch(/PATCH/);
    expect(msg).toMatch(/lost "\[0\]\.hostIP"/);
  });

  test('a patch on /spec/updateStrategy with rollingUpdate.maxUnavailable is compared recursively', () => {
    // The L1 mapping reads IntOrString objects: a plain 3 is dropped, and so is a misspelt key.
    const msg = patched(d => d.daemonSets[0].addJsonPatch(JsonPatch.replace('/spec/updateStrategy', { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 3, max_surge: 0 } })));
    expect(msg).toMatch(/lost "rollingUpdate\.maxUnavailable", "rollingUpdate\.max_surge"/);
  });

  test('a Service patch with sessionAffinityConfig is compared recursively', () => {
    const msg = synthError(chart => {
      const d = new NodeDaemon(chart, 'd', { ...HARDENED, exposure: Exposure.localService({ port: 8080 }) });
      d.service!.addJsonPatch(JsonPatch.add('/spec/sessionAffinityConfig', { clientIP: { timeout_seconds: 60 } }));
    });
    expect(msg).toMatch(/lost "clientIP"/);
  });

  test('a patch whose value arrives whole passes', () => {
    expect(patched(d => d.daemonSets[0].addJsonPatch(JsonPatch.replace('/spec/updateStrategy', { type: 'OnDelete' })))).toBe('');
  });

  /** Hand-written objects of every kind the strict schemas cover, in a validated chart. */
  function handWritten(obj: any): string {
    const chart = new Chart(Testing.app(), 'agents', { namespace: 'kube-system' });
    Validations.enable(chart);
    Validations.configure(chart, { bestPractices: false, crossObject: false });
    new ApiObject(chart, 'obj', obj);
    try {
      Testing.synth(chart);
      return '';
    } catch (e) {
      return (e as Error).message;
    }
  }

  test.each([
    ['ClusterRole with verbs: []', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: [] }] }, 'RBAC001'],
    ['Role with nonResourceURLs', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r' }, rules: [{ nonResourceURLs: ['/metrics'], verbs: ['get'] }] }, 'RBAC001'],
    ['ClusterRoleBinding to a Role', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'b' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' }, subjects: [{ kind: 'ServiceAccount', name: 'sa' }] }, 'RBAC002'],
    ['kubernetes.io/tls Secret without keys', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'kubernetes.io/tls', data: {} }, 'SECRET001'],
    ['dockerconfigjson Secret that is no JSON', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': '{' } }, 'SECRET001'],
    ['PodDisruptionBudget minAvailable -1', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p' }, spec: { minAvailable: -1, selector: { matchLabels: { a: 'b' } } } }, 'PDB001'],
    ['PodDisruptionBudget with both budgets', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p' }, spec: { minAvailable: 1, maxUnavailable: '10%' } }, 'PDB001'],
    ['NetworkPolicy port 70000', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'n' }, spec: { podSelector: {}, ingress: [{ ports: [{ port: 70000 }] }] } }, 'NETPOL001'],
    ['NetworkPolicy ipBlock except outside cidr', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'n' }, spec: { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['192.168.0.0/16'] } }] }] } }, 'NETPOL001'],
    ['ExternalName Service without externalName', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { type: 'ExternalName', selector: { a: 'b' }, clusterIP: 'None' } }, 'SVC003'],
    ['ephemeralContainers in a template', daemonSet({ ephemeralContainers: [{ name: 'debug', image: 'busybox:1' }] }), 'POD016'],
    ['Deployment whose selector misses the template', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'c' } }, spec: { containers: [{ name: 'm', image: 'i:1' }] } } } }, 'DEP001'],
    ['Pod with an empty exec probe', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'm', image: 'i:1', livenessProbe: { exec: { command: [] } } }] } }, 'POD015'],
  ])('a hand-written %s fails synth', (_, obj, ruleId) => {
    expect(handWritten(obj)).toMatch(new RegExp(`rule ${ruleId}\\)`));
  });

  test('a Service patched to ExternalName is checked against the ExternalName rules', () => {
    const msg = synthError(chart => {
      const d = new NodeDaemon(chart, 'd', { ...HARDENED, exposure: Exposure.headlessService({ port: 8080 }) });
      d.service!.addJsonPatch(JsonPatch.replace('/spec/type', 'ExternalName'));
    });
    expect(msg).toMatch(/rule SVC003/);
  });

  test('valid hand-written objects of those kinds pass', () => {
    for (const obj of [
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }, { nonResourceURLs: ['/metrics'], verbs: ['get'] }] },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'kubernetes.io/tls', data: { 'tls.crt': 'YQ==', 'tls.key': 'YQ==' } },
      { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p' }, spec: { minAvailable: '50%', selector: { matchLabels: { a: 'b' } } } },
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'n' }, spec: { podSelector: {}, ingress: [{ ports: [{ port: 8000, endPort: 9000 }], from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }] }] } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { type: 'ExternalName', externalName: 'db.example.com.' } },
    ]) {
      expect({ kind: obj.kind, message: handWritten(obj) }).toEqual({ kind: obj.kind, message: '' });
    }
  });
});

describe('class 10: Include', () => {
  test('objects an Include reads are checked like hand-written ones', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'include-')), 'objects.yaml');
    writeFileSync(file, Yaml.stringify(
      { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p' }, spec: { minAvailable: -1 } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ok' }, data: { a: 'b' } },
    ));
    const chart = new Chart(Testing.app(), 'agents', { namespace: 'kube-system' });
    Validations.enable(chart);
    new Include(chart, 'included', { url: file });
    expect(() => Testing.synth(chart)).toThrow(/agents\/included\/\S+ \(PodDisruptionBudget p\) spec\.minAvailable -1: .*rule PDB001/);
  });
});
