import { ObjectIdentity } from './object-identity';
import type { Rejection } from './update-rules';
import { wayOut } from './way-out';
import { isObject, JsonObject } from '../plan/fields';

const needsClusterIP = (type: unknown) => type !== 'ExternalName';
const needsNodePorts = (type: unknown) => type === 'NodePort' || type === 'LoadBalancer';

function specOf(obj: JsonObject): JsonObject {
  if (!isObject(obj.spec)) obj.spec = {};
  return obj.spec as JsonObject;
}

function ports(spec: JsonObject): JsonObject[] {
  return Array.isArray(spec.ports) ? spec.ports.filter(isObject) : [];
}

/**
 * What the Service registry copies from the stored object into an update that leaves it out (SVCSTORE
 * `patchAllocatedValues`): cluster IPs and IP families, node ports by port name, the health-check node
 * port, each only when the old and the new type both use it. Changes `after` in place.
 */
export function carryAllocatedValues(before: JsonObject, after: JsonObject): void {
  const old = specOf(before);
  const now = specOf(after);
  if (needsClusterIP(old.type) && needsClusterIP(now.type)) {
    for (const key of ['clusterIP', 'clusterIPs', 'ipFamilies', 'ipFamilyPolicy']) {
      if (now[key] === undefined && old[key] !== undefined) now[key] = old[key];
    }
  }
  if (needsNodePorts(old.type) && needsNodePorts(now.type)) {
    const byName = new Map(ports(old).map(p => [p.name ?? '', p.nodePort]));
    for (const p of ports(now)) {
      const carried = byName.get((p.name as string | undefined) ?? '');
      if (p.nodePort === undefined && carried !== undefined) p.nodePort = carried;
    }
    if (now.healthCheckNodePort === undefined && old.healthCheckNodePort !== undefined) now.healthCheckNodePort = old.healthCheckNodePort;
  }
}

function clusterIPs(spec: JsonObject): string[] | undefined {
  if (Array.isArray(spec.clusterIPs) && spec.clusterIPs.length) return spec.clusterIPs.map(String);
  return typeof spec.clusterIP === 'string' && spec.clusterIP !== '' ? [spec.clusterIP] : undefined;
}

const headless = (ips: string[] | undefined) => ips?.[0] === 'None';

/** COREV `validateUpgradeDowngradeClusterIPs` on what the manifests show (an IP the manifest left out is unknown). */
function clusterIPRejections(old: JsonObject, now: JsonObject): string[] {
  if (old.type === 'ExternalName' || now.type === 'ExternalName') return [];
  const before = clusterIPs(old);
  const after = clusterIPs(now);
  if (!after || (headless(before) && headless(after))) return [];
  if (!before) {
    // The cluster allocated an IP the old manifest does not show: only "None" is sure to differ from it.
    return headless(after) ? ['spec.clusterIPs[0]: Invalid value: ["None"]: may not change once set (the Service has an allocated cluster IP; a Service cannot become headless)'] : [];
  }
  const out: string[] = [];
  const shown = JSON.stringify(after);
  if (before.length === after.length) {
    before.forEach((ip, i) => {
      if (ip !== after[i]) out.push(`spec.clusterIPs[${i}]: Invalid value: ${shown}: may not change once set`);
    });
  } else {
    if (before[0] !== after[0]) out.push(`spec.clusterIPs[0]: Invalid value: ${shown}: may not change once set`);
    if (after.length < before.length && now.ipFamilyPolicy !== 'SingleStack') {
      out.push(`spec.clusterIPs[0]: Invalid value: ${shown}: \`ipFamilyPolicy\` must be set to 'SingleStack' when releasing the secondary clusterIP`);
    }
  }
  return out;
}

/** COREV `validateUpgradeDowngradeIPFamilies`. */
function ipFamilyRejections(old: JsonObject, now: JsonObject): string[] {
  if (old.type === 'ExternalName' || now.type === 'ExternalName' || headless(clusterIPs(now))) return [];
  const before = Array.isArray(old.ipFamilies) ? old.ipFamilies : [];
  const after = Array.isArray(now.ipFamilies) ? now.ipFamilies : [];
  if (!before.length || !after.length) return [];
  const out: string[] = [];
  if (before[0] !== after[0]) out.push(`spec.ipFamilies[0]: Invalid value: ${JSON.stringify(after[0])}: may not change once set`);
  if (after.length < before.length && now.ipFamilyPolicy !== 'SingleStack') {
    out.push(`spec.ipFamilies: Invalid value: ${JSON.stringify(after)}: \`ipFamilyPolicy\` must be set to 'SingleStack' when releasing the secondary ipFamily`);
  }
  return out;
}

/** SVCSTRAT `dropTypeDependentFields`: node ports are released only when the request adds none the old object lacked. */
function nodePortRejections(old: JsonObject, now: JsonObject): string[] {
  if (needsNodePorts(now.type)) return [];
  const held = new Set(needsNodePorts(old.type) ? ports(old).map(p => p.nodePort) : []);
  const requested = ports(now).map((p, i) => [i, p.nodePort] as const).filter(([, port]) => port !== undefined);
  if (requested.every(([, port]) => held.has(port))) return [];
  return requested.map(([i]) => `spec.ports[${i}].nodePort: Forbidden: may not be used when \`type\` is '${String(now.type)}'`);
}

function loadBalancerClassRejections(old: JsonObject, now: JsonObject): string[] {
  if (old.type !== 'LoadBalancer' || now.type !== 'LoadBalancer' || old.loadBalancerClass === now.loadBalancerClass) return [];
  return [`spec.loadBalancerClass: Invalid value: ${JSON.stringify(now.loadBalancerClass ?? null)}: may not change once set`];
}

/** The Service update rules (update-rules.md section 3), on stored forms after `carryAllocatedValues`. */
export function serviceRejections(id: ObjectIdentity, before: JsonObject, after: JsonObject): Rejection[] {
  const old = specOf(before);
  const now = specOf(after);
  const found = [
    ...clusterIPRejections(old, now),
    ...ipFamilyRejections(old, now),
    ...nodePortRejections(old, now),
    ...loadBalancerClassRejections(old, now),
  ];
  return found.map(message => {
    const path = message.slice(0, message.indexOf(':'));
    const fix = path.startsWith('spec.ports')
      ? 'Way out: leave nodePort out (the old node ports are released when the new type needs none), or keep the old values.'
      : wayOut(id);
    return { paths: [path], reason: `${message}. ${fix}` };
  });
}
