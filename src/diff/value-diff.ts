import { isObject } from '../plan/fields';
import { formatPath, PathSegment } from '../plan/input-error';

/**
 * The paths at which two values in semantic form differ, in document order. Lists of equal length are
 * compared item by item; a list that grew or shrank is one change at the list's path.
 */
export function changedPaths(before: unknown, after: unknown, at: PathSegment[] = []): PathSegment[][] {
  if (before === after) return [];
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((b, i) => changedPaths(b, after[i], [...at, i]));
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap(k => changedPaths(before[k], after[k], [...at, k]));
  }
  // A map or struct that appeared or went: name its fields, or the object itself when it is empty.
  if ((isObject(before) && after === undefined) || (before === undefined && isObject(after))) {
    const inner = changedPaths(before ?? {}, after ?? {}, at);
    return inner.length ? inner : [at];
  }
  return [at];
}

/** `spec.template.metadata.annotations["checksum/config"]`. */
export function pathText(segments: readonly PathSegment[]): string {
  return segments.length === 0 ? '.' : formatPath('', segments).replace(/^\./, '');
}

/** True when `path` starts with `prefix`. */
export function startsWith(path: readonly PathSegment[], prefix: readonly PathSegment[]): boolean {
  return prefix.every((s, i) => path[i] === s);
}

/** The value at `path`, or undefined. */
export function valueAt(value: unknown, path: readonly PathSegment[]): unknown {
  let v: unknown = value;
  for (const s of path) {
    if (Array.isArray(v) && typeof s === 'number') v = v[s];
    else if (isObject(v) && typeof s === 'string') v = v[s];
    else return undefined;
  }
  return v;
}
