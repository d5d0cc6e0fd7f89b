import { CliResult, errorResult, EXIT_GATE, EXIT_OK, parseCommandLine, UsageError } from './cli-result';
import { expandFiles } from './input-files';
import { PlanInputError } from '../plan/input-error';
import { loadFile } from '../plan/source-documents';
import { ManifestDocument, ManifestFinding, validateDocuments } from '../validation/manifest-validation';
import { builtInKind } from '../validation/schema/strict-schema';

export const VALIDATE_SUMMARY = 'check manifests against the Kubernetes 1.28 schema and the library\'s rules';

const USAGE = `usage: cdk8s-daemons validate [options] FILE...

Checks every object in FILE... (YAML or JSON, Helm-rendered included; a directory means its *.yaml,
*.yml and *.json files) against the strict Kubernetes 1.28 schema, the API-server rules, the security
and best-practice rules and the cross-object rules. An object opts out of a rule with the annotation
daemons.cdk8s.io/suppress-<RULE>: "<why it does not apply>".

options:
  --format FORMAT       text (default) or json
  --no-best-practices   skip the security and best-practice rules (SEC*, BP*)
  -h, --help            this help

exit codes: 0 no finding; 1 findings; 2 bad usage or bad input (one line on stderr).
`;

interface ValidateOptions {
  readonly help: boolean;
  readonly format: string;
  readonly bestPractices: boolean;
  readonly files: string[];
}

function parseOptions(argv: string[]): ValidateOptions {
  const parsed = parseCommandLine('validate', argv, {
    'format': { type: 'string', default: 'text' },
    'no-best-practices': { type: 'boolean', default: false },
  });
  const v = parsed.values;
  const options = { help: v.help === true, format: v.format as string, bestPractices: v['no-best-practices'] !== true, files: parsed.positionals };
  if (options.help) return options;
  if (!['text', 'json'].includes(options.format)) throw new UsageError(`--format must be one of text, json, not "${options.format}"`);
  if (!options.files.length) throw new UsageError('no FILE given: name the YAML or JSON manifests to check');
  return options;
}

/** Reads the documents of every file; refuses what is no Kubernetes object, naming the file and document. */
function readDocuments(files: string[]): ManifestDocument[] {
  const docs: ManifestDocument[] = [];
  for (const file of files) {
    loadFile(file).forEach((doc, index) => {
      const obj = doc.value as any;
      if (obj === null || obj === undefined) return;
      const items = obj.kind === 'List' && Array.isArray(obj.items) ? obj.items : [obj];
      items.forEach((item: any, i: number) => {
        const where = items.length > 1 || obj.kind === 'List' ? `${doc.root}.items[${i}]` : doc.root;
        if (typeof item !== 'object' || item === null || Array.isArray(item)) {
          throw new PlanInputError(file, where, `document ${index} is not a Kubernetes object (a mapping with apiVersion and kind)`);
        }
        if (typeof item.apiVersion !== 'string' || typeof item.kind !== 'string') {
          throw new PlanInputError(file, where, `document ${index} has no ${typeof item.apiVersion !== 'string' ? 'apiVersion' : 'kind'}`);
        }
        const known = builtInKind(item.apiVersion, item.kind);
        if (known.builtInGroup && !known.served) {
          throw new PlanInputError(file, `${where}.apiVersion`, `document ${index}: Kubernetes 1.28 serves no ${item.kind} in ${item.apiVersion}`);
        }
        docs.push({ file: items.length > 1 || obj.kind === 'List' ? `${file} ${where}` : `${file} ${doc.root === '$' ? '' : doc.root}`.trim(), index: docs.length, object: item });
      });
    });
  }
  return docs;
}

function renderText(docs: ManifestDocument[], open: ManifestFinding[], suppressed: number): string {
  const lines = open.map(f => `${f.file}: ${f.kind} ${f.name}: ${f.ruleId} ${f.path}: ${f.problem}. Valid: ${f.valid}`);
  lines.push(`${docs.length} objects, ${open.length} findings, ${suppressed} suppressed`);
  return `${lines.join('\n')}\n`;
}

/** `cdk8s-daemons validate`: every rule family over any manifests, with a non-zero exit on findings. */
export function validateCommand(argv: string[]): CliResult {
  try {
    const options = parseOptions(argv);
    if (options.help) return { exitCode: EXIT_OK, stdout: USAGE, stderr: '' };
    const docs = readDocuments(expandFiles(options.files));
    const findings = validateDocuments(docs, { bestPractices: options.bestPractices });
    const open = findings.filter(f => f.suppressedBecause === undefined);
    const suppressed = findings.length - open.length;
    const stdout = options.format === 'json'
      ? `${JSON.stringify({ objects: docs.length, findings: open, suppressed: findings.filter(f => f.suppressedBecause !== undefined) }, null, 2)}\n`
      : renderText(docs, open, suppressed);
    return { exitCode: open.length ? EXIT_GATE : EXIT_OK, stdout, stderr: '' };
  } catch (e) {
    return errorResult(e, 'validate');
  }
}
