/**
 * The README's "reproduce the example exactly" code for the Daemon Service pattern's random-refresher must
 * give a manifest that runs on a real cluster with the pattern's image. It is compared, whole, with a
 * runnable manifest written by hand (fixtures/random-refresher-runnable.yaml, reasons in its header), and
 * with the seed itself for what the seed fixes (command, mount, selector, names, image).
 */
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Chart, Yaml } from 'cdk8s';
import * as ts from 'typescript';
import { HardwareRngRefresher, NodePlacement, RngFeeder } from '../../src';
import { assertStrictSchema } from '../support/strict-schema';

const README = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf-8');

/** The README's code block that reproduces the seed, as it stands in the README. */
function readmeExample(): string {
  const start = README.indexOf("new HardwareRngRefresher(chart, 'random-refresher', {");
  expect(start).toBeGreaterThan(0);
  return README.slice(start, README.indexOf('\n});\n', start) + 4);
}

/** The README code, run as written (transpiled by TypeScript) in a real App synth, so the suppression annotations are written as for users. */
function synthReadmeExample(): any[] {
  const outdir = mkdtempSync(join(tmpdir(), 'random-refresher-'));
  try {
    const app = new App({ outdir });
    const chart = new Chart(app, 'node-agents');
    const js = ts.transpile(readmeExample(), { target: ts.ScriptTarget.ES2020 });
    new Function('chart', 'HardwareRngRefresher', 'RngFeeder', 'NodePlacement', js)(chart, HardwareRngRefresher, RngFeeder, NodePlacement);
    app.synth();
    return Yaml.load(join(outdir, 'node-agents.k8s.yaml'));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

describe('the random-refresher example, runnable', () => {
  const objects = synthReadmeExample();
  const runnable = Yaml.load(join(__dirname, 'fixtures', 'random-refresher-runnable.yaml'))[0];
  const seed = Yaml.load(join(__dirname, 'fixtures', 'random-refresher.yaml'))[0];

  test('renders one DaemonSet, equal to the hand-written runnable manifest, and a NetworkPolicy that closes its pods', () => {
    expect(objects.map(o => o.kind)).toEqual(['DaemonSet', 'NetworkPolicy']);
    assertStrictSchema(objects);
    expect(objects[0]).toEqual(runnable);
    expect(objects[1].spec).toEqual({ podSelector: { matchLabels: { app: 'random-refresher' } }, policyTypes: ['Ingress', 'Egress'] });
  });

  test('keeps what the seed fixes: selector, node selector, names, image, command and the /dev mount', () => {
    const ds = objects[0];
    expect(ds.metadata.name).toBe(seed.metadata.name);
    expect(ds.spec.selector).toEqual(seed.spec.selector);
    expect(ds.spec.template.spec.nodeSelector).toEqual(seed.spec.template.spec.nodeSelector);
    const [c] = ds.spec.template.spec.containers;
    const [s] = seed.spec.template.spec.containers;
    expect([c.name, c.image, c.command]).toEqual([s.name, s.image, s.command]);
    expect(c.volumeMounts[0]).toEqual(s.volumeMounts[0]);
    expect(ds.spec.template.spec.volumes[0]).toEqual(seed.spec.template.spec.volumes[0]);
  });

  test('runs with the image as it is: root (no runAsNonRoot the kubelet would refuse), memory for a JVM', () => {
    const [c] = objects[0].spec.template.spec.containers;
    const pod = objects[0].spec.template.spec;
    // The kubelet refuses runAsNonRoot unless the image's or the given user is non-zero; the image has none.
    const nonRoot = c.securityContext?.runAsNonRoot ?? pod.securityContext?.runAsNonRoot;
    const user = c.securityContext?.runAsUser ?? pod.securityContext?.runAsUser;
    expect(nonRoot === true && !(user > 0)).toBe(false);
    // A JVM's heap, metaspace and code cache take well over 64 MiB even for a tiny program.
    const mebibytes = (q: string) => Number(/^(\d+)Mi$/.exec(q)![1]);
    expect(mebibytes(c.resources.limits.memory)).toBeGreaterThanOrEqual(192);
    expect(c.volumeMounts.map((m: any) => m.mountPath)).toContain('/tmp');
  });
});
