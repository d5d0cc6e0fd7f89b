import type { App, Chart } from 'cdk8s';
import { ClusterPods, readPodsFile, readPodsText } from './cluster-pods';
import { ManifestSet } from './manifest-set';
import { NodeInventory } from './node-inventory';
import { buildPlan } from './plan-builder';
import { PlanFormat, PlanRenderer } from './plan-renderer';
import { PlanReport } from './report';
import { loadFile, loadText, SourceDocument } from './source-documents';

/** How the planned cluster is configured. */
export interface DaemonPlannerOptions {
  /**
   * Whether the SidecarContainers feature gate is on (API server, scheduler and kubelet): init containers
   * with `restartPolicy: Always` then run next to the app containers and their requests add up.
   * @default false - the Kubernetes 1.28 default (alpha): the API server drops the field
   */
  readonly sidecarContainers?: boolean;
}

/**
 * Predicts what the DaemonSet controller, admission and the scheduler will do with a set of DaemonSets on
 * a real cluster: the nodes each daemon runs on and the exact reason it skips the others. With the pods
 * already there (`addPodsFile`), which daemon pods fit, which preempt whom and which stay Pending; the
 * cost of all daemons together, host-port clashes, rollout waves, and the problems worth a look.
 *
 * DaemonSets come from YAML or JSON (this library's output or anyone else's, Helm-rendered included) or
 * straight from a cdk8s chart or app. Besides DaemonSets, PriorityClasses, LimitRanges, RuntimeClasses,
 * PodDisruptionBudgets and Services are read; other kinds are ignored.
 *
 * ```ts
 * const report = new DaemonPlanner(NodeInventory.fromFile('nodes.json')).addChart(chart).addPodsFile('pods.json').plan();
 * ```
 */
export class DaemonPlanner {
  /**
   * Plans the manifests in `manifestFiles` against the inventory in `inventoryFile` and renders the report.
   * @param inventoryFile the output of `kubectl get nodes -o json`
   * @param manifestFiles YAML or JSON files holding DaemonSets
   * @param format the output format (text when not given)
   * @param podsFile the output of `kubectl get pods -A -o json`, for a busy cluster
   */
  public static planFiles(inventoryFile: string, manifestFiles: string[], format?: PlanFormat, podsFile?: string): string {
    const planner = new DaemonPlanner(NodeInventory.fromFile(inventoryFile));
    if (podsFile) planner.addPodsFile(podsFile);
    for (const file of manifestFiles) planner.addFile(file);
    return PlanRenderer.render(planner.plan(), format ?? PlanFormat.TEXT);
  }

  private readonly manifests = new ManifestSet();
  private readonly podLists: ClusterPods[] = [];

  /**
   * @param inventory the nodes to plan against
   * @param options how the cluster is configured
   */
  public constructor(private readonly inventory: NodeInventory, private readonly options: DaemonPlannerOptions = {}) {}

  /**
   * Adds the pods already on the cluster: the output of `kubectl get pods -A -o json` (or `-o yaml`).
   * JSON is read as a stream, keeping only what scheduling needs, so the file may be larger than fits in
   * one string.
   */
  public addPodsFile(path: string): DaemonPlanner {
    this.podLists.push(readPodsFile(path));
    return this;
  }

  /**
   * Adds pods from the text of a pod list (JSON or YAML).
   * @param source a name for the text in the report and in error messages
   */
  public addPodsText(text: string, source: string): DaemonPlanner {
    this.podLists.push(readPodsText(text, source));
    return this;
  }

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
    return buildPlan(this.inventory.source, this.inventory._nodes(), this.manifests, {
      pods: mergePods(this.podLists),
      sidecarContainers: this.options.sidecarContainers ?? false,
    });
  }

  private add(source: string, docs: readonly SourceDocument[]): DaemonPlanner {
    this.manifests.add(source, docs);
    return this;
  }
}

function mergePods(lists: readonly ClusterPods[]): ClusterPods | undefined {
  if (lists.length <= 1) return lists[0];
  return {
    source: lists.map(l => l.source).join(', '),
    pods: lists.flatMap(l => l.pods),
    terminated: lists.reduce((n, l) => n + l.terminated, 0),
    unscheduled: lists.reduce((n, l) => n + l.unscheduled, 0),
    observedPriorities: new Map(lists.flatMap(l => [...l.observedPriorities]).reverse()),
  };
}
