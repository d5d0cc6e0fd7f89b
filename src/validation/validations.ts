import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { enableValidation } from './app-validation';
import { PodSecurityLevel } from './pod-security-level';
import { SUPPRESSIBLE_RULE_ID } from './severity';

const SUPPRESSION = 'cdk8s-daemons:suppression';
const OPTIONS = 'cdk8s-daemons:validation-options';

/** A rule switched off on a construct (and everything under it), with the reason. */
export interface Suppression {
  /** The rule ID, e.g. `SEC004`. */
  readonly ruleId: string;
  /** Why the rule does not apply here: shown in the validation report and the docs. */
  readonly reason: string;
  /** The construct path the suppression was made on. */
  readonly path: string;
}

/** How a chart (and everything in it) is validated at synth. */
export interface ValidationOptions {
  /**
   * Check every object against the strict Kubernetes 1.28 JSON schema (an unknown field is an error:
   * `containers[0].volumes` is a classic typo).
   * @default true
   */
  readonly schema?: boolean;
  /**
   * Run the security and best-practice rules (SEC*, BP*), whose findings are warnings. API-server rules always run.
   * @default true
   */
  readonly bestPractices?: boolean;
  /**
   * Make every warning an error, so that synth fails on hardening and best-practice findings too (for CI).
   * Suppressions still apply.
   * @default false
   */
  readonly strict?: boolean;
  /**
   * The Pod Security Standards level the pods must meet, as the namespace's PodSecurity admission
   * enforces it. On a chart it is the level of the chart's namespace: every pod template in that
   * namespace anywhere in the app is checked against it, hand-written ones included. A violation is an
   * error naming the control (PSS001-PSS017): the API server accepts a DaemonSet whose pods the
   * namespace forbids, and it then runs nowhere. A Namespace object of the app with the label
   * `pod-security.kubernetes.io/enforce` declares the same; the stricter level wins.
   * @default - no level: nothing is enforced (the admission default is privileged)
   */
  readonly podSecurity?: PodSecurityLevel;
  /**
   * Run the cross-object rules (XO*: overlapping selectors, host-port clashes, missing PriorityClasses,
   * Services without endpoints, missing ConfigMaps and ServiceAccounts).
   * @default true
   */
  readonly crossObject?: boolean;
}

/**
 * Validation settings and suppressions. Errors (what the API server, admission or the kubelet refuses,
 * or what surely fails at runtime) fail synth; warnings (hardening and best practice) are reported in a
 * table and in validation-report.md, and fail synth only with `strict: true`. A suppression on a
 * construct, with a written reason (cdk-nag style), silences a security (SEC), best-practice (BP),
 * cross-object (XO) or Pod Security (PSS) rule on the construct and everything under it. API-server and
 * kubelet rules cannot be suppressed: the object would be refused anyway.
 */
export class Validations {
  /** Suppresses `ruleId` on `scope` and its children. `reason` says why the rule does not apply. */
  public static suppress(scope: IConstruct, ruleId: string, reason: string): void {
    if (!SUPPRESSIBLE_RULE_ID.test(ruleId)) {
      throw new Error(`[${scope.node.path}] 'ruleId' ${JSON.stringify(ruleId)} cannot be suppressed: only security (SEC…), best-practice (BP…), cross-object (XO…) and Pod Security (PSS…) rules can`);
    }
    if (reason.trim().split(/\s+/).length < 3) {
      throw new Error(`[${scope.node.path}] 'reason' ${JSON.stringify(reason)} for ${ruleId} is too short: say in a few words why the rule does not apply`);
    }
    scope.node.addMetadata(SUPPRESSION, { ruleId, reason }, { stackTrace: false });
  }

  /** Every suppression in effect for `scope`: its own and its ancestors'. */
  public static suppressionsOf(scope: IConstruct): Suppression[] {
    return scope.node.scopes.flatMap(c => c.node.metadata
      .filter(m => m.type === SUPPRESSION)
      .map(m => ({ ruleId: m.data.ruleId, reason: m.data.reason, path: c.node.path })));
  }

  /**
   * Checks every object of a chart at synth, including hand-written ApiObjects and escape-hatch patches,
   * with the same rules as the constructs of this library (charts with a NodeDaemon are checked already).
   */
  public static enable(chart: Chart): void {
    enableValidation(chart);
  }

  /**
   * Sets how `scope` (an App, a Chart or a construct) and everything under it is validated. Options set
   * nearer to an object, or later on the same scope, win option by option.
   */
  public static configure(scope: IConstruct, options: ValidationOptions): void {
    scope.node.addMetadata(OPTIONS, { ...options }, { stackTrace: false });
  }

  /** The options in effect for `scope`: every `configure()` call on it and its ancestors, the nearest winning per option. */
  public static optionsOf(scope: IConstruct): ValidationOptions {
    const merged: { [key: string]: unknown } = {};
    for (const c of scope.node.scopes) {
      for (const m of c.node.metadata.filter(x => x.type === OPTIONS)) {
        for (const [key, value] of Object.entries(m.data)) if (value !== undefined) merged[key] = value;
      }
    }
    return merged as ValidationOptions;
  }

  private constructor() {}
}
