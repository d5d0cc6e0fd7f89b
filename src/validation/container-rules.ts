import { dns1123Label, envVarName, ianaServiceName } from './names';
import { isInt, ObjectRule, podSpecOf, rule, WORKLOAD_KINDS } from './violation';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const PORT_NAME_VALID = '1-15 characters of a-z, 0-9 and \'-\', with at least one letter, no \'--\' and no leading or trailing \'-\'';

interface ContainerRef { readonly container: any; readonly path: string; readonly init: boolean }

function containersOf(spec: any, path: string): ContainerRef[] {
  return [
    ...(spec.initContainers ?? []).map((c: any, i: number) => ({ container: c, path: `${path}.initContainers[${i}]`, init: true })),
    ...(spec.containers ?? []).map((c: any, i: number) => ({ container: c, path: `${path}.containers[${i}]`, init: false })),
  ];
}

export const POD001 = rule('POD001', WORKLOAD_KINDS, 'at least one container; container names are unique DNS-1123 labels; image is set',
  (obj, sink) => {
    const pod = podSpecOf(obj);
    if (!pod) return;
    if (!(pod.spec.containers ?? []).length) sink.add(`${pod.path}.containers`, pod.spec.containers, 'Required value', 'at least one container');
    const seen = new Set<string>();
    for (const { container, path } of containersOf(pod.spec, pod.path)) {
      const name = container.name;
      if (typeof name !== 'string' || !name) {
        sink.add(`${path}.name`, name, 'Required value', 'a container name');
      } else {
        sink.check(`${path}.name`, name, dns1123Label(name), 'at most 63 of a-z, 0-9 and \'-\'');
        if (seen.has(name)) sink.add(`${path}.name`, name, 'Duplicate value', 'names unique across containers and initContainers');
        seen.add(name);
      }
      if (typeof container.image !== 'string' || container.image.trim() === '') {
        sink.add(`${path}.image`, container.image, 'Required value', 'an image reference such as registry/name:1.2.3');
      }
    }
  });

export const POD002 = rule('POD002', WORKLOAD_KINDS, 'container ports: IANA service names unique per container, ports in 1-65535, protocol TCP/UDP/SCTP',
  (obj, sink) => {
    const pod = podSpecOf(obj);
    if (!pod) return;
    for (const { container, path } of containersOf(pod.spec, pod.path)) {
      const names = new Set<string>();
      (container.ports ?? []).forEach((port: any, j: number) => {
        const p = `${path}.ports[${j}]`;
        if (port.name !== undefined && port.name !== '') {
          sink.check(`${p}.name`, port.name, ianaServiceName(port.name), PORT_NAME_VALID);
          if (names.has(port.name)) sink.add(`${p}.name`, port.name, 'Duplicate value', 'port names unique within a container');
          names.add(port.name);
        }
        if (!isInt(port.containerPort) || port.containerPort < 1 || port.containerPort > 65535) {
          sink.add(`${p}.containerPort`, port.containerPort, 'must be between 1 and 65535, inclusive', 'a port from 1 to 65535');
        }
        if (port.hostPort !== undefined && (!isInt(port.hostPort) || port.hostPort < 0 || port.hostPort > 65535)) {
          sink.add(`${p}.hostPort`, port.hostPort, 'must be between 1 and 65535, inclusive', '0 (none) or a port from 1 to 65535');
        }
        if (port.protocol !== undefined && port.protocol !== '' && !PROTOCOLS.includes(port.protocol)) {
          sink.add(`${p}.protocol`, port.protocol, 'Unsupported value', '"TCP", "UDP", "SCTP"');
        }
      });
    }
  });

export const POD003 = rule('POD003', WORKLOAD_KINDS, 'no protocol/hostIP/hostPort is used twice: across regular containers, or within one init container',
  (obj, sink) => {
    const pod = podSpecOf(obj);
    if (!pod) return;
    const check = (used: Set<string>, { container, path }: ContainerRef) => {
      (container.ports ?? []).forEach((port: any, j: number) => {
        if (!port.hostPort) return;
        const key = `${port.protocol || 'TCP'}/${port.hostIP ?? ''}/${port.hostPort}`;
        if (used.has(key)) sink.add(`${path}.ports[${j}].hostPort`, port.hostPort, 'Duplicate value', `a host port not already used as ${key} in this pod`);
        used.add(key);
      });
    };
    const regular = new Set<string>();
    for (const ref of containersOf(pod.spec, pod.path)) check(ref.init ? new Set<string>() : regular, ref);
  });

export const POD004 = rule('POD004', WORKLOAD_KINDS, 'with hostNetwork, hostPort is 0 or equal to containerPort',
  (obj, sink) => {
    const pod = podSpecOf(obj);
    if (!pod || pod.spec.hostNetwork !== true) return;
    for (const { container, path } of containersOf(pod.spec, pod.path)) {
      (container.ports ?? []).forEach((port: any, j: number) => {
        if (port.hostPort && port.hostPort !== port.containerPort) {
          sink.add(`${path}.ports[${j}].hostPort`, port.hostPort, 'must match `containerPort` when `hostNetwork` is true', `hostPort ${port.containerPort} (the containerPort) or none`);
        }
      });
    }
  });

export const POD005 = rule('POD005', WORKLOAD_KINDS, 'environment variable names are C-identifier-like and volumeMounts name a volume of the pod',
  (obj, sink) => {
    const pod = podSpecOf(obj);
    if (!pod) return;
    const volumes = new Set((pod.spec.volumes ?? []).map((v: any) => v.name));
    for (const { container, path } of containersOf(pod.spec, pod.path)) {
      (container.env ?? []).forEach((env: any, j: number) => {
        sink.check(`${path}.env[${j}].name`, env.name, envVarName(String(env.name ?? '')), 'letters, digits, \'_\', \'-\', \'.\'; not starting with a digit');
      });
      const mountPaths = new Set<string>();
      (container.volumeMounts ?? []).forEach((mount: any, j: number) => {
        if (!volumes.has(mount.name)) sink.add(`${path}.volumeMounts[${j}].name`, mount.name, 'Not found', `one of the pod's volumes: ${[...volumes].join(', ') || '(none)'}`);
        if (mountPaths.has(mount.mountPath)) sink.add(`${path}.volumeMounts[${j}].mountPath`, mount.mountPath, 'must be unique', 'one mount per path');
        mountPaths.add(mount.mountPath);
      });
    }
  });

export const POD006 = rule('POD006', WORKLOAD_KINDS, 'allowPrivilegeEscalation false is not combined with privileged or capability CAP_SYS_ADMIN',
  (obj, sink) => {
    const pod = podSpecOf(obj);
    if (!pod) return;
    for (const { container, path } of containersOf(pod.spec, pod.path)) {
      const sc = container.securityContext;
      if (sc?.allowPrivilegeEscalation !== false) continue;
      if (sc.privileged === true) {
        sink.add(`${path}.securityContext`, sc, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true', 'allowPrivilegeEscalation true (or unset) with privileged');
      }
      if ((sc.capabilities?.add ?? []).includes('CAP_SYS_ADMIN')) {
        sink.add(`${path}.securityContext`, sc, 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN', 'allowPrivilegeEscalation true (or unset) with CAP_SYS_ADMIN');
      }
    }
  });

export const CONTAINER_RULES: ObjectRule[] = [POD001, POD002, POD003, POD004, POD005, POD006];
