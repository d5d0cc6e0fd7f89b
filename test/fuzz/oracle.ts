import { formatRefError, referenceErrors, RefError } from '../reference';

// The differential oracle: the independent reference checker (test/reference) judges what the library
// emits, and every API-server verdict of the library must be one the reference also reaches.

/**
 * Rule families that are the library's own, documented rules: no API server enforces them (RUN: what the
 * kubelet refuses; PSS: Pod Security admission, only where a level is declared).
 */
const LIBRARY_RULE = /^(SEC|BP|XO|RUN|PSS)[0-9]{3}$|^PATCH$/;

/** Kinds the library may emit that no Kubernetes API server defines (custom resources). */
const CUSTOM_KINDS = new Set(['monitoring.coreos.com/v1/ServiceMonitor']);

export function isLibraryRule(ruleId: string): boolean {
  return LIBRARY_RULE.test(ruleId);
}

function label(obj: any, i: number): string {
  return `${obj?.kind} ${JSON.stringify(obj?.metadata?.name)} (object ${i})`;
}

/** Reference errors of every emitted object, as problems. */
export function referenceProblems(objects: any[]): string[] {
  const problems: string[] = [];
  objects.forEach((obj, i) => {
    if (CUSTOM_KINDS.has(`${obj?.apiVersion}/${obj?.kind}`)) return;
    for (const r of referenceErrors(obj)) problems.push(`emitted ${label(obj, i)} is refused by the reference: ${formatRefError(r).slice(0, 300)}`);
  });
  return problems;
}

/** `a.b["k"][0]` -> ['a', 'b', 'k', '0']. */
function segments(path: string): string[] {
  return path.replace(/\["((?:[^"\\]|\\.)*)"\]/g, (_, k) => `.${JSON.parse(`"${k}"`)}`).replace(/\[([0-9]+)\]/g, '.$1').split('.').filter(Boolean);
}

/** Whether two field paths name the same field, one inside the other, or siblings under one parent. */
export function related(a: string, b: string): boolean {
  const x = segments(a);
  const y = segments(b);
  const parent = (s: string[]) => s.slice(0, Math.max(0, s.length - 1));
  const prefix = (p: string[], q: string[]) => p.length <= q.length && p.every((s, i) => s === q[i]);
  return prefix(x, y) || prefix(y, x) || prefix(parent(x), y) || prefix(parent(y), x);
}

/** One API-server verdict of the library: the kind, the field path and the rule. */
export interface Verdict {
  readonly kind: string;
  readonly path: string;
  readonly ruleId: string;
  readonly line: string;
}

/**
 * Library verdicts that the reference does not share: for each, no object of that kind has a reference
 * error at a related path. `objects` is what the refused configuration renders (chart.toJson()).
 */
export function unsharedVerdicts(verdicts: Verdict[], objects: any[]): string[] {
  const cache = new Map<any, RefError[]>();
  const errorsOf = (o: any) => {
    if (!cache.has(o)) cache.set(o, referenceErrors(o));
    return cache.get(o)!;
  };
  const problems: string[] = [];
  for (const v of verdicts) {
    if (isLibraryRule(v.ruleId)) continue;
    const shared = objects.filter(o => o?.kind === v.kind).some(o => errorsOf(o).some(r => related(r.field, v.path)));
    if (!shared) {
      const seen = objects.filter(o => o?.kind === v.kind).flatMap(o => errorsOf(o).map(formatRefError)).slice(0, 5);
      problems.push(`the library refuses with ${v.ruleId} at ${v.kind} ${v.path}, but the reference accepts that field (reference errors: ${seen.join('; ') || 'none'}): ${v.line.slice(0, 300)}`);
    }
  }
  return problems;
}

const SELF_CHECKED_LINE = /\((\w+) ([^,()]*), rule ([A-Z]+[0-9]*)\)/;
const CHART_LINE = /^\S+ \((\w+) [^)]*\) (\S*) .*\(rule ([A-Z]+[0-9]*)\)/;

/** cdk8s prefixes a chart's own validation messages with `[<chart path>] `; the object's path follows. */
export function withoutChartPrefix(line: string): string {
  return line.replace(/^\[[^\]]*\] (?=[^'\s]+ \()/, '');
}

/** The verdict of one error line, if it names a kind, a field path and a rule. */
export function verdictOf(line: string): Verdict | undefined {
  const chart = CHART_LINE.exec(withoutChartPrefix(line));
  if (chart && !withoutChartPrefix(line).startsWith('[')) return { kind: chart[1], path: chart[2], ruleId: chart[3], line };
  const own = SELF_CHECKED_LINE.exec(line);
  return own ? { kind: own[1], path: own[2], ruleId: own[3], line } : undefined;
}
