import { PlanInputError } from './input-error';
import { InventoryNode, parseInventoryDocument } from './node-parser';
import { loadFile, loadText, SourceDocument } from './source-documents';

/**
 * The nodes of a cluster, as `kubectl get nodes -o json` (or `-o yaml`) prints them: a List or NodeList,
 * or bare Nodes. Only names, labels, taints and allocatable resources are kept.
 *
 * Bad input throws an error whose message is one line: `<file>: <path in the file>: <problem>`.
 */
export class NodeInventory {
  /** Reads an inventory file (JSON or YAML). */
  public static fromFile(path: string): NodeInventory {
    return NodeInventory.fromDocuments(path, loadFile(path));
  }

  /**
   * Reads an inventory from text (JSON or YAML).
   * @param text the output of `kubectl get nodes -o json` or `-o yaml`
   * @param source a name for the text in error messages
   */
  public static fromText(text: string, source?: string): NodeInventory {
    const name = source ?? 'inventory';
    return NodeInventory.fromDocuments(name, loadText(text, name));
  }

  private static fromDocuments(source: string, docs: readonly SourceDocument[]): NodeInventory {
    const nodes: InventoryNode[] = [];
    const seen = new Set<string>();
    for (const doc of docs) {
      for (const node of parseInventoryDocument(doc, nodes.length, seen)) nodes.push(node);
    }
    if (nodes.length === 0) throw new PlanInputError(source, '$', 'the inventory holds no nodes');
    return new NodeInventory(source, nodes);
  }

  private constructor(
    /** Where the inventory came from (the file name, or the source given with the text). */
    public readonly source: string,
    private readonly nodes: readonly InventoryNode[],
  ) {}

  /** How many nodes the inventory holds. */
  public get nodeCount(): number {
    return this.nodes.length;
  }

  /** The node names, in inventory order. */
  public get nodeNames(): string[] {
    return this.nodes.map(n => n.name);
  }

  /** @internal */
  public _nodes(): readonly InventoryNode[] {
    return this.nodes;
  }
}
