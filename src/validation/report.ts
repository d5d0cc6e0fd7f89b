import { SuppressedFinding } from './object-checker';
import { schemaOnlyKinds } from './rule-catalog';

/** A warning as the synth table and the report show it. */
export interface ReportedWarning {
  readonly ruleId: string;
  /** The construct (or object) it was found on. */
  readonly object: string;
  /** The prop in quotes, or the JSON path of a hand-written object. */
  readonly prop: string;
  /** What would fix it, in one line. */
  readonly fix: string;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function sortedRows(rows: string[][]): string[][] {
  return rows.sort((a, b) => a.join('\u0000').localeCompare(b.join('\u0000')));
}

function warningRows(warnings: ReportedWarning[]): string[][] {
  return sortedRows(warnings.map(w => [w.ruleId, w.object, w.prop, w.fix]));
}

const HEADER = [
  '# Validation report',
  '',
];

/**
 * The validation report written next to the manifests after a successful synth: what was checked, every
 * warning, and every finding that a suppression silenced, with its reason. Sorted, so it is
 * byte-identical across runs.
 */
export function renderReport(objectCount: number, warnings: ReportedWarning[], suppressed: SuppressedFinding[]): string {
  const rows = sortedRows(suppressed
    .map(s => [s.object ?? '', s.violation.ruleId, s.severity, s.violation.path, s.suppressedAt, cell(s.reason)]));
  const lines = [
    ...HEADER,
    `Synth passed: ${objectCount} objects checked, 0 errors, ${warnings.length} warnings, ${rows.length} suppressed.`,
    '',
    'Errors (synth fails): the Kubernetes 1.28 strict schema and API-server rules, kubelet rules (RUN), Pod',
    'Security admission (PSS) and cross-object errors (XO). Warnings: security hardening (SEC), best practice',
    '(BP) and XO005; `Validations.configure(scope, { strict: true })` makes them errors.',
    `Kinds that get the strict schema and the metadata rules only: ${schemaOnlyKinds().join(', ')}.`,
    '',
    `## Warnings (${warnings.length})`,
    '',
  ];
  if (warnings.length === 0) {
    lines.push('None.');
  } else {
    lines.push('| rule | object | prop | fix |', '|---|---|---|---|');
    for (const r of warningRows(warnings)) lines.push(`| ${r.map(cell).join(' | ')} |`);
  }
  lines.push('', `## Suppressed findings (${rows.length})`, '');
  if (rows.length === 0) {
    lines.push('None.');
  } else {
    lines.push('| object | rule | severity | field | suppressed at | reason |', '|---|---|---|---|---|---|');
    for (const r of rows) lines.push(`| ${r.join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The report after a failed synth: it says so first, lists the errors, and warns that the manifests in
 * the directory (if any) are from an earlier synth, since cdk8s writes none when validation fails.
 */
export function renderFailedReport(errors: string[]): string {
  const lines = [
    ...HEADER,
    `**Synth failed: ${errors.length} error${errors.length === 1 ? '' : 's'}.** No manifest was written by this synth: any manifests in this`,
    'directory are from an earlier synth and do not match the code.',
    '',
    `## Errors (${errors.length})`,
    '',
    ...errors.map(e => `- ${e.replace(/\n/g, ' ')}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** The warnings of one synth as a short text table, printed once per `app.synth()`. */
export function renderWarningTable(warnings: ReportedWarning[]): string {
  const rows = warningRows(warnings);
  const widths = [0, 1, 2].map(i => Math.max(['RULE', 'OBJECT', 'PROP'][i].length, ...rows.map(r => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c)).join('  ').trimEnd();
  return [
    `${warnings.length} validation warning${warnings.length === 1 ? '' : 's'} (synth goes on; Validations.configure(scope, { strict: true }) makes them errors):`,
    line(['RULE', 'OBJECT', 'PROP', 'FIX']),
    ...rows.map(line),
    '',
  ].join('\n');
}
