import { Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as fc from 'fast-check';
import { parseClassicConfig, pluginSchema, schemaProblems } from './fluent-bit-schema';
import { synthExamples } from '../../examples/cluster-agents';
import { FluentBitLogLevel, HttpOutputFormat, LogCollector, LogCollectorProps, LogOutput } from '../../src/agents';
import { newChart } from '../daemon/util';

// Every [INPUT]/[FILTER]/[OUTPUT] plugin and key the LogCollector renders must be one Fluent Bit defines
// (../shared/reference/fluent-bit/plugin-schema-26.2.1.json, what `fluent-bit -J` prints). The checker in
// ./fluent-bit-schema.ts parses the rendered text itself; it shares no code with the renderer.

const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const RUNS = Number(process.env.FLUENT_BIT_FUZZ_RUNS ?? 400);

/** `SECTION/plugin/key` of every line of a configuration, for coverage. */
function keysOf(text: string): string[] {
  return parseClassicConfig(text).filter(x => x.header !== 'SERVICE').flatMap(x => {
    const name = x.entries.find(e => e.key.toLowerCase() === 'name')?.value;
    return x.entries.map(e => `${x.header}/${name}/${e.key.toLowerCase()}`);
  });
}

/** The configuration with every output type and every typed option set, filled in by a test below. */
let everyOption = '';

function configOf(props: LogCollectorProps): string {
  const collector = new LogCollector(newChart(), 'logs', props);
  return collector.configText;
}

describe('the schema checker can fail (it is not a rubber stamp)', () => {
  const good = configOf({ output: LogOutput.loki({ host: 'loki' }) });

  test('the defaults pass', () => {
    expect(schemaProblems(good)).toEqual([]);
  });

  test.each([
    ['an unknown key', good.replace('Line_format', 'Line_fromat'), /loki: unknown key "Line_fromat"/],
    ['an unknown output plugin', good.replace(/Name(\s+)loki/, 'Name$1lokki'), /Name "lokki" is no output plugin/],
    ['an input plugin named in an OUTPUT', good.replace(/Name(\s+)loki/, 'Name$1tail'), /Name "tail" is no output plugin/],
    ['an output key in an input', good.replace('Skip_Long_Lines', 'Retry_Limit    '), /tail: unknown key "Retry_Limit"/],
    ['a core output key in an input', good.replace('Skip_Long_Lines', 'storage.total_limit_size'), /tail: unknown key "storage.total_limit_size"/],
    ['a filter key unknown to the kubernetes filter', good.replace('Merge_Log ', 'Merge_Logs'), /kubernetes: unknown key "Merge_Logs"/],
    ['a non-boolean for a boolean', good.replace(/Skip_Long_Lines(\s+)On/, 'Skip_Long_Lines$1Sure'), /Skip_Long_Lines is a boolean/],
    ['a parser section in the main file', `${good}\n[PARSER]\n    Name x\n`, /\[PARSER\] is not a section of the main configuration file/],
    ['a section without a Name', `${good}\n[FILTER]\n    Match *\n`, /\[FILTER\] needs exactly one Name, has 0/],
  ])('finds %s', (_, text, expected) => {
    expect(schemaProblems(text).join('\n')).toMatch(expected);
  });

  test('keys are case-insensitive, as in Fluent Bit', () => {
    expect(schemaProblems(good.replace('Line_format', 'LINE_FORMAT'))).toEqual([]);
  });

  test('the parser reads every line of the rendered text into a section', () => {
    const sections = parseClassicConfig(good);
    const lines = good.split('\n').filter(l => l.trim()).length;
    expect(sections.length + sections.reduce((n, s) => n + s.entries.length, 0)).toBe(lines);
    expect(sections.map(s => s.header)).toEqual(['SERVICE', 'INPUT', 'FILTER', 'OUTPUT']);
  });

  test('the schema is the 26.2.1 one and holds the plugins the collector uses', () => {
    const s = pluginSchema();
    expect(s.inputs.map(p => p.name)).toEqual(expect.arrayContaining(['tail', 'systemd', 'forward']));
    expect(s.filters.map(p => p.name)).toEqual(expect.arrayContaining(['kubernetes', 'grep', 'modify']));
    expect(s.outputs.map(p => p.name)).toEqual(expect.arrayContaining(['es', 'opensearch', 'loki', 'forward', 'http', 'stdout']));
  });
});

describe('the rendered configuration only uses plugins and keys Fluent Bit defines', () => {
  test('the examples app', () => {
    const app = synthExamples(Testing.app().outdir);
    const collectors = app.node.findAll().filter((c): c is LogCollector => c instanceof LogCollector);
    expect(collectors.length).toBeGreaterThan(0);
    for (const c of collectors) expect(schemaProblems(c.configText)).toEqual([]);
  });

  test('every output type with every option set', () => {
    const secret = kplus.EnvValue.fromValue('s3cret');
    const common = { match: 'kube.*', retryLimit: 5, bufferLimit: Size.mebibytes(256), tls: true, tlsVerify: false };
    const text = configOf({
      outputs: [
        LogOutput.elasticsearch({ host: 'es', port: 9243, index: 'k8s', user: 'u', password: secret, ...common }),
        LogOutput.elasticsearch({ host: 'es', logstashPrefix: 'k8s', ...common }),
        LogOutput.opensearch({ host: 'os', user: 'u', password: secret, ...common }),
        LogOutput.loki({ host: 'loki', port: 80, labels: { job: 'x', ns: "$kubernetes['namespace_name']" }, labelKeys: ['$stream'], autoKubernetesLabels: true, tenantId: 't', user: 'u', password: secret, ...common }),
        LogOutput.forward({ host: 'agg', port: 24225, sharedKey: secret, ...common }),
        LogOutput.http({ host: 'h', port: 8443, uri: '/ingest', format: HttpOutputFormat.MSGPACK, headers: { 'X-Token': 'a' }, user: 'u', password: secret, ...common }),
        LogOutput.stdout({ match: 'host.*' }),
      ],
      systemd: { units: ['kubelet.service', 'containerd.service'], path: '/run/log/journal' },
      forwardInput: { port: 24224 },
      dockerRuntime: true,
      logLevel: FluentBitLogLevel.DEBUG,
      flushInterval: Duration.seconds(5),
      metricsPort: 2021,
      customParsers: '[PARSER]\n    Name x\n    Format json\n',
      filters: [{ name: 'grep', properties: { Exclude: 'log ^GET /healthz' } }, { name: 'modify', match: 'host.*', properties: { Add: 'cluster prod' } }],
    });
    everyOption = text;
    expect(schemaProblems(text)).toEqual([]);
    // Every output section made it into the text.
    expect(parseClassicConfig(text).filter(s => s.header === 'OUTPUT')).toHaveLength(7);
  });

  test(`fast-check: ${RUNS} random LogCollector configurations (seed ${SEED})`, () => {
    const host = fc.constantFrom('es.logging.svc', 'loki-gateway.logging.svc', '10.0.0.1', 'agg');
    const secret = fc.option(fc.constant(kplus.EnvValue.fromValue('x')), { nil: undefined });
    const common = fc.record({
      match: fc.constantFrom('*', 'kube.*', 'host.*'),
      retryLimit: fc.integer({ min: 0, max: 100 }),
      bufferLimit: fc.integer({ min: 1, max: 4096 }).map(n => Size.mebibytes(n)),
      tls: fc.boolean(),
      tlsVerify: fc.boolean(),
    }, { requiredKeys: [] });
    const auth = fc.record({ user: fc.constantFrom('fluent', 'admin'), password: secret }, { requiredKeys: [] });
    const port = fc.integer({ min: 1, max: 65535 });
    const search = fc.tuple(common, auth, fc.record({ host, port, index: fc.constantFrom('k8s', 'logs-app'), logstashPrefix: fc.constantFrom('k8s', 'x') }, { requiredKeys: ['host'] }));
    const output = fc.oneof(
      search.map(([c, a, o]) => LogOutput.elasticsearch({ ...c, ...a, ...o })),
      search.map(([c, a, o]) => LogOutput.opensearch({ ...c, ...a, ...o })),
      fc.tuple(common, auth, fc.record({
        host,
        port,
        labels: fc.dictionary(fc.constantFrom('job', 'cluster', 'namespace', 'app'), fc.constantFrom('x', "$kubernetes['namespace_name']", "$kubernetes['labels']['app']"), { minKeys: 1 }),
        labelKeys: fc.array(fc.constantFrom("$kubernetes['container_name']", '$stream'), { minLength: 1, maxLength: 2 }),
        autoKubernetesLabels: fc.boolean(),
        tenantId: fc.constantFrom('team-a', 'b'),
      }, { requiredKeys: ['host'] })).map(([c, a, o]) => LogOutput.loki({ ...c, ...a, ...o })),
      fc.tuple(common, fc.record({ host, port, sharedKey: secret }, { requiredKeys: ['host'] })).map(([c, o]) => LogOutput.forward({ ...c, ...o })),
      fc.tuple(common, auth, fc.record({
        host,
        port,
        uri: fc.constantFrom('/', '/v1/logs'),
        format: fc.constantFrom(...Object.values(HttpOutputFormat)),
        headers: fc.dictionary(fc.constantFrom('X-Token', 'Authorization'), fc.constantFrom('a', 'Bearer b')),
      }, { requiredKeys: ['host'] })).map(([c, a, o]) => LogOutput.http({ ...c, ...a, ...o })),
      fc.record({ match: fc.constantFrom('*', 'kube.*') }, { requiredKeys: [] }).map(o => LogOutput.stdout(o)),
    );
    const props = fc.record({
      outputs: fc.array(output, { minLength: 1, maxLength: 4 }),
      systemd: fc.record({
        units: fc.array(fc.constantFrom('kubelet.service', 'containerd.service', 'crio.service'), { maxLength: 3 }),
        path: fc.constantFrom('/var/log/journal', '/run/log/journal'),
      }, { requiredKeys: [] }),
      forwardInput: fc.record({ port: fc.constantFrom(24224, 24225) }, { requiredKeys: [] }),
      kubernetesMetadata: fc.boolean(),
      dockerRuntime: fc.boolean(),
      logLevel: fc.constantFrom(...Object.values(FluentBitLogLevel)),
      flushInterval: fc.integer({ min: 1, max: 60 }).map(n => Duration.seconds(n)),
      metricsPort: fc.constantFrom(2020, 2021, 8080),
      customParsers: fc.constant('[PARSER]\n    Name x\n    Format json\n'),
      filters: fc.array(fc.oneof(
        fc.record({ name: fc.constant('grep'), properties: fc.constant({ Exclude: 'log ^GET /healthz' }) }),
        fc.record({ name: fc.constant('modify'), match: fc.constantFrom('kube.*', 'host.*'), properties: fc.constant({ Add: 'cluster prod' }) }),
        fc.record({ name: fc.constant('nest'), properties: fc.constant({ Operation: 'lift', Nested_under: 'kubernetes' }) }),
      ), { maxLength: 2 }),
    }, { requiredKeys: ['outputs'] });
    let checked = 0;
    const seen = new Set<string>();
    fc.assert(fc.property(props, p => {
      const text = configOf(p as LogCollectorProps);
      checked++;
      keysOf(text).forEach(k => seen.add(k));
      expect(schemaProblems(text)).toEqual([]);
    }), { seed: SEED, numRuns: RUNS });
    expect(checked).toBe(RUNS);
    // The fuzzer reached every plugin and key the typed props can render (it could have failed on any).
    expect(everyOption).not.toBe('');
    const missed = keysOf(everyOption).filter(k => !seen.has(k) && !k.startsWith('FILTER/grep') && !k.startsWith('FILTER/modify'));
    expect(missed).toEqual([]);
  });
});
