import { existsSync, writeFileSync } from 'fs';
import { join } from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { CROSS_OBJECT_RULES, crossCheck } from './cross-object-rules';
import { droppedPatches } from './dropped-patches';
import { SUPPRESS_ANNOTATION_PREFIX } from './manifest-validation';
import { checkObject, familiesFor, ObjectCheck, SuppressedFinding } from './object-checker';
import { renderReport } from './report';
import { Validations } from './validations';
import { Violation } from './violation';

/** Objects whose own construct reports their findings in terms of props (NodeDaemon's). */
const SELF_CHECKED = new WeakSet<ApiObject>();
const ENABLED = new WeakSet<Chart>();
const ROOTS = new WeakSet<IConstruct>();
/** The chart of each app that reports the cross-object findings (the first one enabled). */
const CROSS_REPORTER = new WeakMap<IConstruct, Chart>();

/** What one validation pass found for one object: computed once, read by every validator of the pass. */
export interface ObjectResult {
  readonly json: any;
  readonly check: ObjectCheck;
  readonly dropped: Violation[];
}

interface Pass {
  readonly results: Map<ApiObject, ObjectResult>;
  readonly crossErrors: string[];
}

/** The current pass of each app: the root's validator runs first in every cdk8s validation and refreshes it. */
const PASSES = new WeakMap<IConstruct, Pass>();

/**
 * True when cdk8s validates again for one chart of an `App.synth()` that has validated the whole app a
 * moment before (cdk8s re-validates the app for every chart it writes). No user code runs in between, so
 * that pass still holds; anywhere else (Testing.synth, chart.toJson) the pass is recomputed. Only speed
 * depends on this: if cdk8s renames these functions, every validation simply recomputes.
 */
function insideAppSynthChart(): boolean {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 40;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  return /\._synthChart \([^\n]*\n\s*at \S+\.toJson \([^\n]*\n\s*at \S*App\.synth \(/.test(stack);
}

/** Marks an object as checked by the construct that owns it. */
export function markSelfChecked(obj: ApiObject): void {
  SELF_CHECKED.add(obj);
}

/**
 * Turns validation on for a chart: every object in it is checked at synth (strict schema, API-server
 * rules, then the security and best-practice rules), objects of all such charts are checked against each
 * other, suppressions are written onto the objects as annotations, and a validation report is written
 * next to the manifests. Idempotent.
 */
export function enableValidation(chart: Chart): void {
  if (ENABLED.has(chart)) return;
  ENABLED.add(chart);
  const root = chart.node.root;
  if (!ROOTS.has(root)) {
    ROOTS.add(root);
    CROSS_REPORTER.set(root, chart);
    root.node.addValidation({ validate: () => runPass(root) });
  }
  chart.node.addValidation({ validate: () => chartMessages(chart) });
}

/** This pass's result for an object of a validated chart. */
export function resultOf(obj: ApiObject): ObjectResult {
  const cached = PASSES.get(obj.node.root)?.results.get(obj);
  return cached ?? evaluate(obj);
}

function evaluate(obj: ApiObject): ObjectResult {
  const json = obj.toJson();
  const check = checkObject(json, Validations.suppressionsOf(obj), familiesFor(Validations.optionsOf(obj)));
  return { json, check, dropped: droppedPatches(obj, json) };
}

function objectsOf(chart: Chart): ApiObject[] {
  return chart.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c) && Chart.of(c) === chart);
}

function describe(obj: ApiObject, json: any): string {
  return `${obj.node.path} (${json.kind} ${json.metadata?.name})`;
}

function chartMessages(chart: Chart): string[] {
  const messages: string[] = [];
  for (const obj of objectsOf(chart).filter(o => !SELF_CHECKED.has(o))) {
    const { json, check, dropped } = resultOf(obj);
    for (const v of [...dropped, ...check.errors]) {
      messages.push(`${describe(obj, json)} ${v.path} ${JSON.stringify(v.value)}: ${v.problem} (rule ${v.ruleId}). Valid: ${v.valid}`);
    }
  }
  if (CROSS_REPORTER.get(chart.node.root) === chart) messages.push(...PASSES.get(chart.node.root)?.crossErrors ?? []);
  return messages;
}

/**
 * One validation pass over every validated chart of the app: checks each object once, runs the
 * cross-object rules, records suppressions on the objects and writes the report. Reports nothing itself:
 * each chart and construct reports its own findings from the pass.
 */
function runPass(root: IConstruct): string[] {
  if (PASSES.has(root) && insideAppSynthChart()) return [];
  const charts = root.node.findAll().filter((c): c is Chart => Chart.isChart(c) && ENABLED.has(c));
  const objects = charts.flatMap(objectsOf);
  const results = new Map(objects.map(obj => [obj, evaluate(obj)]));
  const suppressed: { obj: ApiObject; finding: SuppressedFinding }[] = [];
  for (const [obj, r] of results) {
    for (const s of r.check.suppressed) suppressed.push({ obj, finding: { ...s, object: describe(obj, r.json) } });
  }
  const crossErrors: string[] = [];
  const jsons = objects.map(o => results.get(o)!.json);
  for (const rule of CROSS_OBJECT_RULES) {
    for (const v of crossCheck(rule, jsons)) {
      const involved = [v.object, ...v.others].map(i => objects[i]);
      if (involved.some(o => Validations.optionsOf(o).crossObject === false)) continue;
      const target = objects[v.object];
      const suppression = involved.flatMap(o => Validations.suppressionsOf(o)).find(s => s.ruleId === v.ruleId);
      const problem = v.locateOthers ? `${v.problem} (also at ${v.others.map(i => objects[i].node.path).join(', ')})` : v.problem;
      const violation = { ruleId: v.ruleId, path: v.path, value: null, problem, valid: v.valid };
      if (suppression) {
        const object = describe(target, jsons[v.object]);
        suppressed.push({ obj: target, finding: { violation, reason: suppression.reason, suppressedAt: suppression.path, object } });
      } else {
        crossErrors.push(`${describe(target, jsons[v.object])} ${v.path}: ${problem} (rule ${v.ruleId}). Valid: ${v.valid}`);
      }
    }
  }
  // Suppressions travel with the manifest, so `cdk8s-daemons validate` and the cdk8s-cli plugin honour them.
  for (const { obj, finding } of suppressed) obj.metadata.addAnnotation(`${SUPPRESS_ANNOTATION_PREFIX}${finding.violation.ruleId}`, finding.reason);
  PASSES.set(root, { results, crossErrors });
  if (root instanceof App && existsSync(root.outdir)) {
    writeFileSync(join(root.outdir, 'validation-report.md'), renderReport(objects.length, suppressed.map(s => s.finding)));
  }
  return [];
}
