import { Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { fluentBitSections, mountAt, sectionsNamed, sectionValue, synthIn } from './util';
import { Budget, NodePlacement, NodeRequirement, Priority, Rollout, Toleration } from '../../src';
import { FluentBitLogLevel, LogCollector, LogCollectorProps, LogOutput } from '../../src/agents';
import { Validations } from '../../src/validation/validations';
import { mainContainer, newChart, ofKind, podSpec, single } from '../daemon/util';

const ES = LogOutput.elasticsearch({ host: 'es-master.logging.svc' });

function synth(props: Partial<LogCollectorProps> = {}): any[] {
  return synthIn(chart => new LogCollector(chart, 'logs', { output: ES, ...props }));
}

describe('LogCollector image and command', () => {
  test('pins a fluent-bit release, never latest', () => {
    const image: string = mainContainer(synth()).image;
    expect(image).toMatch(/^cr\.fluentbit\.io\/fluent\/fluent-bit:\d+\.\d+\.\d+$/);
    expect(image).not.toMatch(/:latest$/);
  });

  test('runs fluent-bit with the ConfigMap config, which is mounted read-only there', () => {
    const objects = synth();
    expect(mainContainer(objects).command).toEqual(['/fluent-bit/bin/fluent-bit', '--workdir=/fluent-bit/etc', '--config=/fluent-bit/etc/conf/fluent-bit.conf']);
    const config = mountAt(objects, '/fluent-bit/etc/conf')!;
    expect(config.mount.readOnly).toBe(true);
    expect(config.volume.configMap.name).toBe(single(objects, 'ConfigMap').metadata.name);
  });

  test('the image can be overridden', () => {
    expect(mainContainer(synth({ image: 'registry.example.com/fluent-bit:4.0.3' })).image).toBe('registry.example.com/fluent-bit:4.0.3');
  });
});

describe('LogCollector config', () => {
  test('renders SERVICE, INPUT, FILTER and OUTPUT sections in that order', () => {
    expect(fluentBitSections(synth()).map(s => s.kind)).toEqual(['SERVICE', 'INPUT', 'FILTER', 'OUTPUT']);
  });

  test('tails container logs with the docker and cri multiline parsers, offset DB and buffer on the state directory', () => {
    const objects = synth();
    expect(sectionValue(objects, 'INPUT', 'tail', 'Path')).toBe('/var/log/containers/*.log');
    expect(sectionValue(objects, 'INPUT', 'tail', 'multiline.parser')).toBe('docker, cri');
    expect(sectionValue(objects, 'INPUT', 'tail', 'DB')).toBe('/var/fluent-bit/state/tail-containers.db');
    expect(sectionValue(objects, 'INPUT', 'tail', 'storage.type')).toBe('filesystem');
    expect(sectionValue(objects, 'SERVICE', undefined, 'storage.path')).toBe('/var/fluent-bit/state/buffer/');
  });

  test('serves metrics and health on port 2020', () => {
    const objects = synth();
    expect(sectionValue(objects, 'SERVICE', undefined, 'HTTP_Server')).toBe('On');
    expect(sectionValue(objects, 'SERVICE', undefined, 'HTTP_Port')).toBe('2020');
    expect(sectionValue(objects, 'SERVICE', undefined, 'Health_Check')).toBe('On');
  });

  test('logLevel, flushInterval and metricsPort are rendered', () => {
    const objects = synth({ logLevel: FluentBitLogLevel.DEBUG, flushInterval: Duration.seconds(5), metricsPort: 2021 });
    expect(sectionValue(objects, 'SERVICE', undefined, 'Log_Level')).toBe('debug');
    expect(sectionValue(objects, 'SERVICE', undefined, 'Flush')).toBe('5');
    expect(sectionValue(objects, 'SERVICE', undefined, 'HTTP_Port')).toBe('2021');
    expect(mainContainer(objects).livenessProbe.httpGet.port).toBe(2021);
  });

  test('a config change changes the checksum annotation, so the pods roll', () => {
    const checksum = (props: Partial<LogCollectorProps>) => single(synth(props), 'DaemonSet').spec.template.metadata.annotations['checksum/config'];
    expect(checksum({})).toMatch(/^[0-9a-f]{64}$/);
    expect(checksum({})).toBe(checksum({}));
    expect(checksum({ output: LogOutput.loki({ host: 'loki' }) })).not.toBe(checksum({}));
  });

  test('the ConfigMap holds exactly the rendered config', () => {
    const chart = newChart();
    const collector = new LogCollector(chart, 'logs', { output: ES });
    expect(single(Testing.synth(chart), 'ConfigMap').data).toEqual({ 'fluent-bit.conf': collector.configText });
  });

  test('customParsers adds custom_parsers.conf and loads it after the image parsers', () => {
    const objects = synth({ customParsers: '[PARSER]\n    Name app\n    Format json\n' });
    expect(single(objects, 'ConfigMap').data['custom_parsers.conf']).toContain('Name app');
    const parsers = sectionsNamed(objects, 'SERVICE')[0].entries.filter(([k]) => k === 'Parsers_File').map(([, v]) => v);
    expect(parsers).toEqual(['/fluent-bit/etc/parsers.conf', '/fluent-bit/etc/conf/custom_parsers.conf']);
  });

  test('filters come after the kubernetes filter, matching container logs unless told', () => {
    const objects = synth({ filters: [{ name: 'grep', properties: { Exclude: 'log ^healthz' } }, { name: 'modify', match: 'host.*', properties: { Add: 'source journal' } }] });
    const filters = fluentBitSections(objects).filter(s => s.kind === 'FILTER');
    expect(filters.map(f => f.entries[0][1])).toEqual(['kubernetes', 'grep', 'modify']);
    expect(filters[1].entries).toEqual([['Name', 'grep'], ['Match', 'kube.*'], ['Exclude', 'log ^healthz']]);
    expect(filters[2].entries[1]).toEqual(['Match', 'host.*']);
  });
});

describe('LogCollector kubernetes metadata', () => {
  test('adds the kubernetes filter and RBAC to get/list/watch pods and namespaces, with the token mounted', () => {
    const objects = synth();
    expect(sectionValue(objects, 'FILTER', 'kubernetes', 'Match')).toBe('kube.*');
    expect(single(objects, 'ClusterRole').rules).toEqual([{ apiGroups: [''], resources: ['pods', 'namespaces'], verbs: ['get', 'list', 'watch'] }]);
    expect(podSpec(objects).serviceAccountName).toBe(single(objects, 'ServiceAccount').metadata.name);
    expect(podSpec(objects).automountServiceAccountToken).toBe(true);
  });

  test('kubernetesMetadata: false drops the filter, the RBAC and the token', () => {
    const objects = synth({ kubernetesMetadata: false });
    expect(sectionsNamed(objects, 'FILTER', 'kubernetes')).toHaveLength(0);
    expect(ofKind(objects, 'ClusterRole')).toHaveLength(0);
    expect(ofKind(objects, 'ServiceAccount')).toHaveLength(0);
    expect(podSpec(objects).automountServiceAccountToken).toBe(false);
  });
});

describe('LogCollector host mounts', () => {
  test('/var/log is read-only; state lives on its own DirectoryOrCreate hostPath, read-write', () => {
    const objects = synth();
    const varLog = mountAt(objects, '/var/log')!;
    expect(varLog.mount.readOnly).toBe(true);
    expect(varLog.volume.hostPath).toEqual({ path: '/var/log' });
    const state = mountAt(objects, '/var/fluent-bit/state')!;
    expect(state.mount.readOnly).toBeUndefined();
    expect(state.volume.hostPath).toEqual({ path: '/var/lib/fluent-bit', type: 'DirectoryOrCreate' });
  });

  test('stateHostPath moves the state directory; a relative path is refused', () => {
    expect(mountAt(synth({ stateHostPath: '/data/fluent-bit' }), '/var/fluent-bit/state')!.volume.hostPath.path).toBe('/data/fluent-bit');
    expect(() => synth({ stateHostPath: 'var/lib/fb' })).toThrow(/\[node-agents\/logs\] 'stateHostPath' "var\/lib\/fb": must be an absolute node directory of its own\. Valid:/);
  });

  test('/var/lib/docker/containers is mounted read-only only when the nodes run Docker', () => {
    expect(mountAt(synth(), '/var/lib/docker/containers')).toBeUndefined();
    const docker = mountAt(synth({ dockerRuntime: true }), '/var/lib/docker/containers')!;
    expect(docker.mount.readOnly).toBe(true);
    expect(docker.volume.hostPath.path).toBe('/var/lib/docker/containers');
  });

  test('the systemd input reads kubelet.service from the journal inside the /var/log mount', () => {
    const objects = synth({ systemd: {} });
    const systemd = sectionsNamed(objects, 'INPUT', 'systemd')[0].entries;
    expect(systemd).toContainEqual(['Path', '/var/log/journal']);
    expect(systemd).toContainEqual(['Systemd_Filter', '_SYSTEMD_UNIT=kubelet.service']);
    expect(systemd).toContainEqual(['DB', '/var/fluent-bit/state/systemd.db']);
    expect(mountAt(objects, '/var/log/journal')).toBeUndefined();
  });

  test('a journal outside /var/log gets its own read-only mount and a written SEC010 suppression', () => {
    const chart = newChart();
    const collector = new LogCollector(chart, 'logs', { output: ES, systemd: { path: '/run/log/journal', units: ['kubelet.service', 'containerd.service'] } });
    const objects = Testing.synth(chart);
    expect(mountAt(objects, '/run/log/journal')!.mount.readOnly).toBe(true);
    expect(sectionsNamed(objects, 'INPUT', 'systemd')[0].entries.filter(([k]) => k === 'Systemd_Filter')).toHaveLength(2);
    expect(Validations.suppressionsOf(collector.daemon).map(s => s.ruleId)).toContain('SEC010');
  });

  test('without systemd there is no systemd input', () => {
    expect(sectionsNamed(synth(), 'INPUT', 'systemd')).toHaveLength(0);
  });
});

describe('LogCollector metrics, health and Service', () => {
  test('liveness on / and readiness on the health endpoint, both on port 2020', () => {
    const c = mainContainer(synth());
    expect(c.livenessProbe.httpGet).toMatchObject({ path: '/', port: 2020 });
    expect(c.readinessProbe.httpGet).toMatchObject({ path: '/api/v1/health', port: 2020 });
  });

  test('a node-local Service for metrics, with scrape annotations', () => {
    const svc = single(synth(), 'Service');
    expect(svc.spec.internalTrafficPolicy).toBe('Local');
    expect(svc.spec.ports).toEqual([{ name: 'http', port: 2020, targetPort: 'http' }]);
    expect(svc.metadata.annotations).toEqual({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': '2020', 'prometheus.io/path': '/api/v2/metrics/prometheus' });
  });

  test('forwardInput adds a Forward input and a forward port on the Service, which connect() hands out', () => {
    const chart = newChart();
    const collector = new LogCollector(chart, 'logs', { output: ES, forwardInput: {} });
    const app = new kplus.Deployment(chart, 'app', { containers: [{ image: 'example.com/app:1.0.0' }] });
    collector.connect(app.containers[0]);
    const objects = Testing.synth(chart);
    expect(sectionValue(objects, 'INPUT', 'forward', 'Port')).toBe('24224');
    expect(single(objects, 'Service').spec.ports.map((p: any) => [p.name, p.port])).toEqual([['forward', 24224], ['http', 2020]]);
    const env = single(objects, 'Deployment').spec.template.spec.containers[0].env;
    const host = `${single(objects, 'Service').metadata.name}.kube-system.svc`;
    expect(env).toContainEqual({ name: 'FLUENT_FORWARD_HOST', value: host });
    expect(env).toContainEqual({ name: 'FLUENT_FORWARD_PORT', value: '24224' });
  });

  test('connect() without forwardInput throws, naming the prop', () => {
    const chart = newChart();
    const collector = new LogCollector(chart, 'logs', { output: ES });
    const app = new kplus.Deployment(chart, 'app', { containers: [{ image: 'example.com/app:1.0.0' }] });
    expect(() => collector.connect(app.containers[0])).toThrow(/\[node-agents\/logs\] 'forwardInput' undefined: connect\(\) needs the Forward input/);
  });

  test('serviceMonitor renders a monitoring.coreos.com/v1 ServiceMonitor selecting the Service', () => {
    const objects = synth({ serviceMonitor: { interval: Duration.seconds(15), labels: { release: 'prom' } } });
    const monitor = single(objects, 'ServiceMonitor');
    const svc = single(objects, 'Service');
    expect(monitor.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(Object.entries(monitor.spec.selector.matchLabels).every(([k, v]) => svc.metadata.labels[k] === v)).toBe(true);
    expect(monitor.spec.endpoints[0]).toMatchObject({ port: 'http', path: '/api/v2/metrics/prometheus', interval: '15s' });
    expect(monitor.metadata.labels.release).toBe('prom');
    expect(monitor.spec.namespaceSelector).toEqual({ matchNames: ['kube-system'] });
  });

  test('no ServiceMonitor unless asked', () => {
    expect(ofKind(synth(), 'ServiceMonitor')).toHaveLength(0);
  });
});

describe('LogCollector scheduling', () => {
  test('every Linux node, every taint, but not virtual nodes', () => {
    const pod = podSpec(synth());
    expect(pod.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
    expect(pod.tolerations).toEqual([{ operator: 'Exists' }]);
    const terms = pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms;
    const keys = terms[0].matchExpressions.map((e: any) => e.key);
    expect(keys).toEqual(['type', 'eks.amazonaws.com/compute-type']);
  });

  test("the user's placement is merged with Linux and the virtual-node exclusion", () => {
    const pod = podSpec(synth({ placement: NodePlacement.labeled({ pool: 'general' }).withRequirements(NodeRequirement.exists('zone')) }));
    expect(pod.nodeSelector).toEqual({ 'pool': 'general', 'kubernetes.io/os': 'linux' });
    expect(pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions).toHaveLength(3);
  });

  test('excludeVirtualNodes: false renders no affinity; a Windows placement is refused', () => {
    expect(podSpec(synth({ excludeVirtualNodes: false }))).not.toHaveProperty('affinity');
    expect(() => synth({ placement: NodePlacement.anyNode().withOs('windows' as any) }))
      .toThrow(/\[node-agents\/logs\] 'placement' \{"kubernetes.io\/os":"windows"\}: this agent is a Linux binary/);
  });

  test('priority system-node-critical by default; tolerations and priority can be replaced', () => {
    expect(podSpec(synth()).priorityClassName).toBe('system-node-critical');
    const pod = podSpec(synth({ priority: Priority.existing('logging'), tolerations: [Toleration.controlPlane()] }));
    expect(pod.priorityClassName).toBe('logging');
    expect(pod.tolerations).toEqual([{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }]);
  });

  test('requests set, a memory limit, no CPU limit', () => {
    expect(mainContainer(synth()).resources).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '256Mi' } });
    const custom = mainContainer(synth({ resources: { memory: { request: Size.mebibytes(100), limit: Size.mebibytes(400) } } })).resources;
    expect(custom).toEqual({ requests: { memory: '100Mi' }, limits: { memory: '400Mi' } });
  });

  test('rolls 10% of nodes at a time, delete-first; a surge is refused', () => {
    expect(single(synth(), 'DaemonSet').spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } });
    expect(single(synth({ rollout: Rollout.onDelete() }), 'DaemonSet').spec.updateStrategy).toEqual({ type: 'OnDelete' });
    expect(() => synth({ rollout: Rollout.surge({ maxSurge: Budget.percent(20) }) }))
      .toThrow(/\[node-agents\/logs\] 'rollout' "maxSurge 20%": a surge runs two collectors on one node/);
  });
});

describe('LogCollector security', () => {
  test('root with every capability dropped, read-only root filesystem, no privilege escalation', () => {
    expect(mainContainer(synth()).securityContext).toEqual({
      runAsUser: 0, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] },
    });
    expect(podSpec(synth())).not.toHaveProperty('hostNetwork');
  });
});

describe('LogCollector outputs', () => {
  test("'output' and 'outputs' are exclusive, and one is required", () => {
    expect(() => synthIn(c => new LogCollector(c, 'logs', {}))).toThrow(/\[node-agents\/logs\] 'outputs' null: the collector needs somewhere to send logs\. Valid:/);
    expect(() => synth({ outputs: [ES] })).toThrow(/'outputs' \["es"\]: 'output' is set too/);
  });

  test('several outputs at once, each its own OUTPUT section', () => {
    const objects = synthIn(c => new LogCollector(c, 'logs', { outputs: [ES, LogOutput.loki({ host: 'loki' }), LogOutput.stdout()] }));
    expect(fluentBitSections(objects).filter(s => s.kind === 'OUTPUT').map(s => s.entries[0][1])).toEqual(['es', 'loki', 'stdout']);
  });

  test("a stdout output excludes the collector's own container logs from the tail (no feedback loop)", () => {
    expect(sectionValue(synth(), 'INPUT', 'tail', 'Exclude_Path')).toBeUndefined();
    const objects = synthIn(c => new LogCollector(c, 'logs', { outputs: [LogOutput.stdout()] }));
    expect(sectionValue(objects, 'INPUT', 'tail', 'Exclude_Path')).toBe(`/var/log/containers/*_kube-system_${mainContainer(objects).name}-*.log`);
  });

  test('secrets reach the config as ${VAR} references to the container environment, not as text', () => {
    const secret = kplus.Secret.fromSecretName(newChart(), 'es-creds', 'es-credentials');
    const password = kplus.EnvValue.fromSecretValue({ secret, key: 'password' });
    const objects = synth({ output: LogOutput.elasticsearch({ host: 'es', user: 'shipper', password }) });
    expect(sectionValue(objects, 'OUTPUT', 'es', 'HTTP_Passwd')).toBe('${FLUENT_BIT_OUTPUT_0_PASSWORD}');
    expect(mainContainer(objects).env).toEqual([{ name: 'FLUENT_BIT_OUTPUT_0_PASSWORD', valueFrom: { secretKeyRef: { name: 'es-credentials', key: 'password' } } }]);
    expect(JSON.stringify(single(objects, 'ConfigMap'))).not.toContain('es-credentials');
  });
});
