import { ManifestDocument, validateDocuments } from './manifest-validation';

/** Properties of the cdk8s-cli validation plugin (the `properties:` of its entry in cdk8s.yaml). */
export interface DaemonValidationPluginProps {
  /**
   * Run the security and best-practice rules (their findings are warnings).
   * @default true
   */
  readonly bestPractices?: boolean;
  /**
   * Make every warning an error, so that the plugin fails on hardening and best-practice findings too.
   * @default false
   */
  readonly strict?: boolean;
}

/**
 * The library's rules as a cdk8s-cli validation plugin, for `cdk8s synth` users and charts that use no
 * construct of this library. In cdk8s.yaml:
 *
 * ```yaml
 * validations:
 *   - package: cdk8s-daemons
 *     version: <version>
 *     class: DaemonValidationPlugin
 * ```
 *
 * Objects opt out of a rule with the annotation `daemons.cdk8s.io/suppress-<RULE>: "<reason>"`.
 */
export class DaemonValidationPlugin {
  private readonly props: DaemonValidationPluginProps;

  constructor(props: DaemonValidationPluginProps = {}) {
    this.props = props;
  }

  /**
   * Called by cdk8s-cli with its ValidationContext: reads every synthesized manifest, reports each finding
   * as a violation (warnings say so in their name) and submits failure when any error is not suppressed.
   */
  public async validate(context: any): Promise<void> {
    const docs: ManifestDocument[] = (context.manifests as string[]).flatMap(file =>
      (context.parseManifest(file) as any[]).filter(o => o).map((object, index) => ({ file, index, object })));
    const findings = validateDocuments(docs, { bestPractices: this.props.bestPractices, strict: this.props.strict });
    const open = findings.filter(f => f.suppressedBecause === undefined);
    const byRule = new Map<string, typeof open>();
    for (const f of open) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
    for (const [ruleId, list] of [...byRule.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      context.report.addViolation({
        ruleName: list[0].severity === 'warning' ? `${ruleId} (warning)` : ruleId,
        recommendation: list[0].problem,
        fix: `${list[0].valid} (or annotate the object with daemons.cdk8s.io/suppress-${ruleId}: "<why it does not apply>")`,
        violatingResources: list.map(f => ({ resourceName: `${f.kind}/${f.name}`, locations: [f.path], manifestPath: f.file })),
      });
    }
    const errors = open.filter(f => f.severity === 'error');
    context.report.submit(errors.length ? 'failure' : 'success', {
      objects: String(docs.length),
      errors: String(errors.length),
      warnings: String(open.length - errors.length),
      suppressed: String(findings.length - open.length),
    });
  }
}
