import { API_SERVER_RULES } from './api-rules';
import { BEST_PRACTICE_RULES } from './best-practice-rules';
import { CROSS_OBJECT_RULES } from './cross-object-rules';
import { NS001 } from './pod-security';
import { POD_SECURITY_CHECKS } from './pod-security-checks';
import { RUNTIME_RULES } from './runtime-rules';
import { schemaKinds } from './schema/strict-schema';
import { SECURITY_RULES } from './security-rules';
import { severityOf, SUPPRESSIBLE_RULE_ID } from './severity';

/** One row of the rule table. */
export interface CatalogEntry {
  readonly id: string;
  readonly family: string;
  /** `error` or `warning`, and whether a suppression may name it. */
  readonly severity: string;
  readonly description: string;
}

function entries(rules: { id: string; description: string }[], family: string): CatalogEntry[] {
  return rules.map(r => ({
    id: r.id,
    family,
    severity: `${severityOf(r.id)}${SUPPRESSIBLE_RULE_ID.test(r.id) ? ', suppressible' : ''}`,
    description: r.description,
  }));
}

/** Every rule the library runs, with its family and severity: the source of the README's rule table. */
export function ruleCatalog(): CatalogEntry[] {
  return [
    ...entries(API_SERVER_RULES, 'API server'),
    ...entries([NS001], 'API server'),
    ...entries(RUNTIME_RULES, 'kubelet'),
    ...entries(POD_SECURITY_CHECKS.map(c => ({
      id: c.ruleId,
      description: `${c.level} control ${c.id} (${c.title})${c.overrides ? `, replacing ${c.overrides}` : ''}: ${c.allowed}`,
    })), 'Pod Security'),
    ...entries(SECURITY_RULES, 'security'),
    ...entries(BEST_PRACTICE_RULES, 'best practice'),
    ...entries(CROSS_OBJECT_RULES, 'cross-object'),
  ];
}

/** The rule table as markdown, as the README carries it between `<!-- rules:start -->` and `<!-- rules:end -->`. */
export function ruleTable(): string {
  const rows = ruleCatalog().map(r => `| ${r.id} | ${r.family} | ${r.severity} | ${r.description.replace(/\|/g, '\\|')} |`);
  return ['| rule | family | severity | what it checks |', '|---|---|---|---|', ...rows].join('\n');
}

/**
 * Per kind: whether it has a strict schema and which API-server rules check it beyond the metadata rules
 * that every object gets (META*). A kind with a schema and no rules of its own gets the schema only.
 */
export function kindCoverage(): { kind: string; schema: boolean; rules: string[] }[] {
  const withSchema = new Map(schemaKinds().map(k => [k.slice(k.lastIndexOf('/') + 1), k]));
  const kinds = new Set([...withSchema.keys(), ...API_SERVER_RULES.flatMap(r => r.kinds).filter(k => k !== '*')]);
  return [...kinds].sort().map(kind => ({
    kind: withSchema.get(kind) ?? kind,
    schema: withSchema.has(kind),
    rules: API_SERVER_RULES.filter(r => r.kinds.includes(kind)).map(r => r.id).sort(),
  }));
}

/** The kinds that get the strict schema and the metadata rules only. */
export function schemaOnlyKinds(): string[] {
  return kindCoverage().filter(k => k.schema && k.rules.length === 0).map(k => k.kind.slice(k.kind.lastIndexOf('/') + 1));
}

/** The kind table as markdown, as the README carries it between `<!-- kinds:start -->` and `<!-- kinds:end -->`. */
export function kindTable(): string {
  const meta = API_SERVER_RULES.filter(r => r.kinds.includes('*')).map(r => r.id).join(', ');
  const rows = kindCoverage().map(k => `| ${k.kind} | ${k.schema ? 'yes' : 'no'} | ${k.rules.length ? k.rules.join(', ') : 'schema only'} |`);
  return [`| kind | strict schema | API-server rules besides ${meta} (every object) |`, '|---|---|---|', ...rows].join('\n');
}
