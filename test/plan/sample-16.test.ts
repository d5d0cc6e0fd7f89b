import { daemon, daemonSet, planOf, SAMPLE_16, skipsOf } from './helpers';
import { NodeInventory } from '../../src/plan';
import { ExistingPods, SkipReason } from '../../src/plan/report';

// Hand-checked against ../shared/nodes/sample-16.json (vendored in fixtures/):
//  0 control-plane (taint node-role.kubernetes.io/control-plane:NoSchedule, feature=hw-rng)
//  1-8 general (2, 3 feature=hw-rng; 7 NotReady: not-ready:NoExecute AND not-ready:NoSchedule)
//  9 arm64   10 gpu (nvidia.com/gpu=present:NoSchedule, hw-rng)   11 spot, cordoned (lifecycle=spot:NoSchedule,
//  unschedulable:NoSchedule, hw-rng)   12 ingress (dedicated=ingress:NoExecute)   13 windows (os=windows:NoSchedule)
//  14 virtual-kubelet (virtual-kubelet.io/provider=azure:NoSchedule)   15 small (t3.small)
const inventory = NodeInventory.fromFile(SAMPLE_16);
const n = (i: number) => inventory.nodeNames[i];
const names = (...idx: number[]) => idx.map(n);

describe('sample-16: a daemon with no tolerations and no selector', () => {
  const plain = daemon(planOf(inventory, daemonSet('plain')), 'plain');

  test('runs on the untainted nodes only', () => {
    expect(plain.desiredNumberScheduled).toBe(9);
    expect(plain.nodeNames).toEqual(names(1, 2, 3, 4, 5, 6, 8, 9, 15));
  });

  test('names each untolerated taint as key=value:Effect', () => {
    expect(skipsOf(plain)).toEqual({
      'taint node-role.kubernetes.io/control-plane:NoSchedule': names(0),
      'taint node.kubernetes.io/not-ready:NoSchedule': names(7),
      'taint nvidia.com/gpu=present:NoSchedule': names(10),
      'taint node.kubernetes.io/lifecycle=spot:NoSchedule': names(11),
      'taint dedicated=ingress:NoExecute': names(12),
      'taint os=windows:NoSchedule': names(13),
      'taint virtual-kubelet.io/provider=azure:NoSchedule': names(14),
    });
    expect(plain.skips.every(s => s.reason === SkipReason.TAINT)).toBe(true);
  });

  test('NoSchedule-only exclusions keep running pods (misscheduled); NoExecute evicts them', () => {
    const fate = Object.fromEntries(plain.skips.map(s => [s.detail, s.existingPods]));
    expect(fate['taint dedicated=ingress:NoExecute']).toBe(ExistingPods.EVICTED);
    expect(fate['taint nvidia.com/gpu=present:NoSchedule']).toBe(ExistingPods.KEPT_MISSCHEDULED);
    expect(plain.misscheduledNodeCount).toBe(6);
    expect(plain.evictedNodeCount).toBe(1);
  });

  test('the NotReady node: not-ready:NoExecute is tolerated by default, not-ready:NoSchedule is not', () => {
    expect(plain.nodeNames).not.toContain(n(7));
    expect(skipsOf(plain)['taint node.kubernetes.io/not-ready:NoSchedule']).toEqual([n(7)]);
  });
});

describe('sample-16: every skip reason', () => {
  test('nodeSelector: the failing key=value, and the controller deletes existing pods', () => {
    const ds = daemon(planOf(inventory, daemonSet('rng', {
      nodeSelector: { feature: 'hw-rng' },
      tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }],
    })), 'rng');
    expect(ds.nodeNames).toEqual(names(0, 2, 3));
    const bySelector = ds.skips.find(s => s.reason === SkipReason.NODE_SELECTOR)!;
    expect(bySelector.detail).toBe('nodeSelector feature=hw-rng');
    expect(bySelector.existingPods).toBe(ExistingPods.DELETED);
    expect(bySelector.nodeNames).toEqual(names(1, 4, 5, 6, 7, 8, 9, 12, 13, 14, 15));
    expect(skipsOf(ds)['taint nvidia.com/gpu=present:NoSchedule']).toEqual(names(10));
    expect(skipsOf(ds)['taint node.kubernetes.io/lifecycle=spot:NoSchedule']).toEqual(names(11));
  });

  test('affinity term: the failing expression', () => {
    const ds = daemon(planOf(inventory, daemonSet('arm-only', {
      tolerations: [{ operator: 'Exists' }],
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['arm64'] }] }] } } },
    })), 'arm-only');
    expect(ds.nodeNames).toEqual(names(9));
    expect(ds.skips).toHaveLength(1);
    expect(ds.skips[0]).toMatchObject({ reason: SkipReason.NODE_AFFINITY, detail: 'nodeAffinity kubernetes.io/arch In [arm64]', existingPods: ExistingPods.DELETED });
    expect(ds.skips[0].nodeNames).toHaveLength(15);
  });

  test('nodeName: a template pinned to one node', () => {
    const ds = daemon(planOf(inventory, daemonSet('pinned', { nodeName: n(5) })), 'pinned');
    expect(ds.nodeNames).toEqual([n(5)]);
    expect(ds.skips).toEqual([{
      reason: SkipReason.NODE_NAME,
      detail: `nodeName ${n(5)}`,
      existingPods: ExistingPods.DELETED,
      nodeNames: inventory.nodeNames.filter(x => x !== n(5)),
    }]);
  });

  test('tolerating everything (operator Exists, no key) runs on all 16 nodes, the cordoned one included', () => {
    const ds = daemon(planOf(inventory, daemonSet('all', { tolerations: [{ operator: 'Exists' }] })), 'all');
    expect(ds.desiredNumberScheduled).toBe(16);
    expect(ds.skips).toEqual([]);
  });

  test('Exists:NoSchedule only (flannel): every node but the NoExecute-tainted one, whose pod is evicted', () => {
    const ds = daemon(planOf(inventory, daemonSet('flannel', { tolerations: [{ operator: 'Exists', effect: 'NoSchedule' }] })), 'flannel');
    expect(ds.desiredNumberScheduled).toBe(15);
    expect(ds.skips).toEqual([{ reason: SkipReason.TAINT, detail: 'taint dedicated=ingress:NoExecute', existingPods: ExistingPods.EVICTED, nodeNames: [n(12)] }]);
  });

  test('a cordoned node runs daemons: unschedulable:NoSchedule is a default toleration', () => {
    const ds = daemon(planOf(inventory, daemonSet('spot', { tolerations: [{ key: 'node.kubernetes.io/lifecycle', operator: 'Equal', value: 'spot' }] })), 'spot');
    expect(ds.nodeNames).toContain(n(11));
  });
});
