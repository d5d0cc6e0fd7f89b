import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Yaml } from 'cdk8s';
import { synthExamples } from '../../examples/cluster-agents';
import { assertStrictSchema } from '../support/strict-schema';

const repoManifests = join(__dirname, '..', '..', 'manifests');

function synthTo(): { dir: string; files: Map<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'cdk8s-daemons-examples-'));
  synthExamples(dir).synth();
  const files = new Map(readdirSync(dir).sort().map(f => [f, readFileSync(join(dir, f), 'utf-8')]));
  return { dir, files };
}

describe('examples app (the README main job)', () => {
  let first: { dir: string; files: Map<string, string> };
  let second: { dir: string; files: Map<string, string> };
  beforeAll(() => {
    first = synthTo();
    second = synthTo();
  });
  afterAll(() => {
    rmSync(first.dir, { recursive: true, force: true });
    rmSync(second.dir, { recursive: true, force: true });
  });

  test('writes one file per chart and the validation report', () => {
    expect([...first.files.keys()]).toEqual(['cluster-agents.k8s.yaml', 'validation-report.md']);
    expect(first.files.get('validation-report.md')).toMatch(/\| SEC004 \| warning \| spec\.template\.spec\.hostPID \| cluster-agents\/node-metrics \| node-exporter reads host processes/);
  });

  test('synthesizes byte-identical files on re-run, with no machine paths or timestamps', () => {
    expect([...second.files.entries()]).toEqual([...first.files.entries()]);
    for (const text of first.files.values()) {
      expect(text).not.toContain(tmpdir());
      expect(text).not.toContain(process.cwd());
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    }
  });

  test('every object passes the strict Kubernetes 1.28 schema', () => {
    for (const file of [...first.files.keys()].filter(f => f.endsWith('.k8s.yaml'))) {
      const docs = Yaml.load(join(first.dir, file));
      expect(docs.length).toBeGreaterThan(5);
      assertStrictSchema(docs);
    }
  });

  test('the committed manifests/ are what the examples synthesize (run `npm run synth` after changing them)', () => {
    for (const [file, text] of first.files) {
      expect(readFileSync(join(repoManifests, file), 'utf-8') === text).toBe(true);
    }
  });
});
