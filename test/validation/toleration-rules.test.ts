import { BP008 } from '../../src/validation/toleration-rules';

// The DaemonSet controller adds `{ key, operator: Exists, effect: NoExecute }` for not-ready and
// unreachable to every daemon pod, replacing a template toleration with the same key, operator, value and
// effect (AddOrUpdateTolerationInPodSpec matches on those four fields, not on tolerationSeconds).

function daemonSet(tolerations: any[], kind = 'DaemonSet'): any {
  return { apiVersion: 'apps/v1', kind, metadata: { name: 'a' }, spec: { template: { spec: { containers: [], tolerations } } } };
}

test.each([
  [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }, [300]],
  [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 0 }, [0]],
  // Not replaced: another operator, a value or another effect do not match the controller's toleration.
  [{ key: 'node.kubernetes.io/unreachable', operator: 'Equal', effect: 'NoExecute', tolerationSeconds: 300 }, []],
  [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', tolerationSeconds: 300 }, []],
  [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoSchedule' }, []],
  // Replaced, but nothing is lost: no tolerationSeconds.
  [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' }, []],
  [{ key: 'example.com/maintenance', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 600 }, []],
])('%j', (toleration, values) => {
  expect(BP008.check(daemonSet([toleration])).map(v => v.value)).toEqual(values);
});

test('names the toleration\'s path', () => {
  const found = BP008.check(daemonSet([{ operator: 'Exists' }, { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }]));
  expect(found.map(v => v.path)).toEqual(['spec.template.spec.tolerations[1].tolerationSeconds']);
});

test('applies only to DaemonSets (a Deployment\'s pods keep their tolerationSeconds)', () => {
  expect(BP008.kinds).toEqual(['DaemonSet']);
});
