import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { execute } from '../../src/cli/main';

// `cdk8s-daemons validate` applies Pod Security like admission: Namespace objects in its input, and --pod-security.

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'validate-pss-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const exporter = (namespace: string) => `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: node-exporter, namespace: ${namespace}}
spec:
  selector: {matchLabels: {app: node-exporter}}
  template:
    metadata: {labels: {app: node-exporter}}
    spec:
      hostPID: true
      hostNetwork: true
      containers:
        - name: node-exporter
          image: quay.io/prometheus/node-exporter:v1.8.2
          ports: [{containerPort: 9100}]
      volumes: [{name: proc, hostPath: {path: /proc}}]
`;

const namespace = (name: string, labels: string) => `apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
  labels: {${labels}}
`;

test('a Namespace in the input enforces its level on the pods in it: one error per control, in admission\'s words', () => {
  const { exitCode, stdout } = execute(['validate', file('ns.yaml', namespace('monitoring', '"pod-security.kubernetes.io/enforce": baseline')), file('ds.yaml', exporter('monitoring'))]);
  expect(exitCode).toBe(1);
  const pss = stdout.split('\n').filter(l => / error PSS/.test(l));
  expect(pss.map(l => / (PSS[0-9]+) /.exec(l)![1])).toEqual(['PSS001', 'PSS004', 'PSS005']);
  expect(pss[0]).toMatch(/ds\.yaml: DaemonSet node-exporter: error PSS001 spec\.template\.spec\.hostNetwork: violates PodSecurity "baseline:latest": host namespaces \(hostNetwork=true, hostPID=true\); the DaemonSet is accepted, then every pod it creates is forbidden .*enforced by the label pod-security\.kubernetes\.io\/enforce of Namespace monitoring \(.*ns\.yaml\)/);
  expect(pss[2]).toMatch(/hostPort \(container "node-exporter" uses hostPort 9100\)/);
});

test('pods in other namespaces are not affected; --pod-security applies to every pod', () => {
  const ns = file('ns2.yaml', namespace('monitoring', '"pod-security.kubernetes.io/enforce": restricted'));
  const ds = file('ds2.yaml', exporter('kube-system'));
  expect(execute(['validate', ns, ds]).stdout).not.toMatch(/PSS/);
  const forced = execute(['validate', '--pod-security', 'baseline', ds]);
  expect(forced.exitCode).toBe(1);
  expect(forced.stdout).toMatch(/error PSS001 .*enforced by --pod-security baseline/);
  expect(execute(['validate', '--pod-security', 'privileged', ds]).stdout).not.toMatch(/PSS/);
});

test('an invalid level label is an error on the Namespace and fails closed', () => {
  const { exitCode, stdout } = execute(['validate', file('ns3.yaml', namespace('monitoring', '"pod-security.kubernetes.io/enforce": Baseline')), file('ds3.yaml', exporter('monitoring'))]);
  expect(exitCode).toBe(1);
  expect(stdout).toMatch(/Namespace monitoring: error NS001 metadata\.labels\["pod-security\.kubernetes\.io\/enforce"\]: must be one of privileged, baseline, restricted/);
  expect(stdout).toMatch(/error PSS014 .*violates PodSecurity "restricted:latest"/);
});

test('--pod-security takes a level, exit 2 otherwise', () => {
  const { exitCode, stderr } = execute(['validate', '--pod-security', 'Restricted', file('ds4.yaml', exporter('x'))]);
  expect(exitCode).toBe(2);
  expect(stderr).toMatch(/--pod-security must be one of privileged, baseline, restricted, not "Restricted"/);
});
