import { FieldReader, JsonObject } from './fields';
import { HostPort, hostPortsOf } from './host-ports';
import { PathSegment } from './input-error';
import { KNOWN } from './known-fields';
import { NodeConstraints } from './node-affinity';
import { containersOf, PodResources, readPodResources } from './pod-requests';
import { PodToleration, podTolerations } from './tolerations';

/** What the planner needs of one DaemonSet, read once from its manifest. */
export interface DaemonSpec {
  /** Position among all DaemonSets of the input. */
  readonly order: number;
  /** `namespace/name`, or `name` when the manifest has no namespace. */
  readonly id: string;
  readonly name: string;
  readonly namespace?: string;
  /** The file and the path of the object in it. */
  readonly source: string;
  /** `spec.template.spec.nodeName`, which pins the daemon to one node. */
  readonly nodeName?: string;
  readonly constraints: NodeConstraints;
  /** The template's tolerations followed by the controller's defaults. */
  readonly tolerations: readonly PodToleration[];
  readonly hostNetwork: boolean;
  readonly hostPorts: readonly HostPort[];
  /** The template's containers, init containers and overhead, before admission (LimitRange, RuntimeClass). */
  readonly resources: PodResources;
  readonly priorityClassName?: string;
  /** `spec.priority` written in the template (Priority admission refuses one that differs from the class). */
  readonly templatePriority?: number;
  /** `spec.preemptionPolicy` written in the template. */
  readonly templatePreemptionPolicy?: string;
  readonly runtimeClassName?: string;
  /** The template's `nodeSelector` (RuntimeClass admission merges its own into it). */
  readonly nodeSelector: Readonly<Record<string, string>>;
  readonly templateLabels: Readonly<Record<string, string>>;
  /** `spec.updateStrategy.type`, defaulted to RollingUpdate. */
  readonly updateType: string;
  /** The raw maxUnavailable (int or string), undefined when not set. */
  readonly maxUnavailable?: number | string;
  /** The raw maxSurge (int or string), undefined when not set. */
  readonly maxSurge?: number | string;
  readonly minReadySeconds: number;
  /** The earliest a new pod can be Ready after it starts, from its startup and readiness probes. */
  readonly podReadySeconds: number;
}

/** Reads one DaemonSet object at `path` of a document. */
export function parseDaemonSet(r: FieldReader, obj: JsonObject, path: readonly PathSegment[], order: number): DaemonSpec {
  r.knownFields(obj, KNOWN.daemonSet, path, 'a DaemonSet');
  const metaPath = [...path, 'metadata'];
  const meta = r.object(obj.metadata, metaPath, 'metadata');
  r.knownFields(meta, KNOWN.objectMeta, metaPath, 'DaemonSet metadata');
  const name = r.string(meta, 'name', metaPath);
  const namespace = r.optString(meta, 'namespace', metaPath) || undefined;
  const specPath = [...path, 'spec'];
  const spec = r.object(obj.spec, specPath, 'a DaemonSet spec');
  r.knownFields(spec, KNOWN.daemonSetSpec, specPath, 'a DaemonSet spec');
  const tplPath = [...specPath, 'template'];
  const template = r.object(spec.template, tplPath, 'a pod template');
  r.knownFields(template, KNOWN.podTemplate, tplPath, 'a pod template');
  const tplMeta = r.optObject(template, 'metadata', tplPath);
  const podPath = [...tplPath, 'spec'];
  const pod = r.object(template.spec, podPath, 'a pod spec');
  r.knownFields(pod, KNOWN.podSpec, podPath, 'a pod spec');
  const hostNetwork = r.optBoolean(pod, 'hostNetwork', podPath) ?? false;
  const containers = containersOf(r, pod, 'containers', podPath);
  const update = readUpdateStrategy(r, spec, specPath);
  return {
    order,
    id: namespace ? `${namespace}/${name}` : name,
    name,
    namespace,
    source: r.doc.locate(path),
    nodeName: r.optString(pod, 'nodeName', podPath) || undefined,
    constraints: NodeConstraints.parse(r, pod, podPath),
    tolerations: podTolerations(r, r.optArray(pod, 'tolerations', podPath), [...podPath, 'tolerations'], hostNetwork),
    hostNetwork,
    hostPorts: hostPortsOf(r, containers, hostNetwork, [...podPath, 'containers']),
    resources: readPodResources(r, pod, podPath),
    priorityClassName: r.optString(pod, 'priorityClassName', podPath) || undefined,
    templatePriority: optInteger(r, pod, 'priority', podPath),
    templatePreemptionPolicy: r.optString(pod, 'preemptionPolicy', podPath) || undefined,
    runtimeClassName: r.optString(pod, 'runtimeClassName', podPath) || undefined,
    nodeSelector: r.optStringMap(pod, 'nodeSelector', podPath) ?? {},
    templateLabels: (tplMeta && r.optStringMap(tplMeta, 'labels', [...tplPath, 'metadata'])) ?? {},
    ...update,
    minReadySeconds: r.optCount(spec, 'minReadySeconds', specPath) ?? 0,
    podReadySeconds: Math.max(0, ...containers.map(([i, c]) => containerReadySeconds(r, c, [...podPath, 'containers', i]))),
  };
}

function readUpdateStrategy(r: FieldReader, spec: JsonObject, specPath: PathSegment[]) {
  const strategy = r.optObject(spec, 'updateStrategy', specPath);
  const at = [...specPath, 'updateStrategy'];
  if (strategy) r.knownFields(strategy, KNOWN.updateStrategy, at, 'an updateStrategy');
  const updateType = (strategy && r.optString(strategy, 'type', at)) || 'RollingUpdate';
  const rolling = strategy && r.optObject(strategy, 'rollingUpdate', at);
  const ruPath = [...at, 'rollingUpdate'];
  if (rolling) r.knownFields(rolling, KNOWN.rollingUpdate, ruPath, 'a rollingUpdate');
  return {
    updateType,
    maxUnavailable: rolling ? intOrString(r, rolling, 'maxUnavailable', ruPath) : undefined,
    maxSurge: rolling ? intOrString(r, rolling, 'maxSurge', ruPath) : undefined,
  };
}

function optInteger(r: FieldReader, obj: JsonObject, key: string, path: PathSegment[]): number | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) r.fail([...path, key], 'must be an integer');
  return v;
}

function intOrString(r: FieldReader, obj: JsonObject, key: string, path: PathSegment[]): number | string | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v))) return v;
  return r.fail([...path, key], 'must be an integer or a percentage like "10%"');
}

/**
 * The earliest a container is Ready: its startup probe's first check, and its readiness probe's first
 * check plus the further successes successThreshold asks for. Without probes a container is Ready at once.
 */
function containerReadySeconds(r: FieldReader, c: JsonObject, path: PathSegment[]): number {
  const probe = (key: string) => {
    const p = r.optObject(c, key, path);
    if (p) r.knownFields(p, KNOWN.probe, [...path, key], 'a probe');
    return p;
  };
  const startup = probe('startupProbe');
  const readiness = probe('readinessProbe');
  const startupDelay = startup ? r.optCount(startup, 'initialDelaySeconds', [...path, 'startupProbe']) ?? 0 : 0;
  let readyDelay = 0;
  if (readiness) {
    const at = [...path, 'readinessProbe'];
    const extra = Math.max(0, (r.optCount(readiness, 'successThreshold', at) ?? 1) - 1);
    readyDelay = (r.optCount(readiness, 'initialDelaySeconds', at) ?? 0) + extra * (r.optCount(readiness, 'periodSeconds', at) ?? 10);
  }
  return Math.max(startupDelay, readyDelay);
}
