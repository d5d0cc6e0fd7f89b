import { readFileSync } from 'fs';
import { join } from 'path';
import Ajv from 'ajv';
import { Yaml } from 'cdk8s';
import { strictSchemaViolations } from '../../src/validation/schema/strict-schema';

// The synth-time check loads validators precompiled from the OpenAPI spec with shared definitions
// (scripts/gen-validators.mjs). They must judge every object exactly as the shipped standalone strict
// schemas (schemas/k8s-1.28-strict) do, compiled here with ajv at run time.

const repo = join(__dirname, '..', '..');
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
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
