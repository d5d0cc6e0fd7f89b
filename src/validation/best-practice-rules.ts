import { BP008 } from './toleration-rules';
import { ObjectRule, podSpecOf, rule, WORKLOAD_KINDS } from './violation';

/**
 * Best-practice rules (kube-linter / Polaris reliability and efficiency checks). Their findings are
 * warnings (errors in strict mode), suppressible with a written reason (`Validations.suppress`).
 */

function eachContainer(obj: any, check: (c: any, path: string) => void): void {
  const pod = podSpecOf(obj);
  if (!pod) return;
  (pod.spec.containers ?? []).forEach((c: any, i: number) => check(c, `${pod.path}.containers[${i}]`));
}

/** The tag of an image reference, or undefined when it has none (a digest counts as pinned). */
export function imageTag(image: string): string | undefined {
  if (image.includes('@')) return '@digest';
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  return colon < 0 ? undefined : image.slice(colon + 1);
}

export const BP001 = rule('BP001', WORKLOAD_KINDS, 'images are pinned: a tag other than latest, or a digest', (obj, sink) => {
  const pod = podSpecOf(obj);
  if (!pod) return;
  const containers = [
    ...(pod.spec.initContainers ?? []).map((c: any, i: number) => ({ c, path: `${pod.path}.initContainers[${i}]` })),
    ...(pod.spec.containers ?? []).map((c: any, i: number) => ({ c, path: `${pod.path}.containers[${i}]` })),
  ];
  for (const { c, path } of containers) {
    const tag = imageTag(String(c.image ?? ''));
    if (tag === undefined) sink.add(`${path}.image`, c.image, 'image has no tag, so it means latest and changes under you', 'a pinned tag such as :1.8.2 or a @sha256 digest');
    else if (tag === 'latest') sink.add(`${path}.image`, c.image, 'image uses the latest tag, which changes under you', 'a pinned tag such as :1.8.2 or a @sha256 digest');
  }
});

function resourceRule(id: string, description: string, kind: 'requests' | 'limits', resource: string, why: string): ObjectRule {
  return rule(id, WORKLOAD_KINDS, description, (obj, sink) => eachContainer(obj, (c, path) => {
    if (c.resources?.[kind]?.[resource] === undefined) {
      sink.add(`${path}.resources.${kind}`, c.resources?.[kind] ?? null, `no ${resource} ${kind === 'requests' ? 'request' : 'limit'}: ${why}`, `resources.${kind}.${resource}`);
    }
  }));
}

export const BP002 = resourceRule('BP002', 'containers request cpu', 'requests', 'cpu', 'the scheduler and the planner cannot count the daemon, and it is starved under load');
export const BP003 = resourceRule('BP003', 'containers request memory', 'requests', 'memory', 'the scheduler and the planner cannot count the daemon, and it is evicted first');
export const BP004 = resourceRule('BP004', 'containers set a memory limit', 'limits', 'memory', 'a leak in one agent can take the whole node down');

export const BP005 = rule('BP005', WORKLOAD_KINDS, 'containers have a readiness probe', (obj, sink) => eachContainer(obj, (c, path) => {
  if (!c.readinessProbe) sink.add(`${path}.readinessProbe`, null, 'no readiness probe: a rollout moves on before the new pod works', 'a readinessProbe (httpGet, tcpSocket or exec)');
}));

export const BP006 = rule('BP006', ['DaemonSet'], 'DaemonSets set a priorityClassName', (obj, sink) => {
  const spec = obj.spec?.template?.spec;
  if (spec && !spec.priorityClassName) {
    sink.add('spec.template.spec.priorityClassName', null, 'no priority class: on a full node the daemon pod stays Pending instead of preempting', 'Priority.systemNodeCritical() or a PriorityClass of your own');
  }
});

export const BP007 = rule('BP007', WORKLOAD_KINDS, 'the service account token is not mounted unless the pod uses an account of its own', (obj, sink) => {
  const pod = podSpecOf(obj);
  if (!pod) return;
  const account = pod.spec.serviceAccountName ?? pod.spec.serviceAccount;
  if (pod.spec.automountServiceAccountToken !== false && (!account || account === 'default')) {
    sink.add(`${pod.path}.automountServiceAccountToken`, pod.spec.automountServiceAccountToken ?? null, 'the default service account token is mounted though the pod needs no API access', 'automountServiceAccountToken: false');
  }
});

export const BEST_PRACTICE_RULES: ObjectRule[] = [BP001, BP002, BP003, BP004, BP005, BP006, BP007, BP008];
