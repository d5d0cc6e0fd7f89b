import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { daemonSet, edited, writeObjects, writeText } from './helpers';
import { execute } from '../../src/cli/main';

const old = writeObjects([daemonSet('agent'), daemonSet('gone'), { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'p' }, value: 10 }], 'old.json');
const next = writeObjects([
  edited(daemonSet('agent'), d => {
    d.spec.template.spec.containers[0].image = 'example.com/agent:2.0';
  }),
  { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'p' }, value: 20 },
], 'new.json');

/** Exactly one line on stderr, in the CLI's error format, with no stack trace. */
function expectOneLineError(stderr: string, pattern: RegExp): void {
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr.trimEnd()).toMatch(pattern);
}

describe('cdk8s-daemons diff', () => {
  test('text: one entry per change, the fields, the reason, and a summary line', () => {
    const result = execute(['diff', old, next]);
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('rejected  PriorityClass p');
    expect(lines[1]).toBe('          value');
    expect(lines[3]).toBe('rollout   DaemonSet kube-system/agent');
    expect(lines[6]).toBe('deleted   DaemonSet kube-system/gone');
    expect(lines.at(-1)).toBe('1 rejected, 1 rollout, 1 deleted, 0 created, 0 updated; 0 unchanged');
  });

  test('json: { changes: [{ group, kind, namespace, name, change, paths, reason }], unchanged }', () => {
    const out = JSON.parse(execute(['diff', '--format', 'json', old, next]).stdout);
    expect(Object.keys(out)).toEqual(['changes', 'unchanged']);
    expect(out.changes.map((c: any) => Object.keys(c).slice(0, 7))).toEqual(Array(3).fill(['group', 'kind', 'namespace', 'name', 'change', 'paths', 'reason']));
    expect(out.changes[0]).toMatchObject({ group: 'scheduling.k8s.io', kind: 'PriorityClass', namespace: null, name: 'p', change: 'rejected', paths: ['value'] });
    expect(out.changes[1]).toMatchObject({ group: 'apps', kind: 'DaemonSet', namespace: 'kube-system', name: 'agent', change: 'rollout', paths: ['spec.template.spec.containers[0].image'] });
    expect(out.changes[1].rollout).toEqual({ strategy: 'RollingUpdate', configChanged: false });
  });

  test('markdown: a summary, a caution for refused updates, a table and the reasons', () => {
    const md = execute(['diff', '--format', 'markdown', old, next]).stdout;
    expect(md).toMatch(/^### cdk8s-daemons diff\n\n\*\*1 rejected, 1 rollout, 1 deleted, 0 created, 0 updated; 0 unchanged\*\*\n/);
    expect(md).toContain('> [!CAUTION]\n> The API server refuses 1 of these updates');
    expect(md).toContain('| :no_entry: | rejected | `PriorityClass p` | `value` |');
    expect(md).toContain('- **rollout** `DaemonSet kube-system/agent`: pod template changed');
    expect(execute(['diff', '--format', 'markdown', old, old]).stdout).toContain('Applying the new manifests changes nothing.');
  });

  test('output is byte-identical on re-run', () => {
    for (const format of ['text', 'json', 'markdown']) {
      expect(execute(['diff', '--format', format, old, next]).stdout).toBe(execute(['diff', '--format', format, old, next]).stdout);
    }
  });

  test.each([
    [['rejected'], 1], [['rollout'], 1], [['deleted'], 1], [['never'], 0], [['rejected,deleted'], 1],
  ])('--fail-on %s', (failOn, exitCode) => {
    const result = execute(['diff', '--fail-on', failOn[0], old, next]);
    expect(result.exitCode).toBe(exitCode);
    if (exitCode) expect(result.stderr).toMatch(/^cdk8s-daemons: diff: --fail-on /);
  });

  test('--fail-on does not trip on change types it was not given', () => {
    const onlyRollout = writeObjects([edited(daemonSet('agent'), d => {
      d.spec.template.spec.containers[0].image = 'example.com/agent:2.0';
    })]);
    const agent = writeObjects([daemonSet('agent')]);
    expect(execute(['diff', '--fail-on', 'rejected,deleted', agent, onlyRollout]).exitCode).toBe(0);
    expect(execute(['diff', '--fail-on', 'rollout', agent, onlyRollout]).exitCode).toBe(1);
  });

  test('--help, and the command is listed', () => {
    const help = execute(['diff', '--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toMatch(/^usage: cdk8s-daemons diff \[options\] OLD NEW/);
    expect(execute(['--help']).stdout).toMatch(/\n {2}diff {6}what applying NEW over OLD does/);
  });

  test.each<[string, string[], RegExp]>([
    ['one path', ['diff', 'a.yaml'], /^cdk8s-daemons: diff: give exactly two paths, OLD and NEW/],
    ['a bad format', ['diff', '--format', 'html', 'a', 'b'], /^cdk8s-daemons: diff: --format must be one of text, json, markdown, not "html"$/],
    ['a bad gate', ['diff', '--fail-on', 'updated', 'a', 'b'], /^cdk8s-daemons: diff: --fail-on takes a comma-separated list of rejected, rollout, deleted/],
    ['an unknown option', ['diff', '--colour', 'a', 'b'], /^cdk8s-daemons: diff: Unknown option '--colour'/],
  ])('bad usage (%s): exit 2, one line', (_what, argv, pattern) => {
    const result = execute(argv);
    expect(result.exitCode).toBe(2);
    expectOneLineError(result.stderr, pattern);
  });

  test.each<[string, string, RegExp]>([
    ['malformed YAML', 'kind: DaemonSet\nmetadata: {name: x\n', /bad\.yaml: line \d+, column \d+: malformed YAML/],
    ['no kind', 'apiVersion: v1\nmetadata: {name: x}\n', /nokind\.yaml: \$\.kind: a Kubernetes object needs a kind/],
    ['no name, in the second document', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {namespace: x}\n', /noname\.yaml: documents\[1\]\.metadata\.name: a Kubernetes object needs a name \(line 7\)/],
    ['a scalar document', 'just text\n', /scalar\.yaml: \$: is not a Kubernetes object/],
    ['the same object twice', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: default}\n', /twice\.yaml: documents\[1\]: ConfigMap default\/a is defined twice \(also at \S+twice\.yaml documents\[0\]\)/],
  ])('bad input (%s): exit 2, the file and the path named', (_what, text, pattern) => {
    const name = String(pattern.source.match(/^(\w+)\\\./)![1]) + '.yaml';
    const file = writeText(text, name);
    const result = execute(['diff', file, old]);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expectOneLineError(result.stderr, new RegExp(`^cdk8s-daemons: \\S*${pattern.source}`));
  });

  test('a missing file or an empty directory: exit 2, named', () => {
    expectOneLineError(execute(['diff', '/nonexistent/old', old]).stderr, /^cdk8s-daemons: \/nonexistent\/old: \$: no such file$/);
    const empty = mkdtempSync(join(tmpdir(), 'diff-empty-'));
    expectOneLineError(execute(['diff', empty, old]).stderr, /the directory holds no \.yaml, \.yml or \.json file/);
  });

  test('a directory of several files is one manifest set', () => {
    const split = mkdtempSync(join(tmpdir(), 'diff-dir-'));
    const items = JSON.parse(readFileSync(old, 'utf-8')).items;
    writeFileSync(join(split, 'a.json'), JSON.stringify(items[0]));
    writeFileSync(join(split, 'b.yaml'), items.slice(1).map((o: object) => JSON.stringify(o)).join('\n---\n'));
    writeFileSync(join(split, 'notes.txt'), 'not a manifest');
    const result = execute(['diff', split, old]);
    expect(result.stdout.trimEnd()).toBe('0 rejected, 0 rollout, 0 deleted, 0 created, 0 updated; 3 unchanged');
  });
});

describe('cdk8s-daemons diff with standard input', () => {
  const bin = join(__dirname, '..', '..', 'bin', 'cdk8s-daemons');
  const nodes = join(__dirname, '..', '..', 'examples', 'nodes', 'sample-16.json');

  test('- as NEW is read once, also for the planner with --nodes', () => {
    const result = spawnSync(bin, ['diff', '--nodes', nodes, '--format', 'json', old, '-'], { input: readFileSync(next), encoding: 'utf-8' });
    expect(result.stderr).toBe('');
    const out = JSON.parse(result.stdout);
    expect(out.changes.map((c: any) => c.change)).toEqual(['rejected', 'rollout', 'deleted']);
    expect(out.changes[1].rollout.nodeCount).toBeGreaterThan(0);
  });

  test('- on both sides: exit 2, one line', () => {
    const result = spawnSync(bin, ['diff', '-', '-'], { input: '', encoding: 'utf-8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('cdk8s-daemons: <stdin>: $: standard input can be read once: give - as the old or the new manifests, not both\n');
  });
});
