import { Size, SizeRoundingBehavior } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { DaemonContainerProps } from './container';
import { probeProblem } from './prop-checks';
import { PropOrigins } from './prop-origins';

const k8s = kplus.k8s;

/** What the daemon adds to a container beyond its own props. */
export interface ContainerExtras {
  readonly ports?: kplus.k8s.ContainerPort[];
  readonly mounts?: kplus.k8s.VolumeMount[];
  readonly security?: kplus.k8s.SecurityContext;
  /** The port probes use when they name none: the first exposed port (the container's own first port by default). */
  readonly probePort?: number;
}

function quantity(value: string): kplus.k8s.Quantity {
  return k8s.Quantity.fromString(value);
}

function memory(size: Size): kplus.k8s.Quantity {
  return quantity(`${size.toMebibytes({ rounding: SizeRoundingBehavior.NONE })}Mi`);
}

function renderResources(props: DaemonContainerProps): kplus.k8s.ResourceRequirements | undefined {
  const resources = props.resources;
  const extended = Object.entries(props.extendedResources ?? {});
  if (!resources && !extended.length) return undefined;
  const requests: { [key: string]: kplus.k8s.Quantity } = {};
  const limits: { [key: string]: kplus.k8s.Quantity } = {};
  if (resources?.cpu?.request) requests.cpu = quantity(resources.cpu.request.amount);
  if (resources?.cpu?.limit) limits.cpu = quantity(resources.cpu.limit.amount);
  if (resources?.memory?.request) requests.memory = memory(resources.memory.request);
  if (resources?.memory?.limit) limits.memory = memory(resources.memory.limit);
  if (resources?.ephemeralStorage?.request) requests['ephemeral-storage'] = memory(resources.ephemeralStorage.request);
  if (resources?.ephemeralStorage?.limit) limits['ephemeral-storage'] = memory(resources.ephemeralStorage.limit);
  for (const [name, count] of extended) {
    requests[name] = quantity(String(count));
    limits[name] = quantity(String(count));
  }
  return {
    requests: Object.keys(requests).length ? requests : undefined,
    limits: Object.keys(limits).length ? limits : undefined,
  };
}

/**
 * `allowPrivilegeEscalation: false` (no_new_privs) unless the container is privileged or adds SYS_ADMIN:
 * the kernel then grants escalation anyway, and the API server refuses false next to either.
 */
function defaultPrivilegeEscalation(privileged: boolean | undefined, add: string[]): false | undefined {
  if (privileged === true || add.includes('SYS_ADMIN') || add.includes('CAP_SYS_ADMIN')) return undefined;
  return false;
}

function renderSecurity(props: DaemonContainerProps, extra: kplus.k8s.SecurityContext | undefined): kplus.k8s.SecurityContext | undefined {
  const own = props.security ?? {};
  const add = [...(extra?.capabilities?.add ?? []), ...(own.addCapabilities ?? [])];
  const drop = own.dropCapabilities ?? [];
  const privileged = own.privileged ?? extra?.privileged;
  const sc: kplus.k8s.SecurityContext = {
    privileged,
    allowPrivilegeEscalation: own.allowPrivilegeEscalation ?? defaultPrivilegeEscalation(privileged, add),
    readOnlyRootFilesystem: own.readOnlyRootFilesystem,
    runAsUser: own.runAsUser,
    runAsGroup: own.runAsGroup,
    runAsNonRoot: own.runAsNonRoot,
    seccompProfile: own.seccompProfile?._toKube(),
    capabilities: add.length || drop.length
      ? { add: add.length ? [...new Set(add)] : undefined, drop: drop.length ? [...drop] : undefined }
      : undefined,
  };
  return Object.values(sc).some(v => v !== undefined) ? sc : undefined;
}

function renderProbe(probe: kplus.Probe | undefined, port: number | undefined): kplus.k8s.Probe | undefined {
  if (!probe || probeProblem(probe)) return undefined; // reported by timingProblems()
  // cdk8s-plus renders a Probe against a container; only its port number is read, for probes that name no port.
  return probe._toKube({ portNumber: port } as unknown as kplus.Container);
}

function renderLifecycle(lifecycle: kplus.ContainerLifecycle | undefined, port: number | undefined): kplus.k8s.Lifecycle | undefined {
  if (!lifecycle || (!lifecycle.postStart && !lifecycle.preStop)) return undefined;
  // As for probes: a handler that names no port uses the container's first port, the only field read.
  const container = { portNumber: port } as unknown as kplus.Container;
  return { postStart: lifecycle.postStart?._toKube(container), preStop: lifecycle.preStop?._toKube(container) };
}

/**
 * Renders one container to the Kubernetes 1.28 shape, recording where its fields came from.
 * `path` is the container's JSON path in the DaemonSet; `prop` names it for error messages.
 */
export function renderContainer(
  props: DaemonContainerProps, extras: ContainerExtras, origins: PropOrigins, path: string, prop: string,
): kplus.k8s.Container {
  // The main container's props are top-level on NodeDaemonProps: `prop` is '' for it.
  const sub = (field: string) => (prop ? `${prop}.${field}` : field);
  origins.record(path, prop || 'containerName');
  const ownPorts: kplus.k8s.ContainerPort[] = (props.ports ?? []).map(p => ({
    name: p.name, containerPort: p.containerPort, protocol: p.protocol, hostPort: p.hostPort, hostIp: p.hostIp,
  }));
  const ports = [...(extras.ports ?? []), ...ownPorts];
  const mounts: kplus.k8s.VolumeMount[] = [
    ...(extras.mounts ?? []),
    ...(props.volumeMounts ?? []).map(m => ({ name: m.volume.name, mountPath: m.path, readOnly: m.readOnly, subPath: m.subPath })),
  ];
  (props.ports ?? []).forEach((_, i) => origins.record(`${path}.ports[${(extras.ports ?? []).length + i}]`, sub(`ports[${i}]`)));
  (props.volumeMounts ?? []).forEach((_, i) => origins.record(`${path}.volumeMounts[${(extras.mounts ?? []).length + i}]`, sub(`volumeMounts[${i}]`)));
  for (const [field, name] of [['env', 'env'], ['resources', 'resources'], ['readinessProbe', 'readiness'], ['livenessProbe', 'liveness'],
    ['startupProbe', 'startup'], ['command', 'command'], ['args', 'args'], ['imagePullPolicy', 'imagePullPolicy'],
    ['lifecycle', 'lifecycle']]) {
    origins.record(`${path}.${field}`, sub(name));
  }
  origins.record(`${path}.securityContext`, sub('security'));
  origins.record(`${path}.securityContext.seccompProfile`, sub('security.seccompProfile'));
  for (const name of Object.keys(props.extendedResources ?? {})) {
    for (const kind of ['requests', 'limits']) origins.record(`${path}.resources.${kind}[${JSON.stringify(name)}]`, sub('extendedResources'));
  }
  const probePort = extras.probePort ?? ports[0]?.containerPort;
  return {
    name: props.name,
    image: props.image,
    imagePullPolicy: props.imagePullPolicy,
    command: props.command ? [...props.command] : undefined,
    args: props.args ? [...props.args] : undefined,
    workingDir: props.workingDir,
    env: props.env ? Object.entries(props.env).map(([name, v]) => ({ name, value: v.value, valueFrom: v.valueFrom })) : undefined,
    ports: ports.length ? ports : undefined,
    resources: renderResources(props),
    livenessProbe: renderProbe(props.liveness, probePort),
    readinessProbe: renderProbe(props.readiness, probePort),
    startupProbe: renderProbe(props.startup, probePort),
    lifecycle: renderLifecycle(props.lifecycle, probePort),
    securityContext: renderSecurity(props, extras.security),
    volumeMounts: mounts.length ? mounts : undefined,
  };
}
