import { Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { parseAllDocuments } from 'yaml';
import { Exposure, NodeArch, NodeDaemon, NodeDaemonProps, NodePlacement, Validations } from '../../src';
import { HardwareRngRefresher, LogCollector, LogOutput, MetricsExporter } from '../../src/agents';
import { StaticPod } from '../../src/daemon/static-pod';
import { newChart, single } from '../daemon/util';
import { assertStrictSchema } from '../support/strict-schema';

const RESOURCES = { cpu: { request: kplus.Cpu.millis(10) }, memory: { request: Size.mebibytes(16), limit: Size.mebibytes(32) } };

/** The static Pod as the kubelet would read it from its manifest directory. */
function parsed(pod: StaticPod): any {
  const docs = parseAllDocuments(pod.toYaml()).map(d => d.toJSON());
  expect(docs).toHaveLength(1);
  assertStrictSchema(docs);
  return docs[0];
}

function daemon(props: Partial<NodeDaemonProps> = {}, chart: Chart = newChart()): NodeDaemon {
  return new NodeDaemon(chart, 'agent', { image: 'example.com/agent:1.0.0', resources: RESOURCES, ...props });
}

describe('StaticPod from a NodeDaemon', () => {
  test("is a v1 Pod with the daemon's pod template, name and namespace", () => {
    const chart = newChart();
    const d = daemon({ podAnnotations: { team: 'infra' } }, chart);
    const ds = single(Testing.synth(chart), 'DaemonSet');
    const pod = parsed(StaticPod.fromDaemon(d));
    expect([pod.apiVersion, pod.kind]).toEqual(['v1', 'Pod']);
    expect(pod.metadata).toEqual({ name: ds.metadata.name, namespace: 'kube-system', labels: ds.spec.template.metadata.labels, annotations: { team: 'infra' } });
    expect(pod.spec).toEqual(ds.spec.template.spec);
  });

  test('name and namespace can be set; without a chart namespace it lands in kube-system', () => {
    const pod = parsed(StaticPod.fromDaemon(daemon({}, newChart(Testing.app(), {})), { name: 'agent', namespace: 'node-system' }));
    expect(pod.metadata).toMatchObject({ name: 'agent', namespace: 'node-system' });
    expect(parsed(StaticPod.fromDaemon(daemon({}, newChart(Testing.app(), {})))).metadata.namespace).toBe('kube-system');
  });

  test('picks the image of the requested architecture', () => {
    const d = daemon({ images: [{ arch: NodeArch.AMD64, image: 'example.com/agent:1.0.0-amd64' }, { arch: NodeArch.ARM64, image: 'example.com/agent:1.0.0-arm64' }] });
    expect(parsed(StaticPod.fromDaemon(d, { arch: NodeArch.ARM64 })).spec.containers[0].image).toBe('example.com/agent:1.0.0-arm64');
    expect(parsed(StaticPod.fromDaemon(d)).spec.containers[0].image).toBe('example.com/agent:1.0.0-amd64');
  });

  test('addTo() writes the Pod into a chart of an App of its own, where it passes validation with the daemon’s suppressions', () => {
    const exporter = new MetricsExporter(newChart(), 'node-metrics');
    const staticPods = new Chart(Testing.app(), 'static-pods', { namespace: 'kube-system' });
    const kubePod = StaticPod.fromDaemon(exporter.daemon).addTo(staticPods, 'node-exporter');
    const pod = single(Testing.synth(staticPods), 'Pod');
    expect(pod.spec.hostPID).toBe(true);
    expect(Validations.suppressionsOf(kubePod).map(x => x.ruleId).sort()).toEqual(['SEC003', 'SEC004', 'SEC010']);
  });
});

describe('the static Pod and the DaemonSet never both land in what is applied', () => {
  test('by default the static Pod takes the daemon\'s place: its DaemonSet leaves the app, its Service selects the mirror pods', () => {
    const chart = newChart();
    const exporter = new MetricsExporter(chart, 'node-metrics');
    const before = Testing.synth(chart).map(o => o.kind).sort();
    expect(before).toEqual(['DaemonSet', 'NetworkPolicy', 'Service']);
    const pod = parsed(StaticPod.fromDaemon(exporter.daemon));
    const after = Testing.synth(chart);
    expect(after.map(o => o.kind).sort()).toEqual(['NetworkPolicy', 'Service']);
    // The mirror pod carries the template labels, so the node-local Service still reaches the exporter.
    const selector = single(after, 'Service').spec.selector;
    for (const [k, v] of Object.entries(selector)) expect(pod.metadata.labels[k]).toBe(v);
  });

  test('addTo() into the daemon\'s own app is refused: there it would be an ordinary, scheduled Pod', () => {
    const app = Testing.app();
    const exporter = new MetricsExporter(newChart(app), 'node-metrics');
    const staticPods = new Chart(app, 'static-pods', { namespace: 'kube-system' });
    expect(() => StaticPod.fromDaemon(exporter.daemon).addTo(staticPods, 'node-exporter'))
      .toThrow(/\[static-pods\] addTo\(\): the static Pod of node-agents\/node-metrics\/node-metrics would be applied with the daemon's app.*Valid: a chart in an App of its own/);
  });

  test('keepDaemonSet keeps both for placements apart; a host port both bind on shared nodes fails synth', () => {
    const chart = newChart();
    // One daemon, two exports: the DaemonSet on workers, the static Pod kept to control-plane nodes.
    const exporter = new MetricsExporter(chart, 'workers', { placement: NodePlacement.labeled({ 'node-role': 'worker' }) });
    const staticPod = StaticPod.fromDaemon(exporter.daemon, { keepDaemonSet: true, nodeSelector: { 'node-role': 'control-plane' } });
    expect(parsed(staticPod).spec.nodeSelector).toEqual({ 'node-role': 'control-plane', 'kubernetes.io/os': 'linux' });
    expect(Testing.synth(chart).filter(o => o.kind === 'DaemonSet')).toHaveLength(1);

    const clash = newChart();
    const both = new MetricsExporter(clash, 'node-metrics');
    StaticPod.fromDaemon(both.daemon, { keepDaemonSet: true });
    expect(() => Testing.synth(clash)).toThrow(/\[node-agents\/node-metrics\/node-metrics\] static Pod kube-system\/.*: host port TCP\/\/9100 \(DaemonSet kube-system\/.*\) is bound on the same nodes/);
  });

  test('a host-port clash between an exported static Pod and another DaemonSet of the app is reported', () => {
    const chart = newChart();
    const exporter = new MetricsExporter(chart, 'node-metrics');
    new NodeDaemon(chart, 'other', { image: 'example.com/agent:1.0.0', resources: RESOURCES, name: 'other-agent', exposure: Exposure.hostPort({ port: 9100 }) });
    StaticPod.fromDaemon(exporter.daemon);
    expect(() => Testing.synth(chart)).toThrow(/host port TCP\/\/9100 \(DaemonSet kube-system\/other-agent\) is bound on the same nodes: the DaemonSet pod stays Pending/);
    // Another port, or nodes kept apart: no clash.
    const apart = newChart();
    const cp = new MetricsExporter(apart, 'node-metrics', { placement: NodePlacement.labeled({ 'node-role': 'control-plane' }) });
    new NodeDaemon(apart, 'other', { image: 'example.com/agent:1.0.0', resources: RESOURCES, name: 'other-agent', exposure: Exposure.hostPort({ port: 9100 }), placement: NodePlacement.labeled({ 'node-role': 'worker' }) });
    StaticPod.fromDaemon(cp.daemon);
    expect(Testing.synth(apart).filter(o => o.kind === 'DaemonSet').map(o => o.metadata.name)).toEqual(['other-agent']);
  });
});

describe('StaticPod refuses what the kubelet refuses', () => {
  test("'rbac' (a ServiceAccount)", () => {
    const collector = new LogCollector(newChart(), 'logs', { output: LogOutput.stdout() });
    expect(() => StaticPod.fromDaemon(collector.daemon))
      .toThrow("[node-agents/logs/logs] 'rbac' is set: a static Pod cannot use a ServiceAccount (the kubelet refuses it). Valid: a daemon without 'rbac' (for LogCollector, 'kubernetesMetadata: false')");
  });

  test("'config' without a configHostPath", () => {
    const d = daemon({ config: { mountPath: '/etc/agent', files: { 'agent.yaml': 'a: 1\n' } } });
    expect(() => StaticPod.fromDaemon(d)).toThrow(/\[node-agents\/agent\] 'config' is set: a static Pod cannot mount a ConfigMap .*configHostPath/);
    expect(() => StaticPod.fromDaemon(d, { configHostPath: 'etc/agent' })).toThrow(/'configHostPath' "etc\/agent": not an absolute node path/);
  });

  test("'env' from a Secret", () => {
    const chart = newChart();
    const secret = kplus.Secret.fromSecretName(chart, 'creds', 'agent-creds');
    const d = daemon({ env: { TOKEN: kplus.EnvValue.fromSecretValue({ secret, key: 'token' }) } }, chart);
    expect(() => StaticPod.fromDaemon(d)).toThrow(/'env' "TOKEN" of container "agent" reads a Secret: a static Pod cannot reference API objects/);
  });

  test("'volumeMounts' of a ConfigMap volume", () => {
    const chart = newChart();
    const cm = kplus.ConfigMap.fromConfigMapName(chart, 'cm', 'agent-extra');
    const volume = kplus.Volume.fromConfigMap(chart, 'extra', cm);
    const d = daemon({ volumeMounts: [{ volume, path: '/etc/extra' }] }, chart);
    expect(() => StaticPod.fromDaemon(d)).toThrow(/'volumeMounts' volume ".*" is a configMap volume: a static Pod cannot reference API objects/);
  });
});

describe('each agent as a static Pod', () => {
  test('MetricsExporter: host network with node DNS, since cluster DNS is not up before the API server', () => {
    const exporter = new MetricsExporter(newChart(), 'node-metrics');
    const pod = parsed(StaticPod.fromDaemon(exporter.daemon));
    expect(pod.spec.hostNetwork).toBe(true);
    expect(pod.spec.dnsPolicy).toBe('Default');
    expect(pod.spec.containers[0].args).toContain('--web.listen-address=[$(HOST_IP)]:9100');
    expect(parsed(StaticPod.fromDaemon(exporter.daemon, { dnsPolicy: kplus.DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET })).spec.dnsPolicy).toBe('ClusterFirstWithHostNet');
  });

  test('HardwareRngRefresher: the device mount and the privileged container carry over', () => {
    const rng = new HardwareRngRefresher(newChart(), 'rng', { image: 'registry.example.com/rng-tools:5-4.1', nodeSelector: { feature: 'hw-rng' } });
    const pod = parsed(StaticPod.fromDaemon(rng.daemon));
    expect(pod.spec.volumes.map((v: any) => v.hostPath.path)).toEqual(['/dev/hwrng']);
    expect(pod.spec.containers[0].securityContext.privileged).toBe(true);
  });

  test('LogCollector without kubernetes metadata: the config moves to a node directory, listed in configFiles', () => {
    const chart = newChart();
    const collector = new LogCollector(chart, 'logs', { output: LogOutput.forward({ host: 'aggregator.example.com' }), kubernetesMetadata: false });
    const checksum = single(Testing.synth(chart), 'DaemonSet').spec.template.metadata.annotations['checksum/config'];
    const staticPod = StaticPod.fromDaemon(collector.daemon, { configHostPath: '/etc/fluent-bit/' });
    const pod = parsed(staticPod);
    const config = pod.spec.volumes.find((v: any) => v.name === 'config');
    expect(config).toEqual({ name: 'config', hostPath: { path: '/etc/fluent-bit/', type: 'Directory' } });
    expect(staticPod.configFiles).toEqual({ '/etc/fluent-bit/fluent-bit.conf': collector.configText });
    expect(pod.spec.containers[0].volumeMounts).toContainEqual({ name: 'config', mountPath: '/fluent-bit/etc/conf', readOnly: true });
    // The checksum stays: a config change still changes the manifest, so the kubelet restarts the pod.
    expect(pod.metadata.annotations['checksum/config']).toBe(checksum);
  });
});
