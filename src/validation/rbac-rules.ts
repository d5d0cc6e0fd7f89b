import { dns1123Subdomain, pathSegmentName } from './names';
import { ObjectRule, rule, ViolationSink } from './violation';

// RBAC objects (pkg/apis/rbac/validation: ValidateRole, ValidateClusterRole, ValidatePolicyRule,
// ValidateRoleBinding, ValidateClusterRoleBinding, ValidateRoleBindingSubject, ValidateRBACName).

const RBAC_GROUP = 'rbac.authorization.k8s.io';

function checkPolicyRules(sink: ViolationSink, obj: any): void {
  const namespaced = obj.kind === 'Role';
  (Array.isArray(obj.rules) ? obj.rules : []).forEach((r: any, i: number) => {
    const p = `rules[${i}]`;
    const len = (k: string) => (Array.isArray(r?.[k]) ? r[k].length : 0);
    if (len('verbs') === 0) sink.add(`${p}.verbs`, r?.verbs, 'Required value: verbs must contain at least one value', 'at least one verb, e.g. ["get", "list", "watch"]');
    if (len('nonResourceURLs') > 0) {
      if (namespaced) sink.add(`${p}.nonResourceURLs`, r.nonResourceURLs, 'namespaced rules cannot apply to non-resource URLs', 'nonResourceURLs only in a ClusterRole');
      if (len('apiGroups') > 0 || len('resources') > 0) sink.add(`${p}.nonResourceURLs`, r.nonResourceURLs, 'rules cannot apply to both regular resources and non-resource URLs', 'separate rules for resources and non-resource URLs');
      return;
    }
    if (len('apiGroups') === 0) sink.add(`${p}.apiGroups`, r?.apiGroups, 'Required value: resource rules must supply at least one api group', '[""] for the core group, or a group such as "apps"');
    if (len('resources') === 0) sink.add(`${p}.resources`, r?.resources, 'Required value: resource rules must supply at least one resource', 'at least one resource, e.g. ["pods"]');
  });
}

export const RBAC001 = rule('RBAC001', ['Role', 'ClusterRole'], 'rules have verbs, and apiGroups and resources (or, in a ClusterRole, only nonResourceURLs)',
  (obj, sink) => {
    if (obj.kind === 'ClusterRole' && obj.aggregationRule) return;
    checkPolicyRules(sink, obj);
  });

export const RBAC002 = rule('RBAC002', ['RoleBinding', 'ClusterRoleBinding'], 'roleRef names a Role or ClusterRole of rbac.authorization.k8s.io; subjects are ServiceAccounts (with a namespace), Users or Groups',
  (obj, sink) => {
    const ref = obj.roleRef ?? {};
    if (ref.apiGroup !== RBAC_GROUP) sink.add('roleRef.apiGroup', ref.apiGroup, 'Unsupported value', `"${RBAC_GROUP}"`);
    const kinds = obj.kind === 'RoleBinding' ? ['Role', 'ClusterRole'] : ['ClusterRole'];
    if (!kinds.includes(ref.kind)) sink.add('roleRef.kind', ref.kind, 'Unsupported value', kinds.map(k => `"${k}"`).join(', '));
    if (typeof ref.name !== 'string' || ref.name === '') sink.add('roleRef.name', ref.name, 'Required value', 'the name of the role');
    else sink.check('roleRef.name', ref.name, pathSegmentName(ref.name), "a name without '/' or '%'");
    (Array.isArray(obj.subjects) ? obj.subjects : []).forEach((s: any, i: number) => {
      const p = `subjects[${i}]`;
      if (typeof s?.name !== 'string' || s.name === '') sink.add(`${p}.name`, s?.name, 'Required value', 'the subject name');
      switch (s?.kind) {
        case 'ServiceAccount':
          if (typeof s.name === 'string' && s.name !== '') sink.check(`${p}.name`, s.name, dns1123Subdomain(s.name), 'a ServiceAccount name (DNS-1123 subdomain)');
          if (s.apiGroup !== undefined && s.apiGroup !== '') sink.add(`${p}.apiGroup`, s.apiGroup, 'Unsupported value', '"" for a ServiceAccount');
          if (obj.kind === 'ClusterRoleBinding' && (typeof s.namespace !== 'string' || s.namespace === '')) sink.add(`${p}.namespace`, s.namespace, 'Required value', "the ServiceAccount's namespace");
          break;
        case 'User':
        case 'Group':
          if (s.apiGroup !== RBAC_GROUP) sink.add(`${p}.apiGroup`, s.apiGroup, 'Unsupported value', `"${RBAC_GROUP}"`);
          break;
        default:
          sink.add(`${p}.kind`, s?.kind, 'Unsupported value', '"ServiceAccount", "User", "Group"');
      }
    });
  });

export const RBAC_RULES: ObjectRule[] = [RBAC001, RBAC002];
