// Runs every bench/*.bench.ts in its own process (so each measures its own peak memory) and prints its tables.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const only = process.argv[2];
const benches = readdirSync('bench').filter(f => f.endsWith('.bench.ts') && (!only || f.includes(only))).sort();
let failed = 0;
for (const file of benches) {
  console.log(`\n## ${file}\n`);
  const result = spawnSync('npx', ['ts-node', '--transpile-only', '--project', 'tsconfig.json', `bench/${file}`], {
    stdio: 'inherit',
    env: { ...process.env, NODE_OPTIONS: '--expose-gc' },
  });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
