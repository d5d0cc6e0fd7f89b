import { CROSS_OBJECT_RULES, crossCheck } from './cross-object-rules';
import { checkObject, SuppressionLike } from './object-checker';
import { namespaceOf, podSecurityViolations } from './pod-security';
import { PodSecurityLevel } from './pod-security-level';
import { ENFORCE_LABEL, namespaceEnforcePolicy, PodSecurityPolicy, stricterLevel } from './pod-security-policy';
import { effectiveSeverity, Severity } from './severity';

/** Annotation prefix that suppresses a rule on one object of plain YAML: `daemons.cdk8s.io/suppress-SEC004: "<reason>"`. */
export const SUPPRESS_ANNOTATION_PREFIX = 'daemons.cdk8s.io/suppress-';

/** One document of a manifest file. */
export interface ManifestDocument {
  readonly file: string;
  /** 0-based index of the document in its file. */
  readonly index: number;
  readonly object: any;
}

/** One finding in a manifest. */
export interface ManifestFinding {
  readonly file: string;
  readonly index: number;
  readonly kind: string;
  readonly name: string;
  readonly ruleId: string;
  readonly path: string;
  readonly problem: string;
  readonly valid: string;
  /** Error (the object is refused or surely fails) or warning (hardening, best practice). */
  readonly severity: Severity;
  /** The reason of the annotation that suppressed it, if any. */
  readonly suppressedBecause?: string;
}

/** Options of `validateDocuments`. */
export interface DocumentValidationOptions {
  /** Run the security and best-practice rules (default true). */
  readonly bestPractices?: boolean;
  /** Check against the strict schema (default true). */
  readonly schema?: boolean;
  /** Warnings count as errors (default false). */
  readonly strict?: boolean;
  /** A Pod Security level every pod must meet, whatever its namespace (`validate --pod-security`). */
  readonly podSecurity?: PodSecurityLevel;
}

/**
 * The enforce policy each document's pods are admitted under: the level of its Namespace (a Namespace
 * object among the documents with the enforce label), or the one given for all, the stricter.
 */
function policiesOf(docs: ManifestDocument[], level: PodSecurityLevel | undefined): (PodSecurityPolicy | undefined)[] {
  const namespaces = new Map<string, PodSecurityPolicy>();
  for (const d of docs) {
    if (d.object?.kind !== 'Namespace' || d.object?.apiVersion !== 'v1') continue;
    const name = String(d.object.metadata?.name ?? '');
    const policy = namespaceEnforcePolicy(d.object.metadata?.labels, `the label ${ENFORCE_LABEL} of Namespace ${name} (${d.file})`);
    const known = namespaces.get(name);
    if (policy && (!known || stricterLevel(known.level, policy.level) !== known.level)) namespaces.set(name, policy);
  }
  const given: PodSecurityPolicy | undefined = level && { level, version: 'latest', source: `--pod-security ${level}` };
  return docs.map(d => {
    const fromNamespace = namespaces.get(namespaceOf(d.object));
    if (!given) return fromNamespace;
    if (!fromNamespace) return given;
    return stricterLevel(fromNamespace.level, given.level) === fromNamespace.level ? fromNamespace : given;
  });
}

function suppressionsIn(obj: any, where: string): SuppressionLike[] {
  return Object.entries(obj?.metadata?.annotations ?? {})
    .filter(([key]) => key.startsWith(SUPPRESS_ANNOTATION_PREFIX))
    .map(([key, reason]) => ({ ruleId: key.slice(SUPPRESS_ANNOTATION_PREFIX.length), reason: String(reason), path: where }));
}

interface RuleResult { readonly ruleId: string; readonly path: string; readonly problem: string; readonly valid: string }

function finding(doc: ManifestDocument, v: RuleResult, severity: Severity, suppressedBecause?: string): ManifestFinding {
  return {
    file: doc.file,
    index: doc.index,
    kind: String(doc.object?.kind),
    name: String(doc.object?.metadata?.name ?? ''),
    ruleId: v.ruleId,
    path: v.path,
    problem: v.problem,
    valid: v.valid,
    severity,
    suppressedBecause,
  };
}

/**
 * Validates plain Kubernetes objects (this library's output or anyone else's, Helm-rendered included) with
 * every rule family: strict schema, API-server rules, security and best-practice rules, cross-object rules.
 * Suppressions come from `daemons.cdk8s.io/suppress-<RULE>` annotations on the objects.
 */
export function validateDocuments(docs: ManifestDocument[], options: DocumentValidationOptions = {}): ManifestFinding[] {
  const strict = options.strict ?? false;
  const families = { schema: options.schema ?? true, bestPractices: options.bestPractices ?? true, strict };
  const findings: ManifestFinding[] = [];
  const policies = policiesOf(docs, options.podSecurity);
  docs.forEach((doc, i) => {
    const policy = policies[i];
    const podSecurity = policy ? podSecurityViolations(doc.object, policy) : [];
    const check = checkObject(doc.object, suppressionsIn(doc.object, `${doc.file}#${doc.index}`), families, podSecurity);
    findings.push(...check.errors.map(v => finding(doc, v, 'error')));
    findings.push(...check.warnings.map(v => finding(doc, v, 'warning')));
    findings.push(...check.suppressed.map(s => finding(doc, s.violation, s.severity, s.reason)));
  });
  for (const r of CROSS_OBJECT_RULES) {
    for (const v of crossCheck(r, docs.map(d => d.object))) {
      const involved = [v.object, ...v.others].map(i => docs[i]);
      const suppression = involved.flatMap(d => suppressionsIn(d.object, '')).find(s => s.ruleId === v.ruleId);
      const located = v.locateOthers ? { ...v, problem: `${v.problem} (also in ${v.others.map(i => docs[i].file).join(', ')})` } : v;
      findings.push(finding(docs[v.object], located, effectiveSeverity(v.ruleId, strict), suppression?.reason));
    }
  }
  return findings;
}
