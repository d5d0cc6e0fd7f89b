import { DaemonSpec } from './daemonset-parser';
import { InventoryNode } from './node-parser';
import { NodeRoles, nodeRoles, ROLE_LABELS } from './node-roles';

/** Nodes that every placement rule of the input treats alike. */
export interface NodeClass {
  readonly id: number;
  /** The first node of the class; its name stands in for all only when no daemon reads node names. */
  readonly representative: InventoryNode;
  readonly roles: NodeRoles;
}

/** The nodes grouped into classes, and each node's class. */
export interface NodeClassification {
  readonly classes: NodeClass[];
  /** The class id of every node, by node position. */
  readonly classOf: Int32Array;
}

/**
 * Groups nodes by everything placement depends on: the values of the label keys any daemon reads (and
 * the role labels), the NoSchedule/NoExecute taints, and the node name only when a daemon pins a nodeName
 * or uses matchFields. Placement is then decided once per class instead of once per node: a large cluster
 * has tens of thousands of nodes but only a few dozen distinct kinds.
 */
export function classifyNodes(nodes: readonly InventoryNode[], daemons: readonly DaemonSpec[]): NodeClassification {
  const keys = new Set<string>(ROLE_LABELS);
  let readsName = false;
  for (const ds of daemons) {
    for (const k of ds.constraints.labelKeys) keys.add(k);
    readsName = readsName || ds.nodeName !== undefined || ds.constraints.readsNodeName;
  }
  const keyList = [...keys];
  const byKey = new Map<string, NodeClass>();
  const classes: NodeClass[] = [];
  const classOf = new Int32Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    const key = classKey(node, keyList, readsName);
    let cls = byKey.get(key);
    if (!cls) {
      cls = { id: classes.length, representative: node, roles: nodeRoles(node.labels, node.taints) };
      classes.push(cls);
      byKey.set(key, cls);
    }
    classOf[i] = cls.id;
  }
  return { classes, classOf };
}

function classKey(node: InventoryNode, keys: readonly string[], readsName: boolean): string {
  let key = readsName ? node.name : '';
  const labels = node.labels;
  for (const k of keys) {
    const v = Object.prototype.hasOwnProperty.call(labels, k) ? labels[k] : undefined;
    key += v === undefined ? '\u0001' : `\u0002${v}`;
  }
  for (const t of node.taints) {
    if (t.effect === 'NoSchedule' || t.effect === 'NoExecute') key += `\u0003${t.text}`;
  }
  return key;
}
