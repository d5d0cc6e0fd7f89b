import { ianaServiceName, qualifiedName } from './names';
import { podParts } from './pod-parts';
import { isInt, ObjectRule, podSpecOf, rule, ViolationSink, WORKLOAD_KINDS } from './violation';
import { parseQuantity } from '../plan/quantity';

// Container details the API server validates beyond kubernetes-rules.md sections 1-4 (COREV
// validateVolumeMounts, ValidateResourceRequirements, validateProbe/validateHandler, ValidateSecurityContext).

interface Ref { readonly c: any; readonly path: string; readonly init: boolean }

function containers(obj: any): { spec: any; refs: Ref[] } | undefined {
  const pod = podSpecOf(obj);
  if (!pod) return undefined;
  return {
    spec: pod.spec,
    refs: [
      ...(pod.spec.initContainers ?? []).map((c: any, i: number) => ({ c, path: `${pod.path}.initContainers[${i}]`, init: true })),
      ...(pod.spec.containers ?? []).map((c: any, i: number) => ({ c, path: `${pod.path}.containers[${i}]`, init: false })),
    ],
  };
}

const PROPAGATIONS = ['None', 'HostToContainer', 'Bidirectional'];

export const POD011 = rule('POD011', WORKLOAD_KINDS, 'volumeMounts: a mountPath, a relative subPath without "..", Bidirectional propagation only in privileged containers',
  (obj, sink) => {
    for (const { c, path } of containers(obj)?.refs ?? []) {
      (c.volumeMounts ?? []).forEach((m: any, j: number) => {
        const p = `${path}.volumeMounts[${j}]`;
        if (typeof m.mountPath !== 'string' || m.mountPath === '') sink.add(`${p}.mountPath`, m.mountPath, 'Required value', 'an absolute path in the container');
        if (typeof m.subPath === 'string' && m.subPath !== '') {
          if (m.subPath.startsWith('/')) sink.add(`${p}.subPath`, m.subPath, 'must be a relative path', 'a path inside the volume, without a leading /');
          else if (m.subPath.split('/').includes('..')) sink.add(`${p}.subPath`, m.subPath, "must not contain '..'", 'a path inside the volume');
        }
        if (m.mountPropagation !== undefined && !PROPAGATIONS.includes(m.mountPropagation)) {
          sink.add(`${p}.mountPropagation`, m.mountPropagation, 'Unsupported value', '"None", "HostToContainer", "Bidirectional"');
        } else if (m.mountPropagation === 'Bidirectional' && c.securityContext?.privileged !== true) {
          sink.add(`${p}.mountPropagation`, m.mountPropagation, 'Bidirectional mount propagation is available only to privileged containers', 'HostToContainer, or a privileged container');
        }
      });
    }
  });

/** Extended resources (device plugins): a domain-prefixed name outside kubernetes.io. They cannot be overcommitted. */
function isExtended(resource: string): boolean {
  const slash = resource.indexOf('/');
  return slash > 0 && !resource.slice(0, slash).endsWith('kubernetes.io') && !resource.startsWith('requests.');
}

function checkQuantities(sink: ViolationSink, resources: any, path: string): void {
  const parsed: Record<string, Record<string, number>> = { requests: {}, limits: {} };
  for (const kind of ['requests', 'limits']) {
    for (const [resource, value] of Object.entries(resources?.[kind] ?? {})) {
      const p = `${path}.resources.${kind}[${JSON.stringify(resource)}]`;
      const amount = typeof value === 'number' ? value * (resource === 'cpu' ? 1000 : 1) : parseQuantity(String(value), resource);
      if (amount === undefined) sink.add(p, value, 'quantities must match the regular expression of resource.Quantity', 'a quantity such as 100m, 64Mi or 2');
      else if (amount < 0) sink.add(p, value, 'must be greater than or equal to 0', 'a non-negative quantity');
      else parsed[kind][resource] = amount;
    }
  }
  for (const resource of new Set([...Object.keys(parsed.requests), ...Object.keys(parsed.limits)])) {
    if (!isExtended(resource)) continue;
    const p = `${path}.resources.requests[${JSON.stringify(resource)}]`;
    const [request, limit] = [parsed.requests[resource], parsed.limits[resource]];
    if (limit === undefined) {sink.add(p, resources.requests[resource], 'Limit must be set for non overcommitable resources', 'the same amount as request and limit');} else if (request !== undefined && request !== limit) {sink.add(p, resources.requests[resource], `must be equal to ${resource} limit of ${resources.limits[resource]}`, 'the same amount as request and limit');} else if ((parseQuantity(String(resources.limits[resource]), 'cpu') ?? 0) % 1000 !== 0) {
      // Parsed in thousandths: a fraction of a device is not a whole number of them.
      sink.add(`${path}.resources.limits[${JSON.stringify(resource)}]`, resources.limits[resource], 'must be an integer', 'a whole number of devices');
    }
  }
  for (const [resource, request] of Object.entries(parsed.requests)) {
    const limit = parsed.limits[resource];
    if (limit !== undefined && request > limit) {
      sink.add(`${path}.resources.requests[${JSON.stringify(resource)}]`, resources.requests[resource], `must be less than or equal to ${resource} limit of ${resources.limits[resource]}`, 'a request no larger than the limit');
    }
  }
}

export const POD012 = rule('POD012', WORKLOAD_KINDS, 'resources: valid, non-negative quantities, requests no larger than limits, extended resources whole and equal',
  (obj, sink) => {
    for (const { c, path } of containers(obj)?.refs ?? []) checkQuantities(sink, c.resources, path);
  });

function checkProbePort(sink: ViolationSink, port: unknown, path: string): void {
  if (typeof port === 'number') {
    if (!isInt(port) || port < 1 || port > 65535) sink.add(path, port, 'must be between 1 and 65535, inclusive', 'a port from 1 to 65535 or a container port name');
  } else if (typeof port === 'string') {
    sink.check(path, port, ianaServiceName(port), 'a container port name (IANA service name, at most 15 characters)');
  }
}

export const POD013 = rule('POD013', WORKLOAD_KINDS, 'probes: ports in 1-65535 or a port name; liveness and startup probes need successThreshold 1',
  (obj, sink) => {
    for (const { c, path } of containers(obj)?.refs ?? []) {
      for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
        const probe = c[kind];
        if (!probe) continue;
        const p = `${path}.${kind}`;
        if (probe.httpGet) checkProbePort(sink, probe.httpGet.port, `${p}.httpGet.port`);
        if (probe.tcpSocket) checkProbePort(sink, probe.tcpSocket.port, `${p}.tcpSocket.port`);
        if (kind !== 'readinessProbe' && probe.successThreshold !== undefined && probe.successThreshold !== 1) {
          sink.add(`${p}.successThreshold`, probe.successThreshold, 'must be 1', 'successThreshold 1 (only readiness probes may need more)');
        }
      }
    }
  });

export const POD014 = rule('POD014', WORKLOAD_KINDS, 'runAsUser and runAsGroup are between 0 and 2147483647',
  (obj, sink) => {
    const found = containers(obj);
    if (!found) return;
    const scopes = [
      { sc: found.spec.securityContext, path: podSpecOf(obj)!.path },
      ...found.refs.map(r => ({ sc: r.c.securityContext, path: r.path })),
    ];
    for (const { sc, path } of scopes) {
      for (const field of ['runAsUser', 'runAsGroup']) {
        const id = sc?.[field];
        if (id !== undefined && (!isInt(id) || id < 0 || id > 2147483647)) {
          sink.add(`${path}.securityContext.${field}`, id, 'must be between 0 and 2147483647, inclusive', 'a user or group ID from 0');
        }
      }
    }
  });

const STANDARD_CONTAINER_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];
const RESOURCE_NAME_VALID = "cpu, memory, ephemeral-storage, hugepages-<size>, or an extended resource '<domain>/<name>' outside kubernetes.io";

/** COREV validateContainerResourceName, plus the kubernetes.io domain, which no device plugin may register. */
function resourceNameProblem(name: string): string | undefined {
  const syntax = qualifiedName(name);
  if (syntax) return syntax;
  if (!name.includes('/')) {
    return STANDARD_CONTAINER_RESOURCES.includes(name) || name.startsWith('hugepages-') ? undefined : 'must be a standard resource for containers';
  }
  const domain = name.slice(0, name.indexOf('/'));
  if (domain === 'kubernetes.io' || domain.endsWith('.kubernetes.io')) {
    return 'is in the kubernetes.io domain, which holds no container resource a node can offer: the pod never schedules';
  }
  if (name.startsWith('requests.') || qualifiedName(`requests.${name}`) !== undefined) return "doesn't follow extended resource name standard";
  return undefined;
}

export const POD020 = rule('POD020', WORKLOAD_KINDS, 'resource names are cpu, memory, ephemeral-storage, hugepages-* or qualified extended names outside kubernetes.io',
  (obj, sink) => {
    for (const { container, path } of podParts(obj)?.containers ?? []) {
      for (const kind of ['requests', 'limits']) {
        for (const name of Object.keys(container.resources?.[kind] ?? {})) {
          sink.check(`${path}.resources.${kind}[${JSON.stringify(name)}]`, name, resourceNameProblem(name), RESOURCE_NAME_VALID);
        }
      }
    }
  });

export const CONTAINER_DETAIL_RULES: ObjectRule[] = [POD011, POD012, POD013, POD014, POD020];
