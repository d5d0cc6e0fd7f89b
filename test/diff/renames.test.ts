import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Chart } from 'cdk8s';
import { daemonSet, diff, edited, only, types } from './helpers';
import { ChangeType, ManifestDiff, NodeDaemon, RbacRules } from '../../src';
import { HARDENED } from '../support/hardened';

// update-rules.md sections 9 and 10: a new name or namespace is a different object; a pruned DaemonSet
// takes its pods off every node at once.

describe('renamed: a deleted and a created DaemonSet with the same pod spec', () => {
  test('a new name with the same selector: every node loses its pod at once; orphaning lets the new one adopt them', () => {
    const old = daemonSet('agent');
    const renamed = edited(old, d => {
      d.metadata.name = 'node-agent';
    });
    const d = diff([old], [renamed]);
    expect(types(d)).toEqual([ChangeType.DELETED, ChangeType.CREATED]);
    const [gone, made] = d.changes;
    expect(gone.name).toBe('agent');
    expect(gone.reason).toMatch(/^renamed to DaemonSet kube-system\/node-agent/);
    expect(gone.reason).toContain('every node loses its pod at once, not rolling');
    expect(gone.reason).toContain('kubectl delete daemonset agent -n kube-system --cascade=orphan');
    expect(gone.reason).toContain('adopts them');
    expect(made.name).toBe('node-agent');
    expect(made.reason).toMatch(/^renamed from DaemonSet kube-system\/agent/);
  });

  test('a new name with new labels (as cdk8s-daemons derives them from the name): the orphans would not be adopted', () => {
    const d = diff([daemonSet('agent')], [daemonSet('node-agent')]);
    expect(types(d)).toEqual([ChangeType.DELETED, ChangeType.CREATED]);
    expect(d.changes[0].reason).toContain('does not match their labels');
  });

  test('a namespace change is a rename too', () => {
    const d = diff([daemonSet('agent', 'kube-system')], [daemonSet('agent', 'monitoring')]);
    expect(types(d)).toEqual([ChangeType.DELETED, ChangeType.CREATED]);
    expect(d.changes[0].reason).toMatch(/^renamed to DaemonSet monitoring\/agent/);
  });

  test('accepted: extensions/v1beta1 -> apps/v1 is the same stored DaemonSet, not a rename', () => {
    const old = edited(daemonSet(), d => {
      d.apiVersion = 'extensions/v1beta1';
    });
    expect(diff([old], [daemonSet()]).changes).toEqual([]);
  });

  test('a namespaced object without a namespace is in "default"', () => {
    const bare = edited(daemonSet(), d => {
      delete d.metadata.namespace;
    });
    expect(diff([bare], [daemonSet('agent', 'default')]).changes).toEqual([]);
    expect(only(diff([bare], [edited(bare, d => {
      d.spec.template.spec.containers[0].image = 'example.com/agent:2';
    })])).namespace).toBe('default');
  });

  test('a different pod spec is no rename: one DaemonSet gone, another created', () => {
    const other = edited(daemonSet('node-agent'), d => {
      d.spec.template.spec.containers[0].image = 'example.com/other:1';
    });
    const d = diff([daemonSet('agent')], [other]);
    expect(types(d)).toEqual([ChangeType.DELETED, ChangeType.CREATED]);
    expect(d.changes[0].reason).toMatch(/^daemon gone/);
    expect(d.changes[1].reason).toMatch(/^new DaemonSet: starts a pod on every eligible node/);
  });
});

describe('deleted and created objects', () => {
  test('daemon gone: a pruned DaemonSet deletes its pods on every node', () => {
    const c = only(diff([daemonSet(), { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'agent', namespace: 'kube-system' } }],
      [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'agent', namespace: 'kube-system' } }]));
    expect(c.change).toBe(ChangeType.DELETED);
    expect(c.reason).toMatch(/^daemon gone: a pruning sync/);
    expect(c.reason).toContain('its pods are deleted on every node at once, not rolling');
    expect(c.paths).toEqual([]);
  });

  test('other kinds: deleted by a pruning sync; a Namespace takes everything in it', () => {
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'agents' } };
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'agents' } };
    const d = diff([ns, cm], []);
    expect(types(d)).toEqual([ChangeType.DELETED, ChangeType.DELETED]);
    expect(d.changes.map(c => c.kind)).toEqual(['ConfigMap', 'Namespace']);
    expect(d.changes[1].reason).toContain('deletes every object in it');
    expect(d.changes[1].namespace).toBeUndefined();
  });

  test('a created object, and the order: rejected, rollout, deleted, created, updated', () => {
    const pc = { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'p' }, value: 1 };
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'kube-system' }, data: { a: '1' } };
    const before = [pc, cm, daemonSet('a'), daemonSet('gone')];
    const after = [{ ...pc, value: 2 }, { ...cm, data: { a: '2' } }, edited(daemonSet('a'), d => {
      d.spec.template.spec.containers[0].image = 'example.com/agent:2';
    }), { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'new', namespace: 'kube-system' } }];
    const d = diff(before, after);
    expect(types(d)).toEqual([ChangeType.REJECTED, ChangeType.ROLLOUT, ChangeType.DELETED, ChangeType.CREATED, ChangeType.UPDATED]);
    expect(d.changes.map(c => c.name)).toEqual(['p', 'a', 'gone', 'new', 'c']);
    expect(d.changes[3].reason).toBe('new object.');
  });
});

describe('a rename made in code: NodeDaemon name "agent" -> "node-agent"', () => {
  // The library derives labels, the ServiceAccount and the selector from the name, so the pod specs
  // differ in the names they refer to: the containers and images are what is the same.
  function appWith(name: string, outdir?: string): App {
    const app = new App({ outdir });
    const chart = new Chart(app, 'agents', { namespace: 'kube-system' });
    new NodeDaemon(chart, 'daemon', { ...HARDENED, name, rbac: [RbacRules.readOnly('pods')] });
    return app;
  }

  test('the old DaemonSet is deleted as renamed, with every node losing its pod; its ServiceAccount and RBAC too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'diff-rename-'));
    appWith('agent', dir).synth();
    const d = ManifestDiff.appAgainstFiles(appWith('node-agent'), [dir]);
    const ds = d.changes.filter(c => c.kind === 'DaemonSet');
    expect(ds.map(c => [c.change, c.name])).toEqual([[ChangeType.DELETED, 'agent'], [ChangeType.CREATED, 'node-agent']]);
    expect(ds[0].reason).toMatch(/^renamed to DaemonSet kube-system\/node-agent \(same containers and images\): .*every node loses its pod at once/);
    expect(ds[0].reason).toContain('does not match their labels');
    expect(d.changesOfType(ChangeType.DELETED).map(c => c.kind)).toEqual(expect.arrayContaining(['ServiceAccount', 'ClusterRole', 'ClusterRoleBinding']));
    expect(d.changesOfType(ChangeType.REJECTED)).toEqual([]);
  });
});
