import { ApiObject } from 'cdk8s';
import { Violation } from './violation';

/**
 * cdk8s applies JSON patches before an imported L1's key mapping, which drops every key it does not know
 * without a word (kubernetes-rules / cdk8s traps): a patch adding `hostPID` (the wire name) or a typo never
 * reaches the manifest. This finds add/replace patches whose path is absent from the final object.
 * Keys are compared case-insensitively, so L1 names (`hostPid`) match their wire names (`hostPID`).
 */
export function droppedPatches(obj: ApiObject, json: any): Violation[] {
  const patches: { operation?: { op: string; path: string } }[] = (obj as any).patches ?? [];
  const found: Violation[] = [];
  for (const patch of patches) {
    const op = patch.operation;
    if (!op || (op.op !== 'add' && op.op !== 'replace')) continue;
    const segments = op.path.split('/').slice(1).map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (segments[segments.length - 1] === '-') segments.pop();
    if (!reaches(json, segments)) {
      found.push({
        ruleId: 'PATCH',
        path: segments.join('.'),
        value: op.path,
        problem: `JSON patch ${op.op} ${op.path} never reached the manifest: the L1 mapping drops fields it does not know`,
        valid: 'a field of the Kubernetes 1.28 schema, written with the L1 camelCase key (hostPid, clusterIp)',
      });
    }
  }
  return found;
}

function reaches(node: any, segments: string[]): boolean {
  let current = node;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return false;
    if (Array.isArray(current)) {
      if (!/^[0-9]+$/.test(segment) || Number(segment) >= current.length) return false;
      current = current[Number(segment)];
      continue;
    }
    const key = Object.keys(current).find(k => k.toLowerCase() === segment.toLowerCase());
    if (key === undefined) return false;
    current = current[key];
  }
  return true;
}
