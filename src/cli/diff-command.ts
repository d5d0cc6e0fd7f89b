import { CliResult, errorResult, EXIT_GATE, EXIT_OK, parseCommandLine, UsageError } from './cli-result';
import { ManifestDiff } from '../diff/manifest-diff';
import { ChangeType } from '../diff/object-change';
import { DiffFormat } from '../diff/render-diff';
import { NodeInventory } from '../plan/node-inventory';

export const DIFF_SUMMARY = 'what applying NEW over OLD does: refused updates, rollouts, deletions, renames';

const USAGE = `usage: cdk8s-daemons diff [options] OLD NEW

Compares the manifests in OLD (what is applied now, e.g. the committed manifests/) with those in NEW
(e.g. a fresh synth). OLD and NEW are files or directories (their *.yaml, *.yml and *.json files);
- is standard input (for one of them).
Objects are matched by API group, kind, namespace and name and compared as the API server stores them
(defaults filled in). Each change is one of: rejected (the API server refuses the update; the way out
is given), rollout (a DaemonSet's pods are replaced), deleted, created, updated.

options:
  --nodes FILE          a node inventory (kubectl get nodes -o json): rollouts say on how many nodes,
                        in how many waves and how long at least
  --format FORMAT       text (default), json or markdown (a pull-request comment)
  --fail-on TYPES       exit 1 when there is a change of one of these types: a comma-separated list
                        of rejected, rollout, deleted; default never
  -h, --help            this help

exit codes: 0 compared; 1 the --fail-on gate tripped; 2 bad usage or bad input (one line on stderr).
`;

const FORMATS = Object.values(DiffFormat) as string[];
const GATES = [ChangeType.REJECTED, ChangeType.ROLLOUT, ChangeType.DELETED] as string[];

interface DiffOptions {
  readonly help: boolean;
  readonly nodes?: string;
  readonly format: DiffFormat;
  readonly failOn: ChangeType[];
  readonly old: string;
  readonly new: string;
}

function parseOptions(argv: string[]): DiffOptions {
  const parsed = parseCommandLine('diff', argv, {
    'nodes': { type: 'string' },
    'format': { type: 'string', default: 'text' },
    'fail-on': { type: 'string', default: 'never' },
  });
  const v = parsed.values;
  const help = v.help === true;
  if (help) return { help, format: DiffFormat.TEXT, failOn: [], old: '', new: '' };
  if (!FORMATS.includes(v.format as string)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${v.format}"`);
  const failOn = (v['fail-on'] as string).split(',').map(s => s.trim()).filter(s => s !== '' && s !== 'never');
  const bad = failOn.find(s => !GATES.includes(s));
  if (bad !== undefined) throw new UsageError(`--fail-on takes a comma-separated list of ${GATES.join(', ')} (or never), not "${bad}"`);
  if (parsed.positionals.length !== 2) {
    throw new UsageError(`give exactly two paths, OLD and NEW (files or directories of manifests), not ${parsed.positionals.length}`);
  }
  return {
    help,
    nodes: v.nodes as string | undefined,
    format: v.format as DiffFormat,
    failOn: failOn as ChangeType[],
    old: parsed.positionals[0],
    new: parsed.positionals[1],
  };
}

/** `cdk8s-daemons diff OLD NEW`: prints what applying NEW over OLD does, applies the --fail-on gate. */
export function diffCommand(argv: string[]): CliResult {
  try {
    const options = parseOptions(argv);
    if (options.help) return { exitCode: EXIT_OK, stdout: USAGE, stderr: '' };
    const nodes = options.nodes ? NodeInventory.fromFile(options.nodes) : undefined;
    const diff = ManifestDiff.betweenFiles([options.old], [options.new], { nodes });
    const tripped = options.failOn.filter(type => diff.changesOfType(type).length > 0);
    const stderr = tripped.length ? `cdk8s-daemons: diff: --fail-on ${tripped.join(',')}: ${diff.summary()}\n` : '';
    return { exitCode: tripped.length ? EXIT_GATE : EXIT_OK, stdout: diff.render(options.format), stderr };
  } catch (e) {
    return errorResult(e, 'diff');
  }
}
