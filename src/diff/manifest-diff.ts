import type { App } from 'cdk8s';
import { compareManifests, Comparison } from './compare-manifests';
import { ManifestObjects } from './manifest-objects';
import { ChangeType, ObjectChange } from './object-change';
import { describeIdentity } from './object-identity';
import { DiffFormat, renderDiff, summaryLine } from './render-diff';
import { expandFiles } from '../cli/input-files';
import { DaemonPlanner } from '../plan/daemon-planner';
import { PlanInputError } from '../plan/input-error';
import { NodeInventory } from '../plan/node-inventory';
import { PlanReport } from '../plan/report';
import { loadFile, SourceDocument, STDIN_SOURCE } from '../plan/source-documents';

/** Options of a manifest diff. */
export interface ManifestDiffOptions {
  /**
   * The cluster's nodes: rollouts then say on how many nodes, in how many waves and how long at least
   * (from the planner), and deleted or renamed DaemonSets on how many nodes their pods go.
   * @default - no node counts, waves or durations
   */
  readonly nodes?: NodeInventory;
}

/**
 * What applying new manifests over old ones does to a cluster, worked out offline: updates the API server
 * refuses (with the way out), DaemonSet rollouts, deletions, renames, creations and in-place updates.
 * Objects are matched by API group, kind, namespace and name and compared as the API server stores them.
 *
 * In a jest test, to fail on a change the next sync could not apply:
 * ```ts
 * ManifestDiff.appAgainstFiles(buildApp(), ['manifests/']).assertNoRejected();
 * ```
 */
export class ManifestDiff {
  /**
   * Compares two sets of manifest files.
   * @param oldPaths files or directories (their *.yaml, *.yml and *.json files) holding what is applied now
   * @param newPaths files or directories holding what is to be applied
   */
  public static betweenFiles(oldPaths: string[], newPaths: string[], options?: ManifestDiffOptions): ManifestDiff {
    const oldFiles = expandFiles(oldPaths);
    const newFiles = expandFiles(newPaths);
    if (oldFiles.includes('-') && newFiles.includes('-')) {
      throw new PlanInputError(STDIN_SOURCE, '$', 'standard input can be read once: give - as the old or the new manifests, not both');
    }
    const before = readFiles(oldFiles);
    const after = readFiles(newFiles);
    const nodes = options?.nodes;
    const sides = nodes ? { before: planOf(nodes, before), after: planOf(nodes, after) } : {};
    return new ManifestDiff(compareManifests(objectsOf(before), objectsOf(after), sides));
  }

  /**
   * Compares a freshly built cdk8s app with the manifests it was synthesized to before (the committed
   * ones), without writing any file.
   * @param app the app as it is now (not synthesized)
   * @param committedPaths files or directories holding the committed manifests
   */
  public static appAgainstFiles(app: App, committedPaths: string[], options?: ManifestDiffOptions): ManifestDiff {
    const before = readFiles(expandFiles(committedPaths));
    const after = ManifestObjects.fromDocuments(app.charts.map(c => new SourceDocument(`chart ${c.node.path}`, '$', c.toJson())));
    const nodes = options?.nodes;
    if (!nodes) return new ManifestDiff(compareManifests(objectsOf(before), after));
    const sides = { before: planOf(nodes, before), after: new DaemonPlanner(nodes).addApp(app).plan() };
    return new ManifestDiff(compareManifests(objectsOf(before), after, sides));
  }

  /** Every object that changes, refused updates first, then rollouts, deletions, creations and updates. */
  public readonly changes: ObjectChange[];

  /** How many objects are in both sets and stay as they are. */
  public readonly unchangedCount: number;

  private constructor(comparison: Comparison) {
    this.changes = comparison.changes;
    this.unchangedCount = comparison.unchanged;
  }

  /** The changes of one type. */
  public changesOfType(type: ChangeType): ObjectChange[] {
    return this.changes.filter(c => c.change === type);
  }

  /** The diff as text, JSON or Markdown (a pull-request comment). */
  public render(format?: DiffFormat): string {
    return renderDiff(this.changes, this.unchangedCount, format ?? DiffFormat.TEXT);
  }

  /** One line: how many changes of each type. */
  public summary(): string {
    return summaryLine(this.changes, this.unchangedCount);
  }

  /**
   * Throws when the API server would refuse an update (for a jest test or a synth step). The message
   * names each object, the fields and the way out.
   */
  public assertNoRejected(): void {
    const rejected = this.changesOfType(ChangeType.REJECTED);
    if (!rejected.length) return;
    const lines = rejected.map(c => `${describeIdentity(c)}: ${c.paths.join(', ')}: ${c.reason}`);
    throw new Error(`the API server would refuse ${rejected.length} update(s):\n${lines.join('\n')}`);
  }
}

/** Each file's documents, read once (standard input cannot be read twice). */
function readFiles(files: readonly string[]): Map<string, SourceDocument[]> {
  return new Map(files.map(f => [f, loadFile(f)]));
}

function objectsOf(files: Map<string, SourceDocument[]>): ManifestObjects {
  return ManifestObjects.fromDocuments([...files.values()].flat());
}

function planOf(nodes: NodeInventory, files: Map<string, SourceDocument[]>): PlanReport {
  const planner = new DaemonPlanner(nodes);
  for (const [file, docs] of files) {
    if (file === '-') planner.addText(JSON.stringify(docs.map(d => d.value)), STDIN_SOURCE);
    else planner.addFile(file);
  }
  return planner.plan();
}
