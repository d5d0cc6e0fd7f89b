import { checkLabelMap } from './metadata-rules';
import { dns1123Label, dns1123Subdomain, ianaServiceName } from './names';
import { isInt, ObjectRule, rule } from './violation';

const TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];

export function isHeadless(svc: any): boolean {
  const ips: string[] | undefined = svc.spec?.clusterIPs;
  return (ips !== undefined && ips.length === 1 && ips[0] === 'None') || (ips === undefined && svc.spec?.clusterIP === 'None');
}

export const SVC001 = rule('SVC001', ['Service'], 'ports: required unless headless; named when several; port 1-65535; unique protocol/port; targetPort int or IANA name',
  (svc, sink) => {
    const type = svc.spec?.type || 'ClusterIP';
    const ports: any[] = svc.spec?.ports ?? [];
    if (ports.length === 0 && !isHeadless(svc) && type !== 'ExternalName') sink.add('spec.ports', svc.spec?.ports, 'Required value', 'at least one port');
    const names = new Set<string>();
    const keys = new Set<string>();
    ports.forEach((port, i) => {
      const p = `spec.ports[${i}]`;
      if (port.name === undefined || port.name === '') {
        if (ports.length > 1) sink.add(`${p}.name`, port.name, 'Required value', 'a name on every port when a Service has several');
      } else {
        sink.check(`${p}.name`, port.name, dns1123Label(port.name), 'at most 63 of a-z, 0-9 and \'-\'');
        if (names.has(port.name)) sink.add(`${p}.name`, port.name, 'Duplicate value', 'unique port names');
        names.add(port.name);
      }
      if (!isInt(port.port) || port.port < 1 || port.port > 65535) sink.add(`${p}.port`, port.port, 'must be between 1 and 65535, inclusive', 'a port from 1 to 65535');
      const protocol = port.protocol || 'TCP';
      if (!['TCP', 'UDP', 'SCTP'].includes(protocol)) sink.add(`${p}.protocol`, protocol, 'Unsupported value', '"TCP", "UDP", "SCTP"');
      const key = `${protocol}/${port.port}`;
      if (keys.has(key)) sink.add(p, key, 'Duplicate value', 'unique protocol and port pairs');
      keys.add(key);
      const target = port.targetPort;
      if (typeof target === 'number' && target !== 0 && (!isInt(target) || target < 1 || target > 65535)) {
        sink.add(`${p}.targetPort`, target, 'must be between 1 and 65535, inclusive', 'a port from 1 to 65535 or a container port name');
      } else if (typeof target === 'string' && target !== '') {
        sink.check(`${p}.targetPort`, target, ianaServiceName(target), 'a container port name (IANA service name, at most 15 characters)');
      }
      if (port.nodePort !== undefined && port.nodePort !== 0 && type === 'ClusterIP') {
        sink.add(`${p}.nodePort`, port.nodePort, "may not be used when `type` is 'ClusterIP'", 'no nodePort, or type NodePort/LoadBalancer');
      }
    });
  });

export const SVC002 = rule('SVC002', ['Service'], 'type, internalTrafficPolicy and headless clusterIP settings are consistent',
  (svc, sink) => {
    const spec = svc.spec ?? {};
    const type = spec.type || 'ClusterIP';
    if (!TYPES.includes(type)) sink.add('spec.type', type, 'Unsupported value', TYPES.map(t => `"${t}"`).join(', '));
    const itp = spec.internalTrafficPolicy;
    if (itp !== undefined && itp !== 'Cluster' && itp !== 'Local') sink.add('spec.internalTrafficPolicy', itp, 'Unsupported value', '"Cluster", "Local"');
    const etp = spec.externalTrafficPolicy;
    const external = type === 'NodePort' || type === 'LoadBalancer' || (type === 'ClusterIP' && (spec.externalIPs ?? []).length > 0);
    if (etp !== undefined && etp !== '') {
      if (!external) {
        sink.add('spec.externalTrafficPolicy', etp, 'may only be set for externally-accessible services', 'no externalTrafficPolicy, or a NodePort/LoadBalancer Service');
      } else if (etp !== 'Cluster' && etp !== 'Local') {
        sink.add('spec.externalTrafficPolicy', etp, 'Unsupported value', '"Cluster", "Local"');
      }
    }
    const ips: string[] | undefined = spec.clusterIPs;
    if (ips !== undefined && ips.length > 0) {
      if (spec.clusterIP === undefined) sink.add('spec.clusterIPs', ips, 'must be empty when `clusterIP` is not specified', 'clusterIP set to the first entry');
      else if (ips[0] !== spec.clusterIP) sink.add('spec.clusterIPs', ips[0], 'first value must match `clusterIP`', `"${spec.clusterIP}"`);
      if (ips.includes('None') && ips.length > 1) sink.add('spec.clusterIPs', ips, "'None' must be the first and only value", '["None"]');
    }
    if ((type === 'NodePort' || type === 'LoadBalancer') && (spec.clusterIP === 'None' || (ips ?? []).includes('None'))) {
      sink.add('spec.clusterIPs[0]', 'None', `may not be set to 'None' for ${type} services`, 'a ClusterIP Service for headless');
    }
    checkLabelMap(sink, spec.selector, 'spec.selector');
  });

export const SVC003 = rule('SVC003', ['Service'], 'an ExternalName Service has an externalName (a DNS-1123 subdomain) and no clusterIP, ipFamilies or ipFamilyPolicy',
  (svc, sink) => {
    const spec = svc.spec ?? {};
    if (spec.type !== 'ExternalName') return;
    const cname = typeof spec.externalName === 'string' ? spec.externalName.replace(/\.$/, '') : '';
    if (cname === '') sink.add('spec.externalName', spec.externalName, 'Required value', 'the DNS name the Service aliases, e.g. db.example.com');
    else sink.check('spec.externalName', spec.externalName, dns1123Subdomain(cname), 'a DNS name (DNS-1123 subdomain, one trailing dot allowed)');
    if ((typeof spec.clusterIP === 'string' && spec.clusterIP !== '') || (Array.isArray(spec.clusterIPs) && spec.clusterIPs.length > 0)) {
      sink.add('spec.clusterIP', spec.clusterIP ?? spec.clusterIPs, 'may not be set for ExternalName services', 'no clusterIP (ExternalName Services are DNS aliases)');
    }
    if (Array.isArray(spec.ipFamilies) && spec.ipFamilies.length > 0) sink.add('spec.ipFamilies', spec.ipFamilies, 'may not be set for ExternalName services', 'no ipFamilies');
    if (spec.ipFamilyPolicy !== undefined && spec.ipFamilyPolicy !== null) sink.add('spec.ipFamilyPolicy', spec.ipFamilyPolicy, 'may not be set for ExternalName services', 'no ipFamilyPolicy');
  });

export const SERVICE_RULES: ObjectRule[] = [SVC001, SVC002, SVC003];
