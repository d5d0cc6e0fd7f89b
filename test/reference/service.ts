import { arr, Errors, isSet, map, str, whole } from './findings';
import { checkLabels } from './metadata';
import { dnsLabel, ianaName, subdomain } from './syntax';

// Services (kubernetes-rules.md §3), and ExternalName (COREV ValidateService).

const TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];

export function checkService(svc: any, e: Errors): void {
  const spec = map(svc.spec);
  const type = spec.type || 'ClusterIP';
  if (!TYPES.includes(type)) e.at('spec.type').unsupported(TYPES);
  const ips: string[] = arr(spec.clusterIPs).length ? arr(spec.clusterIPs) : str(spec.clusterIP) ? [spec.clusterIP] : [];
  const headless = ips.length === 1 && ips[0] === 'None';
  const ports = arr(spec.ports);
  if (!ports.length && !headless && type !== 'ExternalName') e.at('spec.ports').required();
  const names = new Set<string>();
  const pairs = new Set<string>();
  ports.forEach((p: any, i: number) => {
    const at = e.at('spec.ports').at(i);
    if (str(p?.name) === '') {
      if (ports.length > 1) at.at('name').required();
    } else {
      at.at('name').each(dnsLabel(p.name));
      if (names.has(p.name)) at.at('name').duplicate();
      names.add(p.name);
    }
    if (!whole(p?.port) || p.port < 1 || p.port > 65535) at.at('port').invalid('must be between 1 and 65535, inclusive');
    const protocol = p?.protocol ?? 'TCP';
    if (!['TCP', 'UDP', 'SCTP'].includes(protocol)) at.at('protocol').unsupported(['TCP', 'UDP', 'SCTP']);
    const pair = `${protocol}/${p?.port}`;
    if (pairs.has(pair)) at.duplicate();
    pairs.add(pair);
    const target = p?.targetPort;
    if (typeof target === 'number' && target !== 0 && (!whole(target) || target < 1 || target > 65535)) at.at('targetPort').invalid('must be between 1 and 65535, inclusive');
    if (typeof target === 'string' && target !== '') at.at('targetPort').each(ianaName(target));
    if (isSet(p?.nodePort) && p.nodePort !== 0 && type === 'ClusterIP') at.at('nodePort').forbidden("may not be used when `type` is 'ClusterIP'");
  });
  if (arr(spec.clusterIPs).length) {
    const list = arr(spec.clusterIPs);
    if (str(spec.clusterIP) === '') e.at('spec.clusterIPs').invalid('must be empty when `clusterIP` is not specified');
    else if (list[0] !== spec.clusterIP) e.at('spec.clusterIPs').invalid('first value must match `clusterIP`');
    if (list.includes('None') && (list.length > 1 || list[0] !== 'None')) e.at('spec.clusterIPs').invalid("'None' must be the first and only value");
  }
  if ((type === 'NodePort' || type === 'LoadBalancer') && ips.includes('None')) e.at('spec.clusterIPs[0]').invalid(`may not be set to 'None' for ${type} services`);
  const itp = spec.internalTrafficPolicy;
  if (isSet(itp) && itp !== 'Cluster' && itp !== 'Local') e.at('spec.internalTrafficPolicy').unsupported(['Cluster', 'Local']);
  const external = type === 'NodePort' || type === 'LoadBalancer' || (type === 'ClusterIP' && arr(spec.externalIPs).length > 0);
  if (isSet(spec.externalTrafficPolicy) && spec.externalTrafficPolicy !== '') {
    if (!external) e.at('spec.externalTrafficPolicy').invalid('may only be set for externally-accessible services');
    else if (!['Cluster', 'Local'].includes(spec.externalTrafficPolicy)) e.at('spec.externalTrafficPolicy').unsupported(['Cluster', 'Local']);
  }
  checkLabels(e.at('spec.selector'), spec.selector);
  if (type === 'ExternalName') {
    const cname = str(spec.externalName).replace(/\.$/, '');
    if (cname === '') e.at('spec.externalName').required();
    else e.at('spec.externalName').each(subdomain(cname));
    if (ips.length) e.at('spec.clusterIPs').forbidden('may not be set for ExternalName services');
    if (arr(spec.ipFamilies).length) e.at('spec.ipFamilies').forbidden('may not be set for ExternalName services');
    if (isSet(spec.ipFamilyPolicy)) e.at('spec.ipFamilyPolicy').forbidden('may not be set for ExternalName services');
  }
}
