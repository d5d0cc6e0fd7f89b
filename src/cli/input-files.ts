import { readdirSync, statSync } from 'fs';
import { join } from 'path';
import { PlanInputError } from '../plan/input-error';

/** Files as given; a directory stands for its *.yaml, *.yml and *.json files, sorted. */
export function expandFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const path of paths) {
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
