import { dns1035Label, dns1123Label, dns1123Subdomain, labelValue, pathSegmentName, qualifiedName } from './names';
import { ObjectRule, rule, ViolationSink } from './violation';

const LABEL_VALID = "keys '[prefix/]name' (name <= 63 of alphanumerics, '-', '_', '.'); values <= 63 of the same, starting and ending alphanumeric";

/** Checks every key and value of a label map (labels, selectors, nodeSelector). */
export function checkLabelMap(sink: ViolationSink, map: any, path: string): void {
  if (map === undefined || map === null) return;
  for (const [key, value] of Object.entries(map)) {
    sink.check(`${path}[${JSON.stringify(key)}]`, key, qualifiedName(key), LABEL_VALID);
    if (typeof value !== 'string') {
      sink.add(`${path}[${JSON.stringify(key)}]`, value, 'label value must be a string', LABEL_VALID);
    } else {
      sink.check(`${path}[${JSON.stringify(key)}]`, value, labelValue(value), LABEL_VALID);
    }
  }
}

/** RBAC objects are named with path segments (ValidateRBACName), not DNS names. */
const RBAC_KINDS = ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'];

export const META001 = rule('META001', ['*'], 'metadata.name is required: a DNS-1123 subdomain, a DNS-1035 label for Services, a path segment for RBAC objects',
  (obj, sink) => {
    const name = obj?.metadata?.name;
    if (typeof name !== 'string' || name.length === 0) {
      sink.add('metadata.name', name, 'Required value', 'a non-empty name');
      return;
    }
    if (obj.kind === 'Service') {
      sink.check('metadata.name', name, dns1035Label(name), 'at most 63 of a-z, 0-9 and \'-\', starting with a letter');
    } else if (RBAC_KINDS.includes(obj.kind)) {
      sink.check('metadata.name', name, pathSegmentName(name), "a name other than '.' and '..', without '/' or '%'");
    } else {
      sink.check('metadata.name', name, dns1123Subdomain(name), 'at most 253 of a-z, 0-9, \'-\' and \'.\'');
    }
  });

export const META002 = rule('META002', ['*'], 'labels on objects and pod templates are valid label keys and values',
  (obj, sink) => {
    checkLabelMap(sink, obj?.metadata?.labels, 'metadata.labels');
    checkLabelMap(sink, obj?.spec?.template?.metadata?.labels, 'spec.template.metadata.labels');
    for (const [path, map] of [['metadata.annotations', obj?.metadata?.annotations], ['spec.template.metadata.annotations', obj?.spec?.template?.metadata?.annotations]]) {
      for (const key of Object.keys(map ?? {})) {
        // The API server lowercases annotation keys before checking them.
        sink.check(`${path}[${JSON.stringify(key)}]`, key, qualifiedName(key.toLowerCase()), "annotation keys are '[prefix/]name'");
      }
    }
  });

export const META003 = rule('META003', ['*'], 'metadata.namespace, and the name of a Namespace, are DNS-1123 labels',
  (obj, sink) => {
    const namespace = obj?.metadata?.namespace;
    if (typeof namespace === 'string' && namespace !== '') sink.check('metadata.namespace', namespace, dns1123Label(namespace), 'a namespace name: at most 63 of a-z, 0-9 and \'-\'');
    const name = obj?.metadata?.name;
    if (obj?.kind === 'Namespace' && typeof name === 'string' && name !== '') sink.check('metadata.name', name, dns1123Label(name), 'a namespace name: at most 63 of a-z, 0-9 and \'-\'');
  });

export const METADATA_RULES: ObjectRule[] = [META001, META002, META003];
