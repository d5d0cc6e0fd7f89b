import { API_SERVER_RULES } from './api-rules';
import { BEST_PRACTICE_RULES } from './best-practice-rules';
import { NS001 } from './pod-security';
import { RUNTIME_RULES } from './runtime-rules';
import { strictSchemaViolations } from './schema/strict-schema';
import { SECURITY_RULES } from './security-rules';
import { effectiveSeverity, Severity } from './severity';
import { ObjectRule, Violation } from './violation';

/** A suppressible finding together with the suppression that silenced it. */
export interface SuppressedFinding {
  readonly violation: Violation;
  readonly reason: string;
  readonly suppressedAt: string;
  /** What it would have been without the suppression. */
  readonly severity: Severity;
  /** The object it was found on, for reports. */
  readonly object?: string;
}

/** The outcome of checking one rendered object. */
export interface ObjectCheck {
  /** Violations that fail synth. */
  readonly errors: Violation[];
  /** Hardening and best-practice findings: reported, synth goes on (errors in strict mode). */
  readonly warnings: Violation[];
  /** Suppressible findings silenced by a suppression. */
  readonly suppressed: SuppressedFinding[];
}

/** A suppression as the checker needs it. */
export interface SuppressionLike {
  readonly ruleId: string;
  readonly reason: string;
  readonly path: string;
}

const SUPPRESSIBLE: ObjectRule[] = [...SECURITY_RULES, ...BEST_PRACTICE_RULES];

function applies(r: ObjectRule, kind: string): boolean {
  return r.kinds.includes('*') || r.kinds.includes(kind);
}

/**
 * Runs rules that expect the schema's shape. A malformed object (a container that is null, a port list
 * that is a string) is reported once, naming the rules that could not read it, instead of crashing.
 */
function runRules(rules: ObjectRule[], obj: any): Violation[] {
  const found: Violation[] = [];
  const failed: string[] = [];
  let reason = '';
  for (const r of rules) {
    try {
      found.push(...r.check(obj));
    } catch (e) {
      failed.push(r.id);
      reason = reason || (e as Error).message;
    }
  }
  if (failed.length) {
    found.push({
      ruleId: failed[0],
      path: '',
      value: null,
      problem: `the object is malformed where rules ${failed.join(', ')} look (${reason})`,
      valid: 'an object of the Kubernetes 1.28 schema (no null list entries, lists where lists belong)',
    });
  }
  return found;
}

/** Which families run (API-server rules always do). */
export interface CheckFamilies {
  /** The strict Kubernetes 1.28 schema (unknown fields are errors). */
  readonly schema: boolean;
  /** Security and best-practice rules. */
  readonly bestPractices: boolean;
  /** Warnings count as errors. */
  readonly strict: boolean;
}

/** The families in effect for a scope, from `Validations.configure()`. */
export function familiesFor(options: { schema?: boolean; bestPractices?: boolean; strict?: boolean }): CheckFamilies {
  return { schema: options.schema ?? true, bestPractices: options.bestPractices ?? true, strict: options.strict ?? false };
}

/**
 * Checks one object: the strict schema, the API-server and the kubelet rules are errors that cannot be
 * suppressed; `suppressible` findings (computed by the caller, e.g. Pod Security) and the security and
 * best-practice rules are errors or warnings by their rule, unless suppressed (or switched off).
 */
export function checkObject(obj: any, suppressions: SuppressionLike[], families: CheckFamilies, suppressible: Violation[] = []): ObjectCheck {
  const kind = obj?.kind;
  const errors = families.schema ? strictSchemaViolations(obj) ?? [] : [];
  const ruleResults = (rules: ObjectRule[]) => runRules(rules.filter(r => applies(r, kind)), obj);
  errors.push(...ruleResults([...API_SERVER_RULES, NS001, ...RUNTIME_RULES]));
  const warnings: Violation[] = [];
  const suppressed: SuppressedFinding[] = [];
  const found = [...suppressible, ...(families.bestPractices ? ruleResults(SUPPRESSIBLE) : [])];
  for (const violation of found) {
    const severity = effectiveSeverity(violation.ruleId, families.strict);
    const s = suppressions.find(x => x.ruleId === violation.ruleId);
    if (s) suppressed.push({ violation, reason: s.reason, suppressedAt: s.path, severity });
    else if (severity === 'error') errors.push(violation);
    else warnings.push(violation);
  }
  return { errors, warnings, suppressed };
}

/** Every per-object rule ID that a suppression may name (cross-object and Pod Security rules may be named too). */
export const SUPPRESSIBLE_RULE_IDS: string[] = SUPPRESSIBLE.map(r => r.id);
