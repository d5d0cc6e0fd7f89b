import { IConstruct } from 'constructs';

const SUPPRESSION = 'cdk8s-daemons:suppression';

/** A rule switched off on a construct (and everything under it), with the reason. */
export interface Suppression {
  /** The rule ID, e.g. `SEC004`. */
  readonly ruleId: string;
  /** Why the rule does not apply here: shown in the validation report and the docs. */
  readonly reason: string;
  /** The construct path the suppression was made on. */
  readonly path: string;
}

/**
 * Suppressions of the security and best-practice rules, cdk-nag style: each names the rule and gives a
 * written reason, and applies to the construct and everything under it. API-server rules cannot be
 * suppressed: the API server would reject the object anyway.
 */
export class Validations {
  /** Suppresses `ruleId` on `scope` and its children, with a reason (at least a few words). */
  public static suppress(scope: IConstruct, ruleId: string, reason: string): void {
    scope.node.addMetadata(SUPPRESSION, { ruleId, reason }, { stackTrace: false });
  }

  /** Every suppression in effect for `scope`: its own and its ancestors'. */
  public static suppressionsOf(scope: IConstruct): Suppression[] {
    return scope.node.scopes.flatMap(c => c.node.metadata
      .filter(m => m.type === SUPPRESSION)
      .map(m => ({ ruleId: m.data.ruleId, reason: m.data.reason, path: c.node.path })));
  }

  private constructor() {}
}
