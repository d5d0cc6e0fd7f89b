import { readFileSync } from 'fs';
import { join } from 'path';
import Ajv from 'ajv';
import { Yaml } from 'cdk8s';
import { strictSchemaViolations } from '../../src/validation/schema/strict-schema';

// The synth-time check loads validators precompiled from the OpenAPI spec with shared definitions
// (scripts/gen-validators.mjs). They must judge every object exactly as the shipped standalone strict
// schemas (schemas/k8s-1.28-strict) do, compiled here with ajv at run time.

const repo = join(__dirname, '..', '..');
const ajv = new Ajv({ strict: false, allErrors: true });
// The formats as the API server's decoder enforces them, written here independently of the generator.
ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 63) && n < 2 ** 63 });
ajv.addFormat('double', { type: 'number', validate: () => true });
ajv.addFormat('int-or-string', () => true);
ajv.addFormat('byte', (s: string) => {
  const compact = s.replace(/[\r\n]/g, '');
  return compact.length % 4 === 0 && Buffer.from(compact, 'base64').toString('base64') === compact;
});
ajv.addFormat('date-time', (s: string) => /^\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)$/.test(s) && !isNaN(Date.parse(s)));
const compiled = new Map<string, any>();

function reference(file: string): any {
  if (!compiled.has(file)) {
    const schema = JSON.parse(readFileSync(join(repo, 'schemas', 'k8s-1.28-strict', file), 'utf-8'));
    delete schema.$schema;
    compiled.set(file, ajv.compile(schema));
  }
  return compiled.get(file);
}

const FILES: Record<string, string> = {
  DaemonSet: 'daemonset-apps-v1.json',
  Service: 'service-v1.json',
  Deployment: 'deployment-apps-v1.json',
  ConfigMap: 'configmap-v1.json',
  ServiceAccount: 'serviceaccount-v1.json',
  ClusterRole: 'clusterrole-rbac-v1.json',
  ClusterRoleBinding: 'clusterrolebinding-rbac-v1.json',
  PriorityClass: 'priorityclass-scheduling-v1.json',
};

/** The committed example manifests, the seed fixtures, and mutations of them that break the schema in many ways. */
function corpus(): any[] {
  const base = [
    ...Yaml.load(join(repo, 'manifests', 'cluster-agents.k8s.yaml')),
    ...Yaml.load(join(repo, 'test', 'seeds', 'fixtures', 'fluentd-elasticsearch.yaml')),
    ...Yaml.load(join(repo, 'test', 'seeds', 'fixtures', 'random-refresher.yaml')),
  ].filter(o => FILES[o.kind]);
  const mutants: any[] = [];
  const mutations: ((o: any) => void)[] = [
    o => { o.spec = { ...o.spec, unknownField: 1 }; },
    o => { o.metadata.labels = 'not-a-map'; },
    o => { if (o.spec?.template) o.spec.template.spec.containers[0].volumes = []; },
    o => { if (o.spec?.template) o.spec.template.spec.containers[0].resources = { requests: { cpu: true } }; },
    o => { if (o.spec?.updateStrategy) o.spec.updateStrategy.rollingUpdate = { maxUnavailable: [1] }; },
    o => { if (o.spec?.template) o.spec.template.spec.tolerations = [{ key: 'a', effect: 'Sometimes' }]; },
    o => { if (o.kind === 'Service') o.spec.internalTrafficPolicy = 'Nearby'; },
    o => { if (o.kind === 'PriorityClass') o.value = '1000'; },
    o => { delete o.spec?.selector; },
    o => { if (o.spec?.template) o.spec.minReadySeconds = 2 ** 31; },
    o => { if (o.spec?.template) o.spec.template.spec.containers[0].livenessProbe = { periodSeconds: -(2 ** 31) - 1, exec: { command: ['true'] } }; },
    o => { if (o.spec?.template) o.spec.template.spec.terminationGracePeriodSeconds = 2 ** 63; },
    o => { if (o.spec?.template) o.spec.template.spec.activeDeadlineSeconds = 2 ** 40; },
    o => { o.metadata.creationTimestamp = 'yesterday'; },
    o => { o.metadata.creationTimestamp = '2024-01-31T12:00:00Z'; },
    o => { if (o.kind === 'ConfigMap') o.binaryData = { 'a.bin': 'bm90IGJhc2U2NA' }; },
    o => { if (o.kind === 'ConfigMap') o.binaryData = { 'a.bin': 'bm90IGJhc2U2NA==' }; },
  ];
  for (const o of base) {
    for (const mutate of mutations) {
      const copy = JSON.parse(JSON.stringify(o));
      mutate(copy);
      mutants.push(copy);
    }
  }
  return [...base, ...mutants];
}

test('precompiled validators agree with the standalone strict schemas on every object of the corpus', () => {
  const objects = corpus();
  expect(objects.length).toBeGreaterThan(100);
  let invalid = 0;
  for (const o of objects) {
    const validate = reference(FILES[o.kind]);
    const expected = validate(o) as boolean;
    const violations = strictSchemaViolations(o)!;
    const id = { kind: o.kind, name: o.metadata?.name };
    expect({ ...id, valid: violations.length === 0 }).toEqual({ ...id, valid: expected });
    if (!expected) {
      invalid++;
      const unknown = (validate.errors ?? []).filter((e: any) => e.keyword === 'additionalProperties').map((e: any) => e.params.additionalProperty).sort();
      expect(violations.filter(v => v.problem.startsWith('unknown field')).map(v => v.value).sort()).toEqual(unknown);
    }
  }
  expect(invalid).toBeGreaterThan(50);
});
