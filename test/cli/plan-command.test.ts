import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { execute } from '../../src/cli/main';
import { DaemonPlanner, NodeInventory } from '../../src/plan';

const root = join(__dirname, '..', '..');
const fixtures = join(root, 'test', 'plan', 'fixtures');
const NODES = join(fixtures, 'sample-16.json');
const ds = (name: string) => join(fixtures, 'real-world', 'daemonsets', name);
const dir = mkdtempSync(join(tmpdir(), 'plan-cli-'));

/** A DaemonSet that tolerates everything, selects Linux and avoids virtual nodes: no problem on sample-16. */
const CLEAN = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: clean, namespace: kube-system}
spec:
  selector: {matchLabels: {app: clean}}
  template:
    metadata: {labels: {app: clean}}
    spec:
      nodeSelector: {kubernetes.io/os: linux}
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms: [{matchExpressions: [{key: type, operator: NotIn, values: [virtual-kubelet]}]}]
      tolerations: [{operator: Exists}]
      containers: [{name: main, image: example.com/clean:1, resources: {requests: {cpu: 10m, memory: 16Mi}}}]
`;
const cleanFile = join(dir, 'clean.yaml');
writeFileSync(cleanFile, CLEAN);

/** Exactly one line on stderr, in the CLI's error format, with no stack trace. */
function expectOneLineError(stderr: string, pattern: RegExp): void {
  expect(stderr.endsWith('\n')).toBe(true);
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr.trimEnd()).toMatch(pattern);
}

describe('cdk8s-daemons plan (in process)', () => {
  test('text by default', () => {
    const r = execute(['plan', '--nodes', NODES, ds('ds-node-exporter.yaml')]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Plan: 1 DaemonSet on 16 nodes/);
    expect(r.stdout).toContain('monitoring/node-exporter  15');
  });

  test('--format json is the report of the API', () => {
    const r = execute(['plan', '--nodes', NODES, '--format', 'json', ds('ds-node-exporter.yaml'), ds('ds-aws-node.yaml')]);
    const expected = new DaemonPlanner(NodeInventory.fromFile(NODES)).addFile(ds('ds-node-exporter.yaml')).addFile(ds('ds-aws-node.yaml')).plan();
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  test('--format html, written with --out', () => {
    const out = join(dir, 'plan.html');
    const r = execute(['plan', '--nodes', NODES, '--format=html', '--out', out, cleanFile]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`wrote ${out}: 1 DaemonSets on 16 nodes, 0 errors, 0 warnings\n`);
    expect(readFileSync(out, 'utf-8')).toMatch(/^<!DOCTYPE html>/);
  });

  test('a directory stands for its YAML and JSON files', () => {
    const manifests = join(dir, 'manifests');
    mkdirSync(manifests);
    writeFileSync(join(manifests, 'a.yaml'), CLEAN);
    writeFileSync(join(manifests, 'b.json'), JSON.stringify({ kind: 'List', items: [] }));
    writeFileSync(join(manifests, 'notes.txt'), 'not a manifest');
    const r = execute(['plan', '--nodes', NODES, '--format', 'json', manifests]);
    expect(JSON.parse(r.stdout).daemonSets.map((d: any) => d.source)).toEqual([join(manifests, 'a.yaml')]);
  });

  describe('--fail-on', () => {
    test('problems: exit 1 when there is any problem, with a line on stderr', () => {
      const r = execute(['plan', '--nodes', NODES, '--fail-on', 'problems', ds('ds-fluent-bit.yaml')]);
      expect(r.exitCode).toBe(1);
      expect(r.stdout).toContain('Problems (2)');
      expect(r.stderr).toBe('cdk8s-daemons: plan: --fail-on problems: 1 DaemonSets on 16 nodes, 0 errors, 2 warnings\n');
    });

    test('errors: warnings alone pass', () => {
      expect(execute(['plan', '--nodes', NODES, '--fail-on', 'errors', ds('ds-fluent-bit.yaml')]).exitCode).toBe(0);
      expect(execute(['plan', '--nodes', NODES, '--fail-on', 'errors', ds('ds-gke-nvidia-driver-installer.yaml')]).exitCode).toBe(1);
    });

    test('a clean plan passes; without --fail-on problems never fail', () => {
      expect(execute(['plan', '--nodes', NODES, '--fail-on', 'problems', cleanFile]).exitCode).toBe(0);
      expect(execute(['plan', '--nodes', NODES, ds('ds-gke-nvidia-driver-installer.yaml')]).exitCode).toBe(0);
    });
  });

  describe('bad input: one line naming the file and the path, exit 2', () => {
    const bad = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };

    test.each([
      ['malformed JSON nodes', () => ['--nodes', bad('nodes.json', '{"items": [\n  {"metadata": }\n]}'), cleanFile], /^cdk8s-daemons: .*nodes\.json: line 2, column 16: malformed JSON: .+$/],
      ['a manifest as the inventory', () => ['--nodes', ds('ds-aws-node.yaml'), cleanFile],
        /^cdk8s-daemons: .*ds-aws-node\.yaml: \$\.kind: expected a NodeList, a List of Nodes or a Node \(kubectl get nodes -o json\), found kind "DaemonSet" \(line 3\)$/],
      ['a node without labels', () => ['--nodes', bad('nolabels.json', JSON.stringify({ kind: 'List', items: [{ metadata: { name: 'a' } }] })), cleanFile],
        /^cdk8s-daemons: .*nolabels\.json: \$\.items\[0\]\.metadata: node "a" has no labels/],
      ['an unknown field in a manifest', () => ['--nodes', NODES, bad('typo.yaml', CLEAN.replace('tolerations: [{operator: Exists}]', 'tolerations: [{operator: Exists, efect: NoSchedule}]'))],
        /^cdk8s-daemons: .*typo\.yaml: \$\.spec\.template\.spec\.tolerations\[0\]\.efect: unknown field "efect" in a toleration \(line 14\)$/],
      ['malformed YAML', () => ['--nodes', NODES, bad('broken.yaml', 'kind: DaemonSet\nspec: [a\n')], /^cdk8s-daemons: .*broken\.yaml: line \d+, column \d+: malformed YAML: .+$/],
      ['a missing manifest', () => ['--nodes', NODES, join(dir, 'missing.yaml')], /^cdk8s-daemons: .*missing\.yaml: \$: no such file$/],
      ['no --nodes', () => [cleanFile], /^cdk8s-daemons: plan: --nodes FILE is required/],
      ['no manifest', () => ['--nodes', NODES], /^cdk8s-daemons: plan: no manifest FILE given/],
      ['a bad --format', () => ['--nodes', NODES, '--format', 'pdf', cleanFile], /^cdk8s-daemons: plan: --format must be one of text, json, html, not "pdf"$/],
      ['a bad --fail-on', () => ['--nodes', NODES, '--fail-on', 'always', cleanFile], /^cdk8s-daemons: plan: --fail-on takes never, errors, problems, pending, preempts \(comma-separated\), not "always"$/],
      ['an unknown option', () => ['--nodes', NODES, '--colour', cleanFile], /^cdk8s-daemons: plan: Unknown option '--colour'/],
    ])('%s', (_, args, pattern) => {
      const r = execute(['plan', ...args()]);
      expect(r.exitCode).toBe(2);
      expect(r.stdout).toBe('');
      expectOneLineError(r.stderr, pattern);
    });
  });

  test('help and unknown commands', () => {
    expect(execute(['plan', '--help'])).toMatchObject({ exitCode: 0, stdout: expect.stringContaining('usage: cdk8s-daemons plan --nodes') });
    expect(execute(['--help'])).toMatchObject({ exitCode: 0, stdout: expect.stringContaining('plan      predict') });
    expect(execute([])).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('usage: cdk8s-daemons <command>') });
    const unknown = execute(['deploy']);
    expect(unknown.exitCode).toBe(2);
    expectOneLineError(unknown.stderr, /^cdk8s-daemons: unknown command "deploy" \(commands: diff, plan, validate\)$/);
  });
});

describe('bin/cdk8s-daemons as a real process', () => {
  const bin = join(root, 'bin', 'cdk8s-daemons');
  const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf-8', timeout: 120_000 });

  test('plans, prints and exits 0', () => {
    const r = run('plan', '--nodes', NODES, '--format', 'json', ds('ds-kube-proxy-eks.yaml'));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).daemonSets[0]).toMatchObject({ id: 'kube-system/kube-proxy', desiredNumberScheduled: 15 });
  }, 120_000);

  test('bad input: exit 2 and one line, no stack trace', () => {
    const r = run('plan', '--nodes', ds('ds-aws-node.yaml'), cleanFile);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expectOneLineError(r.stderr, /^cdk8s-daemons: .*ds-aws-node\.yaml: \$\.kind: expected a NodeList/);
  }, 120_000);

  test('the --fail-on gate sets the exit code of the process', () => {
    expect(run('plan', '--nodes', NODES, '--fail-on', 'problems', ds('ds-gke-nvidia-driver-installer.yaml')).status).toBe(1);
  }, 120_000);
});
