import { readFileSync } from 'fs';
import { join } from 'path';
import { identityOf, isClusterScoped } from '../../src/diff/object-identity';

// The cluster-scoped kinds are a list in the code; the Kubernetes 1.28 OpenAPI spec says which kinds
// have no namespaced path: the two must agree.
describe('object identity', () => {
  const spec = JSON.parse(readFileSync(join(__dirname, '..', '..', 'schemas', 'openapi-1.28.0.json'), 'utf-8'));
  const namespaced = new Set<string>();
  const all = new Set<string>();
  for (const [path, item] of Object.entries<any>(spec.paths)) {
    for (const op of Object.values<any>(item)) {
      const gvk = op?.['x-kubernetes-group-version-kind'];
      if (!gvk) continue;
      const key = `${gvk.group}/${gvk.kind}`;
      if (op['x-kubernetes-action'] === 'post') all.add(key); // kinds that are objects: they can be created
      if (path.includes('/namespaces/{namespace}/')) namespaced.add(key);
    }
  }
  const clusterScoped = [...all].filter(k => !namespaced.has(k));

  test('every kind the 1.28 API serves only at cluster scope is cluster-scoped here, and no namespaced kind is', () => {
    expect(clusterScoped.length).toBeGreaterThan(20);
    for (const k of clusterScoped) expect([k, isClusterScoped(k.slice(0, k.lastIndexOf('/')), k.slice(k.lastIndexOf('/') + 1))]).toEqual([k, true]);
    for (const k of namespaced) expect([k, isClusterScoped(k.slice(0, k.lastIndexOf('/')), k.slice(k.lastIndexOf('/') + 1))]).toEqual([k, false]);
  });

  test('the namespace of a cluster-scoped object is not part of its identity; a missing one is "default" otherwise', () => {
    expect(identityOf('rbac.authorization.k8s.io/v1', 'ClusterRole', 'r', 'kube-system')).toEqual({ group: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'r' });
    expect(identityOf('v1', 'ConfigMap', 'c', undefined)).toEqual({ group: '', kind: 'ConfigMap', namespace: 'default', name: 'c' });
    expect(identityOf('monitoring.coreos.com/v1', 'ServiceMonitor', 's', 'm')).toEqual({ group: 'monitoring.coreos.com', kind: 'ServiceMonitor', namespace: 'm', name: 's' });
  });

  test('kinds moved out of extensions are the same object in their new group', () => {
    expect(identityOf('extensions/v1beta1', 'DaemonSet', 'd', 'x')).toEqual(identityOf('apps/v1', 'DaemonSet', 'd', 'x'));
    expect(identityOf('extensions/v1beta1', 'Ingress', 'i', 'x')).toEqual(identityOf('networking.k8s.io/v1', 'Ingress', 'i', 'x'));
  });
});
