import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { node } from './helpers';
import { DaemonPlanner, NodeInventory } from '../../src/plan';
import { PlanInputError } from '../../src/plan/input-error';

const dir = mkdtempSync(join(tmpdir(), 'plan-input-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
const list = (...items: any[]) => JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, 2);
const okNodes = () => NodeInventory.fromText(list(node('n1')), 'nodes.json');

/** The one-line message of the error `fn` throws (which must be a PlanInputError). */
function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(PlanInputError);
    expect((e as Error).message).not.toContain('\n');
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

describe('bad inventories: one line naming the file and the path in it', () => {
  test.each([
    ['malformed JSON', 'broken.json', '{"kind": "List",\n  "items": [\n    {"metadata": {"name": "a",}}\n  ]}',
      /broken\.json: line 3, column 31: malformed JSON: .+/],
    ['an unterminated string', 'string.json', '{"kind": "List", "items": [{"metadata": {"name": "a}]}', /string\.json: line 1, column 50: malformed JSON: unterminated string$/],
    ['a missing colon', 'colon.json', '{"kind" "List"}', /colon\.json: line 1, column 9: malformed JSON: expected ':' after a property name, found '"'$/],
    ['trailing text', 'trailing.json', '{"kind": "List", "items": []} x', /trailing\.json: line 1, column 31: malformed JSON: unexpected 'x' after the JSON value$/],
    ['a bare word', 'word.json', '{"kind": List}', /word\.json: line 1, column 10: malformed JSON: expected a value, found 'L'$/],
    ['malformed YAML', 'broken.yaml', 'kind: List\nitems: [a\n  - b: c\n', /broken\.yaml: line \d+, column \d+: malformed YAML: .+/],
    ['a file that is no node list', 'ds.json', JSON.stringify({ kind: 'DaemonSet', metadata: { name: 'x' } }),
      /ds\.json: \$\.kind: expected a NodeList, a List of Nodes or a Node \(kubectl get nodes -o json\), found kind "DaemonSet"$/],
    ['no kind and no items', 'values.yaml', 'replicas: 3\n', /values\.yaml: \$: not a node list: no "kind" and no "items"/],
    ['a node without labels', 'nolabels.json', list({ metadata: { name: 'n1' }, status: { allocatable: { cpu: '1' } } }),
      /nolabels\.json: \$\.items\[0\]\.metadata: node "n1" has no labels/],
    ['an unknown field', 'typo.yaml', 'kind: List\nitems:\n- metadata:\n    name: n1\n    labels: {a: b}\n  spec:\n    taints:\n    - key: x\n      efect: NoSchedule\n',
      /typo\.yaml: \$\.items\[0\]\.spec\.taints\[0\]\.efect: unknown field "efect" in a taint \(line 9\)$/],
    ['an unknown top-level field of a node', 'extra.json', list({ ...node('n1'), specs: {} }), /extra\.json: \$\.items\[0\]\.specs: unknown field "specs" in a Node$/],
    ['a bad taint effect', 'effect.json', list(node('n1', { taints: [{ key: 'k', effect: 'NoWay' }] })),
      /effect\.json: \$\.items\[0\]\.spec\.taints\[0\]\.effect: "NoWay" is not NoSchedule, PreferNoSchedule or NoExecute$/],
    ['a label that is no string', 'label.json', list({ ...node('n1'), metadata: { name: 'n1', labels: { cores: 8 } } }),
      /label\.json: \$\.items\[0\]\.metadata\.labels\.cores: must be a string, not 8$/],
    ['a bad allocatable quantity', 'alloc.json', list(node('n1', { allocatable: { cpu: 'four' } })),
      /alloc\.json: \$\.items\[0\]\.status\.allocatable\.cpu: "four" is not a resource quantity$/],
    ['no allocatable', 'noalloc.json', list({ ...node('n1'), status: {} }), /noalloc\.json: \$\.items\[0\]\.status: node "n1" has no status\.allocatable$/],
    ['a duplicate node', 'dup.json', list(node('n1'), node('n1')), /dup\.json: \$\.items\[1\]\.metadata\.name: node "n1" appears twice/],
    ['an empty list', 'empty.json', list(), /empty\.json: \$: the inventory holds no nodes$/],
    ['an empty file', 'blank.json', '  \n', /blank\.json: \$: the file is empty$/],
  ])('%s', (_, name, text, expected) => {
    expect(errorOf(() => NodeInventory.fromFile(file(name, text)))).toMatch(expected);
  });

  test('a missing file', () => {
    expect(errorOf(() => NodeInventory.fromFile(join(dir, 'nope.json')))).toBe(`${join(dir, 'nope.json')}: $: no such file`);
  });
});

describe('bad manifests', () => {
  const ds = (pod: string) => 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\n'
    + `spec:\n  template:\n    spec:\n${pod}`;

  test.each([
    ['a toleration typo', '      containers: [{name: a, image: b}]\n      tolerations:\n      - key: a\n        operater: Exists\n',
      /ds\.yaml: documents\[1\]\.spec\.template\.spec\.tolerations\[0\]\.operater: unknown field "operater" in a toleration \(line 14\)$/],
    ['a pod spec typo', '      containers: [{name: a, image: b}]\n      nodeSelecter: {a: b}\n',
      /documents\[1\]\.spec\.template\.spec\.nodeSelecter: unknown field "nodeSelecter" in a pod spec \(line 12\)$/],
    ['a bad quantity', '      containers: [{name: a, image: b, resources: {requests: {memory: 1GB}}}]\n',
      /documents\[1\]\.spec\.template\.spec\.containers\[0\]\.resources\.requests\.memory: "1GB" is not a resource quantity \(line 11\)$/],
    ['a port that is no number', '      containers: [{name: a, image: b, ports: [{containerPort: http}]}]\n',
      /containers\[0\]\.ports\[0\]\.containerPort: must be an integer >= 0, not "http"/],
    ['tolerations that are no list', '      containers: [{name: a, image: b}]\n      tolerations: {key: a}\n',
      /documents\[1\]\.spec\.template\.spec\.tolerations: must be a list, not an object \(line 12\)$/],
  ])('%s', (_, pod, expected) => {
    const path = file('ds.yaml', ds(pod));
    expect(errorOf(() => new DaemonPlanner(okNodes()).addFile(path))).toMatch(expected);
  });

  test('a DaemonSet without a pod template', () => {
    expect(errorOf(() => new DaemonPlanner(okNodes()).addText(JSON.stringify({ kind: 'DaemonSet', metadata: { name: 'x' }, spec: {} }), 'x.json')))
      .toBe('x.json: $.spec.template: a pod template is required');
  });
});

describe('inventory forms kubectl and the API print', () => {
  test('a NodeList, a List, a list without kind, a bare Node, YAML with several documents', () => {
    const n1 = node('n1');
    const n2 = node('n2');
    expect(NodeInventory.fromText(JSON.stringify({ kind: 'NodeList', items: [n1, n2] })).nodeNames).toEqual(['n1', 'n2']);
    expect(NodeInventory.fromText(JSON.stringify({ metadata: {}, items: [n1] })).nodeNames).toEqual(['n1']);
    expect(NodeInventory.fromText(JSON.stringify(n1)).nodeNames).toEqual(['n1']);
    const yaml = 'apiVersion: v1\nkind: Node\nmetadata: {name: n1, labels: {a: b}}\nstatus: {allocatable: {cpu: "1", pods: "10"}}\n'
      + '---\napiVersion: v1\nkind: Node\nmetadata: {name: n2, labels: {a: b}}\nstatus: {capacity: {cpu: "1", pods: "10"}}\n';
    expect(NodeInventory.fromText(yaml, 'nodes.yaml').nodeNames).toEqual(['n1', 'n2']);
  });
});
