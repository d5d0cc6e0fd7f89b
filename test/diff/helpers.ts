import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ChangeType, ManifestDiff, ManifestDiffOptions, ObjectChange } from '../../src/diff';

const dir = mkdtempSync(join(tmpdir(), 'diff-test-'));
let counter = 0;

/** Writes objects to a JSON file (a List when there are several) and returns its path. */
export function writeObjects(objects: readonly object[], name?: string): string {
  const file = join(dir, name ?? `objects-${counter++}.json`);
  writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }));
  return file;
}

/** Writes text to a file in the test's temporary directory. */
export function writeText(text: string, name: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** Diffs two object lists through files, as the command does. */
export function diff(before: readonly object[], after: readonly object[], options?: ManifestDiffOptions): ManifestDiff {
  return ManifestDiff.betweenFiles([writeObjects(before)], [writeObjects(after)], options);
}

/** The one change of a diff (fails the test when there are none or several). */
export function only(d: ManifestDiff): ObjectChange {
  expect(d.changes).toHaveLength(1);
  return d.changes[0];
}

/** A deep copy with `edit` applied. */
export function edited<T>(obj: T, edit: (copy: any) => void): T {
  const copy = JSON.parse(JSON.stringify(obj));
  edit(copy);
  return copy;
}

/** A small DaemonSet as a user writes it (no defaults written out). */
export function daemonSet(name = 'agent', namespace = 'kube-system'): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace, labels: { app: name } },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [{
            name: 'main',
            image: 'example.com/agent:1.0',
            ports: [{ name: 'metrics', containerPort: 9100 }],
            resources: { requests: { cpu: '100m', memory: '64Mi' } },
          }],
        },
      },
    },
  };
}

export const types = (d: ManifestDiff): ChangeType[] => d.changes.map(c => c.change);
