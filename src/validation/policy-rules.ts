import { checkBudget, checkLabelSelector } from './daemonset-rules';
import { ianaServiceName } from './names';
import { isInt, ObjectRule, rule, ViolationSink } from './violation';

// PodDisruptionBudget (pkg/apis/policy/validation ValidatePodDisruptionBudgetSpec) and NetworkPolicy
// (pkg/apis/networking/validation ValidateNetworkPolicySpec, ValidateNetworkPolicyPort, ValidateIPBlock).

export const PDB001 = rule('PDB001', ['PodDisruptionBudget'], 'minAvailable and maxUnavailable are ints >= 0 or percentages <= 100%, not both set; the selector is well-formed',
  (pdb, sink) => {
    const spec = pdb.spec ?? {};
    const set = ['minAvailable', 'maxUnavailable'].filter(k => spec[k] !== undefined && spec[k] !== null);
    if (set.length === 2) sink.add('spec', set, 'minAvailable and maxUnavailable cannot be both set', 'one of minAvailable and maxUnavailable');
    for (const k of set) checkBudget(sink, spec[k], `spec.${k}`);
    if (spec.selector) checkLabelSelector(sink, spec.selector, 'spec.selector');
  });

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

/** A CIDR as its address bits (32 for IPv4, 128 for IPv6) and prefix length. */
function parseCidr(value: unknown): { bits: string; prefix: number } | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^([0-9.]+)\/([0-9]{1,2})$/.exec(value);
  if (m) {
    const octets = m[1].split('.');
    const prefix = Number(m[2]);
    if (octets.length !== 4 || octets.some(o => !/^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$/.test(o)) || prefix > 32) return undefined;
    return { bits: octets.map(o => Number(o).toString(2).padStart(8, '0')).join(''), prefix };
  }
  const m6 = /^([0-9a-fA-F:]+)\/([0-9]{1,3})$/.exec(value);
  if (!m6 || Number(m6[2]) > 128 || m6[1].split('::').length > 2) return undefined;
  const [head, tail] = m6[1].includes('::') ? m6[1].split('::') : [m6[1], undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  if ([...h, ...t].some(g => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  if (groups.length !== 8) return undefined;
  return { bits: groups.map(g => parseInt(g, 16).toString(2).padStart(16, '0')).join(''), prefix: Number(m6[2]) };
}

function checkPorts(sink: ViolationSink, ports: unknown, path: string): void {
  (Array.isArray(ports) ? ports : []).forEach((port: any, i: number) => {
    const p = `${path}.ports[${i}]`;
    if (port?.protocol !== undefined && !PROTOCOLS.includes(port.protocol)) sink.add(`${p}.protocol`, port.protocol, 'Unsupported value', '"TCP", "UDP", "SCTP"');
    const value = port?.port;
    if (typeof value === 'number') {
      if (!isInt(value) || value < 1 || value > 65535) sink.add(`${p}.port`, value, 'must be between 1 and 65535, inclusive', 'a port from 1 to 65535 or a named port');
    } else if (typeof value === 'string') {
      sink.check(`${p}.port`, value, ianaServiceName(value), 'a port from 1 to 65535 or a named port (IANA service name)');
    }
    const end = port?.endPort;
    if (end !== undefined && end !== null) {
      if (typeof value !== 'number') sink.add(`${p}.endPort`, end, 'may not be specified when `port` is non-numeric', 'a numeric port with endPort');
      else if (!isInt(end) || end < value) sink.add(`${p}.endPort`, end, 'must be greater than or equal to `port`', `a port from ${value} to 65535`);
      else if (end > 65535) sink.add(`${p}.endPort`, end, 'must be between 1 and 65535, inclusive', `a port from ${value} to 65535`);
    }
  });
}

function checkPeers(sink: ViolationSink, peers: unknown, path: string): void {
  (Array.isArray(peers) ? peers : []).forEach((peer: any, i: number) => {
    const p = `${path}[${i}]`;
    const kinds = ['podSelector', 'namespaceSelector', 'ipBlock'].filter(k => peer?.[k] !== undefined && peer?.[k] !== null);
    if (kinds.length === 0) sink.add(p, peer, 'must specify a peer', 'a podSelector, namespaceSelector or ipBlock');
    if (peer?.ipBlock && kinds.length > 1) sink.add(p, kinds, 'may not specify both ipBlock and another peer', 'ipBlock alone, or selectors');
    if (peer?.podSelector) checkLabelSelector(sink, peer.podSelector, `${p}.podSelector`);
    if (peer?.namespaceSelector) checkLabelSelector(sink, peer.namespaceSelector, `${p}.namespaceSelector`);
    if (peer?.ipBlock) {
      const cidr = parseCidr(peer.ipBlock.cidr);
      if (!cidr) {
        sink.add(`${p}.ipBlock.cidr`, peer.ipBlock.cidr, 'must be a valid CIDR', 'a CIDR such as 10.0.0.0/8');
        return;
      }
      (Array.isArray(peer.ipBlock.except) ? peer.ipBlock.except : []).forEach((e: unknown, j: number) => {
        const ex = parseCidr(e);
        const sameFamily = ex && ex.bits.length === cidr.bits.length;
        const inside = sameFamily && ex.prefix > cidr.prefix && ex.bits.slice(0, cidr.prefix) === cidr.bits.slice(0, cidr.prefix);
        if (!ex) sink.add(`${p}.ipBlock.except[${j}]`, e, 'must be a valid CIDR', 'a CIDR inside the block');
        else if (!inside) sink.add(`${p}.ipBlock.except[${j}]`, e, 'must be a strict subset of `cidr`', `a CIDR strictly inside ${peer.ipBlock.cidr}`);
      });
    }
  });
}

export const NETPOL001 = rule('NETPOL001', ['NetworkPolicy'], 'ports 1-65535 or named with a protocol TCP/UDP/SCTP and endPort >= port; peers set one kind, ipBlock alone with valid CIDRs; policyTypes Ingress/Egress',
  (np, sink) => {
    const spec = np.spec ?? {};
    checkLabelSelector(sink, spec.podSelector, 'spec.podSelector');
    (Array.isArray(spec.ingress) ? spec.ingress : []).forEach((r: any, i: number) => {
      checkPorts(sink, r?.ports, `spec.ingress[${i}]`);
      checkPeers(sink, r?.from, `spec.ingress[${i}].from`);
    });
    (Array.isArray(spec.egress) ? spec.egress : []).forEach((r: any, i: number) => {
      checkPorts(sink, r?.ports, `spec.egress[${i}]`);
      checkPeers(sink, r?.to, `spec.egress[${i}].to`);
    });
    const types: unknown[] = Array.isArray(spec.policyTypes) ? spec.policyTypes : [];
    types.forEach((t, i) => {
      if (t !== 'Ingress' && t !== 'Egress') sink.add(`spec.policyTypes[${i}]`, t, 'Unsupported value', '"Ingress", "Egress"');
    });
    if (types.length > 2) sink.add('spec.policyTypes', types, 'may not specify more than two policyTypes', 'Ingress, Egress or both');
  });

export const POLICY_RULES: ObjectRule[] = [PDB001, NETPOL001];
