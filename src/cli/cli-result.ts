import { parseArgs } from 'util';
import { PlanInputError } from '../plan/input-error';

/** What a command run produced: its exit code and its output. */
export interface CliResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Exit codes: 0 fine, 1 a `--fail-on` gate tripped, 2 bad usage or bad input. */
export const EXIT_OK = 0;
export const EXIT_GATE = 1;
export const EXIT_BAD_INPUT = 2;

/** Thrown for a bad command line; becomes one line on stderr and exit code 2. */
export class UsageError extends Error {}

/**
 * Any error as one line on stderr, never a stack trace: `cdk8s-daemons: <file>: <path>: <problem>` for
 * bad input, `cdk8s-daemons: <command>: <problem>` for bad usage.
 */
export function errorResult(e: unknown, command: string): CliResult {
  let line: string;
  if (e instanceof PlanInputError) line = e.message;
  else if (e instanceof UsageError) line = `${command}: ${e.message}`;
  else line = `${command}: internal error: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
  return { exitCode: EXIT_BAD_INPUT, stdout: '', stderr: `cdk8s-daemons: ${line.replace(/\s*\n\s*/g, ' ')}\n` };
}

/** Option specs as `util.parseArgs` takes them. */
export type OptionSpecs = Record<string, { type: 'string' | 'boolean'; short?: string; default?: string | boolean }>;

/** A parsed command line: option values and positional arguments. */
export interface CommandLine {
  readonly values: Record<string, string | boolean | undefined>;
  readonly positionals: string[];
}

/**
 * Parses a command's options strictly (plus `-h/--help`); an unknown or malformed option is a
 * UsageError that points at the command's help.
 */
export function parseCommandLine(command: string, argv: string[], options: OptionSpecs): CommandLine {
  try {
    const parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { ...options, help: { type: 'boolean', short: 'h', default: false } },
    });
    return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
  } catch (e) {
    throw new UsageError(`${(e as Error).message.split('.')[0]} (see cdk8s-daemons ${command} --help)`);
  }
}
