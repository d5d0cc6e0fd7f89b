import { existsSync, writeFileSync } from 'fs';
import { join } from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { CROSS_OBJECT_RULES } from './cross-object-rules';
import { droppedPatches } from './dropped-patches';
import { CheckFamilies, checkObject, familiesFor, SuppressedFinding } from './object-checker';
import { renderReport } from './report';
import { Validations } from './validations';

/** Objects whose own construct reports their findings in terms of props (NodeDaemon's). */
const SELF_CHECKED = new WeakSet<ApiObject>();
const ENABLED = new WeakSet<Chart>();
const APPS_WITH_CROSS_CHECK = new WeakSet<IConstruct>();

/** Marks an object as checked by the construct that owns it. */
export function markSelfChecked(obj: ApiObject): void {
  SELF_CHECKED.add(obj);
}

/**
 * Turns validation on for a chart: every object in it is checked at synth (API-server rules, then the
 * security and best-practice rules), objects of all such charts are checked against each other, and a
 * validation report is written next to the manifests. Idempotent.
 */
export function enableValidation(chart: Chart): void {
  if (ENABLED.has(chart)) return;
  ENABLED.add(chart);
  chart.node.addValidation({ validate: () => validateChart(chart) });
  const root = chart.node.root;
  if (!APPS_WITH_CROSS_CHECK.has(root)) {
    APPS_WITH_CROSS_CHECK.add(root);
    chart.node.addValidation({ validate: () => validateApp(root) });
  }
}

function objectsOf(chart: Chart): ApiObject[] {
  return chart.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c) && Chart.of(c) === chart);
}

function enabledCharts(root: IConstruct): Chart[] {
  return root.node.findAll().filter((c): c is Chart => Chart.isChart(c) && ENABLED.has(c));
}

function families(scope: IConstruct): CheckFamilies {
  return familiesFor(Validations.optionsOf(scope));
}

function describe(obj: ApiObject, json: any): string {
  return `${obj.node.path} (${json.kind} ${json.metadata?.name})`;
}

function validateChart(chart: Chart): string[] {
  const messages: string[] = [];
  for (const obj of objectsOf(chart).filter(o => !SELF_CHECKED.has(o))) {
    const json = obj.toJson();
    for (const v of [...droppedPatches(obj, json), ...checkObject(json, Validations.suppressionsOf(obj), families(obj)).errors]) {
      messages.push(`${describe(obj, json)} ${v.path} ${JSON.stringify(v.value)}: ${v.problem} (rule ${v.ruleId}). Valid: ${v.valid}`);
    }
  }
  return messages;
}

interface AppObject { readonly obj: ApiObject; readonly json: any }

function validateApp(root: IConstruct): string[] {
  const objects: AppObject[] = enabledCharts(root).flatMap(c => objectsOf(c).map(obj => ({ obj, json: obj.toJson() })));
  const messages: string[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const r of CROSS_OBJECT_RULES) {
    for (const v of r.check(objects.map(o => o.json))) {
      const involved = [v.object, ...v.others].map(i => objects[i]);
      if (involved.some(o => Validations.optionsOf(o.obj).crossObject === false)) continue;
      const suppression = involved.flatMap(o => Validations.suppressionsOf(o.obj)).find(s => s.ruleId === v.ruleId);
      const violation = { ruleId: v.ruleId, path: v.path, value: null, problem: v.problem, valid: v.valid };
      if (suppression) {
        const object = describe(objects[v.object].obj, objects[v.object].json);
        suppressed.push({ violation, reason: suppression.reason, suppressedAt: suppression.path, object });
      } else {
        messages.push(`${describe(objects[v.object].obj, objects[v.object].json)} ${v.path}: ${v.problem} (rule ${v.ruleId}). Valid: ${v.valid}`);
      }
    }
  }
  writeReport(root, objects, suppressed);
  return messages;
}

/** Writes validation-report.md into the app's output directory, when it exists. */
function writeReport(root: IConstruct, objects: AppObject[], crossSuppressed: SuppressedFinding[]): void {
  if (!(root instanceof App) || !existsSync(root.outdir)) return;
  const perObject = objects.flatMap(({ obj, json }) => checkObject(json, Validations.suppressionsOf(obj), families(obj)).suppressed
    .map(s => ({ ...s, object: describe(obj, json) })));
  writeFileSync(join(root.outdir, 'validation-report.md'), renderReport(objects.length, [...perObject, ...crossSuppressed]));
}
