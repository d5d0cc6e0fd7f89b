import { readFileSync } from 'fs';
import { join } from 'path';
import { kindTable, ruleCatalog, ruleTable, schemaOnlyKinds } from '../../src/validation/rule-catalog';

// The README's rule table is generated from the rules themselves (scripts/update-rule-docs.ts).
test('the README carries the rule table generated from the code', () => {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf-8');
  const start = readme.indexOf('<!-- rules:start -->') + '<!-- rules:start -->'.length;
  const end = readme.indexOf('<!-- rules:end -->');
  // On mismatch: npx ts-node --project tsconfig.json scripts/update-rule-docs.ts
  expect(readme.slice(start, end).trim()).toBe(ruleTable());
});

test('every rule has a unique ID and a description of its own', () => {
  const rules = ruleCatalog();
  expect(new Set(rules.map(r => r.id)).size).toBe(rules.length);
  expect(new Set(rules.map(r => r.description)).size).toBe(rules.length);
  for (const r of rules) expect(r.description.length).toBeGreaterThan(20);
});

test('the README carries the kind table generated from the code', () => {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf-8');
  const start = readme.indexOf('<!-- kinds:start -->') + '<!-- kinds:start -->'.length;
  const end = readme.indexOf('<!-- kinds:end -->');
  // On mismatch: npx ts-node --project tsconfig.json scripts/update-rule-docs.ts
  expect(end).toBeGreaterThan(start);
  expect(readme.slice(start, end).trim()).toBe(kindTable());
});

test('every kind with a strict schema but the schema-only ones has API-server rules of its own', () => {
  expect(schemaOnlyKinds().sort()).toEqual(['Namespace', 'Node', 'NodeList', 'ServiceAccount']);
});
