import type { App, Chart } from 'cdk8s';
import { ManifestSet } from './manifest-set';
import { NodeInventory } from './node-inventory';
import { buildPlan } from './plan-builder';
import { PlanFormat, PlanRenderer } from './plan-renderer';
import { PlanReport } from './report';
import { loadFile, loadText, SourceDocument } from './source-documents';

/**
 * Predicts what the DaemonSet controller and the scheduler will do with a set of DaemonSets on a real
 * cluster: the nodes each daemon runs on and the exact reason it skips the others, the per-node cost of
 * all daemons together, host-port clashes, rollout waves, and the problems worth a look.
 *
 * DaemonSets come from YAML or JSON (this library's output or anyone else's, Helm-rendered included) or
 * straight from a cdk8s chart or app. Besides DaemonSets, PriorityClasses (for priorities) and Services
 * (node-local Services) are read; other kinds are ignored.
 *
 * ```ts
 * const report = new DaemonPlanner(NodeInventory.fromFile('nodes.json')).addChart(chart).plan();
 * ```
 */
export class DaemonPlanner {
  /**
   * Plans the manifests in `manifestFiles` against the inventory in `inventoryFile` and renders the report.
   * @param inventoryFile the output of `kubectl get nodes -o json`
   * @param manifestFiles YAML or JSON files holding DaemonSets
   * @param format the output format (text when not given)
   */
  public static planFiles(inventoryFile: string, manifestFiles: string[], format?: PlanFormat): string {
    const planner = new DaemonPlanner(NodeInventory.fromFile(inventoryFile));
    for (const file of manifestFiles) planner.addFile(file);
    return PlanRenderer.render(planner.plan(), format ?? PlanFormat.TEXT);
  }

  private readonly manifests = new ManifestSet();

  /** @param inventory the nodes to plan against */
  public constructor(private readonly inventory: NodeInventory) {}

  /** Adds the objects of a YAML (multi-document) or JSON file. */
  public addFile(path: string): DaemonPlanner {
    return this.add(path, loadFile(path));
  }

  /**
   * Adds the objects of YAML or JSON text.
   * @param source a name for the text in the report and in error messages
   */
  public addText(text: string, source: string): DaemonPlanner {
    return this.add(source, loadText(text, source));
  }

  /** Adds the objects a cdk8s chart synthesizes. */
  public addChart(chart: Chart): DaemonPlanner {
    const source = `chart ${chart.node.path}`;
    return this.add(source, [new SourceDocument(source, '$', chart.toJson())]);
  }

  /** Adds the objects of every chart of a cdk8s app. */
  public addApp(app: App): DaemonPlanner {
    for (const chart of app.charts) this.addChart(chart);
    return this;
  }

  /** The prediction for everything added so far. */
  public plan(): PlanReport {
    return buildPlan(this.inventory.source, this.inventory._nodes(), this.manifests);
  }

  private add(source: string, docs: readonly SourceDocument[]): DaemonPlanner {
    this.manifests.add(source, docs);
    return this;
  }
}
