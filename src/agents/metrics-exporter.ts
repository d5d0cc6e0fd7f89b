import { ApiObject, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { acknowledge, acknowledgeCommon } from './agent-acknowledgements';
import { applyOverrides, checkLinuxPlacement, linuxPlacement, origin, overrideNames, podSecurityOrigin, propError } from './agent-helpers';
import { renderAgentNetworkPolicy } from './agent-network-policy';
import { AgentOverrides } from './agent-overrides';
import { NodeExporterCollector } from './node-exporter-collector';
import { renderServiceMonitor } from './render-service-monitor';
import { ServiceMonitorOptions } from './service-monitor';
import { Exposure } from '../daemon/exposure';
import { HostPathMount } from '../daemon/host-path-mount';
import { NodeDaemon } from '../daemon/node-daemon';
import { NodeDaemonProps } from '../daemon/node-daemon-props';
import { NodePlacement } from '../daemon/placement';
import { Priority } from '../daemon/priority';
import { Rollout } from '../daemon/rollout';
import { Toleration } from '../daemon/toleration';
import { Validations } from '../validation/validations';

/** Props of a `MetricsExporter`. */
export interface MetricsExporterProps extends AgentOverrides {
  /**
   * The node_exporter image.
   * @default 'quay.io/prometheus/node-exporter:v1.8.2' - a pinned release: `latest` changes under a running cluster
   */
  readonly image?: string;
  /**
   * The port node_exporter listens on.
   * @default 9100 - the registered node_exporter port; change it where 9100 is taken on the nodes (dell/csm#1783)
   */
  readonly port?: number;
  /**
   * Run in the node's network namespace, listening on the node IP (from the Downward API), not 0.0.0.0.
   * @default true - network metrics (netdev, netstat, sockstat) are then the node's, not the pod's
   */
  readonly hostNetwork?: boolean;
  /**
   * Collectors turned on (`--collector.<name>`), e.g. the off-by-default `PROCESSES` or `SYSTEMD`.
   * @default - node_exporter's defaults
   */
  readonly enableCollectors?: NodeExporterCollector[];
  /**
   * Collectors turned off (`--no-collector.<name>`).
   * @default - node_exporter's defaults
   */
  readonly disableCollectors?: NodeExporterCollector[];
  /**
   * Turn every collector off except `enableCollectors` (`--collector.disable-defaults`).
   * @default false
   */
  readonly disableDefaultCollectors?: boolean;
  /**
   * Ignore per-pod mounts (/var/lib/kubelet/pods, container rootfs) in the filesystem collector and per-pod
   * interfaces (veth, cali, lxc) in netdev and netclass.
   * @default true - otherwise every pod adds series on every scrape (kube-prometheus does the same)
   */
  readonly excludePodDevices?: boolean;
  /**
   * More node_exporter flags, after the rendered ones.
   * @default - none
   */
  readonly extraArgs?: string[];
  /**
   * Prometheus annotations (`prometheus.io/scrape`, `port`, `path`) on the node-local Service.
   * @default true - annotation-based discovery finds it without any CRD
   */
  readonly scrapeAnnotations?: boolean;
  /**
   * A Prometheus-operator ServiceMonitor. Always rendered when given (no CRD check, unlike the chart).
   * @default - none
   */
  readonly serviceMonitor?: ServiceMonitorOptions;
  /**
   * Which nodes run the exporter. Linux is added unless you name an OS, and virtual nodes are excluded
   * unless `excludeVirtualNodes` is false; both merge with yours.
   * @default - every Linux node
   */
  readonly placement?: NodePlacement;
  /**
   * Keep off virtual-kubelet and EKS Fargate nodes (merged with `placement`).
   * @default true - they cannot run DaemonSet pods, which would stay Pending (prometheus-community/helm-charts#4736)
   */
  readonly excludeVirtualNodes?: boolean;
  /**
   * Taints tolerated.
   * @default [Toleration.everything()] - every effect, NoExecute included: the chart's NoSchedule-only toleration misses nodes (prometheus-community/helm-charts#1347)
   */
  readonly tolerations?: Toleration[];
  /**
   * Scheduling priority.
   * @default Priority.systemNodeCritical() - a node without its exporter is invisible to alerting, and its requests are tiny
   */
  readonly priority?: Priority;
  /**
   * Requests and limits.
   * @default - requests 20m CPU / 32Mi, limits 250m CPU / 128Mi: node_exporter uses about 15-30 MiB and a few ms of CPU a scrape; the CPU limit, kube-prometheus's, only caps a runaway collector
   */
  readonly resources?: kplus.ContainerResources;
  /**
   * How pods are replaced (never a surge: the port is bound on the node).
   * @default Rollout.rollingUpdate({ maxUnavailable: Budget.percent(10) })
   */
  readonly rollout?: Rollout;
  /**
   * The name of the DaemonSet and the objects it owns.
   * @default - generated from the construct path
   */
  readonly name?: string;
}

const DEFAULT_IMAGE = 'quay.io/prometheus/node-exporter:v1.8.2';
/** Mount points of pods and container root filesystems, plus node_exporter's own default exclusions. */
const POD_MOUNTS = '^/(dev|proc|run/credentials/.+|sys|var/lib/docker/.+|var/lib/containers/storage/.+|var/lib/kubelet/pods/.+|run/containerd/.+|run/k3s/containerd/.+)($|/)';
/** Per-pod network interfaces of the common CNIs. */
const POD_INTERFACES = '^(veth.*|cali.*|lxc.*|[a-f0-9]{15})$';

/**
 * Prometheus node_exporter on every Linux node: host PID and network, `/proc`, `/sys` and `/` read-only
 * under /host, non-root with a read-only root filesystem and no capabilities, a node-local Service with
 * scrape annotations and, on request, a ServiceMonitor.
 * @example
 * new MetricsExporter(chart, 'node-metrics', {
 *   enableCollectors: [NodeExporterCollector.PROCESSES],
 *   serviceMonitor: { labels: { release: 'kube-prometheus-stack' } },
 * });
 */
export class MetricsExporter extends Construct {
  /** The underlying daemon: the escape hatch to the DaemonSet and Service. */
  public readonly daemon: NodeDaemon;
  /** The ServiceMonitor, when `serviceMonitor` is set. */
  public readonly serviceMonitor?: ApiObject;
  /** The port node_exporter listens on. */
  public readonly port: number;
  /**
   * The NetworkPolicy of the exporter's pods: inbound only on the metrics port, nothing outbound. Network
   * plugins enforce it with `hostNetwork: false`; a host-network pod shares the node's interfaces, and
   * most plugins leave it alone.
   */
  public readonly networkPolicy: kplus.k8s.KubeNetworkPolicy;

  constructor(scope: Construct, id: string, props: MetricsExporterProps = {}) {
    super(scope, id);
    this.port = props.port ?? 9100;
    if (!Number.isInteger(this.port) || this.port < 1 || this.port > 65535) {
      throw propError(this, 'port', props.port, 'not a TCP port', 'an integer 1-65535');
    }
    const enable = props.enableCollectors ?? [];
    const disable = props.disableCollectors ?? [];
    const both = enable.filter(c => disable.includes(c));
    if (both.length) {
      throw propError(this, 'disableCollectors', both, "also listed in 'enableCollectors'", 'each collector in at most one of the two lists');
    }
    const hostNetwork = props.hostNetwork ?? true;
    const addressVar = hostNetwork ? 'HOST_IP' : 'POD_IP';
    const args = [
      '--path.procfs=/host/proc',
      '--path.sysfs=/host/sys',
      '--path.rootfs=/host/root',
      '--path.udev.data=/host/root/run/udev/data',
      // The node (or pod) IP, not 0.0.0.0: with host networking 0.0.0.0 exposes metrics on every node interface.
      `--web.listen-address=[$(${addressVar})]:${this.port}`,
      ...(props.excludePodDevices ?? true ? [
        `--collector.filesystem.mount-points-exclude=${POD_MOUNTS}`,
        `--collector.netclass.ignored-devices=${POD_INTERFACES}`,
        `--collector.netdev.device-exclude=${POD_INTERFACES}`,
      ] : []),
      ...(props.disableDefaultCollectors ? ['--collector.disable-defaults'] : []),
      ...enable.map(c => `--collector.${c}`),
      ...disable.map(c => `--no-collector.${c}`),
      ...props.extraArgs ?? [],
    ];
    const annotations = props.scrapeAnnotations ?? true
      ? { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(this.port), 'prometheus.io/path': '/metrics' }
      : undefined;
    const base: NodeDaemonProps = {
      name: props.name,
      image: props.image ?? DEFAULT_IMAGE,
      containerName: 'node-exporter',
      args,
      env: { [addressVar]: kplus.EnvValue.fromFieldRef(hostNetwork ? kplus.EnvFieldPaths.NODE_IP : kplus.EnvFieldPaths.POD_IP) },
      placement: linuxPlacement(this, props.placement, props.excludeVirtualNodes ?? true),
      tolerations: props.tolerations ?? [Toleration.everything()],
      priority: props.priority ?? Priority.systemNodeCritical(),
      rollout: props.rollout,
      resources: props.resources ?? {
        cpu: { request: kplus.Cpu.millis(20), limit: kplus.Cpu.millis(250) },
        memory: { request: Size.mebibytes(32), limit: Size.mebibytes(128) },
      },
      exposure: Exposure.localService({ port: this.port, name: 'metrics', annotations }),
      // Liveness asks only whether the process accepts connections, and gives it a minute: a slow
      // collector (a hung NFS mount, a big /proc) must make the pod unready, never restart it.
      liveness: kplus.Probe.fromTcpSocket({
        port: this.port, periodSeconds: Duration.seconds(20), timeoutSeconds: Duration.seconds(5), failureThreshold: 3,
      }),
      readiness: kplus.Probe.fromHttpGet('/', {
        port: this.port, periodSeconds: Duration.seconds(10), timeoutSeconds: Duration.seconds(5), failureThreshold: 3,
      }),
      security: {
        runAsUser: 65534,
        runAsGroup: 65534,
        runAsNonRoot: true,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        dropCapabilities: [kplus.Capability.ALL],
      },
      host: {
        network: hostNetwork,
        pid: true,
        mounts: [
          HostPathMount.readOnly('/proc', '/host/proc'),
          HostPathMount.readOnly('/sys', '/host/sys'),
          HostPathMount.readOnly('/', '/host/root', { propagation: kplus.MountPropagation.HOST_TO_CONTAINER }),
        ],
      },
      // The exporter keeps a node from scaling down only by accident: its hostPath volumes are read-only views.
      podAnnotations: { 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'true' },
    };
    const merged = applyOverrides(base, props.overrides);
    // The guards see the props after the overrides: overrides cannot bypass them.
    checkLinuxPlacement(this, merged.placement, origin(props.overrides, 'placement', 'placement'));
    this.daemon = new NodeDaemon(this, id, merged);
    this.daemon._renameProps({ 'exposure': 'port', 'host.network': props.overrides?.host ? 'overrides.host' : 'hostNetwork', 'containerName': 'overrides.containerName', ...podSecurityOrigin(props.overrides), ...overrideNames(props.overrides) });
    if (props.serviceMonitor) {
      this.serviceMonitor = renderServiceMonitor(this, { daemon: this.daemon, portName: 'metrics', path: '/metrics' }, props.serviceMonitor);
    }
    this.networkPolicy = renderAgentNetworkPolicy(this, this.daemon, { ingressPorts: [this.port], egress: false });
    acknowledgeCommon(this.daemon, merged);
    if (merged.host?.network) {
      acknowledge(this.daemon, 'polaris', 'hostPortSet',
        'with host networking the API server sets hostPort to the containerPort anyway; it is written out so the planner and the host-port checks see it');
    }
    Validations.suppress(this, 'SEC004', 'node-exporter reads host processes for process metrics (hostPID, as the chart does)');
    Validations.suppress(this, 'SEC010', "node-exporter reads the node's /proc, /sys and / for node metrics; all three are mounted read-only");
    if (hostNetwork) {
      Validations.suppress(this, 'SEC003', "host network so netdev/netstat report the node's interfaces; it listens on the node IP only ('hostNetwork: false' to opt out)");
    }
  }
}
