import { CliResult, errorResult, EXIT_GATE, EXIT_OK, parseCommandLine, UsageError } from './cli-result';
import { expandFiles } from './input-files';
import { readManifestDocuments } from './manifest-documents';
import { ManifestDocument, ManifestFinding, validateDocuments } from '../validation/manifest-validation';
import { PodSecurityLevel } from '../validation/pod-security-level';

export const VALIDATE_SUMMARY = 'check manifests against the Kubernetes 1.28 schema and the library\'s rules';

const USAGE = `usage: cdk8s-daemons validate [options] FILE...

Checks every object in FILE... (YAML or JSON, Helm-rendered included; a directory means its *.yaml,
*.yml and *.json files) against the strict Kubernetes 1.28 schema, the API-server rules, the security
and best-practice rules and the cross-object rules. Errors are what the API server, admission or the
kubelet refuses, or what surely fails at runtime; warnings (security hardening SEC*, best practice BP*,
XO005) are listed but pass, unless --strict. An object opts out of a rule with the annotation
daemons.cdk8s.io/suppress-<RULE>: "<why it does not apply>".

options:
  --format FORMAT       text (default) or json
  --strict              warnings are errors (exit 1 on any finding)
  --pod-security LEVEL  every pod must meet the Pod Security level privileged, baseline or restricted
                        (Namespace objects with pod-security.kubernetes.io/enforce apply to theirs)
  --no-best-practices   skip the security and best-practice rules (SEC*, BP*)
  -h, --help            this help

exit codes: 0 no error (warnings may be listed); 1 errors; 2 bad usage or bad input (one line on stderr).
`;

interface ValidateOptions {
  readonly help: boolean;
  readonly format: string;
  readonly bestPractices: boolean;
  readonly strict: boolean;
  readonly podSecurity?: PodSecurityLevel;
  readonly files: string[];
}

function parseOptions(argv: string[]): ValidateOptions {
  const parsed = parseCommandLine('validate', argv, {
    'format': { type: 'string', default: 'text' },
    'no-best-practices': { type: 'boolean', default: false },
    'strict': { type: 'boolean', default: false },
    'pod-security': { type: 'string' },
  });
  const v = parsed.values;
  const level = v['pod-security'] as string | undefined;
  const podSecurity = Object.values(PodSecurityLevel).find(l => l === level);
  if (level !== undefined && !podSecurity) throw new UsageError(`--pod-security must be one of privileged, baseline, restricted, not "${level}"`);
  const options = {
    help: v.help === true, format: v.format as string, bestPractices: v['no-best-practices'] !== true, strict: v.strict === true, podSecurity, files: parsed.positionals,
  };
  if (options.help) return options;
  if (!['text', 'json'].includes(options.format)) throw new UsageError(`--format must be one of text, json, not "${options.format}"`);
  if (!options.files.length) throw new UsageError('no FILE given: name the YAML or JSON manifests to check');
  return options;
}

function renderText(docs: ManifestDocument[], open: ManifestFinding[], suppressed: number): string {
  const errors = open.filter(f => f.severity === 'error');
  const warnings = open.filter(f => f.severity === 'warning');
  const lines = [...errors, ...warnings].map(f => `${f.file}: ${f.kind} ${f.name}: ${f.severity} ${f.ruleId} ${f.path}: ${f.problem}. Valid: ${f.valid}`);
  lines.push(`${docs.length} objects, ${errors.length} errors, ${warnings.length} warnings, ${suppressed} suppressed`);
  return `${lines.join('\n')}\n`;
}

/** `cdk8s-daemons validate`: every rule family over any manifests, with a non-zero exit on findings. */
export function validateCommand(argv: string[]): CliResult {
  try {
    const options = parseOptions(argv);
    if (options.help) return { exitCode: EXIT_OK, stdout: USAGE, stderr: '' };
    const { docs, findings: reading } = readManifestDocuments(expandFiles(options.files));
    const { bestPractices, strict, podSecurity } = options;
    const findings = [...reading, ...validateDocuments(docs, { bestPractices, strict, podSecurity })];
    const open = findings.filter(f => f.suppressedBecause === undefined);
    const suppressed = findings.length - open.length;
    const stdout = options.format === 'json'
      ? `${JSON.stringify({ objects: docs.length, findings: open, suppressed: findings.filter(f => f.suppressedBecause !== undefined) }, null, 2)}\n`
      : renderText(docs, open, suppressed);
    return { exitCode: open.some(f => f.severity === 'error') ? EXIT_GATE : EXIT_OK, stdout, stderr: '' };
  } catch (e) {
    return errorResult(e, 'validate');
  }
}
