import { strictSchemaErrors } from './strict-schema';

// The check every synthesized object goes through must itself catch what it is there for.
test('the strict-schema check reports unknown fields, wrong types and unknown kinds', () => {
  const ds = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'x' },
    spec: { selector: { matchLabels: { a: 'b' } }, template: { spec: { containers: [{ name: 'c', image: 'i:1', volumes: [] }] } }, minReadySeconds: 'x' },
  };
  expect(strictSchemaErrors([ds])).toEqual([
    'DaemonSet x (object 0): spec.minReadySeconds must be an integer',
    'DaemonSet x (object 0): spec.template.spec.containers[0].volumes unknown field "volumes"',
  ]);
  expect(strictSchemaErrors([{ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }])).toEqual(['Widget w (object 0): no strict schema for example.com/v1 Widget']);
  expect(strictSchemaErrors([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' } }])).toEqual([]);
});
