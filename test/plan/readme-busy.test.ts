import { readFileSync } from 'fs';
import { join } from 'path';
import { execute } from '../../src/cli/main';

// The README's busy-cluster example: its command, run here, prints the lines the README shows.
const root = join(__dirname, '..', '..');

test('the README busy-cluster output is what the command prints', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf-8');
  const block = /<!-- busy-example:start -->\n```\n([\s\S]*?)\n```\n<!-- busy-example:end -->/.exec(readme);
  expect(block).not.toBeNull();
  const command = /```sh\n(npx cdk8s-daemons plan --nodes test\/plan\/fixtures\/sample-16\.json --pods[\s\S]*?)\n```/.exec(readme)![1];
  const args = command.replace(/\\\n/g, ' ').split(/\s+/).filter(Boolean).slice(2);
  const previous = process.cwd();
  process.chdir(root);
  try {
    const r = execute(args);
    expect(r.exitCode).toBe(1); // --fail-on pending,preempts
    const printed = r.stdout.split('\n');
    let at = 0;
    for (const line of block![1].split('\n').filter(l => l.trim())) {
      const found = printed.indexOf(line, at);
      expect([line, found >= 0]).toEqual([line, true]);
      at = found + 1;
    }
  } finally {
    process.chdir(previous);
  }
});
