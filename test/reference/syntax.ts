// The syntax checks of k8s.io/apimachinery pkg/util/validation, as kubernetes-rules.md states them (§1, §2
// port names, §3), each returning the API server's messages (empty when valid).

const LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const SUBDOMAIN_RE = new RegExp(`^${LABEL}(\\.${LABEL})*$`);
const LABEL_RE = new RegExp(`^${LABEL}$`);
const DNS1035_RE = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const NAME_PART_RE = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE_RE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** DNS-1123 subdomain: at most 253 characters. */
export function subdomain(v: string): string[] {
  const out: string[] = [];
  if (v.length > 253) out.push('must be no more than 253 characters');
  if (!SUBDOMAIN_RE.test(v)) out.push("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.'");
  return out;
}

/** DNS-1123 label: at most 63 characters, no dots. */
export function dnsLabel(v: string): string[] {
  const out: string[] = [];
  if (v.length > 63) out.push('must be no more than 63 characters');
  if (!LABEL_RE.test(v)) out.push(v.includes('.') ? 'must not contain dots' : "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-'");
  return out;
}

/** DNS-1035 label (Service names): starts with a letter. */
export function dns1035(v: string): string[] {
  const out: string[] = [];
  if (v.length > 63) out.push('must be no more than 63 characters');
  if (!DNS1035_RE.test(v)) out.push('a DNS-1035 label must start with an alphabetic character');
  return out;
}

/** Qualified name: `[prefix/]name`, the prefix a DNS-1123 subdomain, the name at most 63 characters. */
export function qualified(v: string): string[] {
  const parts = v.split('/');
  if (parts.length > 2) return ['a qualified name must consist of alphanumeric characters, with an optional DNS subdomain prefix and \'/\''];
  const out: string[] = [];
  const name = parts.length === 2 ? parts[1] : parts[0];
  if (parts.length === 2) {
    if (parts[0] === '') out.push('prefix part must be non-empty');
    else out.push(...subdomain(parts[0]).map(m => `prefix part ${m}`));
  }
  if (name === '') out.push('name part must be non-empty');
  else if (name.length > 63) out.push('name part must be no more than 63 characters');
  if (name !== '' && !NAME_PART_RE.test(name)) out.push("name part must consist of alphanumeric characters, '-', '_' or '.'");
  return out;
}

export function labelValue(v: string): string[] {
  const out: string[] = [];
  if (v.length > 63) out.push('must be no more than 63 characters');
  if (!LABEL_VALUE_RE.test(v)) out.push("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.'");
  return out;
}

/** IANA_SVC_NAME (§2 port names): the five rules of util/validation.go:321-339. */
export function ianaName(v: string): string[] {
  const out: string[] = [];
  if (v.length > 15) out.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]*$/.test(v)) out.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(v)) out.push('must contain at least one letter (a-z)');
  if (v.includes('--')) out.push('must not contain consecutive hyphens');
  if (v.startsWith('-') || v.endsWith('-')) out.push('must not begin or end with a hyphen');
  return out;
}

/** C-identifier-like env var names with dashes and dots (IsEnvVarName), not '.' nor '..'-prefixed. */
export function envName(v: string): string[] {
  const out: string[] = [];
  if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(v)) out.push("a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.'");
  if (v === '.') out.push("must not be '.'");
  else if (v.startsWith('..')) out.push("must not start with '..'");
  return out;
}

/** ConfigMap and Secret keys (IsConfigMapKey). */
export function fileKey(v: string): string[] {
  const out: string[] = [];
  if (v.length > 253) out.push('must be no more than 253 characters');
  if (!/^[-._a-zA-Z0-9]+$/.test(v)) out.push("a valid config key must consist of alphanumeric characters, '-', '_' or '.'");
  if (v === '.') out.push("must not be '.'");
  else if (v.startsWith('..')) out.push("must not start with '..'");
  return out;
}

/** path.IsValidPathSegmentName (RBAC object names). */
export function pathSegment(v: string): string[] {
  if (v === '.' || v === '..') return [`may not be '${v}'`];
  return /[/%]/.test(v) ? ["may not contain '/' or '%'"] : [];
}

/** net.ParseIP. */
export function isIP(v: string): boolean {
  const v4 = (s: string) => {
    const parts = s.split('.');
    return parts.length === 4 && parts.every(p => /^[0-9]{1,3}$/.test(p) && Number(p) <= 255 && !(p.length > 1 && p.startsWith('0')));
  };
  if (v4(v)) return true;
  if (!v.includes(':')) return false;
  let groups = v.split(':');
  const last = groups[groups.length - 1];
  let width = 8;
  if (last.includes('.')) {
    if (!v4(last)) return false;
    groups = groups.slice(0, -1);
    width = 6;
  }
  const doubles = v.split('::').length - 1;
  if (doubles > 1) return false;
  const hex = groups.filter(g => g !== '');
  if (!hex.every(g => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return doubles ? hex.length < width : hex.length === width && groups.every(g => g !== '');
}

/** net.ParseCIDR: the address bits and the prefix length. */
export function parseCIDR(v: string): { bits: string; length: number } | undefined {
  const slash = v.indexOf('/');
  if (slash < 0) return undefined;
  const ip = v.slice(0, slash);
  const len = v.slice(slash + 1);
  if (!/^[0-9]{1,3}$/.test(len) || !isIP(ip)) return undefined;
  let bits: string;
  if (!ip.includes(':')) {
    bits = ip.split('.').map(o => Number(o).toString(2).padStart(8, '0')).join('');
  } else {
    const [head, tail] = ip.includes('::') ? ip.split('::') : [ip, ''];
    const h = head ? head.split(':') : [];
    const t = tail ? tail.split(':') : [];
    const fill = ip.includes('::') ? Array(8 - h.length - t.length).fill('0') : [];
    bits = [...h, ...fill, ...t].map(g => parseInt(g, 16).toString(2).padStart(16, '0')).join('');
  }
  const length = Number(len);
  return length <= bits.length ? { bits, length } : undefined;
}
