import { SuppressedFinding } from './object-checker';
import { schemaOnlyKinds } from './rule-catalog';

/**
 * The validation report written next to the manifests: what was checked and every finding that a
 * suppression silenced, with its reason. Sorted, so it is byte-identical across runs.
 */
export function renderReport(objectCount: number, suppressed: SuppressedFinding[]): string {
  const rows = suppressed
    .map(s => [s.object ?? '', s.violation.ruleId, s.violation.path, s.suppressedAt, s.reason.replace(/\|/g, '\\|')])
    .sort((a, b) => a.join('\u0000').localeCompare(b.join('\u0000')));
  const lines = [
    '# Validation report',
    '',
    `${objectCount} objects checked: Kubernetes 1.28 API-server rules (errors, never suppressible), security (SEC),`,
    'best-practice (BP) and cross-object (XO) rules. Synth fails on any finding that is not suppressed.',
    `Kinds that get the strict schema and the metadata rules only: ${schemaOnlyKinds().join(', ')}.`,
    '',
    `## Suppressed findings (${rows.length})`,
    '',
  ];
  if (rows.length === 0) {
    lines.push('None.');
  } else {
    lines.push('| object | rule | field | suppressed at | reason |', '|---|---|---|---|---|');
    for (const r of rows) lines.push(`| ${r.join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}
