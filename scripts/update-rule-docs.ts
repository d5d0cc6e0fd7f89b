// Regenerates the README's rule table from the rules' own descriptions: npx ts-node --project tsconfig.json scripts/update-rule-docs.ts
import { readFileSync, writeFileSync } from 'fs';
import { ruleTable } from '../src/validation/rule-catalog';

const readme = readFileSync('README.md', 'utf-8');
const start = readme.indexOf('<!-- rules:start -->');
const end = readme.indexOf('<!-- rules:end -->');
if (start < 0 || end < 0) throw new Error('README.md has no <!-- rules:start --> / <!-- rules:end --> markers');
writeFileSync('README.md', `${readme.slice(0, start)}<!-- rules:start -->\n${ruleTable()}\n${readme.slice(end)}`);
