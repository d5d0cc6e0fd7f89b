import { Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { parseAllDocuments } from 'yaml';
import { NodeArch, NodeDaemon, NodeDaemonProps } from '../../src';
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

  test('addTo() writes the Pod into a chart, where it passes validation with the daemon’s suppressions', () => {
    const app = Testing.app();
    const exporter = new MetricsExporter(newChart(app), 'node-metrics');
    const staticPods = new Chart(app, 'static-pods', { namespace: 'kube-system' });
    StaticPod.fromDaemon(exporter.daemon).addTo(staticPods, 'node-exporter');
    const pod = single(Testing.synth(staticPods), 'Pod');
    expect(pod.spec.hostPID).toBe(true);
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

  test('HardwareRngRefresher: the device mounts and SYS_ADMIN carry over', () => {
    const rng = new HardwareRngRefresher(newChart(), 'rng', { image: 'registry.example.com/rng-tools:5-4.1', nodeSelector: { feature: 'hw-rng' } });
    const pod = parsed(StaticPod.fromDaemon(rng.daemon));
    expect(pod.spec.volumes.map((v: any) => v.hostPath.path)).toEqual(['/dev/hwrng', '/dev/random']);
    expect(pod.spec.containers[0].securityContext.capabilities.add).toEqual(['SYS_ADMIN']);
  });

  test('LogCollector without kubernetes metadata: the config moves to a node directory, listed in configFiles', () => {
    const chart = newChart();
    const collector = new LogCollector(chart, 'logs', { output: LogOutput.forward({ host: 'aggregator.example.com' }), kubernetesMetadata: false });
    const staticPod = StaticPod.fromDaemon(collector.daemon, { configHostPath: '/etc/fluent-bit/' });
    const pod = parsed(staticPod);
    const config = pod.spec.volumes.find((v: any) => v.name === 'config');
    expect(config).toEqual({ name: 'config', hostPath: { path: '/etc/fluent-bit/', type: 'Directory' } });
    expect(staticPod.configFiles).toEqual({ '/etc/fluent-bit/fluent-bit.conf': collector.configText });
    expect(pod.spec.containers[0].volumeMounts).toContainEqual({ name: 'config', mountPath: '/fluent-bit/etc/conf', readOnly: true });
    // The checksum stays: a config change still changes the manifest, so the kubelet restarts the pod.
    expect(pod.metadata.annotations['checksum/config']).toBe(single(Testing.synth(chart), 'DaemonSet').spec.template.metadata.annotations['checksum/config']);
  });
});
