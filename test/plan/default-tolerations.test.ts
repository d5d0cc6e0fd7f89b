import { daemon, daemonSet, inventoryOf, node, planOf } from './helpers';
import { ExistingPods } from '../../src/plan/report';

// DSU AddOrUpdateDaemonPodTolerations: what the controller adds to every daemon pod (kubernetes-rules.md §5).
const DEFAULTS: Array<[string, string]> = [
  ['node.kubernetes.io/not-ready', 'NoExecute'],
  ['node.kubernetes.io/unreachable', 'NoExecute'],
  ['node.kubernetes.io/disk-pressure', 'NoSchedule'],
  ['node.kubernetes.io/memory-pressure', 'NoSchedule'],
  ['node.kubernetes.io/pid-pressure', 'NoSchedule'],
  ['node.kubernetes.io/unschedulable', 'NoSchedule'],
];

function runsOn(taint: { key: string; value?: string; effect: string }, pod: Record<string, any> = {}) {
  const report = planOf(inventoryOf(node('tainted', { taints: [taint] })), daemonSet('agent', pod));
  return daemon(report, 'agent');
}

describe('default tolerations', () => {
  test.each(DEFAULTS)('%s:%s is tolerated without any toleration in the template', (key, effect) => {
    expect(runsOn({ key, effect }).nodeNames).toEqual(['tainted']);
  });

  test.each(DEFAULTS)('%s:%s is tolerated whatever its value', (key, effect) => {
    expect(runsOn({ key, value: 'anything', effect }).nodeNames).toEqual(['tainted']);
  });

  test('the defaults are for their own effect only: not-ready:NoSchedule keeps new pods away (running ones stay)', () => {
    const d = runsOn({ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' });
    expect(d.nodeNames).toEqual([]);
    expect(d.skips[0]).toMatchObject({ detail: 'taint node.kubernetes.io/not-ready:NoSchedule', existingPods: ExistingPods.KEPT_MISSCHEDULED });
  });

  test('memory-pressure with NoExecute is not a default toleration: the pod is evicted', () => {
    const d = runsOn({ key: 'node.kubernetes.io/memory-pressure', effect: 'NoExecute' });
    expect(d.skips[0]).toMatchObject({ detail: 'taint node.kubernetes.io/memory-pressure:NoExecute', existingPods: ExistingPods.EVICTED });
  });

  describe('network-unavailable', () => {
    const taint = { key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' };

    test('is tolerated for hostNetwork pods (a CNI agent must start before the network is up)', () => {
      expect(runsOn(taint, { hostNetwork: true }).nodeNames).toEqual(['tainted']);
    });

    test('is not tolerated for pod-network pods', () => {
      expect(runsOn(taint).skips[0].detail).toBe('taint node.kubernetes.io/network-unavailable:NoSchedule');
      expect(runsOn(taint, { hostNetwork: false }).nodeNames).toEqual([]);
    });
  });

  test('a cordoned node (spec.unschedulable and its taint) runs daemon pods', () => {
    const inv = inventoryOf(node('cordoned', { unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] }));
    expect(daemon(planOf(inv, daemonSet('agent')), 'agent').nodeNames).toEqual(['cordoned']);
  });

  test('spec.unschedulable alone is never read by the controller', () => {
    expect(daemon(planOf(inventoryOf(node('cordoned', { unschedulable: true })), daemonSet('agent')), 'agent').nodeNames).toEqual(['cordoned']);
  });

  test('PreferNoSchedule never keeps a daemon away', () => {
    expect(runsOn({ key: 'soft', effect: 'PreferNoSchedule' }).nodeNames).toEqual(['tainted']);
  });

  test('tolerationSeconds plays no part in placement: a NoExecute taint tolerated for 300s still counts as tolerated', () => {
    const d = runsOn({ key: 'dedicated', value: 'x', effect: 'NoExecute' },
      { tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }] });
    expect(d.nodeNames).toEqual(['tainted']);
  });

  describe('toleration matching (ToleratesTaint)', () => {
    const taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };
    test.each([
      [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }, true],
      [{ key: 'dedicated', value: 'gpu' }, true], // empty operator means Equal, empty effect means every effect
      [{ key: 'dedicated', operator: 'Equal', value: 'cpu' }, false],
      [{ key: 'dedicated', operator: 'Exists' }, true],
      [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }, false],
      [{ key: 'other', operator: 'Exists' }, false],
      [{ operator: 'Exists' }, true],
      [{ operator: 'Exists', effect: 'NoSchedule' }, true],
      [{ key: 'dedicated', operator: 'Gt', value: 'gpu' }, false],
    ])('%j tolerates dedicated=gpu:NoSchedule: %s', (toleration, expected) => {
      expect(runsOn(taint, { tolerations: [toleration] }).nodeNames.length === 1).toBe(expected);
    });
  });
});
