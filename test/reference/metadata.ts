import { Errors, map, str } from './findings';
import { dns1035, dnsLabel, labelValue, pathSegment, qualified, subdomain } from './syntax';

// ObjectMeta (apimachinery ValidateObjectMeta): the name with the kind's own name rule, the namespace,
// labels, and annotation keys and their 256 KiB total.

const CLUSTER_SCOPED = new Set(['Namespace', 'Node', 'PriorityClass', 'ClusterRole', 'ClusterRoleBinding']);
const RBAC = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

export function checkLabels(e: Errors, labels: unknown): void {
  for (const [k, v] of Object.entries(map(labels))) {
    e.key(k).each(qualified(k));
    if (typeof v !== 'string') e.key(k).invalid('label values must be strings');
    else e.key(k).each(labelValue(v));
  }
}

export function checkAnnotations(e: Errors, annotations: unknown): void {
  let total = 0;
  for (const [k, v] of Object.entries(map(annotations))) {
    e.key(k).each(qualified(k.toLowerCase()));
    total += Buffer.byteLength(k) + Buffer.byteLength(String(v ?? ''));
  }
  if (total > 256 * 1024) e.tooLong(256 * 1024);
}

function nameRule(kind: string): (v: string) => string[] {
  if (kind === 'Service') return dns1035;
  if (kind === 'Namespace') return dnsLabel;
  if (RBAC.has(kind)) return pathSegment;
  return subdomain;
}

export function checkMetadata(obj: any, e: Errors): void {
  const meta = map(obj.metadata);
  const name = meta.name;
  if (typeof name !== 'string' || name === '') {
    if (!str(meta.generateName)) e.at('metadata.name').required('name or generateName is required');
  } else {
    e.at('metadata.name').each(nameRule(obj.kind)(name));
  }
  const ns = meta.namespace;
  if (!CLUSTER_SCOPED.has(obj.kind) && typeof ns === 'string' && ns !== '') e.at('metadata.namespace').each(dnsLabel(ns));
  checkLabels(e.at('metadata.labels'), meta.labels);
  checkAnnotations(e.at('metadata.annotations'), meta.annotations);
}
