import { readFileSync } from 'fs';
import { join } from 'path';

/** `apiVersion/kind` of everything a Kubernetes 1.28 API server serves (written by scripts/gen-validators.mjs). */
let served: Map<string, string[]> | undefined;

function servedByKind(): Map<string, string[]> {
  if (!served) {
    const kinds = JSON.parse(readFileSync(join(__dirname, '..', 'validation', 'schema', 'generated', 'kinds.json'), 'utf-8')) as string[];
    served = new Map();
    for (const entry of kinds) {
      const slash = entry.lastIndexOf('/');
      const kind = entry.slice(slash + 1);
      served.set(kind, [...(served.get(kind) ?? []), entry.slice(0, slash)]);
    }
  }
  return served;
}

const groupOf = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.split('/')[0] : '');
const isGa = (apiVersion: string) => /(^|\/)v\d+$/.test(apiVersion);

/**
 * The apiVersion Kubernetes 1.28 serves a kind in, for an object written against a version it no longer
 * serves: the same group when it still has the kind (`apps/v1beta2` -> `apps/v1`), else the one group
 * that does (`extensions/v1beta1` DaemonSet -> `apps/v1`); GA versions first. Undefined when none is clear.
 */
export function servedVersionFor(apiVersion: string, kind: string): string | undefined {
  const versions = servedByKind().get(kind) ?? [];
  const sameGroup = versions.filter(v => groupOf(v) === groupOf(apiVersion));
  const groups = new Set(versions.map(groupOf));
  const pool = sameGroup.length ? sameGroup : groups.size === 1 ? versions : [];
  return pool.find(isGa) ?? pool[0];
}
