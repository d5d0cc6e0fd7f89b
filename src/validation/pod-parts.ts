import { podSpecOf } from './violation';

/** A container of a pod spec, of any kind, with its JSON path. */
export interface ContainerPart {
  readonly container: any;
  readonly path: string;
  readonly kind: 'init' | 'regular' | 'ephemeral';
}

/** The pod spec of a workload with every container in it: init, regular and ephemeral. */
export interface PodParts {
  readonly spec: any;
  readonly path: string;
  readonly containers: ContainerPart[];
}

export function podParts(obj: any): PodParts | undefined {
  const pod = podSpecOf(obj);
  if (!pod) return undefined;
  const list = (field: string, kind: ContainerPart['kind']): ContainerPart[] =>
    (Array.isArray(pod.spec[field]) ? pod.spec[field] : []).map((container: any, i: number) => ({ container: container ?? {}, path: `${pod.path}.${field}[${i}]`, kind }));
  return {
    spec: pod.spec,
    path: pod.path,
    containers: [...list('initContainers', 'init'), ...list('containers', 'regular'), ...list('ephemeralContainers', 'ephemeral')],
  };
}

/** Whether an init container is a restartable sidecar (restartPolicy Always, behind the 1.28 alpha gate SidecarContainers). */
export function isSidecarInit(part: ContainerPart): boolean {
  return part.kind === 'init' && part.container.restartPolicy === 'Always';
}
