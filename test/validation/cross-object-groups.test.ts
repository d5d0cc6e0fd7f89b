import { XO001, XO002 } from '../../src/validation/cross-object-rules';

// Cross-object findings grow with the number of groups, not with the number of pairs: N DaemonSets that
// share selector labels (or one host port) give one finding that lists them.

const ds = (name: string, selector: Record<string, string>, pod: any = {}, namespace = 'kube-system') => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name, namespace },
  spec: { selector: { matchLabels: selector }, template: { metadata: { labels: selector }, spec: { containers: [{ name: 'c', image: 'x:1' }], ...pod } } },
});

describe('XO001 groups', () => {
  test('1,000 DaemonSets with one selector give one finding listing the other 999', () => {
    const objects = Array.from({ length: 1000 }, (_, i) => ds(`d${i}`, { app: 'shared' }));
    const found = XO001.check(objects);
    expect(found).toHaveLength(1);
    expect(found[0].object).toBe(0);
    expect(found[0].others).toHaveLength(999);
    expect(found[0].problem).toMatch(/^selector overlaps with 999 other workloads: DaemonSet kube-system\/d1, .* and 979 more$/);
  });

  test('two separate groups give two findings; distinct selectors sharing a label give none', () => {
    const objects = [
      ds('a1', { app: 'a' }), ds('b1', { app: 'b' }), ds('a2', { app: 'a' }), ds('b2', { app: 'b' }),
      ...Array.from({ length: 50 }, (_, i) => ds(`t${i}`, { team: 'x', app: `t${i}` })),
    ];
    const found = XO001.check(objects);
    expect(found.map(f => [f.object, f.others])).toEqual([[0, [2]], [1, [3]]]);
  });

  test('a broad selector joins the group of every template it matches', () => {
    const broad = { ...ds('all', { team: 'x' }), spec: { selector: { matchLabels: { team: 'x' } }, template: { metadata: { labels: { team: 'x', app: 'all' } }, spec: {} } } };
    const found = XO001.check([ds('t1', { team: 'x', app: 't1' }), ds('t2', { team: 'x', app: 't2' }), broad]);
    expect(found).toEqual([expect.objectContaining({ object: 0, others: [1, 2] })]);
  });

  test('5,000 DaemonSets, shared and distinct selectors, are checked in well under a second', () => {
    const objects = Array.from({ length: 5000 }, (_, i) => ds(`d${i}`, i % 2 ? { app: 'shared' } : { team: 'x', app: `d${i}` }));
    const start = Date.now();
    const found = XO001.check(objects);
    expect(Date.now() - start).toBeLessThan(5000); // generous for a shared machine: pairs would take minutes
    expect(found).toHaveLength(1);
    expect(found[0].others).toHaveLength(2499);
  });
});

describe('XO002 groups', () => {
  const withPort = (name: string, nodeSelector?: Record<string, string>) =>
    ds(name, { app: name }, { containers: [{ name: 'c', image: 'x:1', ports: [{ containerPort: 9100, hostPort: 9100 }] }], nodeSelector });

  test('N DaemonSets binding one host port give one finding listing the others', () => {
    const found = XO002.check(Array.from({ length: 300 }, (_, i) => withPort(`p${i}`)));
    expect(found).toHaveLength(1);
    expect(found[0]).toEqual(expect.objectContaining({ object: 1, others: expect.arrayContaining([0, 299]) }));
    expect(found[0].others).toHaveLength(299);
    expect(found[0].problem).toMatch(/^host port TCP\/\/9100 is also bound by 299 other DaemonSets: DaemonSet kube-system\/p0, /);
  });

  test('node selectors that keep two pools apart split them into two groups', () => {
    const found = XO002.check([withPort('a1', { pool: 'a' }), withPort('b1', { pool: 'b' }), withPort('a2', { pool: 'a' }), withPort('b2', { pool: 'b' })]);
    expect(found.map(f => [f.object, f.others])).toEqual([[2, [0]], [3, [1]]]);
  });
});
