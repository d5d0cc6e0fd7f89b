import { join } from 'path';
import { Yaml } from 'cdk8s';
import { formatRefError, referenceErrors } from './index';

// The reference checker must be able to fail: each mutation below breaks one rule of
// ../shared/reference/kubernetes-rules.md (or of the API server's validation for the other kinds) and the
// reference must see it, while the committed example manifests pass it untouched.

const repo = join(__dirname, '..', '..');
const manifests = Yaml.load(join(repo, 'manifests', 'cluster-agents.k8s.yaml')).filter((o: any) => o.kind !== 'ServiceMonitor');
const copy = (o: any) => JSON.parse(JSON.stringify(o));
const daemonSet = () => copy(manifests.find((o: any) => o.kind === 'DaemonSet' && o.metadata.name === 'fluent-bit'));
const service = () => copy(manifests.find((o: any) => o.kind === 'Service'));
const container = (ds: any) => ds.spec.template.spec.containers[0];

test('the committed manifests pass the reference', () => {
  for (const o of manifests) expect({ name: `${o.kind} ${o.metadata.name}`, errors: referenceErrors(o).map(formatRefError) }).toEqual({ name: `${o.kind} ${o.metadata.name}`, errors: [] });
});

const MUTATIONS: [string, () => any, string][] = [
  ['§1 selector does not match the template', () => { const d = daemonSet(); d.spec.template.metadata.labels = { other: 'x' }; return d; }, 'spec.template.metadata.labels'],
  ['§1 empty selector', () => { const d = daemonSet(); d.spec.selector = {}; return d; }, 'spec.selector'],
  ['§1 maxSurge alone (maxUnavailable defaults to 1)', () => { const d = daemonSet(); d.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } }; return d; }, 'spec.updateStrategy.rollingUpdate.maxSurge'],
  ['§1 101%', () => { const d = daemonSet(); d.spec.updateStrategy = { rollingUpdate: { maxUnavailable: '101%' } }; return d; }, 'spec.updateStrategy.rollingUpdate.maxUnavailable'],
  ['§1 restartPolicy OnFailure', () => { const d = daemonSet(); d.spec.template.spec.restartPolicy = 'OnFailure'; return d; }, 'spec.template.spec.restartPolicy'],
  ['§1 minReadySeconds 2^31 (int32 format)', () => { const d = daemonSet(); d.spec.minReadySeconds = 2 ** 31; return d; }, 'spec.minReadySeconds'],
  ['§2 container name with a dot', () => { const d = daemonSet(); container(d).name = 'a.b'; return d; }, 'spec.template.spec.containers[0].name'],
  ['§2 port name of 16 characters', () => { const d = daemonSet(); container(d).ports = [{ name: 'abcdefghijklmnop', containerPort: 80 }]; return d; }, 'spec.template.spec.containers[0].ports[0].name'],
  ['§2 hostNetwork with hostPort != containerPort', () => { const d = daemonSet(); d.spec.template.spec.hostNetwork = true; container(d).ports = [{ containerPort: 80, hostPort: 81 }]; return d; }, 'spec.template.spec.containers[0].ports[0].hostPort'],
  ['§2 toleration seconds without NoExecute', () => { const d = daemonSet(); d.spec.template.spec.tolerations = [{ key: 'a', operator: 'Exists', tolerationSeconds: 5 }]; return d; }, 'spec.template.spec.tolerations[0].effect'],
  ['§2 hostPath with ..', () => { const d = daemonSet(); d.spec.template.spec.volumes[0].hostPath = { path: '/var/../etc' }; return d; }, 'spec.template.spec.volumes[0].hostPath.path'],
  ['§2 ephemeral container in a template', () => { const d = daemonSet(); d.spec.template.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox:1' }]; return d; }, 'spec.template.spec.ephemeralContainers'],
  ['probe exec with an empty command', () => { const d = daemonSet(); container(d).livenessProbe = { exec: { command: [] } }; return d; }, 'spec.template.spec.containers[0].livenessProbe.exec.command'],
  ['namespace with upper case', () => { const d = daemonSet(); d.metadata.namespace = 'Kube-System'; return d; }, 'metadata.namespace'],
  ['configMap defaultMode 01000', () => { const d = daemonSet(); d.spec.template.spec.volumes.push({ name: 'extra', configMap: { name: 'c', defaultMode: 0o1000 } }); return d; }, 'defaultMode'],
  ['extended resource in kubernetes.io', () => { const d = daemonSet(); container(d).resources = { limits: { 'kubernetes.io/gpu': '1' } }; return d; }, 'spec.template.spec.containers[0].resources.limits'],
  ['dnsPolicy None without nameservers', () => { const d = daemonSet(); d.spec.template.spec.dnsPolicy = 'None'; return d; }, 'spec.template.spec.dnsConfig.nameservers'],
  ['annotations over 256 KiB', () => { const d = daemonSet(); d.metadata.annotations = { big: 'x'.repeat(256 * 1024) }; return d; }, 'metadata.annotations'],
  ['env fieldRef outside the supported set', () => { const d = daemonSet(); container(d).env = [{ name: 'X', valueFrom: { fieldRef: { fieldPath: 'spec.hostNetwork' } } }]; return d; }, 'spec.template.spec.containers[0].env[0].valueFrom.fieldRef.fieldPath'],
  ['§3 Service port name with upper case', () => { const s = service(); s.spec.ports[0].name = 'HTTP'; return s; }, 'spec.ports[0].name'],
  ['§3 headless NodePort', () => { const s = service(); s.spec.type = 'NodePort'; s.spec.clusterIP = 'None'; return s; }, 'spec.clusterIPs[0]'],
  ['§4 unknown system- class', () => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'system-fuzz' }, value: 10 }), 'metadata.name'],
  ['§4 user class above 1e9', () => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000000001 }), 'value'],
  ['ClusterRole with verbs: []', () => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: [] }] }), 'rules[0].verbs'],
  ['TLS Secret without keys', () => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'kubernetes.io/tls' }), 'data'],
  ['PDB minAvailable -1', () => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p' }, spec: { minAvailable: -1 } }), 'spec.minAvailable'],
  ['NetworkPolicy port 70000', () => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'n' }, spec: { podSelector: {}, ingress: [{ ports: [{ port: 70000 }] }] } }), 'spec.ingress[0].ports[0].port'],
  ['ConfigMap over 1 MiB', () => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'x'.repeat(1024 * 1024 + 1) } }), 'data'],
];

test.each(MUTATIONS)('the reference sees: %s', (_, make, field) => {
  const errors = referenceErrors(make());
  expect(errors.some(e => e.field !== '' && (e.field.includes(field) || field.includes(e.field)))).toBe(true);
});
