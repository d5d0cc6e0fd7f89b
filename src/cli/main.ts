import { CliResult, errorResult, EXIT_BAD_INPUT, EXIT_OK } from './cli-result';
import { diffCommand, DIFF_SUMMARY } from './diff-command';
import { planCommand, PLAN_SUMMARY } from './plan-command';
import { validateCommand, VALIDATE_SUMMARY } from './validate-command';

/** The subcommands: name -> [one-line summary, handler]. Add new commands here. */
const COMMANDS: Record<string, [string, (args: string[]) => CliResult]> = {
  diff: [DIFF_SUMMARY, diffCommand],
  plan: [PLAN_SUMMARY, planCommand],
  validate: [VALIDATE_SUMMARY, validateCommand],
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, [summary]]) => `  ${name.padEnd(10)}${summary}`);
  return `usage: cdk8s-daemons <command> [options]\n\ncommands:\n${lines.join('\n')}\n\n`
    + 'Run `cdk8s-daemons <command> --help` for the options of a command.\n';
}

/** Runs a command line (without `node` and the script) and returns its exit code and output. */
export function execute(argv: string[]): CliResult {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    return { exitCode: name === undefined ? EXIT_BAD_INPUT : EXIT_OK, stdout: name === undefined ? '' : usage(), stderr: name === undefined ? usage() : '' };
  }
  const command = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    return { exitCode: EXIT_BAD_INPUT, stdout: '', stderr: `cdk8s-daemons: unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(', ')})\n` };
  }
  try {
    return command[1](args);
  } catch (e) {
    return errorResult(e, name);
  }
}

/** The entry point of `bin/cdk8s-daemons`: runs the command, prints its output, sets the exit code. */
export function run(argv: string[]): void {
  const result = execute(argv);
  if (result.stdout) process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
  process.exitCode = result.exitCode;
}
