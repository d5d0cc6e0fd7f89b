import { checksFor, PodView } from './pod-security-checks';
import { PodSecurityLevel } from './pod-security-level';
import { namespaceLabelProblems, policyMinor, PodSecurityPolicy } from './pod-security-policy';
import { ObjectRule, rule, Violation } from './violation';

/** The kinds PodSecurity admission evaluates (admission.go): Pods, and the pod templates of workload objects. */
const TEMPLATE_PATHS: { [kind: string]: string[] } = {
  DaemonSet: ['spec', 'template'],
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  PodTemplate: ['template'],
};

/** The pod an object creates, as admission evaluates it, or undefined for objects without pods. */
export function podViewOf(obj: any): PodView | undefined {
  if (obj?.kind === 'Pod') return obj.spec && typeof obj.spec === 'object' ? { meta: obj.metadata ?? {}, spec: obj.spec, metaPath: 'metadata', specPath: 'spec' } : undefined;
  const path = TEMPLATE_PATHS[obj?.kind];
  if (!path) return undefined;
  const template = path.reduce((o, k) => (o && typeof o === 'object' ? o[k] : undefined), obj);
  if (!template?.spec || typeof template.spec !== 'object') return undefined;
  const at = path.join('.');
  return { meta: template.metadata ?? {}, spec: template.spec, metaPath: `${at}.metadata`, specPath: `${at}.spec` };
}

/** The namespace an object is created in (`default` when it names none). */
export function namespaceOf(obj: any): string {
  return obj?.metadata?.namespace || 'default';
}

/**
 * Evaluates an object's pods against a Pod Security level as the PodSecurity admission plugin does on
 * pod create: one violation per failing control, with admission's reason and detail. For a workload the
 * object itself is accepted and every pod it creates is forbidden, so each is an error.
 */
export function podSecurityViolations(obj: any, policy: PodSecurityPolicy): Violation[] {
  if (policy.level === PodSecurityLevel.PRIVILEGED) return [];
  const pod = podViewOf(obj);
  if (!pod) return [];
  const label = `${policy.level}:${policy.version}`;
  const outcome = obj.kind === 'Pod'
    ? 'the Pod is forbidden'
    : `the ${obj.kind} is accepted, then every pod it creates is forbidden (0 pods, FailedCreate events)`;
  const found: Violation[] = [];
  for (const check of checksFor(policy.level, policyMinor(policy.version))) {
    const f = check.run(pod, policyMinor(policy.version));
    if (!f) continue;
    found.push({
      ruleId: check.ruleId,
      path: f.path,
      value: f.value,
      problem: `violates PodSecurity "${label}": ${f.reason} (${f.detail}); ${outcome}. Control ${check.id} (${check.title}) of the ${check.level} level, enforced by ${policy.source}`,
      valid: `${check.allowed}, or a namespace at a lower level`,
    });
  }
  return found;
}

/** The API server refuses a Namespace whose pod-security labels it cannot parse (api/helpers.go). */
export const NS001: ObjectRule = rule('NS001', ['Namespace'], 'pod-security.kubernetes.io labels of a Namespace name a level (privileged, baseline, restricted) and a version (latest or v1.N)',
  (ns, sink) => {
    for (const p of namespaceLabelProblems(ns.metadata?.labels)) {
      sink.add(`metadata.labels[${JSON.stringify(p.key)}]`, p.value, p.problem, p.problem.startsWith('must be one') ? 'privileged, baseline or restricted (lower case)' : 'latest or v1.<minor>, e.g. v1.28');
    }
  });
