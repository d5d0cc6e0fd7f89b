import { FieldReader, JsonObject } from './fields';
import { PathSegment } from './input-error';
import { KNOWN } from './known-fields';

/** A port a daemon pod takes on its node. */
export interface HostPort {
  /** TCP, UDP or SCTP. */
  readonly protocol: string;
  /** The host IP the port is bound to; empty for every address (0.0.0.0). */
  readonly hostIP: string;
  readonly port: number;
  /** True when the port comes from hostNetwork (the containerPort), not from an explicit hostPort. */
  readonly fromHostNetwork: boolean;
  /** `9100/TCP`, or `10.0.0.1:9100/TCP` when bound to one address. */
  readonly text: string;
}

/**
 * The host ports of a pod's regular containers, as the scheduler's NodePorts filter sees them: explicit
 * `hostPort`s, and with `hostNetwork` every containerPort (pod defaulting copies it into hostPort).
 */
export function hostPortsOf(r: FieldReader, containers: Array<[number, JsonObject]>, hostNetwork: boolean, path: readonly PathSegment[]): HostPort[] {
  const out: HostPort[] = [];
  for (const [i, c] of containers) {
    const cPath = [...path, i];
    r.optArray(c, 'ports', cPath).forEach((raw, j) => {
      const at = [...cPath, 'ports', j];
      const p = r.object(raw, at, 'a container port');
      r.knownFields(p, KNOWN.containerPort, at, 'a container port');
      const containerPort = r.optCount(p, 'containerPort', at);
      if (containerPort === undefined) r.fail([...at, 'containerPort'], 'is required');
      const hostPort = r.optCount(p, 'hostPort', at) ?? 0;
      const port = hostPort || (hostNetwork ? containerPort : 0);
      if (!port) return;
      const protocol = r.optString(p, 'protocol', at) || 'TCP';
      const hostIP = r.optString(p, 'hostIP', at) ?? '';
      const ip = hostIP === '0.0.0.0' ? '' : hostIP;
      out.push({ protocol, hostIP: ip, port, fromHostNetwork: !hostPort, text: `${ip ? `${ip}:` : ''}${port}/${protocol}` });
    });
  }
  return out;
}

/** The scheduler's `HostPortInfo.CheckConflict`: same protocol and port, and the same IP or either on 0.0.0.0. */
export function portsConflict(a: HostPort, b: HostPort): boolean {
  return a.port === b.port && a.protocol === b.protocol && (a.hostIP === b.hostIP || a.hostIP === '' || b.hostIP === '');
}
