import { arr, Errors, isSet, map, str, whole } from './findings';
import { checkSelector, intOrPercent } from './selectors';
import { fileKey, ianaName, parseCIDR, pathSegment, subdomain } from './syntax';

// PriorityClass (kubernetes-rules.md §4), and the other kinds the strict schemas cover: ConfigMap and Secret
// (COREV ValidateConfigMap, ValidateSecret), RBAC (pkg/apis/rbac/validation), PodDisruptionBudget
// (pkg/apis/policy/validation) and NetworkPolicy (pkg/apis/networking/validation).

const SYSTEM_CLASSES: Record<string, number> = { 'system-cluster-critical': 2000000000, 'system-node-critical': 2000001000 };
const MIB = 1024 * 1024;

export function checkPriorityClass(pc: any, e: Errors): void {
  const name = str(pc.metadata?.name);
  if (name.startsWith('system-')) {
    const known = SYSTEM_CLASSES[name];
    if (known === undefined) e.at('metadata.name').forbidden(`priority class names with 'system-' prefix are reserved for system use only. error: ${name} is not a known system priority class`);
    else if (pc.value !== known) e.at('metadata.name').forbidden(`value of ${name} PriorityClass must be ${known}`);
    else if (pc.globalDefault === true) e.at('metadata.name').forbidden(`globalDefault of ${name} PriorityClass must be false`);
  } else if (whole(pc.value) && pc.value > 1000000000) {
    e.at('value').forbidden('maximum allowed value of a user defined priority is 1000000000');
  }
  if (isSet(pc.preemptionPolicy) && !['PreemptLowerPriority', 'Never'].includes(pc.preemptionPolicy)) e.at('preemptionPolicy').unsupported(['PreemptLowerPriority', 'Never']);
}

export function checkConfigMap(cm: any, e: Errors): void {
  let size = 0;
  for (const [k, v] of Object.entries(map(cm.data))) {
    e.at('data').key(k).each(fileKey(k));
    size += Buffer.byteLength(String(v ?? ''));
  }
  for (const [k, v] of Object.entries(map(cm.binaryData))) {
    e.at('binaryData').key(k).each(fileKey(k));
    if (Object.prototype.hasOwnProperty.call(map(cm.data), k)) e.at('binaryData').key(k).invalid('duplicate of key present in data');
    size += Buffer.from(String(v ?? ''), 'base64').length;
  }
  if (size > MIB) e.at('data').tooLong(MIB);
}

const SECRET_KEYS: Record<string, string[]> = {
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
};

export function checkSecret(secret: any, e: Errors): void {
  // The API server merges stringData into data before it validates.
  const data: Record<string, string> = {};
  for (const [k, v] of Object.entries(map(secret.data))) data[k] = Buffer.from(String(v ?? ''), 'base64').toString('utf-8');
  for (const [k, v] of Object.entries(map(secret.stringData))) data[k] = String(v ?? '');
  let size = 0;
  for (const [k, v] of Object.entries(data)) {
    e.at('data').key(k).each(fileKey(k));
    size += Buffer.byteLength(v);
  }
  if (size > MIB) e.at('data').tooLong(MIB);
  const type = str(secret.type);
  for (const key of SECRET_KEYS[type] ?? []) {
    if (!(key in data)) {
      e.at('data').key(key).required();
    } else if (type.startsWith('kubernetes.io/dockerc')) {
      try {
        JSON.parse(data[key]);
      } catch {
        e.at('data').key(key).invalid('invalid JSON');
      }
    }
  }
  if (type === 'kubernetes.io/basic-auth' && !('username' in data) && !('password' in data)) e.at('data[username]').required();
  if (type === 'kubernetes.io/service-account-token' && !str(secret.metadata?.annotations?.['kubernetes.io/service-account.name'])) {
    e.at('metadata.annotations["kubernetes.io/service-account.name"]').required();
  }
}

export function checkRole(role: any, e: Errors): void {
  if (role.kind === 'ClusterRole' && isSet(role.aggregationRule)) return;
  arr(role.rules).forEach((r: any, i: number) => {
    const at = e.at('rules').at(i);
    if (!arr(r?.verbs).length) at.at('verbs').required('verbs must contain at least one value');
    if (arr(r?.nonResourceURLs).length) {
      if (role.kind === 'Role') at.at('nonResourceURLs').invalid('namespaced rules cannot apply to non-resource URLs');
      if (arr(r.apiGroups).length || arr(r.resources).length) at.at('nonResourceURLs').invalid('rules cannot apply to both regular resources and non-resource URLs');
      return;
    }
    if (!arr(r?.apiGroups).length) at.at('apiGroups').required('resource rules must supply at least one api group');
    if (!arr(r?.resources).length) at.at('resources').required('resource rules must supply at least one resource');
  });
}

export function checkBinding(b: any, e: Errors): void {
  const ref = map(b.roleRef);
  if (ref.apiGroup !== 'rbac.authorization.k8s.io') e.at('roleRef.apiGroup').unsupported(['rbac.authorization.k8s.io']);
  const kinds = b.kind === 'ClusterRoleBinding' ? ['ClusterRole'] : ['Role', 'ClusterRole'];
  if (!kinds.includes(ref.kind)) e.at('roleRef.kind').unsupported(kinds);
  if (str(ref.name) === '') e.at('roleRef.name').required();
  else e.at('roleRef.name').each(pathSegment(ref.name));
  arr(b.subjects).forEach((s: any, i: number) => {
    const at = e.at('subjects').at(i);
    if (str(s?.name) === '') at.at('name').required();
    if (s?.kind === 'ServiceAccount') {
      if (str(s.name) !== '') at.at('name').each(subdomain(s.name));
      if (str(s.apiGroup) !== '') at.at('apiGroup').unsupported(['']);
      if (b.kind === 'ClusterRoleBinding' && str(s.namespace) === '') at.at('namespace').required();
    } else if (s?.kind === 'User' || s?.kind === 'Group') {
      if (s.apiGroup !== 'rbac.authorization.k8s.io') at.at('apiGroup').unsupported(['rbac.authorization.k8s.io']);
    } else {
      at.at('kind').unsupported(['ServiceAccount', 'User', 'Group']);
    }
  });
}

export function checkPodDisruptionBudget(pdb: any, e: Errors): void {
  const spec = map(pdb.spec);
  if (isSet(spec.minAvailable) && isSet(spec.maxUnavailable)) e.at('spec').invalid('minAvailable and maxUnavailable cannot be both set');
  for (const f of ['minAvailable', 'maxUnavailable']) if (isSet(spec[f])) intOrPercent(e.at(`spec.${f}`), spec[f]);
  if (isSet(spec.selector)) checkSelector(e.at('spec.selector'), spec.selector);
}

function policyPorts(e: Errors, ports: unknown): void {
  arr(ports).forEach((p: any, i: number) => {
    const at = e.at('ports').at(i);
    if (isSet(p?.protocol) && !['TCP', 'UDP', 'SCTP'].includes(p.protocol)) at.at('protocol').unsupported(['TCP', 'UDP', 'SCTP']);
    if (typeof p?.port === 'number' && (!whole(p.port) || p.port < 1 || p.port > 65535)) at.at('port').invalid('must be between 1 and 65535, inclusive');
    if (typeof p?.port === 'string') at.at('port').each(ianaName(p.port));
    if (isSet(p?.endPort)) {
      if (typeof p.port !== 'number') at.at('endPort').invalid('may not be specified when `port` is non-numeric');
      else if (!whole(p.endPort) || p.endPort < p.port) at.at('endPort').invalid('must be greater than or equal to `port`');
      else if (p.endPort > 65535) at.at('endPort').invalid('must be between 1 and 65535, inclusive');
    }
  });
}

function peers(e: Errors, list: unknown): void {
  arr(list).forEach((p: any, i: number) => {
    const at = e.at(i);
    const kinds = ['podSelector', 'namespaceSelector', 'ipBlock'].filter(k => isSet(p?.[k]));
    if (!kinds.length) at.required('must specify a peer');
    if (isSet(p?.ipBlock) && kinds.length > 1) at.forbidden('may not specify both ipBlock and another peer');
    if (isSet(p?.podSelector)) checkSelector(at.at('podSelector'), p.podSelector);
    if (isSet(p?.namespaceSelector)) checkSelector(at.at('namespaceSelector'), p.namespaceSelector);
    if (!isSet(p?.ipBlock)) return;
    const cidr = parseCIDR(str(p.ipBlock.cidr));
    if (!cidr) {
      at.at('ipBlock.cidr').invalid('must be a valid CIDR');
      return;
    }
    arr(p.ipBlock.except).forEach((x: unknown, j: number) => {
      const ex = parseCIDR(str(x));
      const inside = ex && ex.bits.length === cidr.bits.length && ex.length > cidr.length && ex.bits.startsWith(cidr.bits.slice(0, cidr.length));
      if (!inside) at.at('ipBlock.except').at(j).invalid('must be a strict subset of `cidr`');
    });
  });
}

export function checkNetworkPolicy(np: any, e: Errors): void {
  const spec = map(np.spec);
  checkSelector(e.at('spec.podSelector'), spec.podSelector);
  arr(spec.ingress).forEach((r: any, i: number) => {
    policyPorts(e.at('spec.ingress').at(i), r?.ports);
    peers(e.at('spec.ingress').at(i).at('from'), r?.from);
  });
  arr(spec.egress).forEach((r: any, i: number) => {
    policyPorts(e.at('spec.egress').at(i), r?.ports);
    peers(e.at('spec.egress').at(i).at('to'), r?.to);
  });
  const types = arr(spec.policyTypes);
  types.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') e.at('spec.policyTypes').at(i).unsupported(['Ingress', 'Egress']);
  });
  if (types.length > 2) e.at('spec.policyTypes').invalid('may not specify more than two policyTypes');
}
