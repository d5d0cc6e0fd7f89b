import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

// The rule set as a cdk8s-cli validation plugin, run by the real `cdk8s synth` over an app that uses no
// construct of this library.

const repo = join(__dirname, '..', '..');
const cli = join(repo, 'node_modules', '.bin', 'cdk8s');

function daemonSet(name: string, extra: any): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'kube-system', annotations: extra.annotations },
    spec: {
      selector: { matchLabels: { app: name } },
      updateStrategy: extra.updateStrategy,
      template: { metadata: { labels: { app: name } }, spec: { priorityClassName: 'system-node-critical', automountServiceAccountToken: false, containers: [extra.container] } },
    },
  };
}

const HARDENED_CONTAINER = {
  name: 'agent',
  image: 'example.com/agent:1.2.3',
  readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
  resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
  securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, runAsUser: 10001, capabilities: { drop: ['ALL'] } },
};

function synthWithPlugin(objects: any[]): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cdk8s-plugin-'));
  try {
    writeFileSync(join(dir, 'plugin.js'), [
      `require(${JSON.stringify(require.resolve('ts-node'))}).register({ transpileOnly: true, project: ${JSON.stringify(join(repo, 'tsconfig.json'))} });`,
      `module.exports = require(${JSON.stringify(join(repo, 'src', 'validation', 'validation-plugin.ts'))});`,
    ].join('\n'));
    writeFileSync(join(dir, 'app.js'), [
      `const { App, Chart, ApiObject } = require(${JSON.stringify(require.resolve('cdk8s'))});`,
      'const app = new App();',
      "const chart = new Chart(app, 'legacy');",
      `${JSON.stringify(objects)}.forEach((o, i) => new ApiObject(chart, 'o' + i, o));`,
      'app.synth();',
    ].join('\n'));
    writeFileSync(join(dir, 'cdk8s.yaml'), [
      'app: node app.js',
      'validations:',
      `  - package: ${join(dir, 'plugin.js')}`,
      '    version: 0.0.0',
      '    class: DaemonValidationPlugin',
    ].join('\n'));
    const result = spawnSync(cli, ['synth'], { cwd: dir, encoding: 'utf-8', timeout: 120_000 });
    return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('cdk8s-cli validation plugin', () => {
  test('fails `cdk8s synth` and names the rules and resources on violations', () => {
    const bad = daemonSet('legacy', {
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } },
      container: { ...HARDENED_CONTAINER, image: 'example.com/agent:latest' },
    });
    const { status, output } = synthWithPlugin([bad]);
    expect(status).not.toBe(0);
    expect(output).toContain('DS005');
    expect(output).toContain('BP001');
    expect(output).toContain('DaemonSet/legacy');
  }, 180_000);

  test('passes a hardened DaemonSet, with an annotated suppression', () => {
    const good = daemonSet('metrics', {
      annotations: { 'daemons.cdk8s.io/suppress-BP005': 'the exporter has no readiness endpoint' },
      container: { ...HARDENED_CONTAINER, readinessProbe: undefined },
    });
    const { status, output } = synthWithPlugin([good]);
    expect(output).not.toContain('BP005');
    expect(status).toBe(0);
  }, 180_000);
});
