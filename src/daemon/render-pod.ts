import * as kplus from 'cdk8s-plus-28';
import { ContainerOptions, DaemonContainerProps } from './container';
import { ExposureKind } from './exposure';
import { HostPathMount } from './host-path-mount';
import { NodeDaemonProps } from './node-daemon-props';
import { NodePlacement } from './placement';
import { DaemonPodSecurityProps } from './pod-security-context';
import { wholeSeconds } from './prop-checks';
import { PropOrigins } from './prop-origins';
import { renderContainer } from './render-container';
import { SeccompProfile } from './seccomp';

const POD = 'spec.template.spec';

/** What the daemon resolved before rendering its pod spec. */
export interface PodInputs {
  readonly props: NodeDaemonProps;
  readonly containerName: string;
  readonly image: string;
  readonly placement: NodePlacement;
  readonly priorityClassName?: string;
  readonly serviceAccountName?: string;
  readonly configMapName?: string;
}

function hostNetworkOf(inputs: PodInputs): boolean {
  return inputs.props.host?.network === true || inputs.props.exposure?.kind === ExposureKind.HOST_NETWORK;
}

function exposurePorts(inputs: PodInputs): kplus.k8s.ContainerPort[] {
  const exposure = inputs.props.exposure;
  if (!exposure) return [];
  return exposure.ports.map((port, i) => {
    const rendered: kplus.k8s.ContainerPort = { name: exposure.portName(i), containerPort: port.port, protocol: port.protocol };
    if (exposure.kind === ExposureKind.HOST_PORT) {
      const options = exposure._hostPortOptions();
      return { ...rendered, hostPort: options.hostPort ?? port.port, hostIp: options.hostIp };
    }
    // Under host networking every container port is a node port. Templates are not defaulted since 1.28;
    // writing hostPort makes the node port visible to planners and linters.
    if (hostNetworkOf(inputs)) return { ...rendered, hostPort: port.port };
    return rendered;
  });
}

/** The annotation key by which Kubernetes 1.28 sets a container's AppArmor profile (there is no field before 1.30). */
export function appArmorAnnotation(containerName: string): string {
  return `container.apparmor.security.beta.kubernetes.io/${containerName}`;
}

/** Every container's host mounts with the prop that lists them: the main container's first. */
function hostMountsByProp(props: NodeDaemonProps): [string, HostPathMount][] {
  const named = (mounts: HostPathMount[] | undefined, prefix: string) => (mounts ?? []).map((m, i): [string, HostPathMount] => [`${prefix}[${i}]`, m]);
  return [
    ...named(props.host?.mounts, 'host.mounts'),
    ...(props.sidecars ?? []).flatMap((c, i) => named(c.hostMounts, `sidecars[${i}].hostMounts`)),
    ...(props.initContainers ?? []).flatMap((c, i) => named(c.hostMounts, `initContainers[${i}].hostMounts`)),
  ];
}

function hostVolume(mount: HostPathMount): kplus.k8s.Volume {
  return { name: mount.volumeName, hostPath: { path: mount.hostPath, type: mount.options.type } };
}

function volumes(inputs: PodInputs, origins: PropOrigins): kplus.k8s.Volume[] {
  const list: kplus.k8s.Volume[] = [];
  for (const [prop, mount] of hostMountsByProp(inputs.props)) {
    // Containers that mount the same node path under the same volume name share one volume; a name
    // reused for another path stays a second volume, which the API-server rules refuse.
    const volume = hostVolume(mount);
    if (list.some(v => JSON.stringify(v) === JSON.stringify(volume))) continue;
    origins.record(`${POD}.volumes[${list.length}]`, prop);
    list.push(volume);
  }
  if (inputs.configMapName) {
    origins.record(`${POD}.volumes[${list.length}]`, 'config');
    list.push({ name: 'config', configMap: { name: inputs.configMapName } });
  }
  const containers: [string, ContainerOptions][] = [
    ['', inputs.props],
    ...(inputs.props.sidecars ?? []).map((c, i): [string, ContainerOptions] => [`sidecars[${i}].`, c]),
    ...(inputs.props.initContainers ?? []).map((c, i): [string, ContainerOptions] => [`initContainers[${i}].`, c]),
  ];
  const seen = new Set<kplus.Volume>();
  for (const [prefix, container] of containers) {
    for (const mount of container.volumeMounts ?? []) {
      if (seen.has(mount.volume)) continue;
      seen.add(mount.volume);
      origins.record(`${POD}.volumes[${list.length}]`, `${prefix}volumeMounts`);
      list.push(mount.volume._toKube());
    }
  }
  return list;
}

function mainContainer(inputs: PodInputs, origins: PropOrigins): kplus.k8s.Container {
  const { props } = inputs;
  const host = props.host ?? {};
  const mounts: kplus.k8s.VolumeMount[] = (host.mounts ?? []).map(m => ({
    name: m.volumeName, mountPath: m.mountPath, readOnly: m.isReadOnly ? true : undefined, mountPropagation: m.options.propagation,
  }));
  (host.mounts ?? []).forEach((_, i) => origins.record(`${POD}.containers[0].volumeMounts[${i}]`, `host.mounts[${i}]`));
  if (inputs.configMapName && props.config) {
    origins.record(`${POD}.containers[0].volumeMounts[${mounts.length}]`, 'config.mountPath');
    mounts.push({ name: 'config', mountPath: props.config.mountPath, readOnly: true });
  }
  const ports = exposurePorts(inputs);
  ports.forEach((_, i) => origins.record(`${POD}.containers[0].ports[${i}]`, 'exposure'));
  const asContainer: DaemonContainerProps = { ...props, name: inputs.containerName, image: inputs.image };
  const rendered = renderContainer(asContainer, {
    ports,
    mounts,
    security: host.privileged || host.capabilities?.length
      ? { privileged: host.privileged || undefined, capabilities: host.capabilities?.length ? { add: [...host.capabilities] } : undefined }
      : undefined,
  }, origins, `${POD}.containers[0]`, '');
  origins.record(`${POD}.containers[0].image`, props.images ? 'images' : 'image');
  origins.record(`${POD}.containers[0].name`, 'containerName');
  // Privileged and added capabilities may come from `host`; every other security field from `security`.
  if (host.privileged) origins.record(`${POD}.containers[0].securityContext`, 'host.privileged');
  else if (host.capabilities?.length && !props.security) origins.record(`${POD}.containers[0].securityContext`, 'host.capabilities');
  // Added capabilities that only `host` lists are named after it.
  if ((host.capabilities ?? []).some(c => !(props.security?.addCapabilities ?? []).includes(c))) {
    origins.record(`${POD}.containers[0].securityContext.capabilities.add`, 'host.capabilities');
  }
  return rendered;
}

/** A sidecar's or init container's host mounts, recorded under its prop. */
function hostMounts(mounts: HostPathMount[] | undefined, origins: PropOrigins, path: string, prop: string): kplus.k8s.VolumeMount[] {
  return (mounts ?? []).map((m, i) => {
    origins.record(`${path}.volumeMounts[${i}]`, `${prop}.hostMounts[${i}]`);
    return { name: m.volumeName, mountPath: m.mountPath, readOnly: m.isReadOnly ? true : undefined, mountPropagation: m.options.propagation };
  });
}

/** Renders the pod security context; the runtime's default seccomp profile unless another is given. */
function renderPodSecurity(props: DaemonPodSecurityProps | undefined): kplus.k8s.PodSecurityContext {
  const p = props ?? {};
  const se = p.seLinuxOptions;
  return {
    runAsUser: p.runAsUser,
    runAsGroup: p.runAsGroup,
    runAsNonRoot: p.runAsNonRoot,
    fsGroup: p.fsGroup,
    fsGroupChangePolicy: p.fsGroupChangePolicy,
    supplementalGroups: p.supplementalGroups?.length ? [...p.supplementalGroups] : undefined,
    seccompProfile: (p.seccompProfile ?? SeccompProfile.runtimeDefault())._toKube(),
    sysctls: p.sysctls?.length ? p.sysctls.map(x => ({ name: x.name, value: x.value })) : undefined,
    seLinuxOptions: se && Object.values(se).some(v => v !== undefined) ? { user: se.user, role: se.role, type: se.type, level: se.level } : undefined,
  };
}

function tolerations(inputs: PodInputs, origins: PropOrigins): kplus.k8s.Toleration[] | undefined {
  const list = inputs.props.tolerations ?? [];
  list.forEach((_, i) => origins.record(`${POD}.tolerations[${i}]`, `tolerations[${i}]`));
  return list.length ? list.map(t => t._toKube()) : undefined;
}

/** Renders the daemon's pod spec (Kubernetes 1.28), recording which prop produced which field. */
export function renderPodSpec(inputs: PodInputs, origins: PropOrigins): kplus.k8s.PodSpec {
  const { props } = inputs;
  const host = props.host ?? {};
  const hostNetwork = hostNetworkOf(inputs);
  origins.record(`${POD}.nodeSelector`, 'placement');
  origins.record(`${POD}.affinity`, 'placement');
  origins.record(`${POD}.priorityClassName`, 'priority');
  origins.record(`${POD}.hostNetwork`, props.exposure?.kind === ExposureKind.HOST_NETWORK ? 'exposure' : 'host.network');
  origins.record(`${POD}.hostPID`, 'host.pid');
  origins.record(`${POD}.hostIPC`, 'host.ipc');
  origins.record(`${POD}.dnsPolicy`, 'dnsPolicy');
  origins.record(`${POD}.automountServiceAccountToken`, 'rbac');
  origins.record(`${POD}.serviceAccountName`, 'rbac');
  origins.record(`${POD}.terminationGracePeriodSeconds`, 'terminationGracePeriod');
  origins.record(`${POD}.securityContext`, 'podSecurityContext');
  for (const field of Object.keys(props.podSecurityContext ?? {})) origins.record(`${POD}.securityContext.${field}`, `podSecurityContext.${field}`);
  (props.podSecurityContext?.sysctls ?? []).forEach((_, i) => origins.record(`${POD}.securityContext.sysctls[${i}]`, `podSecurityContext.sysctls[${i}]`));
  // A missing dnsConfig is the policy's problem: name the prop that was set.
  origins.record(`${POD}.dnsConfig`, props.dnsConfig ? 'dnsConfig' : 'dnsPolicy');
  origins.record(`${POD}.hostAliases`, 'hostAliases');
  (props.hostAliases ?? []).forEach((_, i) => origins.record(`${POD}.hostAliases[${i}]`, `hostAliases[${i}]`));
  origins.record(`${POD}.imagePullSecrets`, 'imagePullSecrets');
  origins.record(`${POD}.runtimeClassName`, 'runtimeClassName');
  origins.record(`${POD}.shareProcessNamespace`, 'shareProcessNamespace');
  if (props.automountServiceAccountToken !== undefined) origins.record(`${POD}.automountServiceAccountToken`, 'automountServiceAccountToken');
  const sidecars = (props.sidecars ?? []).map((c, i) =>
    renderContainer(c, { mounts: hostMounts(c.hostMounts, origins, `${POD}.containers[${i + 1}]`, `sidecars[${i}]`) },
      origins, `${POD}.containers[${i + 1}]`, `sidecars[${i}]`));
  const inits = (props.initContainers ?? []).map((c, i) =>
    renderContainer(c, { mounts: hostMounts(c.hostMounts, origins, `${POD}.initContainers[${i}]`, `initContainers[${i}]`) },
      origins, `${POD}.initContainers[${i}]`, `initContainers[${i}]`));
  const vols = volumes(inputs, origins);
  return {
    nodeSelector: inputs.placement._nodeSelector(),
    affinity: inputs.placement._affinity(),
    tolerations: tolerations(inputs, origins),
    priorityClassName: inputs.priorityClassName,
    hostNetwork: hostNetwork || undefined,
    hostPid: host.pid || undefined,
    hostIpc: host.ipc || undefined,
    dnsPolicy: props.dnsPolicy ?? (hostNetwork ? 'ClusterFirstWithHostNet' : undefined),
    dnsConfig: props.dnsConfig ? {
      nameservers: props.dnsConfig.nameservers?.length ? [...props.dnsConfig.nameservers] : undefined,
      searches: props.dnsConfig.searches?.length ? [...props.dnsConfig.searches] : undefined,
      options: props.dnsConfig.options?.length ? props.dnsConfig.options.map(o => ({ name: o.name, value: o.value })) : undefined,
    } : undefined,
    hostAliases: props.hostAliases?.length ? props.hostAliases.map(a => ({ ip: a.ip, hostnames: [...a.hostnames] })) : undefined,
    imagePullSecrets: props.imagePullSecrets?.length ? props.imagePullSecrets.map(name => ({ name })) : undefined,
    runtimeClassName: props.runtimeClassName,
    shareProcessNamespace: props.shareProcessNamespace,
    securityContext: renderPodSecurity(props.podSecurityContext),
    serviceAccountName: inputs.serviceAccountName,
    automountServiceAccountToken: props.automountServiceAccountToken ?? inputs.serviceAccountName !== undefined,
    terminationGracePeriodSeconds: wholeSeconds(props.terminationGracePeriod),
    initContainers: inits.length ? inits : undefined,
    containers: [mainContainer(inputs, origins), ...sidecars],
    volumes: vols.length ? vols : undefined,
  };
}
