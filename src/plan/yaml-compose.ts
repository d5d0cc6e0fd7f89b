import { Alias, isAlias, isMap, isScalar, isSeq, Node, Pair, Scalar } from 'yaml';
import { PathSegment } from './input-error';
import { jsonKey, resolvePlainScalar, UnreadableScalar } from './yaml-scalars';

/** Deeper than this, an input is refused: real Kubernetes objects nest a few dozen levels. */
export const MAX_DEPTH = 1000;
/** More values than this after expanding aliases is refused (the "billion laughs" document). */
export const MAX_EXPANDED_VALUES = 10_000_000;

/** Thrown while composing: a problem at a path of the document. */
export class ComposeError extends Error {
  /** The document of the stream, when the reader knows it. */
  public document = 0;

  constructor(public readonly path: readonly PathSegment[], public readonly problem: string, public readonly offset?: number) {
    super(problem);
  }
}

const STR_TAGS = new Set(['tag:yaml.org,2002:str', 'tag:yaml.org,2002:binary', 'tag:yaml.org,2002:timestamp']);
const TYPED_TAGS: Record<string, string> = {
  'tag:yaml.org,2002:int': 'number',
  'tag:yaml.org,2002:float': 'number',
  'tag:yaml.org,2002:bool': 'boolean',
  'tag:yaml.org,2002:null': 'object',
};

/**
 * Turns a document parsed by the `yaml` library (with the failsafe schema, so every scalar is still
 * text) into the JSON value kubectl would send: go-yaml v2 scalar resolution, merge keys (`<<`), aliases,
 * JSON keys; with bounded depth and alias expansion.
 */
export class KubectlComposer {
  private expanded = 0;
  /** Anchored values by name, with how many values each holds (an alias counts them all again). */
  private readonly anchors = new Map<string, { value: unknown; size: number }>();

  public compose(node: Node | null | undefined): unknown {
    return node ? this.value(node, [], 0) : null;
  }

  private value(node: Node, path: PathSegment[], depth: number): unknown {
    if (depth > MAX_DEPTH) throw new ComposeError(path, `nesting deeper than ${MAX_DEPTH} levels`, node.range?.[0]);
    if (++this.expanded > MAX_EXPANDED_VALUES) throw new ComposeError(path, `more than ${MAX_EXPANDED_VALUES} values after expanding aliases`, node.range?.[0]);
    if (isAlias(node)) return this.alias(node, path);
    const before = this.expanded;
    if (isScalar(node)) return this.anchored(node, this.scalar(node, path), before);
    let out: unknown;
    if (isSeq(node)) {
      out = node.items.map((item, i) => this.value(item as Node, [...path, i], depth + 1));
    } else if (isMap(node)) {
      out = this.mapping(node.items as Pair[], path, depth);
    } else {
      throw new ComposeError(path, 'unsupported YAML node');
    }
    return this.anchored(node, out, before);
  }

  private anchored(node: Node, value: unknown, before: number): unknown {
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) this.anchors.set(anchor, { value, size: this.expanded - before });
    return value;
  }

  /** The anchored value itself (shared, as go-yaml shares it), counted again in full against the limit. */
  private alias(node: Alias, path: PathSegment[]): unknown {
    const found = this.anchors.get(node.source);
    if (!found) throw new ComposeError(path, `alias *${node.source} names no anchor before it`, node.range?.[0]);
    this.expanded += found.size;
    if (this.expanded > MAX_EXPANDED_VALUES) throw new ComposeError(path, `more than ${MAX_EXPANDED_VALUES} values after expanding aliases`, node.range?.[0]);
    return found.value;
  }

  private scalar(node: Scalar, path: PathSegment[]): unknown {
    const text = String(node.value ?? '');
    let value: unknown;
    if (node.tag && STR_TAGS.has(node.tag)) {value = text;} else if (node.tag && TYPED_TAGS[node.tag]) {
      value = resolvePlainScalar(text);
      if (!(value instanceof UnreadableScalar) && typeof value !== TYPED_TAGS[node.tag]) {
        value = new UnreadableScalar(`cannot decode "${text}" as ${node.tag.replace('tag:yaml.org,2002:', '!!')}`);
      }
    } else if (node.type === 'PLAIN' && !node.tag) {value = resolvePlainScalar(text);} else {value = text;}
    if (value instanceof UnreadableScalar) throw new ComposeError(path, value.problem, node.range?.[0]);
    return value;
  }

  private mapping(pairs: Pair[], path: PathSegment[], depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const pair of pairs) {
      const keyNode = pair.key as Node | null;
      if (isScalar(keyNode) && keyNode.type === 'PLAIN' && keyNode.value === '<<' && !keyNode.tag) {
        this.merge(out, pair.value as Node, [...path, '<<'], depth);
        continue;
      }
      const rawKey = keyNode ? this.value(keyNode, path, depth + 1) : null;
      const key = jsonKey(rawKey);
      if (key instanceof UnreadableScalar) throw new ComposeError(path, key.problem, keyNode?.range?.[0]);
      const value = pair.value ? this.value(pair.value as Node, [...path, key], depth + 1) : null;
      setKey(out, key, value);
    }
    return out;
  }

  /** go-yaml v2: a merge sets the merged keys (later keys override them); of a list of maps, the first wins. */
  private merge(out: Record<string, unknown>, node: Node, path: PathSegment[], depth: number): void {
    const sources = isSeq(node) ? [...node.items].reverse() as Node[] : [node];
    for (const source of sources) {
      const value = this.value(source, path, depth + 1);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new ComposeError(path, 'a merge key (<<) takes a mapping or a list of mappings', source.range?.[0]);
      }
      for (const [k, v] of Object.entries(value)) setKey(out, k, v);
    }
  }
}

/** Sets a key as a JSON object key, `__proto__` included. */
export function setKey(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}
