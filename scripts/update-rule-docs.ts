// Regenerates the README's rule table from the rules' own descriptions: npx ts-node --project tsconfig.json scripts/update-rule-docs.ts
import { readFileSync, writeFileSync } from 'fs';
import { kindTable, ruleTable } from '../src/validation/rule-catalog';

function replaceBlock(text: string, name: string, table: string): string {
  const start = text.indexOf(`<!-- ${name}:start -->`);
  const end = text.indexOf(`<!-- ${name}:end -->`);
  if (start < 0 || end < 0) throw new Error(`README.md has no <!-- ${name}:start --> / <!-- ${name}:end --> markers`);
  return `${text.slice(0, start)}<!-- ${name}:start -->\n${table}\n${text.slice(end)}`;
}

writeFileSync('README.md', replaceBlock(replaceBlock(readFileSync('README.md', 'utf-8'), 'rules', ruleTable()), 'kinds', kindTable()));
