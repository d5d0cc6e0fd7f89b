import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { enableValidation } from './app-validation';

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
   * Run the security and best-practice rules (SEC*, BP*). API-server rules always run.
   * @default true
   */
  readonly bestPractices?: boolean;
  /**
   * Run the cross-object rules (XO*: overlapping selectors, host-port clashes, missing PriorityClasses,
   * Services without endpoints, missing ConfigMaps and ServiceAccounts).
   * @default true
   */
  readonly crossObject?: boolean;
}

/**
 * Validation settings and suppressions. The security and best-practice rules fail synth unless
 * suppressed on a construct with a written reason (cdk-nag style); a suppression applies to the
 * construct and everything under it. API-server rules cannot be suppressed: the API server would
 * reject the object anyway.
 */
export class Validations {
  /** Suppresses `ruleId` on `scope` and its children. `reason` says why the rule does not apply. */
  public static suppress(scope: IConstruct, ruleId: string, reason: string): void {
    if (!/^(SEC|BP|XO)[0-9]{3}$/.test(ruleId)) {
      throw new Error(`[${scope.node.path}] 'ruleId' ${JSON.stringify(ruleId)} cannot be suppressed: only security (SEC…), best-practice (BP…) and cross-object (XO…) rules can`);
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

  /** Sets how `scope` (usually a Chart) and everything under it is validated. */
  public static configure(scope: IConstruct, options: ValidationOptions): void {
    scope.node.addMetadata(OPTIONS, { ...options }, { stackTrace: false });
  }

  /** The options in effect for `scope`: the nearest `configure()` call on it or an ancestor. */
  public static optionsOf(scope: IConstruct): ValidationOptions {
    for (const c of [...scope.node.scopes].reverse()) {
      const found = c.node.metadata.filter(m => m.type === OPTIONS);
      if (found.length) return found[found.length - 1].data;
    }
    return {};
  }

  private constructor() {}
}
