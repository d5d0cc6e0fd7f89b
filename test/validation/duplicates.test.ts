import { App, Chart, Testing } from 'cdk8s';
import { Exposure, NodeDaemon, Priority, RbacRules } from '../../src';
import { XO007 } from '../../src/validation/cross-object-rules';
import { HARDENED } from '../support/hardened';

// Class 9: two objects with one group, kind, namespace and name anywhere in the app. The API server keeps
// one of them, so the other daemon silently loses its object (its permissions, for a ClusterRole).

function synthApp(build: (app: App) => void): () => void {
  const app = Testing.app();
  build(app);
  return () => app.synth();
}

describe('duplicate objects in an app', () => {
  test('two daemons with one name in one chart: every duplicate is an error naming both construct paths', () => {
    const synth = synthApp(app => {
      const chart = new Chart(app, 'agents', { namespace: 'kube-system' });
      new NodeDaemon(chart, 'one', { ...HARDENED, name: 'agent', exposure: Exposure.localService({ port: 8080 }) });
      new NodeDaemon(chart, 'two', { ...HARDENED, name: 'agent', exposure: Exposure.localService({ port: 8080 }) });
    });
    expect(synth).toThrow(/agents\/two\/Resource \(DaemonSet agent\) metadata\.name: DaemonSet "agent" is defined 2 times: .*\(also at agents\/one\/Resource\) \(rule XO007\)/);
    expect(synth).toThrow(/agents\/two\/Service \(Service agent\) metadata\.name: Service "agent" is defined 2 times.*\(also at agents\/one\/Service\)/);
  });

  test('two daemons with one name in two charts of one namespace', () => {
    const synth = synthApp(app => {
      new NodeDaemon(new Chart(app, 'a', { namespace: 'monitoring' }), 'x', { ...HARDENED, name: 'agent' });
      new NodeDaemon(new Chart(app, 'b', { namespace: 'monitoring' }), 'y', { ...HARDENED, name: 'agent' });
    });
    expect(synth).toThrow(/b\/y\/Resource \(DaemonSet agent\) metadata\.name: DaemonSet "agent" is defined 2 times.*\(also at a\/x\/Resource\)/);
  });

  test('one name in two namespaces: the library gives the cluster-scoped objects namespaced names, so nothing clashes', () => {
    const app = Testing.app();
    const build = (ns: string) => new NodeDaemon(new Chart(app, ns, { namespace: ns }), 'agent', {
      ...HARDENED,
      name: 'agent',
      rbac: [RbacRules.readOnly('pods')],
      priority: Priority.create({ value: 1000 }),
    });
    build('team-a');
    build('team-b');
    expect(() => app.synth()).not.toThrow();
    const objects = app.charts.flatMap(c => c.toJson());
    const names = (kind: string) => objects.filter(o => o.kind === kind).map(o => o.metadata.name).sort();
    expect(names('ClusterRole')).toEqual(['team-a-agent', 'team-b-agent']);
    expect(names('ClusterRoleBinding')).toEqual(['team-a-agent', 'team-b-agent']);
    expect(names('PriorityClass')).toEqual(['team-a-agent', 'team-b-agent']);
    const binding = objects.find(o => o.kind === 'ClusterRoleBinding' && o.metadata.name === 'team-b-agent');
    expect(binding.roleRef.name).toBe('team-b-agent');
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'agent', namespace: 'team-b' }]);
    // The pods point at their own namespace's class.
    const ds = objects.find(o => o.kind === 'DaemonSet' && o.metadata.namespace === 'team-a');
    expect(ds.spec.template.spec.priorityClassName).toBe('team-a-agent');
  });

  test('a PriorityClass the user names keeps its name, and two of them clash across namespaces', () => {
    const synth = synthApp(app => {
      for (const ns of ['team-a', 'team-b']) {
        new NodeDaemon(new Chart(app, ns, { namespace: ns }), 'agent', { ...HARDENED, name: 'agent', priority: Priority.create({ name: 'agents', value: 1000 }) });
      }
    });
    expect(synth).toThrow(/team-b\/agent\/PriorityClass \(PriorityClass agents\) metadata\.name: PriorityClass "agents" is defined 2 times \(cluster-scoped: the namespace does not tell them apart\).*\(also at team-a\/agent\/PriorityClass\)/);
  });
});

describe('XO007 on plain objects', () => {
  const obj = (apiVersion: string, kind: string, name: string, namespace?: string) => ({ apiVersion, kind, metadata: { name, namespace } });

  test('the same name in another kind, group or namespace is no duplicate', () => {
    expect(XO007.check([
      obj('v1', 'ConfigMap', 'a', 'x'), obj('v1', 'Secret', 'a', 'x'), obj('v1', 'ConfigMap', 'a', 'y'),
      obj('apps/v1', 'DaemonSet', 'a', 'x'), obj('example.com/v1', 'DaemonSet', 'a', 'x'),
    ])).toEqual([]);
  });

  test('the version does not tell two objects apart, and three copies give one finding listing the other two', () => {
    const found = XO007.check([obj('apps/v1', 'DaemonSet', 'a', 'x'), obj('v1', 'ConfigMap', 'b'), obj('apps/v1beta2', 'DaemonSet', 'a', 'x'), obj('apps/v1', 'DaemonSet', 'a', 'x')]);
    expect(found).toEqual([expect.objectContaining({ ruleId: 'XO007', object: 2, others: [0, 3], problem: expect.stringContaining('is defined 3 times') })]);
  });

  test('cluster-scoped kinds clash across namespaces', () => {
    expect(XO007.check([obj('rbac.authorization.k8s.io/v1', 'ClusterRole', 'r', 'a'), obj('rbac.authorization.k8s.io/v1', 'ClusterRole', 'r', 'b')])).toHaveLength(1);
  });
});
