import { existsSync, readdirSync } from 'fs';
import { join } from 'path';
import { stringify as stringify12 } from 'yaml';
import { edited, only, writeText } from './helpers';
import { ChangeType, ManifestDiff, NodeInventory } from '../../src';
import { execute } from '../../src/cli/main';
import { loadFile } from '../../src/plan/source-documents';

// The real DaemonSets of ../shared/real-world (or the vendored copies, when the repository is checked out
// alone), read through the command as files on disk.
const shared = join(__dirname, '..', '..', '..', 'shared', 'real-world');
const realWorld = existsSync(join(shared, 'daemonsets')) ? shared : join(__dirname, '..', 'plan', 'fixtures', 'real-world');
const dsDir = join(realWorld, 'daemonsets');
const files = readdirSync(dsDir).filter(f => f.endsWith('.yaml')).sort();
// Read as kubectl reads it (YAML 1.1: `defaultMode: 0400` is octal), as the command does.
// Written as cdk8s writes YAML (1.1), so that strings like "yes" stay quoted for kubectl.
const stringify = (value: unknown) => stringify12(value, { version: '1.1' });
const load = (file: string) => loadFile(join(dsDir, file))[0].value as any;

function cliJson(oldFile: string, newFile: string, ...options: string[]): { exitCode: number; changes: any[]; unchanged: number } {
  const result = execute(['diff', '--format', 'json', ...options, oldFile, newFile]);
  expect(result.stderr).toBe('');
  return { exitCode: result.exitCode, ...JSON.parse(result.stdout) };
}

describe.each(files)('real-world %s', (file) => {
  const original = join(dsDir, file);
  const ds = load(file);

  test('against itself: unchanged', () => {
    const out = cliJson(original, original);
    expect(out).toEqual({ exitCode: 0, changes: [], unchanged: 1 });
  });

  test('a new image of the first container: a rollout naming the field', () => {
    const next = writeText(stringify(edited(ds, d => {
      d.spec.template.spec.containers[0].image += '-next';
    })), `image-${file}`);
    const out = cliJson(original, next, '--fail-on', 'rejected');
    expect(out.exitCode).toBe(0);
    expect(out.changes).toHaveLength(1);
    expect(out.changes[0]).toMatchObject({ group: 'apps', kind: 'DaemonSet', name: ds.metadata.name, change: 'rollout', paths: ['spec.template.spec.containers[0].image'] });
    expect(out.changes[0].reason).toContain(`image of container ${ds.spec.template.spec.containers[0].name}`);
  });

  test('a selector with one more label (also on the pods): refused, the pods adoptable after an orphaning delete', () => {
    const next = writeText(stringify(edited(ds, d => {
      d.spec.selector.matchLabels = { ...d.spec.selector.matchLabels, 'example.com/extra': 'x' };
      d.spec.template.metadata.labels['example.com/extra'] = 'x';
    })), `selector-${file}`);
    const result = execute(['diff', '--fail-on', 'rejected', original, next]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/^rejected {2}DaemonSet /);
    expect(result.stdout).toContain('spec.selector: field is immutable');
    expect(result.stderr).toBe('cdk8s-daemons: diff: --fail-on rejected: 1 rejected, 0 rollout, 0 deleted, 0 created, 0 updated; 0 unchanged\n');
  });
});

describe('a live object as the API server stored it (ds-kube-proxy-eks.yaml, kubectl get -o yaml)', () => {
  const stored = load('ds-kube-proxy-eks.yaml');

  test('equals the manifest it was applied from: every default and server field written out by the server is no change', () => {
    // The manifest form, written by hand from the stored object: what the server added is taken out.
    const manifest = edited(stored, d => {
      delete d.status;
      for (const k of ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'annotations']) delete d.metadata[k];
      delete d.spec.revisionHistoryLimit;
      delete d.spec.updateStrategy.type;
      delete d.spec.updateStrategy.rollingUpdate.maxSurge;
      const pod = d.spec.template.spec;
      for (const k of ['restartPolicy', 'terminationGracePeriodSeconds', 'dnsPolicy', 'serviceAccount', 'securityContext', 'schedulerName']) delete pod[k];
      for (const v of pod.volumes) {
        if (v.hostPath?.type === '') delete v.hostPath.type;
        if (v.configMap) delete v.configMap.defaultMode;
      }
      const c = pod.containers[0];
      for (const k of ['terminationMessagePath', 'terminationMessagePolicy', 'imagePullPolicy']) delete c[k];
      delete c.env[0].valueFrom.fieldRef.apiVersion;
    });
    const diff = ManifestDiff.betweenFiles([join(dsDir, 'ds-kube-proxy-eks.yaml')], [writeText(stringify(manifest), 'kube-proxy-manifest.yaml')]);
    expect(diff.changes).toEqual([]);
    expect(diff.unchangedCount).toBe(1);
  });

  test('with the EKS nodes it ran on: a rollout on 2 nodes (its recorded desiredNumberScheduled), 10% -> 1 a wave', () => {
    const nodes = NodeInventory.fromFile(join(realWorld, 'nodes', 'nodes-eks-clusterinfo-dump.json'));
    const next = writeText(stringify(edited(stored, d => {
      d.spec.template.spec.containers[0].command.push('--v=4');
    })), 'kube-proxy-verbose.yaml');
    const c = only(ManifestDiff.betweenFiles([join(dsDir, 'ds-kube-proxy-eks.yaml')], [next], { nodes }));
    expect(stored.status.desiredNumberScheduled).toBe(2);
    expect(c.rollout).toMatchObject({ nodeCount: 2, waves: 2 });
    expect(c.paths).toEqual(['spec.template.spec.containers[0].command']);
    expect(c.change).toBe(ChangeType.ROLLOUT);
  });
});

describe('all real-world DaemonSets together', () => {
  // The two Datadog renders (Linux and Windows) are one object, datadog-agent/datadog: kubectl would
  // apply one over the other, so the whole directory is bad input.
  const distinct = files.filter(f => f !== 'ds-datadog-agent-windows.yaml').map(f => join(dsDir, f));

  test('the whole directory: exit 2, naming both files that define datadog-agent/datadog', () => {
    const result = execute(['diff', dsDir, dsDir]);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^cdk8s-daemons: \S+ds-datadog-agent\.yaml: \$: DaemonSet datadog-agent\/datadog is defined twice \(also at \S+ds-datadog-agent-windows\.yaml\)/);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  test('with two DaemonSets dropped: daemon gone, twice, the others unchanged', () => {
    const diff = ManifestDiff.betweenFiles(distinct, distinct.slice(2));
    const gone = distinct.slice(0, 2).map(f => (loadFile(f)[0].value as any).metadata.name).sort();
    expect(diff.changes.map(c => c.name).sort()).toEqual(gone);
    expect(diff.changes.every(c => c.change === ChangeType.DELETED && c.reason.startsWith('daemon gone'))).toBe(true);
    expect(diff.unchangedCount).toBe(distinct.length - 2);
  });
});
