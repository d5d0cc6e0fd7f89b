import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ApiObject, App, JsonPatch } from 'cdk8s';
import { synthExamples } from '../../examples/cluster-agents';
import { ChangeType, DaemonPlanner, DiffFormat, ManifestDiff, NodeInventory } from '../../src';
import { execute } from '../../src/cli/main';

// The repository's own committed manifests/ against a fresh (and a changed) synth of examples/: the
// pull-request check of the README, as a library call and as the command.
const root = join(__dirname, '..', '..');
const committed = join(root, 'manifests');
const sample16 = NodeInventory.fromFile(join(root, 'examples', 'nodes', 'sample-16.json'));

function daemonSetOf(app: App, name: string): ApiObject {
  const found = app.node.findAll().find(c => c instanceof ApiObject && c.kind === 'DaemonSet' && c.name === name);
  if (!found) throw new Error(`no DaemonSet ${name}`);
  return found as ApiObject;
}

/** The example app with one escape-hatch change to the fluent-bit DaemonSet. */
function changedApp(dir: string, ...patches: JsonPatch[]): App {
  const app = synthExamples(dir);
  daemonSetOf(app, 'fluent-bit').addJsonPatch(...patches);
  return app;
}

describe('committed manifests/ against the example app', () => {
  const dir = mkdtempSync(join(tmpdir(), 'diff-repo-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('a fresh synth: nothing changes, every committed object matched', () => {
    const diff = ManifestDiff.appAgainstFiles(synthExamples(dir), [committed]);
    expect(diff.changes).toEqual([]);
    const documents = readFileSync(join(committed, 'cluster-agents.k8s.yaml'), 'utf-8').split(/^---$/m).length;
    expect(diff.unchangedCount).toBe(documents);
    diff.assertNoRejected();
  });

  test('a new fluent-bit image: a rollout on the nodes fluent-bit runs on, in the planner\'s waves', () => {
    const image = String(daemonSetOf(synthExamples(dir), 'fluent-bit').toJson().spec.template.spec.containers[0].image);
    const app = changedApp(dir, JsonPatch.replace('/spec/template/spec/containers/0/image', `${image}-next`));
    const diff = ManifestDiff.appAgainstFiles(app, [committed], { nodes: sample16 });
    expect(diff.changes).toHaveLength(1);
    const c = diff.changes[0];
    expect(c).toMatchObject({ kind: 'DaemonSet', namespace: 'kube-system', name: 'fluent-bit', change: ChangeType.ROLLOUT });
    // The planner's view of the committed DaemonSet on the same nodes: maxUnavailable 10%, rounded up.
    const planner = new DaemonPlanner(sample16).addFile(join(committed, 'cluster-agents.k8s.yaml'));
    const planned = planner.plan().daemonSets.find(d => d.name === 'fluent-bit')!;
    expect(planned.desiredNumberScheduled).toBeGreaterThan(10);
    const n = planned.desiredNumberScheduled;
    expect(c.rollout).toMatchObject({ nodeCount: n, waves: Math.ceil(n / Math.ceil(n / 10)) });
    expect(c.reason).toContain(`image of container fluent-bit: ${image} -> ${image}-next`);
    diff.assertNoRejected();
  });

  test('a changed selector: the jest check fails, naming the DaemonSet, the field and the way out', () => {
    const app = changedApp(dir, JsonPatch.add('/spec/selector/matchLabels/app.kubernetes.io~1component', 'node-daemon'));
    const diff = ManifestDiff.appAgainstFiles(app, [committed]);
    expect(diff.changesOfType(ChangeType.REJECTED).map(c => c.name)).toEqual(['fluent-bit']);
    expect(() => diff.assertNoRejected()).toThrow(/DaemonSet kube-system\/fluent-bit: spec\.selector\.matchLabels\["app\.kubernetes\.io\/component"\]: spec\.selector: field is immutable\. Way out: `kubectl delete daemonset fluent-bit -n kube-system --cascade=orphan`/);
    expect(diff.render(DiffFormat.MARKDOWN)).toContain('| :no_entry: | rejected | `DaemonSet kube-system/fluent-bit` | `spec.selector.matchLabels["app.kubernetes.io/component"]` |');
  });

  test('the pull-request step: synth into a temp dir, diff --format markdown --fail-on rejected', () => {
    const out = join(dir, 'renamed');
    const app = changedApp(out, JsonPatch.replace('/metadata/name', 'log-collector'));
    app.synth();
    const result = execute(['diff', '--format', 'markdown', '--fail-on', 'rejected', committed, out]);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/\*\*0 rejected, 0 rollout, 1 deleted, 1 created, 0 updated; \d+ unchanged\*\*/);
    expect(result.stdout).toContain('- **deleted** `DaemonSet kube-system/fluent-bit`: renamed to DaemonSet kube-system/log-collector');
    const gate = execute(['diff', '--fail-on', 'deleted', committed, out]);
    expect(gate.exitCode).toBe(1);
  });
});
