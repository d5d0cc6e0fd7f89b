import { ApiObject, Chart, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { acknowledge, acknowledgeCommon } from './agent-acknowledgements';
import { applyOverrides, checkLinuxPlacement, checkPort, checkWholeSeconds, linuxPlacement, origin, overrideNames, podSecurityOrigin, propError } from './agent-helpers';
import { renderAgentNetworkPolicy } from './agent-network-policy';
import { AgentOverrides } from './agent-overrides';
import { FluentBitSectionKind, renderFluentBitConfig, sectionProblem } from './fluent-bit-config';
import { CONFIG_DIR, HEALTH_PATH, logCollectorSections, METRICS_PATH, STATE_DIR } from './log-collector-config';
import { LogOutput } from './log-output';
import { renderServiceMonitor } from './render-service-monitor';
import { ServiceMonitorOptions } from './service-monitor';
import { Exposure } from '../daemon/exposure';
import { HostPathMount } from '../daemon/host-path-mount';
import { ConnectOptions, NodeDaemon } from '../daemon/node-daemon';
import { NodeDaemonProps } from '../daemon/node-daemon-props';
import { NodePlacement } from '../daemon/placement';
import { Priority } from '../daemon/priority';
import { RbacRules } from '../daemon/rbac';
import { Rollout } from '../daemon/rollout';
import { Toleration } from '../daemon/toleration';
import { Validations } from '../validation/validations';

/** fluent-bit's log levels. */
export enum FluentBitLogLevel {
  /** Nothing. */
  OFF = 'off',
  /** Errors only. */
  ERROR = 'error',
  /** Errors and warnings. */
  WARN = 'warn',
  /** The normal level. */
  INFO = 'info',
  /** Verbose. */
  DEBUG = 'debug',
  /** Very verbose. */
  TRACE = 'trace',
}

/** The systemd journal input. */
export interface SystemdInputOptions {
  /**
   * Units whose journal entries are read (one `Systemd_Filter` each). An empty list reads the whole journal.
   * @default ['kubelet.service'] - the node's own Kubernetes logs, as the fluent-bit chart does
   */
  readonly units?: string[];
  /**
   * The journal directory on the node. Outside /var/log it gets its own read-only mount.
   * @default '/var/log/journal' - the persistent journal, already inside the read-only /var/log mount
   */
  readonly path?: string;
}

/** The Forward input: applications on the same node push records to the collector. */
export interface ForwardInputOptions {
  /**
   * The port, on the node-local Service and the pod.
   * @default 24224 - the Forward protocol's port
   */
  readonly port?: number;
}

/** A filter given as raw fluent-bit keys, rendered after the kubernetes filter. */
export interface FluentBitFilter {
  /** The filter plugin, e.g. `grep`, `modify`, `lua`. */
  readonly name: string;
  /**
   * The tag pattern it applies to.
   * @default 'kube.*' - container logs
   */
  readonly match?: string;
  /**
   * Its keys and values.
   * @default - none
   */
  readonly properties?: { [key: string]: string };
}

/** Props of a `LogCollector`. */
export interface LogCollectorProps extends AgentOverrides {
  /**
   * Where records go. Give this or `outputs`.
   * @default - `outputs`
   */
  readonly output?: LogOutput;
  /**
   * Several destinations at once. Each gets the records its `match` selects. Give this or `output`.
   * @default - `output`
   */
  readonly outputs?: LogOutput[];
  /**
   * The fluent-bit image.
   * @default 'cr.fluentbit.io/fluent/fluent-bit:5.1.2' - a pinned release: `latest` changes under a running cluster
   */
  readonly image?: string;
  /**
   * The node directory (created if missing) that holds the tail offset DB and the filesystem buffer.
   * @default '/var/lib/fluent-bit' - its own directory, so /var/log stays read-only and no log is lost on restart or rollout
   */
  readonly stateHostPath?: string;
  /**
   * The nodes run Docker: mount `/var/lib/docker/containers` read-only, where Docker's log symlinks point.
   * @default false - containerd and CRI-O keep logs under /var/log/pods (fluent/helm-charts#76)
   */
  readonly dockerRuntime?: boolean;
  /**
   * Also read the systemd journal (the chart reads kubelet.service by default).
   * @default - no systemd input: where the journal directory is missing (volatile journals, container-optimized OSes) the input stops fluent-bit from starting, taking container logs down with it
   */
  readonly systemd?: SystemdInputOptions;
  /**
   * Enrich container logs with pod metadata (the kubernetes filter), with the RBAC it needs
   * (get/list/watch pods and namespaces).
   * @default true - logs without namespace, pod and labels are hard to search
   */
  readonly kubernetesMetadata?: boolean;
  /**
   * A Forward input on the node-local Service, for applications on the same node to push to.
   * @default - no Forward input
   */
  readonly forwardInput?: ForwardInputOptions;
  /**
   * The port of the metrics and health HTTP server.
   * @default 2020 - fluent-bit's default, as the chart uses
   */
  readonly metricsPort?: number;
  /**
   * fluent-bit's own log level.
   * @default FluentBitLogLevel.INFO
   */
  readonly logLevel?: FluentBitLogLevel;
  /**
   * How often buffered records are flushed to the outputs.
   * @default Duration.seconds(1) - low latency at a small cost
   */
  readonly flushInterval?: Duration;
  /**
   * Filters after the kubernetes filter.
   * @default - none
   */
  readonly filters?: FluentBitFilter[];
  /**
   * The content of a `custom_parsers.conf` ([PARSER] / [MULTILINE_PARSER] sections), loaded after the image's parsers.
   * @default - only the image's parsers and the built-in multiline parsers
   */
  readonly customParsers?: string;
  /**
   * A Prometheus-operator ServiceMonitor for the metrics port. Always rendered when given (no CRD check).
   * @default - none: the Service carries prometheus.io scrape annotations
   */
  readonly serviceMonitor?: ServiceMonitorOptions;
  /**
   * Which nodes run the collector. Linux is added unless you name an OS, and virtual nodes are excluded
   * unless `excludeVirtualNodes` is false.
   * @default - every Linux node
   */
  readonly placement?: NodePlacement;
  /**
   * Keep off virtual-kubelet and EKS Fargate nodes.
   * @default true - they cannot run DaemonSet pods, which would stay Pending
   */
  readonly excludeVirtualNodes?: boolean;
  /**
   * Taints tolerated.
   * @default [Toleration.everything()] - logs of tainted nodes (control plane, dedicated pools) matter most (fluent/helm-charts#180)
   */
  readonly tolerations?: Toleration[];
  /**
   * Scheduling priority.
   * @default Priority.systemNodeCritical() - a full node must not evict its log shipper (aws-observability/helm-charts#54)
   */
  readonly priority?: Priority;
  /**
   * Requests and limits.
   * @default - requests 50m CPU / 64Mi, memory limit 256Mi, no CPU limit: chunks in memory are capped by storage.max_chunks_up, and a CPU limit would throttle bursts
   */
  readonly resources?: kplus.ContainerResources;
  /**
   * How pods are replaced. A surge is refused: two collectors on one node would tail the same files with one offset DB.
   * @default Rollout.rollingUpdate({ maxUnavailable: Budget.percent(10) }) - fast on large clusters; the buffer on disk bridges the gap
   */
  readonly rollout?: Rollout;
  /**
   * The name of the DaemonSet and the objects it owns.
   * @default - generated from the construct path
   */
  readonly name?: string;
}

const DEFAULT_IMAGE = 'cr.fluentbit.io/fluent/fluent-bit:5.1.2';
const CONTAINER = 'fluent-bit';

/**
 * fluent-bit on every Linux node: tails container logs (cri and docker formats) and optionally the
 * systemd journal, adds pod metadata, and ships to typed outputs, with the offset DB and a filesystem
 * buffer on the node so no log is lost on restart or rollout. `/var/log` is mounted read-only.
 * @example
 * new LogCollector(chart, 'logs', {
 *   output: LogOutput.elasticsearch({ host: 'elasticsearch-master.logging.svc' }),
 *   systemd: { units: ['kubelet.service'] },
 * });
 */
export class LogCollector extends Construct {
  /** The underlying daemon: the escape hatch to the DaemonSet, Service, ConfigMap and RBAC objects. */
  public readonly daemon: NodeDaemon;
  /** The rendered `fluent-bit.conf`. */
  public readonly configText: string;
  /** The ServiceMonitor, when `serviceMonitor` is set. */
  public readonly serviceMonitor?: ApiObject;
  /** The Forward input's port, when `forwardInput` is set. */
  public readonly forwardPort?: number;
  /** The NetworkPolicy of the collector's pods: inbound only on the metrics and Forward ports, outbound open (the outputs). */
  public readonly networkPolicy: kplus.k8s.KubeNetworkPolicy;

  constructor(scope: Construct, id: string, props: LogCollectorProps) {
    super(scope, id);
    const outputs = this.resolveOutputs(props);
    const statePath = props.stateHostPath ?? '/var/lib/fluent-bit';
    if (!statePath.startsWith('/') || statePath.split('/').includes('..') || statePath === '/') {
      throw propError(this, 'stateHostPath', statePath, 'must be an absolute node directory of its own', "e.g. '/var/lib/fluent-bit'");
    }
    const metricsPort = props.metricsPort ?? 2020;
    checkPort(this, 'metricsPort', metricsPort);
    checkPort(this, 'forwardInput.port', props.forwardInput?.port);
    if (this.forwardPortOf(props) === metricsPort) {
      throw propError(this, 'forwardInput.port', metricsPort, 'is the metrics port too', 'a port other than the metricsPort');
    }
    checkWholeSeconds(this, 'flushInterval', props.flushInterval);
    this.forwardPort = props.forwardInput ? props.forwardInput.port ?? 24224 : undefined;
    const kubernetesMetadata = props.kubernetesMetadata ?? true;
    if (kubernetesMetadata && !Chart.of(this).namespace) {
      throw propError(this, 'kubernetesMetadata', true, "needs a namespace on the chart: the kubernetes filter's ClusterRoleBinding must name the ServiceAccount's namespace",
        'a Chart with a namespace, or kubernetesMetadata: false');
    }
    const containerName = props.overrides?.containerName ?? CONTAINER;
    const namespace = Chart.of(this).namespace ?? '*';

    const rendered = outputs.map((o, i) => o._render(i));
    rendered.forEach((r, i) => {
      const problem = sectionProblem(r.section);
      if (problem) throw propError(this, props.output ? 'output' : `outputs[${i}]`, outputs[i].plugin, problem, 'a non-empty host and one-line values');
      // A credential from a Secret or ConfigMap needs its name and key: the API server refuses empty ones.
      for (const value of Object.values(r.env)) {
        const ref = value.valueFrom?.secretKeyRef ?? value.valueFrom?.configMapKeyRef;
        if (ref && (!ref.name || !ref.key)) {
          throw propError(this, props.output ? 'output' : `outputs[${i}]`, outputs[i].plugin, 'reads a credential from a Secret or ConfigMap without a name or key', 'EnvValue.fromSecretValue() of a named Secret and a key');
        }
      }
    });
    (props.filters ?? []).forEach((f, i) => {
      const entries: [string, string][] = [['Name', f.name], ['Match', f.match ?? 'kube.*'], ...Object.entries(f.properties ?? {})];
      const problem = sectionProblem({ kind: FluentBitSectionKind.FILTER, entries });
      if (problem) throw propError(this, `filters[${i}]`, f.name, problem, 'a filter plugin name and one-line properties');
    });
    const systemd = props.systemd ? { path: props.systemd.path ?? '/var/log/journal', units: props.systemd.units ?? ['kubelet.service'] } : undefined;
    const sections = logCollectorSections({
      flushSeconds: (props.flushInterval ?? Duration.seconds(1)).toSeconds(),
      logLevel: props.logLevel ?? FluentBitLogLevel.INFO,
      metricsPort,
      customParsers: props.customParsers !== undefined,
      // A stdout output prints every record into the collector's own log, which it would tail again.
      excludePath: outputs.some(o => o.plugin === 'stdout') ? `/var/log/containers/*_${namespace}_${containerName}-*.log` : undefined,
      systemd,
      forwardPort: this.forwardPort,
      kubernetesMetadata,
      filters: (props.filters ?? []).map(f => ({ name: f.name, match: f.match ?? 'kube.*', properties: f.properties ?? {} })),
      outputs: rendered.map(r => r.section),
    });
    // Outputs and filters were checked above; what is left to fail is the systemd or forward input.
    const broken = sections.map(sectionProblem).find(p => p !== undefined);
    if (broken) throw propError(this, props.systemd ? 'systemd' : 'forwardInput', null, broken, 'one-line values');
    this.configText = renderFluentBitConfig(sections);
    const files: { [name: string]: string } = { 'fluent-bit.conf': this.configText };
    if (props.customParsers !== undefined) files['custom_parsers.conf'] = props.customParsers;

    const mounts = [
      HostPathMount.readOnly('/var/log', '/var/log'),
      HostPathMount.readWrite(statePath, STATE_DIR, { type: kplus.HostPathVolumeType.DIRECTORY_OR_CREATE, volumeName: 'state' }),
    ];
    if (props.dockerRuntime) {
      mounts.push(HostPathMount.readOnly('/var/lib/docker/containers', '/var/lib/docker/containers'));
      Validations.suppress(this, 'SEC010', "Docker keeps container logs in /var/lib/docker/containers, where the /var/log/pods symlinks point ('dockerRuntime: true'); mounted read-only");
    }
    if (systemd && !`${systemd.path}/`.startsWith('/var/log/')) {
      mounts.push(HostPathMount.readOnly(systemd.path, systemd.path));
      Validations.suppress(this, 'SEC010', `the systemd input reads the journal at ${systemd.path} ('systemd.path'), read-only`);
    }

    const base: NodeDaemonProps = {
      name: props.name,
      image: props.image ?? DEFAULT_IMAGE,
      containerName: CONTAINER,
      command: ['/fluent-bit/bin/fluent-bit', '--workdir=/fluent-bit/etc', `--config=${CONFIG_DIR}/fluent-bit.conf`],
      env: outputEnv(rendered),
      placement: linuxPlacement(this, props.placement, props.excludeVirtualNodes ?? true),
      tolerations: props.tolerations ?? [Toleration.everything()],
      priority: props.priority ?? Priority.systemNodeCritical(),
      rollout: props.rollout,
      resources: props.resources ?? {
        cpu: { request: kplus.Cpu.millis(50) },
        memory: { request: Size.mebibytes(64), limit: Size.mebibytes(256) },
      },
      exposure: this.exposure(metricsPort),
      liveness: kplus.Probe.fromHttpGet('/', { port: metricsPort }),
      readiness: kplus.Probe.fromHttpGet(HEALTH_PATH, { port: metricsPort }),
      security: {
        runAsUser: 0,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        dropCapabilities: [kplus.Capability.ALL],
      },
      host: { mounts },
      config: { mountPath: CONFIG_DIR, files },
      rbac: kubernetesMetadata ? [RbacRules.readOnly('pods', 'namespaces')] : undefined,
    };
    const merged = applyOverrides(base, props.overrides);
    // The guards see the props after the overrides: overrides cannot bypass them.
    if (merged.rollout?.surges) {
      throw propError(this, origin(props.overrides, 'rollout', 'rollout'), `maxSurge ${merged.rollout.maxSurge}`,
        'a surge runs two collectors on one node, tailing the same files with one offset DB (duplicates, DB lock errors)', 'Rollout.rollingUpdate() or Rollout.onDelete()');
    }
    checkLinuxPlacement(this, merged.placement, origin(props.overrides, 'placement', 'placement'));
    this.daemon = new NodeDaemon(this, id, merged);
    this.daemon._renameProps({
      exposure: 'metricsPort', config: 'outputs', env: props.output ? 'output' : 'outputs', rbac: 'kubernetesMetadata', containerName: 'overrides.containerName', ...podSecurityOrigin(props.overrides), ...overrideNames(props.overrides),
    });
    if (props.serviceMonitor) {
      this.serviceMonitor = renderServiceMonitor(this, { daemon: this.daemon, portName: 'http', path: METRICS_PATH }, props.serviceMonitor);
    }
    this.networkPolicy = renderAgentNetworkPolicy(this, this.daemon, {
      ingressPorts: [metricsPort, ...this.forwardPort !== undefined ? [this.forwardPort] : []],
      egress: true,
    });
    acknowledgeCommon(this.daemon, merged,
      'no CPU limit: a limit throttles the collector in bursts and while it catches up after an outage, delaying every log of the node; the request reserves its share');
    acknowledge(this.daemon, 'polaris', 'hostPathSet',
      "reads the node's container logs under /var/log (read-only) and keeps its offset DB and disk buffer in a node directory of its own ('stateHostPath')");
    if (merged.rbac) {
      acknowledge(this.daemon, 'polaris', 'automountServiceAccountToken',
        "the kubernetes filter reads pod and namespace metadata from the API with the collector's own ServiceAccount (get/list/watch only); 'kubernetesMetadata: false' drops the token");
    }
    Validations.suppress(this, 'SEC006',
      'runs as uid 0 with every capability dropped: container logs under /var/log/pods are root-owned (0640) and the image has no other usable user (fluent/helm-charts#330)');
  }

  /**
   * Gives a client container the node-local address of the Forward input: `<PREFIX>_HOST` (the Service's
   * DNS name), `<PREFIX>_PORT` and `<PREFIX>_ADDR`. Throws without `forwardInput`.
   */
  public connect(container: kplus.Container, options: ConnectOptions = {}): void {
    if (this.forwardPort === undefined) {
      throw propError(this, 'forwardInput', undefined, 'connect() needs the Forward input: the collector accepts nothing otherwise', 'forwardInput: {} (port 24224)');
    }
    this.daemon.connect(container, { envPrefix: options.envPrefix ?? 'FLUENT_FORWARD' });
  }

  private forwardPortOf(props: LogCollectorProps): number | undefined {
    return props.forwardInput ? props.forwardInput.port ?? 24224 : undefined;
  }

  private resolveOutputs(props: LogCollectorProps): LogOutput[] {
    if (props.output && props.outputs) {
      throw propError(this, 'outputs', props.outputs.map(o => o.plugin), "'output' is set too: give one of them", "'output' for one destination, 'outputs' for several");
    }
    const outputs = props.output ? [props.output] : props.outputs ?? [];
    if (outputs.length === 0) {
      throw propError(this, 'outputs', props.outputs ?? null, 'the collector needs somewhere to send logs', "'output: LogOutput.loki({ host })' or 'outputs: [...]' with at least one LogOutput");
    }
    return outputs;
  }

  private exposure(metricsPort: number): Exposure {
    const annotations = {
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': String(metricsPort),
      'prometheus.io/path': METRICS_PATH,
    };
    const metrics = { port: metricsPort, name: 'http' };
    // The Forward port comes first so that connect() hands clients the Forward address.
    return this.forwardPort === undefined
      ? Exposure.localService({ ...metrics, annotations })
      : Exposure.localService({ port: this.forwardPort, name: 'forward', additionalPorts: [metrics], annotations });
  }
}

/** The environment the outputs' `${VAR}` references need, or nothing. */
function outputEnv(rendered: Array<{ env: { [name: string]: kplus.EnvValue } }>): { [name: string]: kplus.EnvValue } | undefined {
  const env = Object.assign({}, ...rendered.map(r => r.env));
  return Object.keys(env).length ? env : undefined;
}
