import { API_SERVER_RULES } from './api-rules';
import { BEST_PRACTICE_RULES } from './best-practice-rules';
import { CROSS_OBJECT_RULES } from './cross-object-rules';
import { SECURITY_RULES } from './security-rules';

/** Every rule the library runs, with its family: the source of the README's rule table. */
export function ruleCatalog(): { id: string; family: string; description: string }[] {
  return [
    ...API_SERVER_RULES.map(r => ({ id: r.id, family: 'API server (error)', description: r.description })),
    ...SECURITY_RULES.map(r => ({ id: r.id, family: 'security (suppressible)', description: r.description })),
    ...BEST_PRACTICE_RULES.map(r => ({ id: r.id, family: 'best practice (suppressible)', description: r.description })),
    ...CROSS_OBJECT_RULES.map(r => ({ id: r.id, family: 'cross-object (suppressible)', description: r.description })),
  ];
}

/** The rule table as markdown, as the README carries it between `<!-- rules:start -->` and `<!-- rules:end -->`. */
export function ruleTable(): string {
  const rows = ruleCatalog().map(r => `| ${r.id} | ${r.family} | ${r.description.replace(/\|/g, '\\|')} |`);
  return ['| rule | family | what it checks |', '|---|---|---|', ...rows].join('\n');
}
