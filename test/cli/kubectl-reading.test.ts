import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { execute } from '../../src/cli/main';

// The CLIs read files as kubectl reads them (YAML 1.1 scalars, merge keys, typed lists), refuse what
// kubectl would fail on with one line naming the file and the path (exit 2), and `validate` and `plan`
// agree on the same documents.

const repo = join(__dirname, '..', '..');
const NODES = join(repo, 'test', 'plan', 'fixtures', 'sample-16.json');
let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'kubectl-reading-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** A DaemonSet in block YAML with `nodeSelector` entries spliced in as written. */
function daemonSet(name: string, nodeSelector: string, extra = ''): string {
  return `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ${name}
  namespace: kube-system
spec:
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      nodeSelector:
${nodeSelector}
      tolerations:
      - operator: Exists
      containers:
      - name: main
        image: example.com/${name}:1.0
${extra}`;
}

function expectOneLineError(result: { exitCode: number; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(result.exitCode).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(result.stderr.trimEnd()).toMatch(pattern);
}

describe('YAML 1.1 scalars: validate and plan agree', () => {
  test('`gpu: yes` in a nodeSelector is a boolean to kubectl: a type error for validate, and plan refuses to place it', () => {
    const path = file('gpu-yes.yaml', daemonSet('gpu-agent', '        gpu: yes'));
    const validate = execute(['validate', '--no-best-practices', path]);
    expect(validate.exitCode).toBe(1);
    expect(validate.stdout).toMatch(/gpu-yes\.yaml: DaemonSet gpu-agent: error SCHEMA spec\.template\.spec\.nodeSelector\.gpu: must be a string/);
    expectOneLineError(execute(['plan', '--nodes', NODES, path]), /gpu-yes\.yaml: \$\.spec\.template\.spec\.nodeSelector\.gpu: must be a string, not true/);
  });

  test('quoted, the same document passes validate and plan places it', () => {
    const path = file('gpu-quoted.yaml', daemonSet('gpu-agent', '        gpu: "yes"'));
    expect(execute(['validate', '--no-best-practices', path]).stdout).not.toMatch(/nodeSelector/);
    const plan = execute(['plan', '--nodes', NODES, '--format', 'json', path]);
    expect(plan.exitCode).toBe(0);
    expect(JSON.parse(plan.stdout).daemonSets[0].id).toBe('kube-system/gpu-agent');
  });

  test('`on`, `n` and `off` values are booleans too; a label value `0644` is the number 420', () => {
    const path = file('flags.yaml', daemonSet('flags', '        feature: on\n        tier: "n"\n        rack: 0644'));
    const validate = execute(['validate', '--no-best-practices', '--format', 'json', path]);
    const paths = JSON.parse(validate.stdout).findings.filter((f: any) => f.ruleId === 'SCHEMA').map((f: any) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['spec.template.spec.nodeSelector.feature', 'spec.template.spec.nodeSelector.rack']));
    expect(paths).not.toContain('spec.template.spec.nodeSelector.tier');
  });

  test('octal defaultMode 0644 is 420, inside 0..0777: both commands accept it', () => {
    const extra = '        volumeMounts:\n        - {name: cfg, mountPath: /etc/cfg}\n      volumes:\n      - name: cfg\n        configMap:\n          name: cfg\n          defaultMode: 0644\n';
    const path = file('mode.yaml', daemonSet('mode', '        kubernetes.io/os: linux', extra));
    const validate = execute(['validate', '--no-best-practices', '--format', 'json', path]);
    expect(JSON.parse(validate.stdout).findings.filter((f: any) => /defaultMode/.test(f.path))).toEqual([]);
    expect(execute(['plan', '--nodes', NODES, path]).exitCode).toBe(0);
  });

  test('merge keys: shared labels through `<<: *anchor` are read by both commands', () => {
    const text = daemonSet('merged', '        <<: *pool\n        kubernetes.io/os: linux').replace('metadata:\n  name: merged', 'metadata:\n  name: merged\n  labels: &pool\n    example.com/pool: general');
    const path = file('merged.yaml', text);
    const plan = JSON.parse(execute(['plan', '--nodes', NODES, '--format', 'json', path]).stdout);
    const daemon = plan.daemonSets[0];
    expect(daemon.id).toBe('kube-system/merged');
    const validate = execute(['validate', '--no-best-practices', '--format', 'json', path]);
    expect(JSON.parse(validate.stdout).findings.filter((f: any) => f.ruleId === 'SCHEMA')).toEqual([]);
    // The merged selector decides placement: only general-pool Linux nodes.
    const other = JSON.parse(execute(['plan', '--nodes', NODES, '--format', 'json', file('unmerged.yaml', daemonSet('merged', '        kubernetes.io/os: linux'))]).stdout);
    expect(daemon.nodeNames.length).toBeGreaterThan(0);
    expect(daemon.nodeNames.length).toBeLessThan(other.daemonSets[0].nodeNames.length);
  });
});

describe('bytes and numbers kubectl cannot send: exit 2 naming the file and where', () => {
  test('invalid UTF-8 is refused at its byte offset, not replaced', () => {
    const prefix = Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: é}\ndata: {k: "');
    const path = file('latin1.yaml', Buffer.concat([prefix, Buffer.from([0xff, 0xfe]), Buffer.from('"}\n')]));
    const at = new RegExp(`latin1\\.yaml: byte ${prefix.length}: not valid UTF-8 \\(byte 0xff\\)`);
    expectOneLineError(execute(['validate', path]), at);
    expectOneLineError(execute(['plan', '--nodes', NODES, path]), at);
    expectOneLineError(execute(['plan', '--nodes', path, path]), at);
  });

  const deepBlock = (depth: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n${Array.from({ length: depth }, (_, i) => `${' '.repeat(i + 1)}k:`).join('\n')} x\n`;
  test.each([
    ['deep-flow.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {a: ${'['.repeat(10_000)}${']'.repeat(10_000)}}\n`, /deep-flow\.yaml: line 4, column \d+: malformed YAML: nesting too deep to read/],
    ['deep-block.yaml', deepBlock(10_000), /deep-block\.yaml: \$\.data(\.k)+: nesting deeper than 1000 levels/],
    ['deep.json', `{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}, "data": {"a": ${'['.repeat(10_000)}${']'.repeat(10_000)}}}`, /deep\.json: \$\.data\.a(\[0\])+: nesting deeper than 1000 levels/],
    ['inf.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  terminationGracePeriodSeconds: .inf\n', /inf\.yaml: \$\.spec\.terminationGracePeriodSeconds: \.inf is a float JSON cannot hold/],
    ['nan.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  priority: .nan\n', /nan\.yaml: \$\.spec\.priority: \.nan is a float JSON cannot hold/],
    ['big.yaml', daemonSet('big', '        a: b', '        resources:\n          requests:\n            cpu: 1e999999999\n'), /big\.yaml: \$\.spec\.template\.spec\.containers\[0\]\.resources\.requests\.cpu: the number 1e999999999 is too large for a float64/],
    ['tiny.yaml', daemonSet('tiny', '        a: b', '        resources:\n          requests:\n            memory: 1e-999999999\n'), /tiny\.yaml: \$\.spec\.template\.spec\.containers\[0\]\.resources\.requests\.memory: the number 1e-999999999 is too small for a float64/],
    ['big.json', '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}, "data": {"n": 1e999999999}}', /big\.json: \$\.data\.n: a number too large for a float64/],
    ['tiny.json', '{"apiVersion": "v1", "kind": "ConfigMap",\n "metadata": {"name": "a"}, "data": {"n": 1e-999999999}}', /tiny\.json: line 2, column 43: the number 1e-999999999 is too small/],
  ])('%s: within a second, for validate and plan', (name, text, pattern) => {
    const path = file(name, text);
    for (const argv of [['validate', path], ['plan', '--nodes', NODES, path]]) {
      const start = Date.now();
      expectOneLineError(execute(argv), pattern);
      expect(Date.now() - start).toBeLessThan(2000); // a second, with room for a busy machine
    }
  });

  test('a quoted huge quantity is a finding for validate and a one-line error for plan, at once', () => {
    const path = file('quoted-big.yaml', daemonSet('qbig', '        a: b', '        resources:\n          requests:\n            cpu: "1e999999999"\n'));
    const start = Date.now();
    const validate = execute(['validate', '--no-best-practices', path]);
    expect(validate.exitCode).toBe(1);
    expect(validate.stdout).toMatch(/resources\.requests\["cpu"\]: quantities must match/);
    expectOneLineError(execute(['plan', '--nodes', NODES, path]), /quoted-big\.yaml: \$\.spec\.template\.spec\.containers\[0\]\.resources\.requests\.cpu: /);
    expect(Date.now() - start).toBeLessThan(2000);
  });
});

describe('what validate reads', () => {
  test('typed lists are flattened and their items checked (items without kind take the list\'s)', () => {
    const list = { apiVersion: 'v1', kind: 'ConfigMapList', items: [{ metadata: { name: 'a' }, data: { k: 'v' } }, { metadata: { name: 'b' }, data: { k: 1 } }] };
    const r = execute(['validate', '--no-best-practices', file('cms.json', JSON.stringify(list))]);
    expect(r.stdout).toMatch(/cms\.json \$\.items\[1\]: ConfigMap b: error SCHEMA data\.k: must be a string/);
    expect(r.stdout).toMatch(/^2 objects, /m);
  });

  test('a DaemonSetList is planned item by item', () => {
    const items = [0, 1].map(i => ({ metadata: { name: `d${i}`, namespace: 'kube-system' }, spec: { selector: { matchLabels: { app: `d${i}` } }, template: { metadata: { labels: { app: `d${i}` } }, spec: { containers: [{ name: 'c', image: 'x:1' }] } } } }));
    const path = file('dsl.json', JSON.stringify({ apiVersion: 'apps/v1', kind: 'DaemonSetList', items }));
    const plan = JSON.parse(execute(['plan', '--nodes', NODES, '--format', 'json', path]).stdout);
    expect(plan.daemonSets.map((d: any) => d.id)).toEqual(['kube-system/d0', 'kube-system/d1']);
    expect(execute(['validate', '--no-best-practices', path]).stdout).toMatch(/^2 objects, /m);
  });

  test('the seed\'s extensions/v1beta1 random-refresher: the apiVersion is a finding, and the object is still checked as apps/v1', () => {
    const seed = readFileSync(join(repo, 'test', 'seeds', 'fixtures', 'random-refresher.yaml'), 'utf-8').replace('apiVersion: apps/v1', 'apiVersion: extensions/v1beta1');
    const r = execute(['validate', '--format', 'json', file('random-refresher.yaml', seed)]);
    expect(r.exitCode).toBe(1);
    const findings = JSON.parse(r.stdout).findings;
    expect(findings[0]).toEqual(expect.objectContaining({ ruleId: 'SCHEMA', path: 'apiVersion', problem: 'Kubernetes 1.28 serves no DaemonSet in extensions/v1beta1: the API server refuses the object', valid: 'apiVersion: apps/v1 (the object is checked against it below)' }));
    // The defects of the object itself are named in the same run (the whole /dev of the node, read-write).
    expect(findings.map((f: any) => f.ruleId)).toContain('SEC010');
    expect(findings.length).toBeGreaterThan(2);
  });

  test('duplicate objects across the input files are reported, naming the other file', () => {
    const cm = (data: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared\n  namespace: x\ndata:\n  k: ${data}\n`;
    const a = file('dup-a.yaml', cm('a'));
    const b = file('dup-b.yaml', cm('b'));
    const r = execute(['validate', a, b]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain(`${b}: ConfigMap shared: error XO007 metadata.name: ConfigMap "shared" is defined 2 times: the API server keeps one object, so one definition silently replaces the others (also in ${a})`);
  });
});

describe('standard input and --out', () => {
  const bin = join(repo, 'bin', 'cdk8s-daemons');

  test('`-` reads the manifests from standard input', () => {
    const r = spawnSync(bin, ['validate', '--no-best-practices', '-'], { input: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: yes}\n', encoding: 'utf-8' });
    expect(r.stdout).toMatch(/^<stdin>: ConfigMap a: error SCHEMA data\.k: must be a string/m);
    expect(r.status).toBe(1);
    const plan = spawnSync(bin, ['plan', '--nodes', NODES, '-'], { input: daemonSet('from-stdin', '        kubernetes.io/os: linux'), encoding: 'utf-8' });
    expect(plan.status).toBe(0);
    expect(plan.stdout).toMatch(/kube-system\/from-stdin/);
  }, 60_000);

  test('--out refuses to overwrite one of the input files', () => {
    const manifest = file('keep.yaml', daemonSet('keep', '        kubernetes.io/os: linux'));
    const before = readFileSync(manifest, 'utf-8');
    const nodesCopy = file('nodes-copy.json', readFileSync(NODES, 'utf-8'));
    for (const out of [manifest, join(dir, '.', 'keep.yaml'), nodesCopy]) {
      expectOneLineError(execute(['plan', '--nodes', nodesCopy, '--out', out, dir]), /plan: --out .* is one of the input files: refusing to overwrite it/);
    }
    expect(readFileSync(manifest, 'utf-8')).toBe(before);
  });
});
