import * as kplus from 'cdk8s-plus-28';
import { AppArmorProfile } from './app-armor';
import { HostPathMount } from './host-path-mount';
import { SeccompProfile } from './seccomp';

/** A port the container listens on. */
export interface DaemonPortProps {
  /** The port number in the container. */
  readonly containerPort: number;
  /**
   * The port name (an IANA service name: at most 15 characters of a-z, 0-9 and '-').
   * @default - unnamed
   */
  readonly name?: string;
  /**
   * The protocol.
   * @default kplus.Protocol.TCP
   */
  readonly protocol?: kplus.Protocol;
  /**
   * A port on the node that forwards to this one.
   * @default - none
   */
  readonly hostPort?: number;
  /**
   * The node address the host port binds to.
   * @default - all addresses
   */
  readonly hostIp?: string;
}

/**
 * The container's security settings. Only what can never stop an agent from starting is rendered by
 * default (`allowPrivilegeEscalation: false`); the rest is rendered only when set, because node agents
 * differ too much for one safe default (cdk8s-plus's non-root, read-only defaults break most of them).
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
 */
export interface DaemonSecurityProps {
  /**
   * Run as a privileged container (all devices, all capabilities).
   * @default - not rendered (false)
   */
  readonly privileged?: boolean;
  /**
   * Whether a process may gain more privileges than its parent, through setuid binaries or file capabilities.
   *
   * False sets the kernel's no_new_privs flag, which never stops a process from starting: it only keeps
   * setuid binaries from gaining privileges, so it is the default. A privileged container, or one that
   * adds SYS_ADMIN, escalates anyway and the API server refuses false there, so nothing is rendered for them.
   * @default - false, unless the container is privileged or adds SYS_ADMIN (then not rendered)
   */
  readonly allowPrivilegeEscalation?: boolean;
  /**
   * Mount the container's root filesystem read-only.
   * @default - not rendered (false)
   */
  readonly readOnlyRootFilesystem?: boolean;
  /**
   * The user ID the processes run as.
   * @default - the image's user
   */
  readonly runAsUser?: number;
  /**
   * The group ID the processes run as.
   * @default - the image's group
   */
  readonly runAsGroup?: number;
  /**
   * Refuse to start if the image would run as root.
   * @default - not rendered
   */
  readonly runAsNonRoot?: boolean;
  /**
   * Linux capabilities added.
   * @default - none
   */
  readonly addCapabilities?: kplus.Capability[];
  /**
   * Linux capabilities dropped (`Capability.ALL` drops all of them before adding).
   * @default - none
   */
  readonly dropCapabilities?: kplus.Capability[];
  /**
   * The container's own seccomp profile, instead of the pod's (`podSecurityContext.seccompProfile`).
   * @default - the pod's profile
   */
  readonly seccompProfile?: SeccompProfile;
}

/** A volume of the pod mounted into a container. */
export interface DaemonVolumeMount {
  /** The volume (a cdk8s-plus Volume: ConfigMap, Secret, emptyDir, hostPath...). */
  readonly volume: kplus.Volume;
  /** Where it appears in the container. */
  readonly path: string;
  /**
   * Mount read-only.
   * @default false
   */
  readonly readOnly?: boolean;
  /**
   * A sub-path of the volume to mount.
   * @default - the whole volume
   */
  readonly subPath?: string;
}

/** Everything a container has, except its name and image. */
export interface ContainerOptions {
  /**
   * The entrypoint.
   * @default - the image's ENTRYPOINT
   */
  readonly command?: string[];
  /**
   * Arguments to the entrypoint. `$(VAR)` expands environment variables.
   * @default - the image's CMD
   */
  readonly args?: string[];
  /**
   * Environment variables, in order (later ones may refer to earlier ones as `$(NAME)`). Use
   * `EnvValue.fromFieldRef(EnvFieldPaths.NODE_NAME | NODE_IP | POD_IP)` for the Downward API.
   * @default - none
   */
  readonly env?: { [name: string]: kplus.EnvValue };
  /**
   * Ports the container listens on, besides the exposure's port.
   * @default - none
   */
  readonly ports?: DaemonPortProps[];
  /**
   * CPU and memory requests and limits. Only what is given is rendered: no CPU limit is forced
   * (it throttles agents at the worst moment); set requests so the scheduler and the planner count them.
   * @default - no requests or limits
   */
  readonly resources?: kplus.ContainerResources;
  /**
   * Extended resources from device plugins, e.g. `{ 'smarter-devices/hwrng': 1 }` (a node device without a
   * privileged container). Rendered as equal request and limit, as Kubernetes requires for them.
   * @default - none
   * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#extended-resources
   */
  readonly extendedResources?: { [resource: string]: number };
  /**
   * Restarts the container when it fails.
   * @default - none
   */
  readonly liveness?: kplus.Probe;
  /**
   * Marks the pod ready. Rollouts wait for it.
   * @default - none
   */
  readonly readiness?: kplus.Probe;
  /**
   * Holds the other probes until the daemon has started.
   * @default - none (cdk8s-plus adds one automatically; this library does not)
   */
  readonly startup?: kplus.Probe;
  /**
   * Security context of the container.
   * @default - only `allowPrivilegeEscalation: false`, unless the container is privileged or adds SYS_ADMIN
   */
  readonly security?: DaemonSecurityProps;
  /**
   * Extra pod volumes mounted into the container (host paths go in `host.mounts`).
   * @default - none
   */
  readonly volumeMounts?: DaemonVolumeMount[];
  /**
   * When the kubelet pulls the image.
   * @default - not rendered: the kubelet pulls only if absent, unless the tag is `latest`
   */
  readonly imagePullPolicy?: kplus.ImagePullPolicy;
  /**
   * The working directory.
   * @default - the image's WORKDIR
   */
  readonly workingDir?: string;
  /**
   * Hooks run after the container starts (`postStart`) and before it is stopped (`preStop`, within the
   * termination grace period). Init containers may not have them.
   * @default - none
   */
  readonly lifecycle?: kplus.ContainerLifecycle;
  /**
   * The container's AppArmor profile, rendered as the pod annotation
   * `container.apparmor.security.beta.kubernetes.io/<container name>` (Kubernetes 1.28 has no field).
   * @default - not rendered: the runtime's default on nodes with AppArmor
   */
  readonly appArmorProfile?: AppArmorProfile;
}

/** A complete container: sidecars and init containers of a daemon. */
export interface DaemonContainerProps extends ContainerOptions {
  /** The container name (a DNS-1123 label, unique in the pod). */
  readonly name: string;
  /** The image, with a pinned tag or digest. */
  readonly image: string;
  /**
   * Node paths mounted into this container (the main container's go in `host.mounts`). A path that
   * another container mounts under the same volume name shares one volume.
   * @default - none
   */
  readonly hostMounts?: HostPathMount[];
}
