import { ApiObject } from 'cdk8s';
import { Violation } from './violation';

/**
 * cdk8s applies JSON patches before an imported L1's key mapping, which drops every key it does not know
 * without a word (kubernetes-rules / cdk8s traps): a patch adding `hostPID` (the wire name) or a typo never
 * reaches the manifest. This finds add/replace patches whose path is absent from the final object, and
 * patches whose value holds keys, at any depth, that are absent there (a port object with `hostIP`, an
 * updateStrategy with `rollingUpdate.maxUnavailable`). Keys are compared case-insensitively, so L1 names
 * (`hostPid`) match their wire names (`hostPID`).
 */
export function droppedPatches(obj: ApiObject, json: any): Violation[] {
  const patches: { operation?: { op: string; path: string; value?: unknown } }[] = (obj as any).patches ?? [];
  const found: Violation[] = [];
  for (const patch of patches) {
    const op = patch.operation;
    if (!op || (op.op !== 'add' && op.op !== 'replace')) continue;
    const segments = op.path.split('/').slice(1).map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const append = segments[segments.length - 1] === '-';
    if (append) segments.pop();
    const target = reach(json, segments);
    const missing = target.found ? droppedKeys(op.value, append ? target.value : [target.value], append) : undefined;
    if (!target.found || missing === undefined) {
      found.push(violation(op, segments.join('.'), 'never reached the manifest'));
    } else if (missing.length) {
      found.push(violation(op, [segments.join('.'), missing[0]].filter(Boolean).join('.'), `lost ${missing.map(m => JSON.stringify(m)).join(', ')} on the way to the manifest`));
    }
  }
  return found;
}

function violation(op: { op: string; path: string }, path: string, what: string): Violation {
  return {
    ruleId: 'PATCH',
    path,
    value: op.path,
    problem: `JSON patch ${op.op} ${op.path} ${what}: the L1 mapping drops fields it does not know`,
    valid: 'a field of the Kubernetes 1.28 schema, written with the L1 camelCase key (hostPid, clusterIp)',
  };
}

/**
 * The keys of a patch value (dotted paths) missing from the manifest. With several candidates (an append to
 * a list), the value must be found whole in one of them; undefined when none holds it at all.
 */
function droppedKeys(value: unknown, candidates: unknown[], append: boolean): string[] | undefined {
  const list = append ? (Array.isArray(candidates) ? candidates : []) : candidates;
  let best: string[] | undefined;
  for (const candidate of list) {
    const missing: string[] = [];
    compare(value, candidate, '', missing);
    if (missing.length === 0) return [];
    if (!best || missing.length < best.length) best = missing;
  }
  return append ? best : best ?? [];
}

function compare(value: unknown, actual: unknown, path: string, missing: string[]): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    if (!Array.isArray(actual)) {
      if (value.length) missing.push(path);
      return;
    }
    value.forEach((v, i) => compare(v, actual[i], `${path}[${i}]`, missing));
    return;
  }
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || v === null) continue;
    const where = path ? `${path}.${key}` : key;
    const actualKey = actual !== null && typeof actual === 'object' && !Array.isArray(actual)
      ? Object.keys(actual).find(k => k.toLowerCase() === key.toLowerCase())
      : undefined;
    if (actualKey === undefined) missing.push(where);
    else compare(v, (actual as any)[actualKey], where, missing);
  }
}

function reach(node: any, segments: string[]): { found: boolean; value?: any } {
  let current = node;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return { found: false };
    if (Array.isArray(current)) {
      if (!/^[0-9]+$/.test(segment) || Number(segment) >= current.length) return { found: false };
      current = current[Number(segment)];
      continue;
    }
    const key = Object.keys(current).find(k => k.toLowerCase() === segment.toLowerCase());
    if (key === undefined) return { found: false };
    current = current[key];
  }
  return { found: true, value: current };
}
