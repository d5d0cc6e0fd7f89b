/**
 * How much a finding matters. An error means the API server, admission or the kubelet refuses the
 * object, or it surely fails at runtime: synth fails. A warning is hardening or best practice: reported,
 * and an error only in strict mode.
 */
export type Severity = 'error' | 'warning';

/** Families whose findings are warnings: hardening (SEC) and best practice (BP). */
const WARNING_FAMILIES = /^(SEC|BP)[0-9]{3}$/;

/**
 * Cross-object rules whose findings are warnings: a Service whose pods are not in the app may select
 * pods deployed by other means, and a numeric targetPort need not be declared on the container.
 */
const WARNING_RULES = new Set(['XO005']);

/** The severity of a rule's findings (before strict mode). */
export function severityOf(ruleId: string): Severity {
  return WARNING_FAMILIES.test(ruleId) || WARNING_RULES.has(ruleId) ? 'warning' : 'error';
}

/**
 * Rules a suppression may name: warnings, and the errors that depend on the cluster rather than on the
 * object (a PriorityClass or ConfigMap that exists in the cluster, a namespace exempt from Pod Security).
 * API-server and kubelet rules cannot be suppressed: the object would be refused anyway.
 */
export const SUPPRESSIBLE_RULE_ID = /^(SEC|BP|XO|PSS)[0-9]{3}$/;

/** The severity of a finding in effect: strict mode makes warnings errors. */
export function effectiveSeverity(ruleId: string, strict: boolean): Severity {
  return strict ? 'error' : severityOf(ruleId);
}
