import { validateDocuments } from '../../src/validation/manifest-validation';
import { checkObject } from '../../src/validation/object-checker';

// Found by the CLI fuzzer: a DaemonSet whose containers list holds null crashed the rules
// ("Cannot read properties of null"). Malformed objects are findings, never crashes.

function daemonSet(containers: any): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'x', namespace: 'n' },
    spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers } } },
  };
}

test('a null container is reported once, naming the rules that could not read it', () => {
  const check = checkObject(daemonSet([null]), [], { schema: true, bestPractices: false });
  const malformed = check.errors.filter(v => v.problem.startsWith('the object is malformed'));
  expect(malformed).toHaveLength(1);
  expect(malformed[0].problem).toMatch(/^the object is malformed where rules POD001, POD002, .* look \(Cannot read properties of null/);
});

test('a containers field that is no list is named by the schema', () => {
  const check = checkObject(daemonSet('not-a-list'), [], { schema: true, bestPractices: false });
  expect(check.errors).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: 'SCHEMA', path: 'spec.template.spec.containers', problem: 'must be an array' })]));
});

test('the whole rule set, cross-object rules included, runs over malformed objects without crashing', () => {
  const findings = validateDocuments([
    { file: 'f', index: 0, object: daemonSet([null]) },
    { file: 'f', index: 1, object: daemonSet([{ name: 'c', image: 'i:1' }]) },
  ]);
  expect(findings.filter(f => f.index === 0 && f.problem.startsWith('the object is malformed'))).toHaveLength(2);
  expect(findings.some(f => f.index === 1 && f.ruleId === 'BP001')).toBe(false);
  expect(findings.some(f => f.index === 1 && f.ruleId === 'SEC007')).toBe(true);
});
