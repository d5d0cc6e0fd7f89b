import { readdirSync, realpathSync, statSync } from 'fs';
import { join, resolve } from 'path';
import { UsageError } from './cli-result';
import { PlanInputError } from '../plan/input-error';

/** Files as given (`-` is standard input); a directory stands for its *.yaml, *.yml and *.json files, sorted. */
export function expandFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const path of paths) {
    if (path === '-') {
      out.push(path);
      continue;
    }
    let isDirectory = false;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      throw new PlanInputError(path, '$', 'no such file');
    }
    if (!isDirectory) {
      out.push(path);
      continue;
    }
    const files = readdirSync(path).filter(f => /\.(ya?ml|json)$/i.test(f)).sort();
    if (!files.length) throw new PlanInputError(path, '$', 'the directory holds no .yaml, .yml or .json file');
    out.push(...files.map(f => join(path, f)));
  }
  return out;
}

/** Refuses an output file that is one of the inputs (by path or by the file itself, through links). */
export function refuseInputAsOutput(out: string, inputs: readonly string[]): void {
  const same = (a: string, b: string) => {
    if (resolve(a) === resolve(b)) return true;
    try {
      const [sa, sb] = [statSync(a), statSync(b)];
      return sa.dev === sb.dev && sa.ino === sb.ino || realpathSync(a) === realpathSync(b);
    } catch {
      return false;
    }
  };
  const input = inputs.find(i => i !== '-' && same(out, i));
  if (input !== undefined) throw new UsageError(`--out ${out} is one of the input files: refusing to overwrite it`);
}
