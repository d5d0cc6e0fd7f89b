import { dns1123Label, dns1123Subdomain } from './names';
import { ObjectRule, podSpecOf, rule, ViolationSink, WORKLOAD_KINDS } from './violation';

// Pod-spec fields outside the containers (COREV ValidatePodSpec, validateDNSPolicy, validatePodDNSConfig,
// ValidatePodTemplateSpec).

const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const MAX_NAMESERVERS = 3;
const MAX_SEARCHES = 32;
const MAX_SEARCH_LENGTH = 2048;
const IPV4 = /^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$/;

function isIp(value: string): boolean {
  if (IPV4.test(value)) return true;
  // IPv6: hex groups with at most one '::' (net.ParseIP; zones are not allowed).
  if (!/^[0-9a-fA-F:.]+$/.test(value) || value.split('::').length > 2) return false;
  const tail = value.split(':').pop() ?? '';
  const groups = value.split(':').filter(g => g !== '');
  const v4Tail = tail.includes('.');
  if (v4Tail && !IPV4.test(tail)) return false;
  const count = groups.length + (v4Tail ? 1 : 0);
  if (groups.some(g => !g.includes('.') && g.length > 4)) return false;
  return value.includes('::') ? count < 8 : count === 8;
}

export const POD016 = rule('POD016', WORKLOAD_KINDS, 'nodeName is a DNS-1123 subdomain, hostname and subdomain DNS-1123 labels; no ephemeral containers in pod templates',
  (obj, sink) => {
    const pod = podSpecOf(obj);
    if (!pod) return;
    const { spec, path } = pod;
    if (typeof spec.nodeName === 'string' && spec.nodeName !== '') sink.check(`${path}.nodeName`, spec.nodeName, dns1123Subdomain(spec.nodeName), 'a node name: at most 253 of a-z, 0-9, \'-\' and \'.\'');
    for (const field of ['hostname', 'subdomain']) {
      if (typeof spec[field] === 'string' && spec[field] !== '') sink.check(`${path}.${field}`, spec[field], dns1123Label(spec[field]), 'at most 63 of a-z, 0-9 and \'-\'');
    }
    if (obj.kind !== 'Pod' && Array.isArray(spec.ephemeralContainers) && spec.ephemeralContainers.length > 0) {
      sink.add(`${path}.ephemeralContainers`, spec.ephemeralContainers, 'Forbidden: ephemeral containers not allowed in pod template', 'no ephemeralContainers (kubectl debug adds them to running pods)');
    }
  });

function checkDnsConfig(sink: ViolationSink, config: any, policy: string, path: string): void {
  const nameservers: unknown[] = Array.isArray(config?.nameservers) ? config.nameservers : [];
  if (policy === 'None' && nameservers.length === 0) {
    sink.add(`${path}.dnsConfig.nameservers`, config?.nameservers, 'must provide at least one DNS nameserver when `dnsPolicy` is None', 'dnsConfig.nameservers with one to three IP addresses');
  }
  if (!config) return;
  if (nameservers.length > MAX_NAMESERVERS) sink.add(`${path}.dnsConfig.nameservers`, nameservers, `must not have more than ${MAX_NAMESERVERS} nameservers`, `at most ${MAX_NAMESERVERS} IP addresses`);
  nameservers.forEach((ns, i) => {
    if (typeof ns !== 'string' || !isIp(ns)) sink.add(`${path}.dnsConfig.nameservers[${i}]`, ns, 'must be a valid IP address', 'an IPv4 or IPv6 address such as 10.96.0.10');
  });
  const searches: unknown[] = Array.isArray(config.searches) ? config.searches : [];
  if (searches.length > MAX_SEARCHES) sink.add(`${path}.dnsConfig.searches`, searches, `must not have more than ${MAX_SEARCHES} search paths`, `at most ${MAX_SEARCHES} domains`);
  const total = searches.reduce<number>((n, s) => n + String(s).length, 0) + Math.max(0, searches.length - 1);
  if (total > MAX_SEARCH_LENGTH) sink.add(`${path}.dnsConfig.searches`, searches, `must not have more than ${MAX_SEARCH_LENGTH} characters (including spaces) in the search list`, 'a shorter search list');
  searches.forEach((s, i) => {
    // A search domain may be fully qualified: one trailing dot is allowed.
    const domain = typeof s === 'string' ? s.replace(/\.$/, '') : '';
    if (typeof s !== 'string' || dns1123Subdomain(domain) !== undefined) sink.add(`${path}.dnsConfig.searches[${i}]`, s, 'must be a DNS-1123 subdomain', 'a domain such as svc.cluster.local');
  });
  (Array.isArray(config.options) ? config.options : []).forEach((o: any, i: number) => {
    if (typeof o?.name !== 'string' || o.name === '') sink.add(`${path}.dnsConfig.options[${i}].name`, o?.name, 'Required value', 'an option name such as ndots');
  });
}

export const POD017 = rule('POD017', WORKLOAD_KINDS, 'dnsPolicy is ClusterFirst, ClusterFirstWithHostNet, Default or None; None needs dnsConfig nameservers; dnsConfig within its limits',
  (obj, sink) => {
    const pod = podSpecOf(obj);
    if (!pod) return;
    const policy = pod.spec.dnsPolicy;
    if (policy !== undefined && policy !== '' && !DNS_POLICIES.includes(policy)) {
      sink.add(`${pod.path}.dnsPolicy`, policy, 'Unsupported value', DNS_POLICIES.map(p => JSON.stringify(p)).join(', '));
    }
    checkDnsConfig(sink, pod.spec.dnsConfig ?? undefined, policy, pod.path);
  });

export const POD_SPEC_RULES: ObjectRule[] = [POD016, POD017];
