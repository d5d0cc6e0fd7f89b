import { readFileSync } from 'fs';
import { join } from 'path';
import { API_SERVER_RULES } from '../../src/validation/api-rules';
import { BEST_PRACTICE_RULES } from '../../src/validation/best-practice-rules';
import { CROSS_OBJECT_RULES } from '../../src/validation/cross-object-rules';
import { SECURITY_RULES } from '../../src/validation/security-rules';

// Every rule the library runs is documented in the README's rule tables, and every rule ID there exists.
test('the README documents exactly the rules the library runs', () => {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf-8');
  const ids = [...API_SERVER_RULES, ...SECURITY_RULES, ...BEST_PRACTICE_RULES, ...CROSS_OBJECT_RULES].map(r => r.id).sort();
  const documented = new Set([...readme.matchAll(/^\| ((?:[A-Z]+[0-9]{3})(?: \/ [A-Z]+[0-9]{3})*) \|/gm)].flatMap(m => m[1].split(' / ')));
  expect([...documented].sort()).toEqual(ids);
  for (const r of [...API_SERVER_RULES, ...SECURITY_RULES, ...BEST_PRACTICE_RULES, ...CROSS_OBJECT_RULES]) {
    expect(r.description.length).toBeGreaterThan(20);
  }
});
