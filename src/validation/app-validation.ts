import { existsSync, writeFileSync } from 'fs';
import { join } from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { duringSynth, NamespacePolicies, namespacePolicies, policyFor } from './app-pod-security';
import { CROSS_OBJECT_RULES, crossCheck } from './cross-object-rules';
import { droppedPatches } from './dropped-patches';
import { SUPPRESS_ANNOTATION_PREFIX } from './manifest-validation';
import { checkObject, familiesFor, ObjectCheck, SuppressedFinding } from './object-checker';
import { podSecurityViolations } from './pod-security';
import { renderFailedReport, renderReport, renderWarningTable, ReportedWarning } from './report';
import { effectiveSeverity, severityOf } from './severity';
import { Validations } from './validations';
import { Violation } from './violation';

/** How a construct that owns an object names the place of a finding: its path and the prop behind a JSON path. */
export interface FindingNamer {
  /** The construct path the user knows (the daemon's, not its DaemonSet's). */
  readonly scope: string;
  /** The prop that produced the field at `path`. */
  propFor(path: string): string;
}

/** Objects whose own construct reports their findings in terms of props (NodeDaemon's). */
const SELF_CHECKED = new WeakMap<ApiObject, FindingNamer | undefined>();
/** Apps whose synth() records its outcome in validation-report.md. */
const WRAPPED = new WeakSet<App>();
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
  readonly warnings: ReportedWarning[];
  readonly suppressed: SuppressedFinding[];
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

/** Marks an object as checked by the construct that owns it, which names the props of its findings. */
export function markSelfChecked(obj: ApiObject, namer?: FindingNamer): void {
  SELF_CHECKED.set(obj, namer);
}

/** A finding's value as messages show it: unset fields read "not set", never `null`. */
export function shownValue(value: unknown): string {
  return value === null || value === undefined ? 'not set' : JSON.stringify(value);
}

/** `rule X`, saying when strict mode made a warning an error. */
export function ruleLabel(ruleId: string): string {
  return severityOf(ruleId) === 'warning' ? `rule ${ruleId}, a warning made an error by strict: true` : `rule ${ruleId}`;
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
    if (root instanceof App) recordSynthOutcome(root);
  }
  chart.node.addValidation({ validate: () => chartMessages(chart) });
}

/** This pass's result for an object of a validated chart. */
export function resultOf(obj: ApiObject): ObjectResult {
  const cached = PASSES.get(obj.node.root)?.results.get(obj);
  return cached ?? evaluate(obj);
}

function evaluate(obj: ApiObject, namespaces?: NamespacePolicies): ObjectResult {
  const json = obj.toJson();
  const policy = policyFor(obj, json, namespaces ?? appNamespacePolicies(obj.node.root));
  const podSecurity = policy ? podSecurityViolations(json, policy) : [];
  const check = checkObject(json, Validations.suppressionsOf(obj), familiesFor(Validations.optionsOf(obj)), podSecurity);
  return { json, check, dropped: droppedPatches(obj, json) };
}

function validatedCharts(root: IConstruct): Chart[] {
  return root.node.findAll().filter((c): c is Chart => Chart.isChart(c) && ENABLED.has(c));
}

function appNamespacePolicies(root: IConstruct): NamespacePolicies {
  return namespacePolicies(root, validatedCharts(root));
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
      messages.push(`${describe(obj, json)} ${v.path} ${shownValue(v.value)}: ${v.problem} (${ruleLabel(v.ruleId)}). Valid: ${v.valid}`);
    }
  }
  if (CROSS_REPORTER.get(chart.node.root) === chart) messages.push(...PASSES.get(chart.node.root)?.crossErrors ?? []);
  return messages;
}

/** Where a finding of an object is, for the warning table: the owner's path and prop, or the object and JSON path. */
function placeOf(obj: ApiObject, json: any, path: string): { object: string; prop: string } {
  const namer = SELF_CHECKED.get(obj);
  if (namer) return { object: namer.scope, prop: `'${namer.propFor(path)}'` };
  return { object: describe(obj, json), prop: path };
}

/**
 * One validation pass over every validated chart of the app: checks each object once, runs the
 * cross-object rules and records suppressions on the objects. Reports nothing itself: each chart and
 * construct reports its own errors from the pass, and App.synth() reports the warnings.
 */
function runPass(root: IConstruct): string[] {
  if (PASSES.has(root) && insideAppSynthChart()) return [];
  const charts = validatedCharts(root);
  const objects = charts.flatMap(objectsOf);
  const namespaces = namespacePolicies(root, charts);
  const results = new Map(objects.map(obj => [obj, evaluate(obj, namespaces)]));
  const suppressed: { obj: ApiObject; finding: SuppressedFinding }[] = [];
  const warnings: ReportedWarning[] = [];
  for (const [obj, r] of results) {
    for (const s of r.check.suppressed) suppressed.push({ obj, finding: { ...s, object: describe(obj, r.json) } });
    for (const v of r.check.warnings) warnings.push({ ruleId: v.ruleId, ...placeOf(obj, r.json, v.path), fix: v.valid });
  }
  const crossErrors: string[] = [];
  const jsons = objects.map(o => results.get(o)!.json);
  for (const rule of CROSS_OBJECT_RULES) {
    for (const v of crossCheck(rule, jsons)) {
      const involved = [v.object, ...v.others].map(i => objects[i]);
      if (involved.some(o => Validations.optionsOf(o).crossObject === false)) continue;
      const target = objects[v.object];
      const severity = effectiveSeverity(v.ruleId, Validations.optionsOf(target).strict === true);
      const suppression = involved.flatMap(o => Validations.suppressionsOf(o)).find(s => s.ruleId === v.ruleId);
      const problem = v.locateOthers ? `${v.problem} (also at ${v.others.map(i => objects[i].node.path).join(', ')})` : v.problem;
      const violation = { ruleId: v.ruleId, path: v.path, value: null, problem, valid: v.valid };
      if (suppression) {
        const object = describe(target, jsons[v.object]);
        suppressed.push({ obj: target, finding: { violation, reason: suppression.reason, suppressedAt: suppression.path, severity, object } });
      } else if (severity === 'warning') {
        warnings.push({ ruleId: v.ruleId, object: describe(target, jsons[v.object]), prop: v.path, fix: `${problem}: ${v.valid}` });
      } else {
        crossErrors.push(`${describe(target, jsons[v.object])} ${v.path}: ${problem} (${ruleLabel(v.ruleId)}). Valid: ${v.valid}`);
      }
    }
  }
  // Suppressions travel with the manifest, so `cdk8s-daemons validate` and the cdk8s-cli plugin honour them.
  for (const { obj, finding } of suppressed) obj.metadata.addAnnotation(`${SUPPRESS_ANNOTATION_PREFIX}${finding.violation.ruleId}`, finding.reason);
  PASSES.set(root, { results, crossErrors, warnings, suppressed: suppressed.map(s => s.finding) });
  return [];
}

/** Every validation error of the app, as cdk8s reports them: `[path] message`. */
function validationErrors(app: App): string[] {
  return app.node.findAll().flatMap(c => c.node.validate().map(e => `[${c.node.path}] ${e}`));
}

/**
 * Makes `app.synth()` record its outcome next to the manifests: on success validation-report.md lists
 * the warnings and suppressions and the warnings are printed once as a table; on failure the report says
 * that synth failed and why, so that it never reads like a pass next to the previous run's manifests
 * (which cdk8s leaves in place: it writes no manifest when validation fails).
 */
function recordSynthOutcome(app: App): void {
  if (WRAPPED.has(app)) return;
  WRAPPED.add(app);
  const synth = app.synth.bind(app);
  app.synth = () => {
    const report = join(app.outdir, 'validation-report.md');
    try {
      duringSynth(app, synth);
    } catch (e) {
      let errors: string[];
      try {
        errors = validationErrors(app);
      } catch {
        errors = [];
      }
      if (!errors.length) errors = [String((e as Error)?.message ?? e).split('\n')[0]];
      if (existsSync(app.outdir)) writeFileSync(report, renderFailedReport(errors));
      throw e;
    }
    const pass = PASSES.get(app);
    if (!pass) return;
    writeFileSync(report, renderReport(pass.results.size, pass.warnings, pass.suppressed));
    if (pass.warnings.length) process.stderr.write(renderWarningTable(pass.warnings));
  };
}
