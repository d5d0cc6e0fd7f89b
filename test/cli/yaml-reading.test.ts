import * as fc from 'fast-check';
import { stringify } from 'yaml';
import { loadText, parseYaml } from '../../src/plan/source-documents';
import { readBlockYaml } from '../../src/plan/yaml-block-reader';
import { resolvePlainScalar, UnreadableScalar } from '../../src/plan/yaml-scalars';

// Files are read as kubectl reads them: sigs.k8s.io/yaml decodes with go-yaml v2 (YAML 1.1 resolution of
// plain scalars, merge keys) and converts to JSON. The expected values below are go-yaml v2's resolve()
// (resolve.go: the bool/null/float tables, strconv.ParseInt(s, 0, 64) after removing `_`, the float
// pattern `^[-+]?[0-9]*\.?[0-9]+([eE][-+][0-9]+)?$` whose exponent needs a sign, no base 60, and
// timestamps kept as strings when decoding into interface{}).

const value = (yaml: string) => loadText(yaml, 'x.yaml')[0].value as any;

describe('plain scalars as go-yaml v2 resolves them', () => {
  test.each([
    ['yes', true], ['Yes', true], ['YES', true], ['y', true], ['Y', true], ['on', true], ['On', true], ['ON', true], ['true', true], ['True', true],
    ['no', false], ['No', false], ['n', false], ['N', false], ['off', false], ['OFF', false], ['false', false], ['FALSE', false],
    ['yEs', 'yEs'], ['oN', 'oN'],
    ['~', null], ['null', null], ['Null', null], ['NULL', null],
    ['0644', 420], ['0o17', 15], ['0x1F', 31], ['0b101', 5], ['-0b101', -5], ['1_000', 1000], ['+12', 12], ['-1', -1], ['0', 0],
    ['08', 8], ['1.5', 1.5], ['.5', 0.5], ['-1.5e+3', -1500], ['1e+5', 100000],
    ['1e5', '1e5'], ['1.', '1.'], ['1:30', '1:30'], ['190:20:30', '190:20:30'], ['2024-01-01', '2024-01-01'],
    ['2001-12-14t21:59:43.10-05:00', '2001-12-14t21:59:43.10-05:00'], ['0x', '0x'], ['1.2.3', '1.2.3'],
  ])('%s', (text, expected) => {
    expect(resolvePlainScalar(text)).toEqual(expected);
    expect(value(`a: ${text}\n`)).toEqual({ a: expected });
  });

  test.each([['.inf'], ['-.Inf'], ['+.INF'], ['.nan'], ['.NaN'], ['1e999999999'], ['1e+999999999'], ['1e-999999999'], ['-2.5e-400']])('%s is refused: kubectl fails on it or silently changes it', (text) => {
    expect(resolvePlainScalar(text)).toBeInstanceOf(UnreadableScalar);
    expect(() => value(`spec:\n  v: ${text}\n`)).toThrow(/^x\.yaml: \$\.spec\.v: /);
  });

  test('quoted scalars and tags stay strings', () => {
    expect(value('a: "yes"\nb: \'0644\'\nc: !!str on\nd: !!int "10"\n')).toEqual({ a: 'yes', b: '0644', c: 'on', d: 10 });
  });

  test('keys are resolved too, then written as JSON keys (kubectl sends `y: 1` as "true": 1)', () => {
    expect(value('y: 1\nn: 2\n1: 3\nname: 5\n')).toEqual({ true: 1, false: 2, 1: 3, name: 5 });
  });

  test('merge keys: the merged keys, overridden by later keys; of a list of maps the first wins', () => {
    const doc = 'base: &base {app: x, tier: web}\nother: &other {tier: db, zone: a}\nlabels:\n  <<: [*base, *other]\n  app: z\n';
    expect(value(doc).labels).toEqual({ app: 'z', tier: 'web', zone: 'a' });
  });

  test('aliases are expanded, and an alias bomb is refused with the path', () => {
    expect(value('a: &x [1, 2]\nb: *x\n')).toEqual({ a: [1, 2], b: [1, 2] });
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefghi'[i]}`).join(', ')}]`)].join('\n');
    const start = Date.now();
    expect(() => value(bomb)).toThrow(/x\.yaml: \$\.[a-i].*: more than 10000000 values after expanding aliases/);
    expect(Date.now() - start).toBeLessThan(2000);
  });
});

describe('the fast block reader gives what the general parser gives', () => {
  const key = fc.oneof(fc.constantFrom('a', 'name', 'kubernetes.io/os', 'y', 'on', 'yes', '1', '0644', 'a b', 'x:y', 'key with: colon', '#h', '-x', '"q"', ''), fc.string({ maxLength: 8 }));
  const scalar = fc.oneof(
    fc.constantFrom('yes', 'no', 'on', 'off', 'y', 'n', '0644', '08', '0x1F', '1e5', '1e+5', '1.', '.5', '1:30', '2024-01-01', '~', 'null', '', ' x', 'a #b', 'a: b', '- x', '"', '\'', '\\', 'é', 'a\nb', 'x\n\ny'),
    fc.string({ maxLength: 30 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null),
  );
  const tree = fc.letrec(tie => ({
    node: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('map')),
    list: fc.array(tie('node'), { maxLength: 4 }),
    map: fc.dictionary(key, tie('node'), { maxKeys: 5 }),
  })).map;

  test('on random documents written as kubectl and cdk8s write YAML (and with long lines folded)', () => {
    let read = 0;
    fc.assert(fc.property(tree, fc.constantFrom(0, 20), fc.boolean(), (doc, lineWidth, indentSeq) => {
      const text = stringify(doc, { version: '1.1', lineWidth, indentSeq });
      const fast = readBlockYaml(text);
      const general = parseYaml(text, 'x.yaml');
      if (fast !== undefined) {
        read++;
        expect(fast).toEqual(general);
      }
    }), { seed: 9, numRuns: 3000 });
    // The comparison means something only if the fast reader takes most documents.
    expect(read).toBeGreaterThan(1500);
  });

  test('the block style of kubectl get -o yaml is read by the fast reader', () => {
    const text = 'apiVersion: v1\nitems:\n- metadata:\n    name: n1 # a comment\n    labels:\n      kubernetes.io/os: linux\n      gpu: "yes"\n    annotations:\n      long: a plain value that goes on\n        over two lines\n  spec: {}\n  status:\n    allocatable:\n      cpu: 3920m\n      pods: \'58\'\nkind: List\n';
    const fast = readBlockYaml(text);
    expect(fast).toEqual([{ apiVersion: 'v1', kind: 'List', items: [{ metadata: { name: 'n1', labels: { 'kubernetes.io/os': 'linux', 'gpu': 'yes' }, annotations: { long: 'a plain value that goes on over two lines' } }, spec: {}, status: { allocatable: { cpu: '3920m', pods: '58' } } }] }]);
    expect(fast).toEqual(parseYaml(text, 'x.yaml'));
  });

  test('what it does not read (anchors, flow maps, block scalars, tabs) goes to the general parser', () => {
    for (const text of ['a: &x 1\nb: *x\n', 'a: {b: 1}\n', 'a: |\n  text\n', 'a:\tb\n', '%YAML 1.1\n---\na: 1\n', 'a: b\na: c\n']) {
      expect(readBlockYaml(text)).toBeUndefined();
    }
  });
});
