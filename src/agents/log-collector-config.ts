import { FluentBitSection, FluentBitSectionKind, section } from './fluent-bit-config';

/** Where the collector's state directory (the hostPath) appears in its container. */
export const STATE_DIR = '/var/fluent-bit/state';
/** Where the ConfigMap is mounted. */
export const CONFIG_DIR = '/fluent-bit/etc/conf';
/** The path the Prometheus metrics are served on. */
export const METRICS_PATH = '/api/v2/metrics/prometheus';
/** The health endpoint of `Health_Check On`. */
export const HEALTH_PATH = '/api/v1/health';

/** A filter written as fluent-bit keys. */
export interface RawFilter {
  readonly name: string;
  readonly match: string;
  readonly properties: { [key: string]: string };
}

/** Everything the config needs, resolved from the LogCollector props. */
export interface LogCollectorConfigInputs {
  readonly flushSeconds: number;
  readonly logLevel: string;
  readonly metricsPort: number;
  readonly customParsers: boolean;
  /** A glob of the collector's own container logs, excluded from the tail (set with a stdout output). */
  readonly excludePath?: string;
  readonly systemd?: { readonly path: string; readonly units: string[] };
  readonly forwardPort?: number;
  readonly kubernetesMetadata: boolean;
  readonly filters: RawFilter[];
  readonly outputs: FluentBitSection[];
}

function service(inputs: LogCollectorConfigInputs): FluentBitSection {
  return section(FluentBitSectionKind.SERVICE, [
    ['Flush', String(inputs.flushSeconds)],
    ['Daemon', 'Off'],
    ['Log_Level', inputs.logLevel],
    ['Parsers_File', '/fluent-bit/etc/parsers.conf'],
    ['Parsers_File', inputs.customParsers ? `${CONFIG_DIR}/custom_parsers.conf` : undefined],
    ['HTTP_Server', 'On'],
    ['HTTP_Listen', '0.0.0.0'],
    ['HTTP_Port', String(inputs.metricsPort)],
    ['Health_Check', 'On'],
    // Chunks are written to the node's disk, so a restart or a rollout resumes where it stopped.
    ['storage.path', `${STATE_DIR}/buffer/`],
    ['storage.sync', 'normal'],
    ['storage.checksum', 'off'],
    // At most 32 chunks (about 2 MB each) in memory; the rest waits on disk. Keeps memory under the limit.
    ['storage.max_chunks_up', '32'],
    ['storage.backlog.mem_limit', '16M'],
    ['storage.metrics', 'on'],
  ]);
}

function containerLogs(inputs: LogCollectorConfigInputs): FluentBitSection {
  return section(FluentBitSectionKind.INPUT, [
    ['Name', 'tail'],
    ['Tag', 'kube.*'],
    ['Path', '/var/log/containers/*.log'],
    ['Exclude_Path', inputs.excludePath],
    ['multiline.parser', 'docker, cri'],
    // The offset DB on the hostPath: a new pod continues each file from the last shipped line.
    ['DB', `${STATE_DIR}/tail-containers.db`],
    ['DB.locking', 'true'],
    ['Skip_Long_Lines', 'On'],
    ['Refresh_Interval', '10'],
    ['storage.type', 'filesystem'],
  ]);
}

function systemdInput(systemd: { path: string; units: string[] }): FluentBitSection {
  return section(FluentBitSectionKind.INPUT, [
    ['Name', 'systemd'],
    ['Tag', 'host.*'],
    ['Path', systemd.path],
    ...systemd.units.map((unit): [string, string] => ['Systemd_Filter', `_SYSTEMD_UNIT=${unit}`]),
    ['Read_From_Tail', 'On'],
    ['DB', `${STATE_DIR}/systemd.db`],
    ['storage.type', 'filesystem'],
  ]);
}

function forwardInput(port: number): FluentBitSection {
  return section(FluentBitSectionKind.INPUT, [
    ['Name', 'forward'],
    ['Listen', '0.0.0.0'],
    ['Port', String(port)],
    ['storage.type', 'filesystem'],
  ]);
}

function kubernetesFilter(): FluentBitSection {
  return section(FluentBitSectionKind.FILTER, [
    ['Name', 'kubernetes'],
    ['Match', 'kube.*'],
    ['Kube_Tag_Prefix', 'kube.var.log.containers.'],
    ['Merge_Log', 'On'],
    ['Keep_Log', 'Off'],
    ['K8S-Logging.Parser', 'On'],
    ['K8S-Logging.Exclude', 'On'],
  ]);
}

/** The sections of `fluent-bit.conf`, in the order fluent-bit reads them. */
export function logCollectorSections(inputs: LogCollectorConfigInputs): FluentBitSection[] {
  return [
    service(inputs),
    containerLogs(inputs),
    ...(inputs.systemd ? [systemdInput(inputs.systemd)] : []),
    ...(inputs.forwardPort !== undefined ? [forwardInput(inputs.forwardPort)] : []),
    ...(inputs.kubernetesMetadata ? [kubernetesFilter()] : []),
    ...inputs.filters.map(f => section(FluentBitSectionKind.FILTER, [['Name', f.name], ['Match', f.match], ...Object.entries(f.properties)])),
    ...inputs.outputs,
  ];
}
