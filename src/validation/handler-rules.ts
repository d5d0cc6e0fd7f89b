import { ianaServiceName } from './names';
import { ContainerPart, podParts } from './pod-parts';
import { isInt, ObjectRule, rule, ViolationSink, WORKLOAD_KINDS } from './violation';

// Probes and lifecycle handlers (COREV validateProbe, validateHandler, validateLifecycleHandler,
// validateExecAction, validateHTTPGetAction, validateTCPSocketAction, validateGRPCAction), in every
// container kind that may carry them.

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const LIFECYCLE_HANDLERS = ['exec', 'httpGet', 'tcpSocket'];
const TIMINGS = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'];
const HTTP_HEADER_NAME = /^[-A-Za-z0-9!#$%&'*+.^_`|~]+$/;

function checkPort(sink: ViolationSink, port: unknown, path: string, namesAllowed: boolean): void {
  if (typeof port === 'string' && namesAllowed && !/^[0-9]+$/.test(port)) {
    sink.check(path, port, ianaServiceName(port), 'a container port name (IANA service name, at most 15 characters)');
  } else if (!isInt(port) || port < 1 || port > 65535) {
    sink.add(path, port, 'must be between 1 and 65535, inclusive', namesAllowed ? 'a port from 1 to 65535 or a container port name' : 'a port from 1 to 65535');
  }
}

/** Exactly one handler, each well formed (probe httpGet and tcpSocket ports are POD013's). */
function checkHandler(sink: ViolationSink, handler: any, path: string, kinds: string[], probe: boolean): void {
  const set = kinds.filter(k => handler[k] !== undefined && handler[k] !== null);
  if (set.length === 0) sink.add(path, handler, 'must specify a handler type', `one of ${kinds.join(', ')}`);
  if (set.length > 1) sink.add(`${path}.${set[1]}`, set, 'may not specify more than 1 handler type', `only one of ${set.join(', ')}`);
  const { exec, httpGet, tcpSocket, grpc } = handler;
  if (exec) {
    if (!Array.isArray(exec.command) || exec.command.length === 0) sink.add(`${path}.exec.command`, exec.command, 'Required value', 'a command with at least one element, e.g. ["cat", "/tmp/healthy"]');
  }
  if (httpGet) {
    if (!probe) checkPort(sink, httpGet.port, `${path}.httpGet.port`, true);
    if (httpGet.scheme !== undefined && httpGet.scheme !== '' && httpGet.scheme !== 'HTTP' && httpGet.scheme !== 'HTTPS') {
      sink.add(`${path}.httpGet.scheme`, httpGet.scheme, 'Unsupported value', '"HTTP", "HTTPS"');
    }
    (httpGet.httpHeaders ?? []).forEach((h: any, i: number) => {
      if (typeof h?.name !== 'string' || !HTTP_HEADER_NAME.test(h.name)) sink.add(`${path}.httpGet.httpHeaders[${i}].name`, h?.name, 'a valid HTTP header must consist of alphanumeric characters or \'-\'', 'an HTTP header name such as X-Probe');
    });
  }
  if (tcpSocket && !probe) checkPort(sink, tcpSocket.port, `${path}.tcpSocket.port`, true);
  if (grpc) checkPort(sink, grpc.port, `${path}.grpc.port`, false);
}

function checkProbes(sink: ViolationSink, part: ContainerPart): void {
  const c = part.container;
  for (const kind of PROBES) {
    const probe = c[kind];
    if (probe === undefined || probe === null) continue;
    const p = `${part.path}.${kind}`;
    if (part.kind === 'ephemeral' || (part.kind === 'init' && c.restartPolicy !== 'Always')) {
      sink.add(p, probe, `may not be set for ${part.kind} containers`, `no ${kind} here (probes belong to regular containers)`);
      continue;
    }
    checkHandler(sink, probe, p, PROBE_HANDLERS, true);
    for (const field of TIMINGS) {
      const v = probe[field];
      if (v !== undefined && (!isInt(v) || v < 0)) sink.add(`${p}.${field}`, v, 'must be greater than or equal to 0', 'a whole number >= 0 (0 takes the default)');
    }
    const grace = probe.terminationGracePeriodSeconds;
    if (grace !== undefined && grace !== null) {
      if (kind === 'readinessProbe') sink.add(`${p}.terminationGracePeriodSeconds`, grace, 'must not be set for readinessProbes', 'no terminationGracePeriodSeconds on a readiness probe');
      else if (!isInt(grace) || grace <= 0) sink.add(`${p}.terminationGracePeriodSeconds`, grace, 'must be greater than 0', 'a whole number of seconds > 0');
    }
  }
}

function checkLifecycle(sink: ViolationSink, part: ContainerPart): void {
  const lifecycle = part.container.lifecycle;
  if (lifecycle === undefined || lifecycle === null) return;
  const p = `${part.path}.lifecycle`;
  if (part.kind === 'ephemeral' || (part.kind === 'init' && part.container.restartPolicy !== 'Always')) {
    sink.add(p, lifecycle, `may not be set for ${part.kind} containers`, 'no lifecycle handlers here (they belong to regular containers)');
    return;
  }
  for (const hook of ['postStart', 'preStop']) {
    if (lifecycle[hook] !== undefined && lifecycle[hook] !== null) checkHandler(sink, lifecycle[hook], `${p}.${hook}`, LIFECYCLE_HANDLERS, false);
  }
}

export const POD015 = rule('POD015', WORKLOAD_KINDS, 'probes and lifecycle handlers: exactly one handler, a non-empty exec command, ports in 1-65535 or a port name, HTTP/HTTPS, non-negative timings; none on init or ephemeral containers',
  (obj, sink) => {
    for (const part of podParts(obj)?.containers ?? []) {
      checkProbes(sink, part);
      checkLifecycle(sink, part);
    }
  });

export const HANDLER_RULES: ObjectRule[] = [POD015];
