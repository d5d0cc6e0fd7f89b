import { PathSegment } from './input-error';
import { SourceDocument } from './source-documents';

/** A JSON object (not null, not an array). */
export type JsonObject = Record<string, unknown>;

/** True for a JSON object (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Typed, path-aware reads of one parsed document. Every failure throws a one-line error naming the file
 * and the path; paths are only built when something is wrong, so reading stays cheap.
 */
export class FieldReader {
  constructor(public readonly doc: SourceDocument) {}

  public fail(path: readonly PathSegment[], problem: string): never {
    return this.doc.fail(path, problem);
  }

  /** `value` must be an object. */
  public object(value: unknown, path: readonly PathSegment[], what: string): JsonObject {
    if (value === undefined || value === null) this.fail(path, `${what} is required`);
    if (!isObject(value)) this.fail(path, `${what} must be an object, not ${describe(value)}`);
    return value;
  }

  /** An optional object field (null counts as absent, as in Helm output). */
  public optObject(obj: JsonObject, key: string, path: readonly PathSegment[]): JsonObject | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (!isObject(v)) this.fail([...path, key], `must be an object, not ${describe(v)}`);
    return v;
  }

  /** An optional array field (null counts as absent). */
  public optArray(obj: JsonObject, key: string, path: readonly PathSegment[]): unknown[] {
    const v = obj[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) this.fail([...path, key], `must be a list, not ${describe(v)}`);
    return v;
  }

  /** An optional string field (null counts as absent). */
  public optString(obj: JsonObject, key: string, path: readonly PathSegment[]): string | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') this.fail([...path, key], `must be a string, not ${describe(v)}`);
    return v;
  }

  /** A required, non-empty string field. */
  public string(obj: JsonObject, key: string, path: readonly PathSegment[]): string {
    const v = this.optString(obj, key, path);
    if (v === undefined || v === '') this.fail([...path, key], 'is required');
    return v;
  }

  /** An optional integer field >= 0. */
  public optCount(obj: JsonObject, key: string, path: readonly PathSegment[]): number | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      this.fail([...path, key], `must be an integer >= 0, not ${describe(v)}`);
    }
    return v;
  }

  /** An optional boolean field. */
  public optBoolean(obj: JsonObject, key: string, path: readonly PathSegment[]): boolean | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') this.fail([...path, key], `must be true or false, not ${describe(v)}`);
    return v;
  }

  /** An optional map of strings (labels, nodeSelector, allocatable). */
  public optStringMap(obj: JsonObject, key: string, path: readonly PathSegment[]): Record<string, string> | undefined {
    const v = this.optObject(obj, key, path);
    if (!v) return undefined;
    for (const k in v) {
      if (typeof v[k] !== 'string') this.fail([...path, key, k], `must be a string, not ${describe(v[k])}`);
    }
    return v as Record<string, string>;
  }

  /** Rejects fields that the Kubernetes API does not define for this object (a typo changes placement). */
  public knownFields(obj: JsonObject, known: ReadonlySet<string>, path: readonly PathSegment[], what: string): void {
    for (const k in obj) {
      if (!known.has(k)) this.fail([...path, k], `unknown field "${k}" in ${what}`);
    }
  }
}

/** A short description of a JSON value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 37) + '...' : value);
  return String(value);
}
