import { writeFileSync } from 'fs';
import { CliResult, errorResult, EXIT_GATE, EXIT_OK, parseCommandLine, UsageError } from './cli-result';
import { expandFiles } from './input-files';
import { DaemonPlanner } from '../plan/daemon-planner';
import { NodeInventory } from '../plan/node-inventory';
import { PlanFormat, PlanRenderer } from '../plan/plan-renderer';
import { PlanReport, ProblemSeverity } from '../plan/report';

export const PLAN_SUMMARY = 'predict where DaemonSets run, what they cost each node, and how they roll out';

const USAGE = `usage: cdk8s-daemons plan --nodes NODES.json [options] FILE...

Predicts what the DaemonSet controller will do with every DaemonSet in FILE... (YAML or JSON; a
directory means its *.yaml, *.yml and *.json files) on the nodes of NODES.json, the output of
\`kubectl get nodes -o json\` (or -o yaml).

options:
  --nodes FILE          the node inventory (required)
  --format FORMAT       text (default), json or html
  --out FILE            write the report to FILE instead of standard output
  --fail-on LEVEL       exit 1 when the plan has problems (errors or warnings) or errors; default never
  -h, --help            this help

exit codes: 0 planned; 1 the --fail-on gate tripped; 2 bad usage or bad input (one line on stderr).
`;

const FORMATS = Object.values(PlanFormat) as string[];
const FAIL_ON = ['never', 'errors', 'problems'];

/** `cdk8s-daemons plan`: reads the inventory and manifests, prints the plan, applies the --fail-on gate. */
export function planCommand(argv: string[]): CliResult {
  try {
    const options = parseOptions(argv);
    if (options.help) return { exitCode: EXIT_OK, stdout: USAGE, stderr: '' };
    const planner = new DaemonPlanner(NodeInventory.fromFile(options.nodes));
    for (const file of expandFiles(options.files)) planner.addFile(file);
    const report = planner.plan();
    const rendered = PlanRenderer.render(report, options.format);
    let stdout = rendered;
    if (options.out) {
      writeReport(options.out, rendered);
      stdout = `wrote ${options.out}: ${summary(report)}\n`;
    }
    const trips = gateTrips(report, options.failOn);
    const stderr = trips ? `cdk8s-daemons: plan: --fail-on ${options.failOn}: ${summary(report)}\n` : '';
    return { exitCode: trips ? EXIT_GATE : EXIT_OK, stdout, stderr };
  } catch (e) {
    return errorResult(e, 'plan');
  }
}

interface PlanOptions {
  readonly help: boolean;
  readonly nodes: string;
  readonly format: PlanFormat;
  readonly out?: string;
  readonly failOn: string;
  readonly files: string[];
}

function parseOptions(argv: string[]): PlanOptions {
  const parsed = parseCommandLine('plan', argv, {
    'nodes': { type: 'string' },
    'format': { type: 'string', default: 'text' },
    'out': { type: 'string' },
    'fail-on': { type: 'string', default: 'never' },
  });
  const v = parsed.values;
  const help = v.help === true;
  if (help) return { help, nodes: '', format: PlanFormat.TEXT, failOn: 'never', files: [] };
  if (!v.nodes) throw new UsageError('--nodes FILE is required: the output of kubectl get nodes -o json');
  if (!FORMATS.includes(v.format as string)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${v.format}"`);
  if (!FAIL_ON.includes(v['fail-on'] as string)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}, not "${v['fail-on']}"`);
  if (parsed.positionals.length === 0) throw new UsageError('no manifest FILE given: name the YAML or JSON files holding the DaemonSets');
  return {
    help,
    nodes: v.nodes as string,
    format: v.format as PlanFormat,
    out: v.out as string | undefined,
    failOn: v['fail-on'] as string,
    files: parsed.positionals,
  };
}

function writeReport(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (e) {
    throw new UsageError(`cannot write --out ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function summary(report: PlanReport): string {
  const errors = report.problems.filter(p => p.severity === ProblemSeverity.ERROR).length;
  return `${report.daemonSets.length} DaemonSets on ${report.nodeCount} nodes, ${errors} errors, ${report.problems.length - errors} warnings`;
}

function gateTrips(report: PlanReport, failOn: string): boolean {
  if (failOn === 'problems') return report.problems.length > 0;
  if (failOn === 'errors') return report.problems.some(p => p.severity === ProblemSeverity.ERROR);
  return false;
}
