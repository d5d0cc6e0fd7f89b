import { execFileSync } from 'child_process';
import { mkdirSync, readFileSync } from 'fs';
import { join } from 'path';

// The public API is a jsii contract: it must compile with jsii, every public prop is documented with a
// @default where optional, nothing is typed `any`, and API.md is generated from exactly this code.
const root = join(__dirname, '..', '..');
const env = { ...process.env, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20' };
let assembly: any;

beforeAll(() => {
  execFileSync('npx', ['jsii', '--silence-warnings=reserved-word'], { cwd: root, env, stdio: 'pipe' });
  assembly = JSON.parse(readFileSync(join(root, '.jsii'), 'utf-8'));
}, 180_000);

function ownTypes(): any[] {
  return Object.values(assembly.types).filter((t: any) => t.fqn.startsWith('cdk8s-daemons.'));
}

describe('jsii assembly', () => {
  test('exports the NodeDaemon construct and its value types', () => {
    const names = ownTypes().map(t => t.name);
    expect(names).toEqual(expect.arrayContaining([
      'NodeDaemon', 'NodeDaemonProps', 'NodePlacement', 'NodeRequirement', 'Toleration', 'Rollout', 'Budget',
      'Priority', 'Exposure', 'HostPathMount', 'RbacRule',
    ]));
  });

  test('every optional prop of every props struct documents its @default', () => {
    const missing: string[] = [];
    for (const type of ownTypes().filter(t => t.kind === 'interface' && t.datatype)) {
      for (const prop of type.properties ?? []) {
        if (!prop.docs?.summary) missing.push(`${type.name}.${prop.name}: no doc`);
        if (prop.optional && prop.docs?.default === undefined) missing.push(`${type.name}.${prop.name}: no @default`);
      }
    }
    expect(missing).toEqual([]);
  });

  test('every public type and member is documented and none is typed any', () => {
    const problems: string[] = [];
    for (const type of ownTypes()) {
      if (!type.docs?.summary) problems.push(`${type.name}: no doc`);
      for (const member of [...(type.properties ?? []), ...(type.methods ?? [])]) {
        if (!member.docs?.summary) problems.push(`${type.name}.${member.name}: no doc`);
        if (member.type?.primitive === 'any') problems.push(`${type.name}.${member.name}: typed any`);
      }
    }
    expect(problems).toEqual([]);
  });

  test('every summary is a whole first sentence (jsii-docgen shows only the summary, cut at the first sentence end)', () => {
    const cut: string[] = [];
    for (const type of ownTypes()) {
      for (const [name, docs] of [[type.name, type.docs], ...[...(type.properties ?? []), ...(type.methods ?? []), ...(type.members ?? [])]
        .map((m: any) => [`${type.name}.${m.name}`, m.docs])] as [string, any][]) {
        const summary: string = docs?.summary ?? '';
        if (summary && !/[.?!)`]$/.test(summary)) cut.push(`${name}: ${summary}`);
      }
    }
    expect(cut).toEqual([]);
  });

  test('every construct has an example', () => {
    const isConstruct = (fqn: string | undefined): boolean =>
      fqn === 'constructs.Construct' || (fqn !== undefined && isConstruct(assembly.types[fqn]?.base));
    const constructs = ownTypes().filter(t => t.kind === 'class' && isConstruct(t.base));
    expect(constructs.map(t => t.name)).toEqual(expect.arrayContaining(['NodeDaemon', 'LogCollector', 'MetricsExporter', 'HardwareRngRefresher']));
    expect(constructs.filter(t => !t.docs?.example).map(t => t.name)).toEqual([]);
  });

  test('API.md is generated from the current code', () => {
    mkdirSync(join(root, '.tmp'), { recursive: true });
    const out = join(root, '.tmp', 'API.generated.md');
    execFileSync('npx', ['jsii-docgen', '-o', out], { cwd: root, env, stdio: 'pipe' });
    const fresh = readFileSync(out, 'utf-8');
    const committed = readFileSync(join(root, 'API.md'), 'utf-8');
    // On mismatch: `npx projen compile && npx projen docgen`, then read the diff.
    expect(committed === fresh).toBe(true);
  }, 120_000);
});
