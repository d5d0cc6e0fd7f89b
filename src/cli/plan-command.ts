import { writeFileSync } from 'fs';
import { CliResult, errorResult, EXIT_GATE, EXIT_OK, parseCommandLine, UsageError } from './cli-result';
import { expandFiles, refuseInputAsOutput } from './input-files';
import { DaemonPlanner } from '../plan/daemon-planner';
import { NodeInventory } from '../plan/node-inventory';
import { PlanFormat, PlanRenderer } from '../plan/plan-renderer';
import { PlanReport, ProblemSeverity } from '../plan/report';

export const PLAN_SUMMARY = 'predict where DaemonSets run, what they cost each node, and how they roll out';

const USAGE = `usage: cdk8s-daemons plan --nodes NODES.json [options] FILE...

Predicts what the DaemonSet controller, admission and the scheduler will do with every DaemonSet in
FILE... (YAML or JSON; a directory means its *.yaml, *.yml and *.json files) on the nodes of NODES.json,
the output of \`kubectl get nodes -o json\` (or -o yaml). PriorityClasses, LimitRanges, RuntimeClasses
and PodDisruptionBudgets in FILE... or --objects are used too.

options:
  --nodes FILE          the node inventory (required)
  --pods FILE           the pods already running: kubectl get pods -A -o json (read as a stream)
  --objects FILE        cluster objects: kubectl get priorityclasses,limitranges,runtimeclasses,pdb -A -o json
  --feature-gates GATES SidecarContainers=true|false (default false, as in Kubernetes 1.28)
  --format FORMAT       text (default), json or html
  --out FILE            write the report to FILE instead of standard output
  --fail-on LEVELS      exit 1 when the plan has: problems (errors or warnings), errors, pending (daemon
                        pods Pending or refused at admission), preempts (daemon pods evicting pods);
                        comma-separated; default never
  -h, --help            this help

exit codes: 0 planned; 1 the --fail-on gate tripped; 2 bad usage or bad input (one line on stderr).
`;

const FORMATS = Object.values(PlanFormat) as string[];
const FAIL_ON = ['never', 'errors', 'problems', 'pending', 'preempts'];

/** `cdk8s-daemons plan`: reads the inventory and manifests, prints the plan, applies the --fail-on gate. */
export function planCommand(argv: string[]): CliResult {
  try {
    const options = parseOptions(argv);
    if (options.help) return { exitCode: EXIT_OK, stdout: USAGE, stderr: '' };
    const files = expandFiles(options.files);
    const inputs = [options.nodes, ...files, ...(options.objects ? [options.objects] : []), ...(options.pods ? [options.pods] : [])];
    if (options.out) refuseInputAsOutput(options.out, inputs);
    const planner = new DaemonPlanner(NodeInventory.fromFile(options.nodes), { sidecarContainers: options.sidecarContainers });
    for (const file of files) planner.addFile(file);
    if (options.objects) planner.addFile(options.objects);
    if (options.pods) planner.addPodsFile(options.pods);
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
  readonly pods?: string;
  readonly objects?: string;
  readonly sidecarContainers: boolean;
}

function parseOptions(argv: string[]): PlanOptions {
  const parsed = parseCommandLine('plan', argv, {
    'nodes': { type: 'string' },
    'format': { type: 'string', default: 'text' },
    'out': { type: 'string' },
    'fail-on': { type: 'string', default: 'never' },
    'pods': { type: 'string' },
    'objects': { type: 'string' },
    'feature-gates': { type: 'string', default: '' },
  });
  const v = parsed.values;
  const help = v.help === true;
  if (help) return { help, nodes: '', format: PlanFormat.TEXT, failOn: 'never', files: [], sidecarContainers: false };
  if (!v.nodes) throw new UsageError('--nodes FILE is required: the output of kubectl get nodes -o json');
  if (!FORMATS.includes(v.format as string)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${v.format}"`);
  const bad = (v['fail-on'] as string).split(',').find(level => !FAIL_ON.includes(level));
  if (bad !== undefined) throw new UsageError(`--fail-on takes ${FAIL_ON.join(', ')} (comma-separated), not "${bad}"`);
  if (parsed.positionals.length === 0) throw new UsageError('no manifest FILE given: name the YAML or JSON files holding the DaemonSets');
  return {
    help,
    nodes: v.nodes as string,
    format: v.format as PlanFormat,
    out: v.out as string | undefined,
    failOn: v['fail-on'] as string,
    files: parsed.positionals,
    pods: v.pods as string | undefined,
    objects: v.objects as string | undefined,
    sidecarContainers: sidecarGate(v['feature-gates'] as string),
  };
}

/** `--feature-gates SidecarContainers=true`, in the components' own flag syntax; other gates are refused. */
function sidecarGate(gates: string): boolean {
  let on = false;
  for (const gate of gates.split(',').filter(Boolean)) {
    const m = /^SidecarContainers=(true|false)$/.exec(gate.trim());
    if (!m) throw new UsageError(`--feature-gates: the planner models only SidecarContainers=true|false, not "${gate}"`);
    on = m[1] === 'true';
  }
  return on;
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
  const sum = (pick: (d: PlanReport['daemonSets'][number]) => number) => report.daemonSets.reduce((n, d) => n + pick(d), 0);
  const pending = sum(d => d.fit.pending.length + d.fit.rejected.length);
  const preempting = sum(d => d.fit.preempts.length);
  const fit = pending + preempting ? `, ${pending} daemon pods pending or refused, ${preempting} preempting` : '';
  return `${report.daemonSets.length} DaemonSets on ${report.nodeCount} nodes, ${errors} errors, ${report.problems.length - errors} warnings${fit}`;
}

function gateTrips(report: PlanReport, failOn: string): boolean {
  return failOn.split(',').some(level => {
    switch (level) {
      case 'problems': return report.problems.length > 0;
      case 'errors': return report.problems.some(p => p.severity === ProblemSeverity.ERROR);
      case 'pending': return report.daemonSets.some(d => d.fit.pending.length > 0 || d.fit.rejected.length > 0);
      case 'preempts': return report.daemonSets.some(d => d.fit.preempts.length > 0);
      default: return false;
    }
  });
}
