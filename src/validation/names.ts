/**
 * Name and label syntax checks from k8s.io/apimachinery util/validation.
 * Each returns undefined when the value is valid, or a short reason.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;

export function dns1123Label(value: string): string | undefined {
  if (value.length > 63) return 'must be no more than 63 characters';
  if (value.includes('.') && DNS1123_SUBDOMAIN.test(value)) return 'must not contain dots';
  if (!DNS1123_LABEL.test(value)) return "must be a lowercase RFC 1123 label: a-z, 0-9 and '-', starting and ending with a letter or digit";
  return undefined;
}

export function dns1123Subdomain(value: string): string | undefined {
  if (value.length > 253) return 'must be no more than 253 characters';
  if (!DNS1123_SUBDOMAIN.test(value)) return "must be a lowercase RFC 1123 subdomain: a-z, 0-9, '-' and '.', starting and ending with a letter or digit";
  return undefined;
}

export function dns1035Label(value: string): string | undefined {
  if (value.length > 63) return 'must be no more than 63 characters';
  if (!DNS1035_LABEL.test(value)) return "must be a lowercase RFC 1035 label: a-z, 0-9 and '-', starting with a letter and ending with a letter or digit";
  return undefined;
}

/** IANA_SVC_NAME, the syntax of container port names and named targetPorts. */
export function ianaServiceName(value: string): string | undefined {
  if (value.length > 15) return 'must be no more than 15 characters';
  if (!/^[-a-z0-9]+$/.test(value)) return 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)';
  if (value.includes('--')) return 'must not contain consecutive hyphens';
  if (!/[a-z]/.test(value)) return 'must contain at least one letter (a-z)';
  if (value.startsWith('-') || value.endsWith('-')) return 'must not begin or end with a hyphen';
  return undefined;
}

/** A label or annotation key, or a toleration key: `[prefix/]name`. */
export function qualifiedName(value: string): string | undefined {
  const parts = value.split('/');
  if (parts.length > 2) return "must be a qualified name: an optional DNS subdomain prefix and '/', then a name";
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    if (parts[0].length === 0) return 'prefix part must be non-empty';
    const prefixProblem = dns1123Subdomain(parts[0]);
    if (prefixProblem) return `prefix part ${prefixProblem}`;
  }
  if (name.length === 0) return 'name part must be non-empty';
  if (name.length > 63) return 'name part must be no more than 63 characters';
  if (!QUALIFIED_NAME_PART.test(name)) return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  return undefined;
}

export function labelValue(value: string): string | undefined {
  if (value.length > 63) return 'must be no more than 63 characters';
  if (!LABEL_VALUE.test(value)) return "must be empty or consist of alphanumeric characters, '-', '_' or '.', starting and ending with an alphanumeric character";
  return undefined;
}

export function envVarName(value: string): string | undefined {
  if (!ENV_VAR_NAME.test(value)) return "must consist of alphabetic characters, digits, '_', '-' or '.', and must not start with a digit";
  return dotPrefixProblem(value);
}

export function configMapKey(value: string): string | undefined {
  if (value.length > 253) return 'must be no more than 253 characters';
  if (!CONFIG_MAP_KEY.test(value)) return "must consist of alphanumeric characters, '-', '_' or '.'";
  return dotPrefixProblem(value);
}

/** File-like names may not be '.' or start with '..' (they would escape their directory). */
function dotPrefixProblem(value: string): string | undefined {
  if (value === '.') return "must not be '.'";
  if (value.startsWith('..')) return "must not start with '..'";
  return undefined;
}

/** RBAC object names (path.IsValidPathSegmentName): anything but '.', '..', '/' and '%'. */
export function pathSegmentName(value: string): string | undefined {
  if (value === '.' || value === '..') return `may not be '${value}'`;
  if (value.includes('/') || value.includes('%')) return "may not contain '/' or '%'";
  return undefined;
}
