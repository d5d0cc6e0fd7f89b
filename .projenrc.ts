import { cdk8s, javascript } from 'projen';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-daemons',
  description: 'Typed, validated cdk8s constructs for per-node agents: DaemonSet, node-local Service, PriorityClass, RBAC and config, with Kubernetes API-server rules checked at synth time.',
  author: 'cdk8s-daemons maintainers',
  authorAddress: 'maintainers@users.noreply.cdk8s-daemons.example',
  repositoryUrl: 'https://github.com/cdk8s-daemons/cdk8s-daemons.git',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  cdk8sVersion: '2.70.106',
  constructsVersion: '10.8.1',
  jsiiVersion: '~6.0.0',
  peerDeps: ['cdk8s-plus-28@^2.5.6'],
  bundledDeps: ['yaml@2.9.1'],
  devDeps: ['cdk8s-plus-28@2.5.6', 'ajv@^8.20.0', 'ajv-formats@^3', 'cdk8s-cli@2.207.60', 'fast-check@^4'],
  bin: { 'cdk8s-daemons': 'bin/cdk8s-daemons' },
  eslintOptions: { dirs: ['src'], devdirs: ['test', 'examples', 'bench', 'scripts', 'projenrc'] },
  keywords: ['cdk8s', 'kubernetes', 'daemonset', 'node-agent'],
  github: false,
  release: false,
  depsUpgrade: false,
  jestOptions: {
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      collectCoverage: false,
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/setup.ts'],
    },
  },
  gitignore: ['/.tmp/'],
});

project.addPackageIgnore('/examples/');
project.addPackageIgnore('/manifests/');
project.addPackageIgnore('/.ci/');
project.addPackageIgnore('/scripts/');

// The registry lacks some platform builds of unrs-resolver 1.13 (pulled in by eslint): `npm ci` fails without this.
project.package.addField('overrides', { 'unrs-resolver': '1.12.2' });

// jsii 6 prints a long end-of-life banner on Node 20.
project.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20');

// The README's main job: synthesize the example app into manifests/.
// Strict-schema validators are precompiled (ajv standalone code) from schemas/ at build time.
const genValidators = project.addTask('gen-validators', {
  description: 'Precompile the strict Kubernetes 1.28 schema validators (src/validation/schema/generated)',
  exec: 'node scripts/gen-validators.mjs',
});
// Part of `compile` itself, so `npx projen compile` alone yields a complete lib/ (jsii does not copy them).
project.compileTask.prependSpawn(genValidators);
project.compileTask.exec('node scripts/gen-validators.mjs --lib');

const synthExamples = project.addTask('synth-examples', {
  description: 'Synthesize the examples/ app into manifests/ (one file per chart)',
});
synthExamples.spawn(genValidators);
synthExamples.exec('ts-node --project examples/tsconfig.json examples/main.ts');
project.package.setScript('synth', 'projen synth-examples');

// Benchmarks: measured, never asserted in tests. Each bench/*.bench.ts runs in its own process.
project.addTask('bench', {
  description: 'Run the benchmarks in bench/ and print their tables',
  exec: 'node bench/run.mjs',
});
project.package.setScript('bench', 'projen bench');

// Lint first, then jest; the last line is the plain summary CI reads (`tests: N passed, M failed`).
const testTask = project.tasks.tryFind('test')!;
testTask.reset();
testTask.spawn(project.tasks.tryFind('eslint')!);
testTask.exec('bash scripts/ensure-test-programs.sh');
testTask.spawn(genValidators);
testTask.exec('node scripts/run-tests.mjs');
void synthExamples;

// Generated at build time from schemas/ (scripts/gen-validators.mjs); never committed.
project.gitignore.addPatterns('src/validation/schema/generated/');

project.synth();
