import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { execute } from '../../src/cli/main';

// `cdk8s-daemons validate` over any manifests: this library's output, a Helm chart render, broken input.

const repo = join(__dirname, '..', '..');
let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'validate-cli-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('cdk8s-daemons validate', () => {
  test('the committed example manifests pass: their suppressions travel as annotations', () => {
    const { exitCode, stdout } = execute(['validate', join(repo, 'manifests')]);
    expect(stdout).toMatch(/^23 objects, 0 errors, 0 warnings, 9 suppressed$/m);
    expect(exitCode).toBe(0);
  });

  test('a Helm chart default render fails with one line per finding, naming file, object, severity, rule and path', () => {
    const { exitCode, stdout } = execute(['validate', join(repo, 'test', 'fixtures', 'helm', 'node-exporter-chart-default.yaml')]);
    expect(exitCode).toBe(1);
    expect(stdout).toMatch(/node-exporter-chart-default\.yaml: DaemonSet prometheus-node-exporter: error XO006 spec\.template\.spec\.serviceAccountName: ServiceAccount "prometheus-node-exporter" is not in the app/);
    expect(stdout).toMatch(/node-exporter-chart-default\.yaml: DaemonSet prometheus-node-exporter: warning SEC004 spec\.template\.spec\.hostPID: hostPID shares/);
    expect(stdout).toMatch(/^1 objects, 1 errors, 12 warnings, 0 suppressed$/m);
    // Errors are listed before warnings.
    expect(stdout.indexOf(' error ')).toBeLessThan(stdout.indexOf(' warning '));
  });

  test('warnings alone pass; --strict makes them errors', () => {
    const ds = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: kube-system}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: agent, image: "example.com/agent:1.0.0"}]
`;
    const path = file('warn.yaml', ds);
    const lenient = execute(['validate', path]);
    expect(lenient.stdout).toMatch(/: warning SEC007 /);
    expect(lenient.stdout).toMatch(/^1 objects, 0 errors, [1-9][0-9]* warnings, 0 suppressed$/m);
    expect(lenient.exitCode).toBe(0);
    const strict = execute(['validate', '--strict', path]);
    expect(strict.stdout).toMatch(/: error SEC007 /);
    expect(strict.stdout).toMatch(/^1 objects, [1-9][0-9]* errors, 0 warnings, 0 suppressed$/m);
    expect(strict.exitCode).toBe(1);
  });

  test('JSON output for scripts', () => {
    const { exitCode, stdout } = execute(['validate', '--format', 'json', join(repo, 'test', 'fixtures', 'helm', 'fluent-bit-chart-default.yaml')]);
    const report = JSON.parse(stdout);
    expect(exitCode).toBe(1);
    expect(report.objects).toBe(1);
    expect(report.findings.map((f: any) => f.ruleId)).toContain('SEC010');
    expect(report.findings[0]).toEqual(expect.objectContaining({ kind: 'DaemonSet', name: 'fluent-bit' }));
  });

  test('--no-best-practices keeps only the schema, API-server and cross-object rules', () => {
    const { stdout } = execute(['validate', '--no-best-practices', join(repo, 'test', 'fixtures', 'helm', 'node-exporter-chart-default.yaml')]);
    expect(stdout).not.toMatch(/ (SEC|BP)[0-9]{3} /);
    expect(stdout).toMatch(/XO006/);
  });

  test('an annotation suppresses a rule on one object', () => {
    const ds = `apiVersion: v1
kind: ConfigMap
metadata:
  name: c
  annotations:
    daemons.cdk8s.io/suppress-XO006: fine
data: {a: b}
`;
    const { exitCode, stdout } = execute(['validate', file('cm.yaml', ds)]);
    expect(stdout).toMatch(/^1 objects, 0 errors, 0 warnings, 0 suppressed$/m);
    expect(exitCode).toBe(0);
  });

  test.each([
    ['malformed YAML', 'bad.yaml', 'a: [1\n', /^cdk8s-daemons: .*bad\.yaml: line 2, column 1: malformed YAML/],
    ['a document that is no object', 'list.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n- 1\n- 2\n', /list\.yaml: documents\[1\]: document 1 is not a Kubernetes object/],
    ['a document without kind', 'nokind.yaml', 'apiVersion: v1\nmetadata: {name: a}\n', /nokind\.yaml: \$: document 0 has no kind/],
    ['a missing file', 'missing.yaml', undefined, /missing\.yaml: \$: no such file/],
  ])('%s: one line naming the file and the document, exit 2', (_title, name, text, pattern) => {
    const path = text === undefined ? join(dir, name) : file(name, text);
    const { exitCode, stderr, stdout } = execute(['validate', path]);
    expect(exitCode).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(pattern);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  test('an apiVersion the API server no longer serves is a finding, and the object is checked as the served version', () => {
    const { exitCode, stdout } = execute(['validate', '--no-best-practices', file('old.yaml', 'apiVersion: apps/v1beta2\nkind: DaemonSet\nmetadata: {name: x}\nspec: {}\n')]);
    expect(exitCode).toBe(1);
    expect(stdout).toMatch(/old\.yaml: DaemonSet x: error SCHEMA apiVersion: Kubernetes 1\.28 serves no DaemonSet in apps\/v1beta2: the API server refuses the object\. Valid: apiVersion: apps\/v1/);
    expect(stdout).toMatch(/old\.yaml: DaemonSet x: error SCHEMA spec\.selector: Required value/);
  });

  test('a custom resource passes without a schema', () => {
    const { exitCode } = execute(['validate', file('sm.yaml', 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: m}\nspec: {}\n')]);
    expect(exitCode).toBe(0);
  });

  test('runs as a real process with the same exit code', () => {
    const result = spawnSync(join(repo, 'bin', 'cdk8s-daemons'), ['validate', join(repo, 'test', 'fixtures', 'helm', 'fluent-bit-chart-default.yaml')], { encoding: 'utf-8' });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^1 objects, 2 errors, 11 warnings, 0 suppressed$/m);
  }, 60_000);
});
