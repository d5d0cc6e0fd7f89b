import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { stringify } from 'yaml';
import { daemon, daemonSet, inventoryOf, node, clusterPod, podList } from './helpers';
import { Random } from './random-cluster';
import { DaemonPlanner } from '../../src/plan';
import { streamListItems } from '../../src/plan/list-stream';

// Reading `kubectl get pods -A -o json` as a stream: the same items as JSON.parse, whatever the chunk size,
// and malformed files named with their line and column.
const dir = mkdtempSync(join(tmpdir(), 'plan-pods-'));
let n = 0;
function file(text: string, name = `pods-${n++}.json`): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
const read = (path: string, chunk?: number) => {
  const items: unknown[] = [];
  const header = streamListItems(path, item => items.push(item), chunk);
  return { items, header };
};

/** A random JSON value with the awkward parts: escaped quotes and backslashes, brackets in strings, unicode, nesting. */
function randomValue(r: Random, depth: number): unknown {
  const kind = depth > 3 ? r.int(0, 3) : r.int(0, 6);
  switch (kind) {
    case 0: return r.pick(['', 'a"b', 'back\\slash\\', '}]{[', 'ünï©ødé 日本', '\\"', '\u2028']);
    case 1: return r.pick([0, -1.5e3, 12345678901, 0.25]);
    case 2: return r.pick([true, false, null]);
    case 3: return `s${r.int(0, 99)}`;
    case 4: return Array.from({ length: r.int(0, 4) }, () => randomValue(r, depth + 1));
    default: return Object.fromEntries(Array.from({ length: r.int(0, 4) }, (_, i) => [r.pick(['k', 'x"y', '{', `f${i}`]) + i, randomValue(r, depth + 1)]));
  }
}

describe('the pod list stream', () => {
  test('yields exactly what JSON.parse yields, for random lists, indentations and chunk sizes (300 cases)', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const r = new Random(seed);
      const items = Array.from({ length: r.int(0, 6) }, () => ({ kind: 'Pod', v: randomValue(r, 0) }));
      const list = r.chance(0.5) ? { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } } : { kind: 'PodList', items };
      const text = (r.chance(0.2) ? '\uFEFF' : '') + JSON.stringify(list, null, r.pick([0, 2, 4, '\t']));
      const { items: got, header } = read(file(text), r.pick([1, 2, 3, 5, 17, 4096]));
      expect([seed, got]).toEqual([seed, items]);
      expect(header.kind).toBe(list.kind);
    }
  });

  test('a top-level array is read as the items', () => {
    expect(read(file('[{"a":1},{"b":[2]}]'), 3).items).toEqual([{ a: 1 }, { b: [2] }]);
  });

  test.each([
    ['{"items": [{"a": 1},]}', 'line 1, column 21: malformed JSON: Unexpected token \']\''],
    ['{"items": [{"a": }]}', 'line 1, column 18: malformed JSON'],
    ['{\n  "kind": Lis,\n  "items": []}', 'line 2, column 11: malformed JSON'],
    ['{"items": [1]}', 'line 1, column 12: $.items[0]: must be an object'],
    ['{"items": [{"a": 1}]', 'line 1, column 21: malformed JSON: Unexpected end of JSON input'],
    ['{"items": []} {}', 'line 1, column 15: malformed JSON: Unexpected non-whitespace character after JSON'],
    ['', '$: the file is empty'],
    ['"pods"', 'line 1, column 1: not a pod list'],
  ])('%j: one line naming the file, line and column', (text, message) => {
    const path = file(text);
    expect(() => read(path, 4)).toThrow(`${path}: ${message}`);
  });

  test('a missing file', () => {
    expect(() => read(join(dir, 'nope.json'))).toThrow(`${join(dir, 'nope.json')}: $: no such file`);
  });
});

describe('pods files through the planner', () => {
  const inv = () => inventoryOf(node('w1', { allocatable: { cpu: '2', memory: '4Gi', pods: '10' } }));
  const agent = daemonSet('agent', { containers: [{ name: 'm', image: 'x', resources: { requests: { cpu: '1' } } }] });
  const planWith = (path: string) => new DaemonPlanner(inv()).addText(JSON.stringify(agent), 'agent.json').addPodsFile(path).plan();

  test('kubectl JSON (items before kind, managedFields and all) and kubectl YAML give the same plan', () => {
    const pods = [clusterPod('web', { node: 'w1', cpu: '1500m' }), clusterPod('done', { node: 'w1', cpu: '2', phase: 'Succeeded' })];
    const json = planWith(file(podList(...pods)));
    const yaml = planWith(file(stringify({ apiVersion: 'v1', items: pods, kind: 'List' }), 'pods.yaml'));
    expect(daemon(json, 'agent').fit.pending.map(p => p.reason)).toEqual(['Insufficient cpu']);
    expect(yaml.daemonSets).toEqual(json.daemonSets.map(d => d));
    expect(json.pods).toMatchObject({ counted: 1, terminated: 1 });
  });

  test.each([
    [{ kind: 'NodeList', items: [] }, '$.kind: expected a List or PodList of pods (kubectl get pods -A -o json), found kind "NodeList"'],
    [{ kind: 'List', items: [{ kind: 'Node', metadata: { name: 'x' } }] }, '$.items[0].kind: expected a Pod, found kind "Node"'],
    [{ kind: 'List', items: [clusterPod('p', { node: 'w1', cpu: 'lots' })] }, '$.items[0].spec.containers[0].resources.requests.cpu: "lots" is not a resource quantity'],
    [{ kind: 'List', items: [{ ...clusterPod('p'), metadata: { namespace: 'a' } }] }, '$.items[0].metadata.name: is required'],
    [{ kind: 'List', items: [{ ...clusterPod('p', { node: 'w1' }), spec: { nodeName: 'w1', priority: 'high' } }] }, '$.items[0].spec.priority: must be an integer, not "high"'],
  ])('bad pods: one line naming the file and the path (%#)', (list, message) => {
    const path = file(JSON.stringify(list));
    expect(() => planWith(path)).toThrow(`${path}: ${message}`);
  });
});
