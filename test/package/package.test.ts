import { execFileSync } from 'child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative, sep } from 'path';
import { Yaml } from 'cdk8s';

// The package as a user gets it: built by `npx projen compile` alone (in a copy of the repository, so the
// jsii run of test/api cannot race it), packed by `npm pack`, installed from the tarball into a scratch
// cdk8s app with its own node_modules (offline, from the npm cache) and used by the README's examples.

const root = join(__dirname, '..', '..');
const env = { ...process.env, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20', npm_config_update_notifier: 'false', CI: 'true' };
const repoPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf-8'));
const tarballName = `${repoPackage.name}-${repoPackage.version}.tgz`;
let work: string;
let app: string;

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, env, stdio: 'pipe', encoding: 'utf-8' });
}

/** The `ts` code blocks of the README section under `heading`, in order. */
function readmeBlocks(heading: string): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf-8');
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README has no section "${heading}"`);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map(m => m[1]);
}

/**
 * A lockfile for the scratch app that pins cdk8s, constructs and cdk8s-plus-28 to this repository's locked
 * versions (with their integrity, so `npm ci --offline` takes them from the npm cache) and the tarball.
 */
function scratchLockfile(dependencies: { [name: string]: string }): any {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf-8'));
  const packages: { [path: string]: any } = { '': { name: 'scratch-app', version: '0.0.0', dependencies } };
  for (const [path, entry] of Object.entries<any>(lock.packages)) {
    const name = ['cdk8s', 'constructs', 'cdk8s-plus-28'].find(n => path === `node_modules/${n}` || path.startsWith(`node_modules/${n}/`));
    if (!name) continue;
    const { dev, ...kept } = entry;
    void dev;
    if (path === `node_modules/${name}`) kept.resolved = `https://registry.npmjs.org/${name}/-/${name}-${entry.version}.tgz`;
    packages[path] = kept;
  }
  packages[`node_modules/${repoPackage.name}`] = {
    version: repoPackage.version,
    resolved: `file:../${tarballName}`,
    bundleDependencies: repoPackage.bundledDependencies,
    dependencies: repoPackage.dependencies,
    peerDependencies: repoPackage.peerDependencies,
    bin: repoPackage.bin,
  };
  for (const bundled of repoPackage.bundledDependencies ?? []) {
    packages[`node_modules/${repoPackage.name}/node_modules/${bundled}`] = { version: repoPackage.dependencies[bundled], inBundle: true };
  }
  return { name: 'scratch-app', version: '0.0.0', lockfileVersion: 3, requires: true, packages };
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'cdk8s-daemons-package-'));
  const build = join(work, 'build');
  const generated = join('src', 'validation', 'schema', 'generated');
  for (const entry of ['package.json', 'tsconfig.json', '.npmignore', 'README.md', 'LICENSE', 'API.md', '.projen', 'src', 'scripts', 'schemas', 'bin']) {
    // The precompiled validators are left out: `compile` must write them itself.
    cpSync(join(root, entry), join(build, entry), { recursive: true, filter: from => !relative(root, from).startsWith(generated) });
  }
  symlinkSync(join(root, 'node_modules'), join(build, 'node_modules'), 'dir');
  run('npx', ['projen', 'compile'], build);
  run('npm', ['pack', '--pack-destination', work], build);

  app = join(work, 'app');
  const dependencies = {
    'cdk8s': repoPackage.devDependencies.cdk8s,
    'cdk8s-plus-28': repoPackage.devDependencies['cdk8s-plus-28'],
    'constructs': repoPackage.devDependencies.constructs,
    [repoPackage.name]: `file:../${tarballName}`,
  };
  cpSync(join(root, 'LICENSE'), join(app, 'LICENSE'));
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'scratch-app', version: '0.0.0', private: true, license: 'Apache-2.0', dependencies }, null, 2));
  writeFileSync(join(app, 'package-lock.json'), JSON.stringify(scratchLockfile(dependencies), null, 2));
  run('npm', ['ci', '--offline', '--no-audit', '--no-fund'], app);
}, 900_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the tarball holds a complete lib/: the code, its types, the jsii assembly and the precompiled validators', () => {
  const files = run('tar', ['tzf', join(work, tarballName)], work).split('\n');
  for (const file of ['package/lib/index.js', 'package/lib/index.d.ts', 'package/.jsii', 'package/lib/validation/schema/generated/index.json',
    'package/lib/validation/schema/generated/daemonset-apps-v1.js', 'package/bin/cdk8s-daemons', 'package/node_modules/yaml/package.json']) {
    expect(files).toContain(file);
  }
  expect(files.filter(f => f.startsWith('package/src/') || f.startsWith('package/test/'))).toEqual([]);
});

test('the scratch app resolves the library from its own node_modules, not from this repository', () => {
  const resolved = run('node', ['-p', "require.resolve('cdk8s-daemons')"], app).trim();
  expect(resolved.startsWith(join(app, 'node_modules', 'cdk8s-daemons') + sep)).toBe(true);
});

test('the README\'s first example compiles against the installed types and synthesizes a valid DaemonSet', () => {
  const [main] = readmeBlocks('Use it in your cdk8s app');
  writeFileSync(join(app, 'main.ts'), main);
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  run('node', [tsc, '--strict', '--module', 'commonjs', '--target', 'es2022', '--esModuleInterop', '--types', 'node',
    '--typeRoots', join(root, 'node_modules', '@types'), 'main.ts'], app);
  run('node', ['main.js'], app);
  const objects = Yaml.load(join(app, 'dist', 'node-agents.k8s.yaml'));
  expect(objects.map((o: any) => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`)).toEqual([expect.stringMatching(/^DaemonSet kube-system\/node-agents-my-agent-/)]);
  const pod = objects[0].spec.template.spec;
  expect(pod.containers[0].image).toBe('example.com/my-agent:1.0.0');
  expect(pod.securityContext).toEqual({ seccompProfile: { type: 'RuntimeDefault' } });
  expect(pod.priorityClassName).toBe('system-node-critical');
  expect(existsSync(join(app, 'dist', 'validation-report.md'))).toBe(true);
}, 300_000);

test('the README\'s snapshot test runs in the scratch app: it writes its snapshot, then matches it', () => {
  const [, snapshotTest] = readmeBlocks('Use it in your cdk8s app');
  writeFileSync(join(app, 'my-agent.test.ts'), snapshotTest);
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  run('node', [tsc, '--strict', '--module', 'commonjs', '--target', 'es2022', '--esModuleInterop', '--types', 'jest,node',
    '--typeRoots', join(root, 'node_modules', '@types'), 'my-agent.test.ts'], app);
  const jest = join(root, 'node_modules', 'jest', 'bin', 'jest.js');
  const config = JSON.stringify({ rootDir: app, testEnvironment: 'node', testMatch: ['<rootDir>/*.test.js'] });
  run('node', [jest, '--config', config, '--ci=false'], app);
  const snapshot = readFileSync(join(app, '__snapshots__', 'my-agent.test.js.snap'), 'utf-8');
  expect(snapshot).toContain('"image": "example.com/my-agent:1.0.0"');
  // With --ci a missing or different snapshot fails: this run passes only if the second synth matches the first.
  run('node', [jest, '--config', config, '--ci'], app);
}, 300_000);
