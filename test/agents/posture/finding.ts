/**
 * Shared shapes of the posture checkers: independent re-implementations, in the test tree, of the DEFAULT
 * checks of kube-linter, Polaris and kube-score that apply to a DaemonSet's pod template. They read the
 * rendered objects only and share no code with the library's rules.
 */

/** danger: Polaris `danger`, kube-score CRITICAL; warning: Polaris `warning`, kube-score WARNING, kube-linter (no levels). */
export type Severity = 'danger' | 'warning';

export interface Finding {
  readonly tool: 'kube-linter' | 'polaris' | 'kube-score';
  readonly check: string;
  readonly severity: Severity;
  /** The container the finding is about, for per-container checks. */
  readonly container?: string;
  readonly message: string;
}

/** A DaemonSet (or any pod controller) of the input, with the other objects it is linted together with. */
export interface LintInput {
  readonly workload: any;
  readonly others: any[];
}

export function podSpec(workload: any): any {
  return workload?.spec?.template?.spec ?? {};
}

export function containersOf(workload: any): any[] {
  return podSpec(workload).containers ?? [];
}

export function initContainersOf(workload: any): any[] {
  return podSpec(workload).initContainers ?? [];
}

/** Whether `selector` (matchLabels, matchExpressions) selects a pod with `labels`. */
export function selects(selector: any, labels: { [k: string]: string }): boolean {
  if (!selector) return false;
  for (const [k, v] of Object.entries<string>(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = e.key in labels;
    if (e.operator === 'In' && !(has && e.values.includes(labels[e.key]))) return false;
    if (e.operator === 'NotIn' && has && e.values.includes(labels[e.key])) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** A NetworkPolicy among `others` that selects the workload's pods in its namespace. */
export function hasNetworkPolicy(input: LintInput): boolean {
  const ns = input.workload.metadata?.namespace ?? 'default';
  const labels = input.workload.spec?.template?.metadata?.labels ?? {};
  return input.others.some(o => o?.kind === 'NetworkPolicy' && (o.metadata?.namespace ?? 'default') === ns && selects(o.spec?.podSelector ?? {}, labels));
}

/** The image's tag, or undefined when it has none (a digest counts as pinned). */
export function imageTag(image: string): string | undefined {
  if (image.includes('@')) return 'digest';
  const last = image.split('/').pop() ?? '';
  return last.includes(':') ? last.split(':').pop() : undefined;
}
