import * as kplus from 'cdk8s-plus-28';
import { ContainerOptions, DaemonContainerProps } from './container';
import { ExposureKind } from './exposure';
import { NodeDaemonProps } from './node-daemon-props';
import { NodePlacement } from './placement';
import { wholeSeconds } from './prop-checks';
import { PropOrigins } from './prop-origins';
import { renderContainer } from './render-container';

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

function volumes(inputs: PodInputs, origins: PropOrigins): kplus.k8s.Volume[] {
  const list: kplus.k8s.Volume[] = [];
  (inputs.props.host?.mounts ?? []).forEach((mount, i) => {
    origins.record(`${POD}.volumes[${list.length}]`, `host.mounts[${i}]`);
    list.push({ name: mount.volumeName, hostPath: { path: mount.hostPath, type: mount.options.type } });
  });
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
  // NodeDaemon renders no dnsConfig: a dnsPolicy None is what leaves it without nameservers.
  origins.record(`${POD}.dnsConfig`, 'dnsPolicy');
  origins.record(`${POD}.automountServiceAccountToken`, 'rbac');
  origins.record(`${POD}.serviceAccountName`, 'rbac');
  origins.record(`${POD}.terminationGracePeriodSeconds`, 'terminationGracePeriod');
  const sidecars = (props.sidecars ?? []).map((c, i) =>
    renderContainer(c, {}, origins, `${POD}.containers[${i + 1}]`, `sidecars[${i}]`));
  const inits = (props.initContainers ?? []).map((c, i) =>
    renderContainer(c, {}, origins, `${POD}.initContainers[${i}]`, `initContainers[${i}]`));
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
    securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
    serviceAccountName: inputs.serviceAccountName,
    automountServiceAccountToken: inputs.serviceAccountName !== undefined,
    terminationGracePeriodSeconds: wholeSeconds(props.terminationGracePeriod),
    initContainers: inits.length ? inits : undefined,
    containers: [mainContainer(inputs, origins), ...sidecars],
    volumes: vols.length ? vols : undefined,
  };
}
