import { ObjectRule, podSpecOf, rule, WORKLOAD_KINDS } from './violation';

/**
 * Rules for what the API server accepts but the kubelet surely refuses or fails at runtime: every pod of
 * the workload would be broken on every node. Errors, not suppressible.
 */

function containersOf(obj: any): { c: any; path: string; pod: any }[] {
  const pod = podSpecOf(obj);
  if (!pod) return [];
  return [
    ...(pod.spec.initContainers ?? []).map((c: any, i: number) => ({ c, path: `${pod.path}.initContainers[${i}]`, pod: pod.spec })),
    ...(pod.spec.containers ?? []).map((c: any, i: number) => ({ c, path: `${pod.path}.containers[${i}]`, pod: pod.spec })),
  ];
}

export const RUN001 = rule('RUN001', WORKLOAD_KINDS, 'runAsNonRoot: true is not combined with runAsUser 0 (the kubelet refuses to start the container)',
  (obj, sink) => {
    for (const { c, path, pod } of containersOf(obj)) {
      const own = c.securityContext ?? {};
      const nonRoot = own.runAsNonRoot ?? pod.securityContext?.runAsNonRoot;
      const user = own.runAsUser ?? pod.securityContext?.runAsUser;
      if (nonRoot !== true || user !== 0) continue;
      // Reported where runAsNonRoot is set: a daemon's agent may run as root on purpose.
      const where = own.runAsNonRoot === true ? path : podSpecOf(obj)!.path;
      sink.add(`${where}.securityContext.runAsNonRoot`, true,
        `container "${c.name}" sets runAsNonRoot: true and runs as user 0: the kubelet refuses to start it (CreateContainerConfigError: runAsUser breaks non-root policy)`,
        'a non-zero runAsUser, or runAsNonRoot unset if the agent must run as root');
    }
  });

/** Handlers whose port the kubelet resolves against the container's own ports and reaches over TCP. */
function tcpHandlers(c: any, path: string): { port: unknown; path: string }[] {
  const found: { port: unknown; path: string }[] = [];
  for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const probe = c[kind];
    if (probe?.httpGet) found.push({ port: probe.httpGet.port, path: `${path}.${kind}.httpGet.port` });
    if (probe?.tcpSocket) found.push({ port: probe.tcpSocket.port, path: `${path}.${kind}.tcpSocket.port` });
    if (probe?.grpc) found.push({ port: probe.grpc.port, path: `${path}.${kind}.grpc.port` });
  }
  for (const hook of ['postStart', 'preStop']) {
    const handler = c.lifecycle?.[hook];
    if (handler?.httpGet) found.push({ port: handler.httpGet.port, path: `${path}.lifecycle.${hook}.httpGet.port` });
  }
  return found;
}

export const RUN002 = rule('RUN002', WORKLOAD_KINDS, 'probes and lifecycle hooks name a port the container declares, and do not probe over TCP a port it declares only for UDP or SCTP',
  (obj, sink) => {
    for (const { c, path } of containersOf(obj)) {
      const ports: any[] = c.ports ?? [];
      for (const h of tcpHandlers(c, path)) {
        if (typeof h.port === 'string' && !/^[0-9]+$/.test(h.port)) {
          const named = ports.find(p => p.name === h.port);
          if (!named) {
            const names = ports.filter(p => p.name).map(p => JSON.stringify(p.name));
            sink.add(h.path, h.port, `container "${c.name}" declares no port named ${JSON.stringify(h.port)}: the kubelet cannot resolve it and the check fails on every run`,
              names.length ? `one of the container's port names: ${names.join(', ')}, or a port number` : 'a port number, or a name declared in the container\'s ports');
            continue;
          }
          if ((named.protocol ?? 'TCP') !== 'TCP') {
            sink.add(h.path, h.port, `port ${JSON.stringify(h.port)} of container "${c.name}" is ${named.protocol}: the check connects over TCP, where nothing listens`,
              'a TCP port of the container');
          }
          continue;
        }
        const number = typeof h.port === 'string' ? Number(h.port) : h.port;
        const declared = ports.filter(p => p.containerPort === number);
        if (declared.length && declared.every(p => (p.protocol ?? 'TCP') !== 'TCP')) {
          // Reported on the port declaration: the check may be the library's own (an agent's probe).
          const index = ports.indexOf(declared[0]);
          const check = h.path.slice(path.length + 1).replace(/\.port$/, '');
          sink.add(`${path}.ports[${index}].protocol`, declared[0].protocol, `port ${number} of container "${c.name}" is declared only for ${[...new Set(declared.map(p => p.protocol))].join('/')}, but ${check} checks it over TCP, where nothing listens`,
            'the port over TCP (declared for TCP too), or a check on another port');
        }
      }
    }
  });

export const RUNTIME_RULES: ObjectRule[] = [RUN001, RUN002];
