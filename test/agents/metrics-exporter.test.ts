import { Duration, Size, Testing } from 'cdk8s';
import { mountAt, synthIn } from './util';
import { NodePlacement, NodeRequirement, Priority, Toleration } from '../../src';
import { MetricsExporter, MetricsExporterProps, NodeExporterCollector } from '../../src/agents';
import { Validations } from '../../src/validation/validations';
import { mainContainer, newChart, ofKind, podSpec, single } from '../daemon/util';

function synth(props: MetricsExporterProps = {}): any[] {
  return synthIn(chart => new MetricsExporter(chart, 'node-metrics', props));
}

function matchExpressions(objects: any[]): any[] {
  return podSpec(objects).affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions;
}

describe('MetricsExporter image and flags', () => {
  test('pins a node-exporter release', () => {
    expect(mainContainer(synth()).image).toBe('quay.io/prometheus/node-exporter:v1.8.2');
  });

  test('points every --path flag at the read-only host mounts', () => {
    const objects = synth();
    const args: string[] = mainContainer(objects).args;
    for (const [flag, mountPath, hostPath] of [['procfs', '/host/proc', '/proc'], ['sysfs', '/host/sys', '/sys'], ['rootfs', '/host/root', '/']]) {
      expect(args).toContain(`--path.${flag}=${mountPath}`);
      const mount = mountAt(objects, mountPath)!;
      expect(mount.mount.readOnly).toBe(true);
      expect(mount.volume.hostPath.path).toBe(hostPath);
    }
    expect(args).toContain('--path.udev.data=/host/root/run/udev/data');
    expect(mountAt(objects, '/host/root')!.mount.mountPropagation).toBe('HostToContainer');
  });

  test('listens on the node IP from the Downward API, not 0.0.0.0', () => {
    const c = mainContainer(synth());
    expect(c.args).toContain('--web.listen-address=[$(HOST_IP)]:9100');
    expect(c.env).toEqual([{ name: 'HOST_IP', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } }]);
    expect(c.args.join(' ')).not.toContain('0.0.0.0');
  });

  test('enables and disables collectors with typed flags, after the rendered ones', () => {
    const args: string[] = mainContainer(synth({
      enableCollectors: [NodeExporterCollector.PROCESSES, NodeExporterCollector.SYSTEMD],
      disableCollectors: [NodeExporterCollector.ARP],
      extraArgs: ['--web.max-requests=10'],
    })).args;
    expect(args.slice(-4)).toEqual(['--collector.processes', '--collector.systemd', '--no-collector.arp', '--web.max-requests=10']);
    expect(args).not.toContain('--collector.disable-defaults');
  });

  test('disableDefaultCollectors keeps only the enabled ones', () => {
    expect(mainContainer(synth({ disableDefaultCollectors: true, enableCollectors: [NodeExporterCollector.CPU] })).args)
      .toEqual(expect.arrayContaining(['--collector.disable-defaults', '--collector.cpu']));
  });

  test('a collector both enabled and disabled is refused', () => {
    expect(() => synth({ enableCollectors: [NodeExporterCollector.CPU], disableCollectors: [NodeExporterCollector.CPU] }))
      .toThrow(/\[node-agents\/node-metrics\] 'disableCollectors' \["cpu"\]: also listed in 'enableCollectors'/);
  });

  test('per-pod mounts and interfaces are excluded by default, and can be kept', () => {
    const exclusions = (args: string[]) => args.filter(a => /mount-points-exclude|ignored-devices|device-exclude/.test(a));
    const args: string[] = mainContainer(synth()).args;
    expect(exclusions(args)).toHaveLength(3);
    expect(args.find(a => a.startsWith('--collector.filesystem.mount-points-exclude='))).toContain('var/lib/kubelet/pods/.+');
    expect(exclusions(mainContainer(synth({ excludePodDevices: false })).args)).toEqual([]);
  });

  test('port moves the listen address, the container port, the probes and the Service', () => {
    const objects = synth({ port: 9200 });
    const c = mainContainer(objects);
    expect(c.args).toContain('--web.listen-address=[$(HOST_IP)]:9200');
    expect(c.ports).toEqual([{ containerPort: 9200, hostPort: 9200, name: 'metrics' }]);
    expect(c.livenessProbe.tcpSocket.port).toBe(9200);
    expect(c.readinessProbe.httpGet.port).toBe(9200);
    expect(single(objects, 'Service').spec.ports[0].port).toBe(9200);
    expect(() => synth({ port: 70000 })).toThrow(/'port' 70000: not a TCP port/);
  });
});

describe('MetricsExporter probes', () => {
  test('liveness and readiness differ: a slow scrape makes the pod unready, never restarts it', () => {
    const c = mainContainer(synth());
    expect(c.livenessProbe).not.toEqual(c.readinessProbe);
    // Liveness only asks whether the process accepts connections; readiness fetches a page.
    expect(c.livenessProbe).toEqual({ tcpSocket: { port: 9100 }, periodSeconds: 20, timeoutSeconds: 5, failureThreshold: 3 });
    expect(c.readinessProbe).toEqual({ httpGet: { path: '/', port: 9100, scheme: 'HTTP' }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 });
    // The kubelet restarts only after a minute of refused connections; readiness reacts in half that.
    const window = (p: any) => p.periodSeconds * p.failureThreshold;
    expect(window(c.livenessProbe)).toBeGreaterThanOrEqual(60);
    expect(window(c.livenessProbe)).toBeGreaterThan(window(c.readinessProbe));
  });
});

describe('MetricsExporter host access', () => {
  test('hostPID and host network by default, with cluster DNS kept', () => {
    const pod = podSpec(synth());
    expect(pod.hostPID).toBe(true);
    expect(pod.hostNetwork).toBe(true);
    expect(pod.dnsPolicy).toBe('ClusterFirstWithHostNet');
  });

  test('hostNetwork: false listens on the pod IP instead and drops the SEC003 suppression', () => {
    const chart = newChart();
    const exporter = new MetricsExporter(chart, 'node-metrics', { hostNetwork: false });
    const objects = Testing.synth(chart);
    expect(podSpec(objects)).not.toHaveProperty('hostNetwork');
    expect(mainContainer(objects).args).toContain('--web.listen-address=[$(POD_IP)]:9100');
    expect(mainContainer(objects).env).toEqual([{ name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }]);
    expect(Validations.suppressionsOf(exporter.daemon).map(s => s.ruleId)).not.toContain('SEC003');
  });

  test('non-root 65534, read-only root filesystem, no privilege escalation, every capability dropped', () => {
    expect(mainContainer(synth()).securityContext).toEqual({
      runAsUser: 65534,
      runAsGroup: 65534,
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
    expect(podSpec(synth()).automountServiceAccountToken).toBe(false);
  });
});

describe('MetricsExporter scheduling', () => {
  test('tolerates every taint with every effect (NoExecute too)', () => {
    const tolerations = podSpec(synth()).tolerations;
    expect(tolerations).toEqual([{ operator: 'Exists' }]);
    expect(tolerations[0]).not.toHaveProperty('effect');
  });

  test('Linux only, and off virtual-kubelet and Fargate nodes', () => {
    const objects = synth();
    expect(podSpec(objects).nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
    expect(matchExpressions(objects)).toEqual([
      { key: 'type', operator: 'NotIn', values: ['virtual-kubelet'] },
      { key: 'eks.amazonaws.com/compute-type', operator: 'NotIn', values: ['fargate'] },
    ]);
  });

  test("the default affinity merges with the user's, without repeating what the user already excludes", () => {
    const objects = synth({ placement: NodePlacement.linux().withRequirements(NodeRequirement.exists('monitoring')).excludingVirtualNodes() });
    expect(matchExpressions(objects).map(e => e.key)).toEqual(['monitoring', 'type', 'eks.amazonaws.com/compute-type']);
  });

  test('priority, tolerations and resources have defaults and can be replaced', () => {
    const defaults = synth();
    expect(podSpec(defaults).priorityClassName).toBe('system-node-critical');
    expect(mainContainer(defaults).resources).toEqual({ requests: { cpu: '20m', memory: '32Mi' }, limits: { cpu: '250m', memory: '128Mi' } });
    const custom = synth({
      priority: Priority.existing('monitoring'),
      tolerations: [Toleration.exists('dedicated')],
      resources: { memory: { request: Size.mebibytes(50), limit: Size.mebibytes(80) } },
    });
    expect(podSpec(custom).priorityClassName).toBe('monitoring');
    expect(podSpec(custom).tolerations).toEqual([{ key: 'dedicated', operator: 'Exists' }]);
    expect(mainContainer(custom).resources).toEqual({ requests: { memory: '50Mi' }, limits: { memory: '80Mi' } });
  });

  test('marks its pods safe to evict for the cluster autoscaler, as the chart does', () => {
    expect(single(synth(), 'DaemonSet').spec.template.metadata.annotations).toEqual({ 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'true' });
  });
});

describe('MetricsExporter Service and ServiceMonitor', () => {
  test('a node-local Service with Prometheus scrape annotations', () => {
    const svc = single(synth(), 'Service');
    expect(svc.spec.internalTrafficPolicy).toBe('Local');
    expect(svc.spec.ports).toEqual([{ name: 'metrics', port: 9100, targetPort: 'metrics' }]);
    expect(svc.metadata.annotations).toEqual({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9100', 'prometheus.io/path': '/metrics' });
    expect(single(synth({ scrapeAnnotations: false }), 'Service').metadata).not.toHaveProperty('annotations');
  });

  test('serviceMonitor always renders a ServiceMonitor, with the node name as instance', () => {
    const objects = synth({ serviceMonitor: { interval: Duration.seconds(15), scrapeTimeout: Duration.seconds(10), labels: { release: 'kube-prometheus-stack' } } });
    const monitor = single(objects, 'ServiceMonitor');
    expect(monitor.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(monitor.metadata.namespace).toBe('kube-system');
    expect(monitor.metadata.labels.release).toBe('kube-prometheus-stack');
    expect(monitor.spec.selector.matchLabels).toEqual(single(objects, 'DaemonSet').spec.selector.matchLabels);
    expect(monitor.spec.endpoints).toEqual([{
      port: 'metrics',
      path: '/metrics',
      scheme: 'http',
      interval: '15s',
      scrapeTimeout: '10s',
      relabelings: [{ action: 'replace', sourceLabels: ['__meta_kubernetes_pod_node_name'], targetLabel: 'instance' }],
    }]);
  });

  test('no ServiceMonitor unless asked', () => {
    expect(ofKind(synth(), 'ServiceMonitor')).toHaveLength(0);
  });
});
