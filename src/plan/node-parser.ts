import { FieldReader, JsonObject } from './fields';
import { PathSegment } from './input-error';
import { KNOWN } from './known-fields';
import { parseQuantity } from './quantity';
import { SourceDocument } from './source-documents';

/** A node taint, as the DaemonSet controller sees it. */
export interface NodeTaint {
  readonly key: string;
  /** Empty when the taint has no value. */
  readonly value: string;
  /** NoSchedule, PreferNoSchedule or NoExecute. */
  readonly effect: string;
  /** `key=value:Effect`, or `key:Effect` without a value. */
  readonly text: string;
}

/** What the planner keeps of one Node (everything else in the inventory is dropped after reading). */
export interface InventoryNode {
  /** Position in the inventory, for stable output order. */
  readonly index: number;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly NodeTaint[];
  /** status.allocatable (or status.capacity when allocatable is missing), as quantity strings. */
  readonly allocatable: Readonly<Record<string, string>>;
}

const EFFECTS = new Set(['NoSchedule', 'PreferNoSchedule', 'NoExecute']);
const LIST_KINDS = new Set(['List', 'NodeList']);

/**
 * The Nodes of one inventory document: `kubectl get nodes -o json|yaml` (a List or NodeList, with or
 * without kind, as raw API responses are), or a bare Node.
 */
export function parseInventoryDocument(doc: SourceDocument, firstIndex: number, seen: Set<string>): InventoryNode[] {
  const r = new FieldReader(doc);
  const top = r.object(doc.value, [], 'a node inventory');
  const kind = r.optString(top, 'kind', []);
  if (kind === 'Node') return [parseNode(r, top, [], firstIndex, seen)];
  if (kind !== undefined && !LIST_KINDS.has(kind)) {
    r.fail(['kind'], `expected a NodeList, a List of Nodes or a Node (kubectl get nodes -o json), found kind "${kind}"`);
  }
  if (kind === undefined && !('items' in top)) {
    r.fail([], 'not a node list: no "kind" and no "items" (expected the output of kubectl get nodes -o json)');
  }
  r.knownFields(top, KNOWN.list, [], 'a node list');
  const items = r.optArray(top, 'items', []);
  const nodes = new Array<InventoryNode>(items.length);
  for (let i = 0; i < items.length; i++) nodes[i] = parseNode(r, items[i], ['items', i], firstIndex + i, seen);
  return nodes;
}

function parseNode(r: FieldReader, value: unknown, path: PathSegment[], index: number, seen: Set<string>): InventoryNode {
  const node = r.object(value, path, 'a node');
  const kind = r.optString(node, 'kind', path);
  if (kind !== undefined && kind !== 'Node') r.fail([...path, 'kind'], `expected a Node, found kind "${kind}"`);
  r.knownFields(node, KNOWN.node, path, 'a Node');
  const metaPath = [...path, 'metadata'];
  const meta = r.object(node.metadata, metaPath, 'metadata');
  r.knownFields(meta, KNOWN.objectMeta, metaPath, 'Node metadata');
  const name = r.string(meta, 'name', metaPath);
  if (seen.has(name)) r.fail([...metaPath, 'name'], `node "${name}" appears twice in the inventory`);
  seen.add(name);
  const labels = r.optStringMap(meta, 'labels', metaPath);
  if (!labels || Object.keys(labels).length === 0) {
    r.fail(metaPath, `node "${name}" has no labels (a real node always has kubernetes.io/hostname, os and arch)`);
  }
  return { index, name, labels, taints: parseTaints(r, node, path), allocatable: parseAllocatable(r, node, path, name) };
}

function parseTaints(r: FieldReader, node: JsonObject, path: PathSegment[]): NodeTaint[] {
  const spec = r.optObject(node, 'spec', path);
  if (!spec) return [];
  const specPath = [...path, 'spec'];
  r.knownFields(spec, KNOWN.nodeSpec, specPath, 'a NodeSpec');
  r.optBoolean(spec, 'unschedulable', specPath); // read for type only: the DaemonSet controller ignores it
  const raw = r.optArray(spec, 'taints', specPath);
  return raw.map((t, i) => {
    const at = [...specPath, 'taints', i];
    const taint = r.object(t, at, 'a taint');
    r.knownFields(taint, KNOWN.taint, at, 'a taint');
    const key = r.string(taint, 'key', at);
    const value = r.optString(taint, 'value', at) ?? '';
    const effect = r.string(taint, 'effect', at);
    if (!EFFECTS.has(effect)) r.fail([...at, 'effect'], `"${effect}" is not NoSchedule, PreferNoSchedule or NoExecute`);
    return { key, value, effect, text: taintText(key, value, effect) };
  });
}

function parseAllocatable(r: FieldReader, node: JsonObject, path: PathSegment[], name: string): Record<string, string> {
  const status = r.optObject(node, 'status', path);
  const statusPath = [...path, 'status'];
  const field = status?.allocatable != null ? 'allocatable' : 'capacity';
  const allocatable = status && r.optStringMap(status, field, statusPath);
  if (!allocatable) r.fail(status ? statusPath : path, `node "${name}" has no status.allocatable`);
  for (const resource in allocatable) {
    if (parseQuantity(allocatable[resource], resource) === undefined) {
      r.fail([...statusPath, field, resource], `"${allocatable[resource]}" is not a resource quantity`);
    }
  }
  return allocatable;
}

/** `key=value:Effect`, or `key:Effect` when the value is empty. */
export function taintText(key: string, value: string, effect: string): string {
  return `${key}${value ? `=${value}` : ''}:${effect}`;
}
