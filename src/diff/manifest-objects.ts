import { describeIdentity, identityKey, identityOf, ObjectIdentity } from './object-identity';
import { isObject, JsonObject } from '../plan/fields';
import { PathSegment } from '../plan/input-error';
import { SourceDocument } from '../plan/source-documents';

/** One Kubernetes object of a manifest set, with where it was read. */
export interface ManifestObject {
  readonly identity: ObjectIdentity;
  /** The object as written. */
  readonly object: JsonObject;
  /** The file and, when it holds more than one object, the object's path: `ds.yaml documents[2]`. */
  readonly location: string;
}

/**
 * The objects of one side of a diff, by identity. Documents are read by the planner's reader; `List`
 * and typed lists (`DaemonSetList`, ...) are flattened. Two objects with one identity are bad input.
 */
export class ManifestObjects {
  /** Takes documents already parsed (a cdk8s chart's objects, for instance). */
  public static fromDocuments(docs: readonly SourceDocument[]): ManifestObjects {
    const set = new ManifestObjects();
    set.addDocuments(docs);
    return set;
  }

  private readonly byKey = new Map<string, ManifestObject>();

  private constructor() {}

  /** The objects in input order. */
  public get objects(): ManifestObject[] {
    return [...this.byKey.values()];
  }

  /** The object with this identity key, if any. */
  public get(key: string): ManifestObject | undefined {
    return this.byKey.get(key);
  }

  private addDocuments(docs: readonly SourceDocument[]): void {
    for (const doc of docs) this.visit(doc, doc.value, []);
  }

  private visit(doc: SourceDocument, value: unknown, path: PathSegment[]): void {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      value.forEach((v, i) => this.visit(doc, v, [...path, i]));
      return;
    }
    if (!isObject(value)) doc.fail(path, 'is not a Kubernetes object (a mapping with apiVersion, kind and metadata.name)');
    const { apiVersion, kind } = value;
    if (typeof apiVersion !== 'string' || apiVersion === '') doc.fail([...path, 'apiVersion'], 'a Kubernetes object needs an apiVersion');
    if (typeof kind !== 'string' || kind === '') doc.fail([...path, 'kind'], 'a Kubernetes object needs a kind');
    if (kind.endsWith('List') && Array.isArray(value.items)) {
      value.items.forEach((v, i) => this.visit(doc, v, [...path, 'items', i]));
      return;
    }
    const meta = value.metadata;
    if (!isObject(meta)) doc.fail([...path, 'metadata'], 'a Kubernetes object needs metadata with a name');
    if (typeof meta.name !== 'string' || meta.name === '') {
      doc.fail([...path, 'metadata', 'name'], meta.generateName ? 'generateName objects cannot be diffed: their name is only known after create' : 'a Kubernetes object needs a name');
    }
    if (meta.namespace !== undefined && meta.namespace !== null && typeof meta.namespace !== 'string') {
      doc.fail([...path, 'metadata', 'namespace'], 'must be a string');
    }
    const identity = identityOf(apiVersion, kind, meta.name, (meta.namespace as string | null | undefined) ?? undefined);
    const key = identityKey(identity);
    const location = doc.locate(path);
    const earlier = this.byKey.get(key);
    if (earlier) doc.fail(path, `${describeIdentity(identity)} is defined twice (also at ${earlier.location}): kubectl would apply one over the other`);
    this.byKey.set(key, { identity, object: value, location });
  }
}
