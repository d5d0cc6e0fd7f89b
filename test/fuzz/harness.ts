import { mkdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { hardwareRngShape, logCollectorShape, metricsExporterShape } from './arbitraries';
import { BuildContext, Gen, ID, idName } from './gen';
import { Hatch } from './hatches';
import { referenceProblems, unsharedVerdicts, Verdict, verdictOf, withoutChartPrefix } from './oracle';
import { HardwareRngRefresher, LogCollector, MetricsExporter, NodeDaemon, Validations } from '../../src';
import { checkApiServerRules } from '../../src/validation/api-rules';
import { strictSchemaViolations } from '../../src/validation/schema/strict-schema';

// The fuzz property, a differential test: for every generated configuration, synth either succeeds and
// every object passes the shipped validation (strict Kubernetes 1.28 schema, API-server rules) AND the
// independent reference checker of test/reference, or it fails with the library's own error, one line per
// problem, each naming the construct path and a prop the user set (or the hand-written object), where every
// API-server verdict is one the reference also reaches on the rendered objects (the SEC, BP, XO and PATCH
// rules and the construction-time prop checks are the library's own, documented rules). A TypeError,
// RangeError, any other error, or a disagreement between the library and the reference is a bug.

/** The fixed seed that every run replays. */
export const FIXED_SEED = 20261123;
/**
 * FUZZ_SEED replays one seed alone (each property then runs half its share with it, as in the run that
 * printed it). Without it every property runs the fixed seed and one fresh seed, each for half its share.
 */
export const REPLAY_SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
/** This run's fresh seed: FUZZ_FRESH_SEED (set once per `npm test` by scripts/run-tests.mjs), or this process's own. */
export const FRESH_SEED = Number(process.env.FUZZ_FRESH_SEED ?? Math.floor(Math.random() * 2 ** 31));
/**
 * FUZZ_RUNS: generated configurations for the whole fuzz suite, split across the properties by share.
 * The default, 22,000, keeps the fuzz files at a few minutes on the project's 2-core machine.
 */
export const TOTAL_RUNS = Number(process.env.FUZZ_RUNS ?? 22_000);

/** Jest timeout of one property (its runs take far longer than jest's default 5 s). */
export const FUZZ_TIMEOUT = 15 * 60_000;

/** The runs of a property that takes `share` of FUZZ_RUNS. */
export function runsFor(share: number): number {
  return Math.max(1, Math.round(TOTAL_RUNS * share));
}

/** An outdir that never exists, so validation writes no report to disk on every run. */
const NO_OUTDIR = join(tmpdir(), 'cdk8s-daemons-fuzz-no-outdir');

export const CONSTRUCTS = { NodeDaemon, LogCollector, MetricsExporter, HardwareRngRefresher };
export type ConstructKind = keyof typeof CONSTRUCTS;

/**
 * Props that may be named in an error even when the configuration does not set them: required props,
 * `containerName`, whose default comes from the construct id (setting it fixes a clash with a sidecar), and
 * LogCollector's `kubernetesMetadata`, whose default needs a chart namespace (setting it false is the fix).
 */
const REQUIRED_PROPS: Record<ConstructKind, string[]> = {
  NodeDaemon: ['image', 'containerName'],
  LogCollector: ['outputs', 'output', 'kubernetesMetadata', 'overrides.containerName'],
  MetricsExporter: ['overrides.containerName'],
  HardwareRngRefresher: ['image', 'nodeSelector', 'overrides.containerName'],
};

/** Every prop of each agent (the keys of its props interface). */
const PROPS_OF: Record<ConstructKind, string[]> = {
  NodeDaemon: [],
  LogCollector: ['output', 'outputs', ...Object.keys(logCollectorShape)],
  MetricsExporter: Object.keys(metricsExporterShape),
  HardwareRngRefresher: ['image', 'nodeSelector', ...Object.keys(hardwareRngShape)],
};

export interface ConstructSpec {
  readonly kind: ConstructKind;
  readonly id: string;
  readonly props: Gen<any>;
}

/** One generated configuration: a chart with one or more constructs. */
export class FuzzCase {
  constructor(
    public readonly constructs: ConstructSpec[],
    public readonly namespace: string | undefined,
    /** Security, best-practice and cross-object rules on (otherwise only API-server rules and the schema). */
    public readonly rules: boolean,
    /** Escape hatches applied after the constructs: JSON patches, raw ApiObjects, Include. */
    public readonly hatches: Hatch[] = [],
  ) {}

  /** The case as TypeScript to paste into a test (imports, chart, constructs, synth). */
  public snippet(): string {
    let n = 0;
    const body = [
      `const chart = new Chart(Testing.app(), 'node-agents'${this.namespace !== undefined ? `, { namespace: ${JSON.stringify(this.namespace)} }` : ''});`,
      ...(this.rules ? [] : ['Validations.configure(chart, { bestPractices: false, crossObject: false });']),
      ...this.constructs.map((c, i) => `${this.hatches.length ? `const c${i} = ` : ''}new ${c.kind}(chart, ${JSON.stringify(c.id)}, ${topLevel(c.props)});`),
      ...this.hatches.map(h => h.src),
      'Testing.synth(chart);',
    ].join('\n').replace(new RegExp(ID, 'g'), () => `'${idName(n++)}'`);
    return `${imports(body)}\n\n${body}`;
  }

  public [fc.toStringMethod](): string {
    return `\n${this.snippet()}\n`;
  }
}

/** The props object, one key per line. */
function topLevel(props: Gen<any>): string {
  if (!props.fields?.length) return props.src;
  return `{\n${props.fields.map(([k, g]) => `  ${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${g.src},`).join('\n')}\n}`;
}

const SRC_NAMES = ['ApiVerb', 'AppArmorProfile', 'Budget', 'Exposure', 'FluentBitLogLevel', 'HardwareRngRefresher', 'HostPathMount', 'HttpOutputFormat',
  'LogCollector', 'LogOutput', 'MetricsExporter', 'NodeArch', 'NodeDaemon', 'NodeExporterCollector', 'NodeOs', 'NodePlacement',
  'NodeRequirement', 'PreemptionPolicy', 'Priority', 'RbacRules', 'RngDeviceAccess', 'RngFeeder', 'Rollout', 'Toleration', 'TolerationOperator', 'Validations'];

function imports(body: string): string {
  const used = (name: string) => new RegExp(`\\b${name}\\b(?=[.(])`).test(body);
  const cdk8s = ['ApiObject', 'Chart', 'Duration', 'Include', 'JsonPatch', 'Size', 'Testing'].filter(used);
  return [
    `import { ${cdk8s.join(', ')} } from 'cdk8s';`,
    ...(body.includes('kplus.') ? ["import * as kplus from 'cdk8s-plus-28';"] : []),
    `import { ${SRC_NAMES.filter(used).join(', ')} } from '../../src';`,
  ].join('\n');
}

// ---- known bugs --------------------------------------------------------------------------------

/**
 * Bugs the fuzzer found that are reported and pinned by a failing test in regressions.test.ts. A
 * configuration that fails ONLY because of one of them is counted (and printed) instead of failing the
 * property, so the property keeps looking for new bugs. Each matcher is as narrow as the symptom allows.
 * Remove an entry once src/ is fixed: the property then covers that region again.
 * Set FUZZ_STRICT=1 to ignore this list.
 */
export interface KnownBug {
  readonly id: string;
  readonly matches: (problem: string) => boolean;
}

// Bugs the fuzzer found and that are not fixed yet: a case whose only problems match an entry is counted
// and printed instead of failing (FUZZ_STRICT=1 turns this off). B1-B7 are fixed; their regression tests
// are in regressions.test.ts.
export const KNOWN_BUGS: KnownBug[] = [];

const STRICT = process.env.FUZZ_STRICT === '1';

// ---- evaluation --------------------------------------------------------------------------------

export type Outcome =
  | { readonly kind: 'synthesized'; readonly objects: any[] }
  | { readonly kind: 'rejected'; readonly reasons: string[] }
  | { readonly kind: 'known-bug'; readonly bugs: string[] };

/** A violation of the property: the case found a bug. */
export class PropertyViolation extends Error {}

const PROP_LINE = /^\[([^\]]*)\] '([^']+)'/;
const RULE = /\(?(?:[A-Za-z]+ [^\s,]+, )?rule ([A-Z]+[0-9]*)\)/;

function pathOf(chart: Chart, id: string): string {
  return `${chart.node.path}/${id}`;
}

function errorText(e: unknown): string {
  if (e instanceof Error || (e && typeof e === 'object' && 'message' in e)) {
    const err = e as Error;
    return `${err.name}: ${err.message}`;
  }
  return `non-Error thrown: ${String(e)}`;
}

interface Judged { readonly problems: string[]; readonly reasons: string[] }

/** The prop root named by an error line (`sidecars[0].ports[1]` gives `sidecars`). */
function propRoot(prop: string): string {
  return prop.split(/[.[]/)[0];
}

function allowedProps(spec: ConstructSpec, built: any): Set<string> {
  const set = new Set<string>([...Object.keys(built ?? {}), ...REQUIRED_PROPS[spec.kind]]);
  for (const k of Object.keys(built?.overrides ?? {})) set.add(k);
  return set;
}

/** Checks one error line against the constructs of the case. */
interface BuiltSpec { readonly spec: ConstructSpec; readonly path: string; readonly built: any }

function judgeLine(line: string, specs: BuiltSpec[], rules: boolean, hatchPaths: string[], patched: boolean): { problem?: string; reason?: string } {
  const m = PROP_LINE.exec(line);
  const rule = RULE.exec(line)?.[1];
  // A hand-written object (raw ApiObject or Include) is named by its construct path and kind.
  const bare = withoutChartPrefix(line);
  const raw = hatchPaths.find(p => bare.startsWith(`${p} (`) || bare.startsWith(`${p}/`));
  if (raw) return rule ? { reason: `hatch:${rule}` } : { problem: `error line about a hand-written object without a rule: ${line}` };
  if (m) {
    const owner = specs.find(s => m[1] === s.path || m[1].startsWith(`${s.path}/`));
    if (!owner) {
      if (rules && rule && /^(SEC|BP|XO)/.test(rule)) return { reason: rule };
      return { problem: `error line names construct path [${m[1]}], which is not one of the generated constructs: ${line}` };
    }
    // A JSON patch changes fields the library rendered: the line names the prop the field came from.
    if (patched && rule) return { reason: rule };
    if (m[2] === 'props') return { problem: `error line names 'props', the fallback for a field with no recorded origin, not a prop: ${line}` };
    const root = propRoot(m[2]);
    const allowed = allowedProps(owner.spec, owner.built);
    if (!allowed.has(root)) {
      const foreign = owner.spec.kind !== 'NodeDaemon' && !PROPS_OF[owner.spec.kind].includes(root);
      return {
        problem: foreign
          ? `error line names '${m[2]}', which is not a prop of ${owner.spec.kind} (an internal NodeDaemon prop): ${line}`
          : `error line names '${m[2]}', a prop the configuration does not set (set: ${[...allowed].join(', ')}): ${line}`,
      };
    }
    return { reason: rule ?? `prop:${root}` };
  }
  if (rules && rule && /^(SEC|BP|XO)/.test(rule)) return { reason: rule };
  return { problem: `error line without a construct path and a quoted prop: ${line}` };
}

function judgeError(e: unknown, stage: 'construct' | 'synth', specs: BuiltSpec[], rules: boolean, hatchPaths: string[] = [], patched = false): Judged & { verdicts: Verdict[] } {
  const text = errorText(e);
  if (!(e instanceof Error) || e.name !== 'Error') {
    return { problems: [`${stage} threw ${text}`], reasons: [], verdicts: [] };
  }
  const problems: string[] = [];
  const verdicts: Verdict[] = [];
  const reasons: string[] = [];
  let lines: string[];
  if (stage === 'synth') {
    const header = 'Validation failed with the following errors:\n  ';
    if (!e.message.startsWith(header)) return { problems: [`synth threw an error that is not a validation report: ${text}`], reasons: [], verdicts: [] };
    lines = e.message.slice(header.length).split(/\n {2}/);
  } else {
    lines = [e.message];
  }
  for (const line of lines) {
    const j = judgeLine(line, specs, rules, hatchPaths, patched);
    if (j.problem) problems.push(`${stage}: ${j.problem}`);
    if (j.reason) reasons.push(stage === 'construct' ? `eager:${j.reason}` : j.reason);
    const verdict = stage === 'synth' ? verdictOf(line) : undefined;
    if (verdict) verdicts.push(verdict);
  }
  return { problems, reasons, verdicts };
}

function judgeObjects(objects: any[]): string[] {
  const problems: string[] = [];
  objects.forEach((obj, i) => {
    const id = `${obj?.kind} ${JSON.stringify(obj?.metadata?.name)} (object ${i})`;
    const schema = strictSchemaViolations(obj);
    if (schema === undefined) {
      if (!(obj?.apiVersion === 'monitoring.coreos.com/v1' && obj?.kind === 'ServiceMonitor')) problems.push(`${id}: no strict schema for ${obj?.apiVersion}`);
    } else {
      for (const v of schema) problems.push(`emitted ${id} fails the strict schema: ${v.path} ${JSON.stringify(v.value)?.slice(0, 80)}: ${v.problem}`);
    }
    for (const v of checkApiServerRules(obj)) {
      problems.push(`emitted ${id} breaks ${v.ruleId}: ${v.path} ${JSON.stringify(v.value)?.slice(0, 80)}: ${v.problem}`);
    }
  });
  return [...problems, ...referenceProblems(objects)];
}

/** Builds the case in a fresh app and judges the outcome. Throws PropertyViolation for an unknown bug. */
export function evaluate(c: FuzzCase): Outcome {
  const app = new App({ outdir: NO_OUTDIR });
  const chart = new Chart(app, 'node-agents', c.namespace !== undefined ? { namespace: c.namespace } : {});
  if (!c.rules) Validations.configure(chart, { bestPractices: false, crossObject: false });
  let n = 0;
  const ctx: BuildContext = { scope: chart, nextId: () => idName(n++) };
  const specs: BuiltSpec[] = [];
  const built: any[] = [];
  let judged: Judged | undefined;
  let objects: any[] | undefined;
  for (const spec of c.constructs) {
    const props = spec.props.build(ctx);
    specs.push({ spec, path: pathOf(chart, spec.id), built: props });
    try {
      built.push(new CONSTRUCTS[spec.kind](chart, spec.id, props));
    } catch (e) {
      judged = judgeError(e, 'construct', specs, c.rules);
      break;
    }
  }
  const hatchPaths: string[] = [];
  if (!judged) {
    for (const hatch of c.hatches) {
      const path = hatch.apply(chart, built);
      if (path) hatchPaths.push(path);
    }
    try {
      objects = Testing.synth(chart);
      judged = { problems: judgeObjects(objects), reasons: [] };
    } catch (e) {
      const j = judgeError(e, 'synth', specs, c.rules, hatchPaths, c.hatches.some(h => h.patch));
      // What the refused configuration renders, for the reference to judge the library's verdicts.
      let rendered: any[] = [];
      try {
        // ApiObject.toJson() renders without validating (Chart.toJson() would validate again).
        rendered = chart.node.findAll().filter(ApiObject.isApiObject).map(o => o.toJson());
      } catch {
        rendered = [];
      }
      judged = { problems: [...j.problems, ...unsharedVerdicts(j.verdicts, rendered).map(p => `synth: ${p}`)], reasons: j.reasons };
    }
  }
  if (judged.problems.length) {
    const bugs = judged.problems.map(p => KNOWN_BUGS.find(b => b.matches(p))?.id);
    if (!STRICT && bugs.every(b => b !== undefined)) return { kind: 'known-bug', bugs: [...new Set(bugs as string[])] };
    throw new PropertyViolation(judged.problems.filter((_, i) => STRICT || bugs[i] === undefined).join('\n'));
  }
  return objects ? { kind: 'synthesized', objects } : { kind: 'rejected', reasons: judged.reasons };
}

// ---- tally and runner --------------------------------------------------------------------------

/** How many configurations synthesized, were rejected (and why), or hit a known bug. */
export class Tally {
  public synthesized = 0;
  public rejected = 0;
  /** Configurations that failed only because of known bugs (one may hit several). */
  public knownBugCases = 0;
  public readonly reasons = new Map<string, number>();
  public readonly knownBugs = new Map<string, number>();

  public add(outcome: Outcome): void {
    if (outcome.kind === 'synthesized') {
      this.synthesized++;
    } else if (outcome.kind === 'rejected') {
      this.rejected++;
      for (const r of new Set(outcome.reasons)) this.reasons.set(r, (this.reasons.get(r) ?? 0) + 1);
    } else {
      this.knownBugCases++;
      for (const b of outcome.bugs) this.knownBugs.set(b, (this.knownBugs.get(b) ?? 0) + 1);
    }
  }

  public get total(): number {
    return this.synthesized + this.rejected + this.knownBugCases;
  }

  public summary(title: string): string {
    const top = [...this.reasons.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([r, n]) => `${r} ${n}`).join(', ');
    const known = [...this.knownBugs.entries()].map(([b, n]) => `${b} ${n}`).join(', ');
    return `${title}: ${this.total} configurations, ${this.synthesized} synthesized, ${this.rejected} rejected with a library error`
      + `${known ? `, ${this.knownBugCases} hit known bugs (${known})` : ''}\n  most frequent rejections: ${top || '-'}`;
  }
}

/** The seeds a property runs: the fixed one and this process's fresh one, or FUZZ_SEED alone. */
export function seeds(): number[] {
  return REPLAY_SEED !== undefined ? [REPLAY_SEED] : [FIXED_SEED, FRESH_SEED];
}

/**
 * Runs the property over `runs` cases of `arb`, half with each seed. On failure, throws fast-check's report
 * (seed, path, shrunk counterexample) followed by the counterexample as a copy-pasteable snippet.
 */
export function runProperty(title: string, arb: fc.Arbitrary<FuzzCase>, runs: number): Tally {
  // On failure the tally also holds the shrinking attempts; it is only printed and asserted on success.
  const tally = new Tally();
  const perSeed = Math.max(1, Math.round(runs / 2));
  for (const seed of seeds()) {
    // eslint-disable-next-line no-console
    console.log(`${title}: seed ${seed}${seed === FIXED_SEED ? ' (fixed)' : ''}, ${perSeed} runs (replay: FUZZ_SEED=${seed} FUZZ_RUNS=${TOTAL_RUNS})`);
    const details = fc.check(fc.property(arb, c => tally.add(evaluate(c))), { seed, numRuns: perSeed });
    if (details.failed) {
      const cx = details.counterexample?.[0] as FuzzCase | undefined;
      const cause = details.errorInstance instanceof PropertyViolation ? details.errorInstance.message : errorText(details.errorInstance);
      throw new Error(`${fc.defaultReportMessage(details)}\n\nReplay: FUZZ_SEED=${seed} FUZZ_RUNS=${TOTAL_RUNS}\n\nWhat went wrong:\n${cause}\n\n`
        + `Shrunk counterexample as a test (paste into test/fuzz/regressions.test.ts):\n\n${cx?.snippet()}\n`);
    }
  }
  // eslint-disable-next-line no-console
  console.log(tally.summary(title));
  recordTally(title, tally);
  return tally;
}

/**
 * FUZZ_TALLY_DIR (set by scripts/run-tests.mjs): each property writes its counts there, and the test run
 * ends by checking the whole suite's totals (at least 20,000 configurations, 10,000 of them synthesized).
 */
function recordTally(title: string, tally: Tally): void {
  const dir = process.env.FUZZ_TALLY_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${title.replace(/[^A-Za-z0-9]+/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ title, seeds: seeds(), total: tally.total, synthesized: tally.synthesized, rejected: tally.rejected }) + '\n');
}

/** Construct ids: mostly plain, sometimes ones that stress the name derivation. */
export const constructId = fc.oneof(
  { arbitrary: fc.constant('fuzz'), weight: 12 },
  { arbitrary: fc.constantFrom('trace_agent', 'Agent', 'ä', 'x'.repeat(70), '1st', 'a.b', 'A B'), weight: 1 },
);

/** The chart namespace: kube-system mostly, sometimes none. */
export const namespace = fc.oneof(
  { arbitrary: fc.constant('kube-system'), weight: 8 },
  { arbitrary: fc.constant(undefined), weight: 1 },
);
