import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as fc from 'fast-check';
import {
  call, dictOf, edgy, Gen, ID, lit, litOf, list, listOf, member, memberOf, merged, method, obj, options,
} from './gen';
import {
  ApiVerb, AppArmorProfile, Budget, DaemonContainerProps, Exposure, FluentBitLogLevel, HardwareRngRefresherProps, HostPathMount,
  HttpOutputFormat, LogCollectorProps, LogOutput, MetricsExporterProps, NodeArch, NodeDaemonProps, NodeExporterCollector,
  NodeOs, NodePlacement, NodeRequirement, PreemptionPolicy, Priority, RbacRules, RngDeviceAccess, RngFeeder, Rollout, SeccompProfile, Toleration,
  TolerationOperator,
} from '../../src';

// fast-check arbitraries for every public props type of NodeDaemon and the three agents. Each one yields a
// Gen: the value plus the TypeScript that builds it, so a shrunk counterexample prints as a snippet.
// Values are mostly valid, with the edges of the issue mixed in at a low rate per field: 0, negative and
// 65536 ports, empty strings, 16-character port names, 101%, duplicate names, system-* names, huge label
// values, unicode. With about a dozen fields per config, a third to two thirds of the configs synthesize.

const HUGE = 'v'.repeat(1000);

// ---- strings ------------------------------------------------------------------------------------

const UNICODE = ['ü', '日本', '🚀', 'e\u0301', 'Ωmega'];

/** DNS-1123 labels, from a small pool so that duplicates (container, port and volume names) happen. */
export const dnsLabel = edgy(
  fc.oneof(fc.constantFrom('agent', 'sidecar', 'init', 'fuzz', 'node-exporter', 'a', 'x1'), fc.stringMatching(/^[a-z][a-z0-9-]{0,6}[a-z0-9]$/)),
  ['', 'A', 'Agent', 'a.b', 'a_b', '-a', 'a-', '1abc', 'x'.repeat(63), 'x'.repeat(64), 'system-fuzz', ...UNICODE, 'a b'],
);

/** Object names (DNS-1123 subdomains, or less). */
export const objectName = edgy(
  fc.oneof(fc.constantFrom('trace-agent', 'logs', 'node-metrics', 'a', 'agent.v2', '1st-agent'), fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/)),
  ['', 'Agent', 'a_b', '-a', 'a..b', 'x'.repeat(63), 'x'.repeat(64), 'x'.repeat(254), 'system-fuzz', 'system-node-critical', ...UNICODE],
);

/** Label keys: plain, prefixed, and broken. */
export const labelKey = edgy(
  fc.constantFrom('app', 'team', 'tier', 'example.com/pool', 'node-role.kubernetes.io/worker', 'app.kubernetes.io/name', 'kubernetes.io/arch', 'a_b.c'),
  ['', '/', 'a/', '/a', 'a/b/c', 'Example.com/x', 'x'.repeat(63), 'x'.repeat(64), `${'p'.repeat(254)}/x`, 'a b', '-a', ...UNICODE],
  1, 10,
);

/** Label values: valid, empty, 63 and 64 characters, huge, unicode. */
export const labelValue = edgy(
  fc.oneof(fc.constantFrom('general', 'true', 'v1.2.3', 'a', 'x_y-z.0', 'linux'), fc.stringMatching(/^[a-z0-9]([a-z0-9._-]{0,8}[a-z0-9])?$/)),
  ['', 'v'.repeat(63), 'v'.repeat(64), HUGE, '-v', 'v-', 'a b', 'a/b', ...UNICODE],
  1, 10,
);

export const labels = dictOf(labelKey, litOf(labelValue), 0, 3);

/** Annotation keys are label keys; values are any string. */
const annotations = dictOf(labelKey, litOf(fc.oneof(fc.constantFrom('true', '9100', '', HUGE, 'a\nb', 'ü'), fc.string({ maxLength: 8 }))), 0, 3);

/** Any short text, unicode included. */
const text = fc.oneof(fc.constantFrom('', ' ', 'info', 'level: info\n', 'ü', '🚀', HUGE), fc.string({ maxLength: 10 }));

/** Image references. */
export const image = edgy(
  fc.constantFrom('example.com/agent:1.4.2', 'registry.example.com/team/agent:2.0.0-rc.1', `example.com/agent@sha256:${'a'.repeat(64)}`,
    'localhost:5000/agent:1.0', 'example.com/agent:v1'),
  ['', ' ', 'agent', 'agent:latest', `example.com/agent:${'v'.repeat(80)}`, 'example.com/agent:ü', 'Agent:1.0', 'a:'],
  1, 12,
);

/** Absolute and not-so-absolute paths. */
const path = edgy(
  fc.constantFrom('/data', '/tmp', '/etc/agent', '/var/log', '/state', '/host/proc', '/var/lib/agent'),
  ['', '/', 'relative', '/a/../b', '/var/日本', `/${'x'.repeat(300)}`],
);

// ---- numbers ------------------------------------------------------------------------------------

/** Ports: mostly valid, plus 0, negative, 65536, fractions and NaN. */
export const port = fc.oneof(
  { arbitrary: fc.constantFrom(80, 2020, 8126, 9100, 24224), weight: 4 },
  { arbitrary: fc.integer({ min: 1, max: 65535 }), weight: 5 },
  { arbitrary: fc.constantFrom(0, -1, 65535, 65536, 1.5, 100000, NaN), weight: 1 },
);

/** Port names: a pool with duplicates, 15 characters, and the broken ones (16 characters...). */
export const portName = edgy(
  fc.constantFrom('http', 'metrics', 'admin', 'grpc', 'p-1', 'abcdefghijklmno'),
  ['', 'abcdefghijklmnop', 'HTTP', 'a--b', '-a', 'a-', '1234', 'ü', 'a_b', 'x'.repeat(63)],
);

/** Non-negative integers with the usual edges. */
const count = edgy(fc.integer({ min: 0, max: 20 }), [-1, 1.5, 2 ** 31, NaN, 1e9]);

/** A duration: whole seconds mostly, plus the ones that are not whole seconds. */
const duration: fc.Arbitrary<Gen<Duration>> = edgy(
  fc.constantFrom(0, 1, 5, 10, 30, 300).map(s => call('Duration.seconds', (n: number) => Duration.seconds(n), [lit(s)])),
  [
    call('Duration.millis', (n: number) => Duration.millis(n), [lit(1500)]),
    call('Duration.seconds', (n: number) => Duration.seconds(n), [lit(1.5)]),
    call('Duration.minutes', (n: number) => Duration.minutes(n), [lit(2)]),
  ],
);

/** A memory size. */
const size: fc.Arbitrary<Gen<Size>> = fc.oneof(
  fc.constantFrom(0, 1, 64, 128, 0.5, 1000).map(n => call('Size.mebibytes', (x: number) => Size.mebibytes(x), [lit(n)])),
  fc.constantFrom(1, 2).map(n => call('Size.gibibytes', (x: number) => Size.gibibytes(x), [lit(n)])),
  fc.constantFrom(1, 512).map(n => call('Size.kibibytes', (x: number) => Size.kibibytes(x), [lit(n)])),
);

const cpu: fc.Arbitrary<Gen<kplus.Cpu>> = fc.oneof(
  fc.constantFrom(0, 5, 50, 100, 1500, 0.5).map(n => call('kplus.Cpu.millis', (x: number) => kplus.Cpu.millis(x), [lit(n)])),
  fc.constantFrom(1, 2, 0.5).map(n => call('kplus.Cpu.units', (x: number) => kplus.Cpu.units(x), [lit(n)])),
);

// ---- value types --------------------------------------------------------------------------------

/** Budget.count / Budget.percent with 0, negative, fractional and 101%. */
export const budget: fc.Arbitrary<Gen<Budget>> = fc.oneof(
  { arbitrary: fc.constantFrom(1, 2, 10).map(n => call('Budget.count', Budget.count, [lit(n)])), weight: 3 },
  { arbitrary: fc.constantFrom(10, 25, 100).map(n => call('Budget.percent', Budget.percent, [lit(n)])), weight: 3 },
  { arbitrary: fc.constantFrom(0, -1, 1.5, 2 ** 40).map(n => call('Budget.count', Budget.count, [lit(n)])), weight: 1 },
  { arbitrary: fc.constantFrom(0, 101, -5, 1.5).map(n => call('Budget.percent', Budget.percent, [lit(n)])), weight: 1 },
);

export const rollout: fc.Arbitrary<Gen<Rollout>> = fc.oneof(
  { arbitrary: options({ maxUnavailable: budget, maxSurge: budget }, 1, 2).map(o => call('Rollout.rollingUpdate', Rollout.rollingUpdate, [o])), weight: 4 },
  { arbitrary: fc.constant(call('Rollout.rollingUpdate', Rollout.rollingUpdate)), weight: 1 },
  { arbitrary: budget.map(b => call('Rollout.surge', Rollout.surge, [obj({ maxSurge: b })])), weight: 2 },
  { arbitrary: fc.constant(call('Rollout.onDelete', Rollout.onDelete)), weight: 1 },
);

const tolerationKey = edgy(
  fc.constantFrom('dedicated', 'node-role.kubernetes.io/control-plane', 'node.kubernetes.io/unreachable', 'example.com/gpu'),
  ['', 'a/b/c', 'Bad Key', 'x'.repeat(64), ...UNICODE],
);
const taintEffect = memberOf(kplus.TaintEffect, 'kplus.TaintEffect');

/** Toleration.of with random operator/effect/seconds/key/value, and the factories. */
export const toleration: fc.Arbitrary<Gen<Toleration>> = fc.oneof(
  {
    arbitrary: options({
      key: litOf(tolerationKey),
      operator: memberOf(TolerationOperator, 'TolerationOperator'),
      value: litOf(labelValue),
      effect: taintEffect,
      tolerationSeconds: litOf(fc.constantFrom(0, -1, 300, 1.5, 2 ** 40)),
    }, 1, 1).map(o => call('Toleration.of', Toleration.of, [o])),
    weight: 3,
  },
  { arbitrary: fc.tuple(litOf(tolerationKey), fc.option(taintEffect, { nil: undefined })).map(([k, e]) => call('Toleration.exists', Toleration.exists, [k, e])), weight: 1 },
  {
    arbitrary: fc.tuple(litOf(tolerationKey), litOf(labelValue), fc.option(taintEffect, { nil: undefined }))
      .map(([k, v, e]) => call('Toleration.equal', Toleration.equal, [k, v, e])),
    weight: 1,
  },
  { arbitrary: fc.constantFrom('everything', 'controlPlane', 'legacyMaster').map(f => call<Toleration>(`Toleration.${f}`, (Toleration as any)[f].bind(Toleration))), weight: 1 },
  {
    arbitrary: fc.tuple(litOf(tolerationKey), litOf(fc.constantFrom(0, 300, -1, 1.5))).map(([k, s]) => call('Toleration.noExecuteFor', Toleration.noExecuteFor, [k, s])),
    weight: 1,
  },
);

const requirementValues = fc.array(labelValue, { maxLength: 2 }).map(vs => vs.map(lit));
export const nodeRequirement: fc.Arbitrary<Gen<NodeRequirement>> = fc.oneof(
  fc.tuple(litOf(labelKey), requirementValues).map(([k, vs]) => call('NodeRequirement.in', NodeRequirement.in, [k, ...vs])),
  fc.tuple(litOf(labelKey), requirementValues).map(([k, vs]) => call('NodeRequirement.notIn', NodeRequirement.notIn, [k, ...vs])),
  litOf(labelKey).map(k => call('NodeRequirement.exists', NodeRequirement.exists, [k])),
  litOf(labelKey).map(k => call('NodeRequirement.doesNotExist', NodeRequirement.doesNotExist, [k])),
  fc.tuple(litOf(labelKey), litOf(fc.constantFrom(4, 0, -1, 1.5, NaN))).map(([k, n]) => call('NodeRequirement.greaterThan', NodeRequirement.greaterThan, [k, n])),
  fc.tuple(litOf(labelKey), litOf(fc.constantFrom(4, 0, -1, 1.5))).map(([k, n]) => call('NodeRequirement.lessThan', NodeRequirement.lessThan, [k, n])),
);

const nodeArch = memberOf(NodeArch, 'NodeArch');

/** A NodePlacement: a base (anyNode, linux, labeled) and a chain of with* calls. */
export const placement: fc.Arbitrary<Gen<NodePlacement>> = fc.tuple(
  fc.oneof(
    fc.constant(call('NodePlacement.linux', NodePlacement.linux)),
    fc.constant(call('NodePlacement.anyNode', NodePlacement.anyNode)),
    labels.map(l => call('NodePlacement.labeled', NodePlacement.labeled, [l])),
  ),
  fc.array(fc.oneof(
    labels.map(l => ['withLabels', [l]] as [string, Array<Gen<any>>]),
    memberOf(NodeOs, 'NodeOs').map(o => ['withOs', [o]] as [string, Array<Gen<any>>]),
    nodeArch.map(a => ['withArch', [a]] as [string, Array<Gen<any>>]),
    fc.array(nodeRequirement, { maxLength: 2 }).map(rs => ['withRequirements', rs] as [string, Array<Gen<any>>]),
    fc.constant(['excludingVirtualNodes', []] as [string, Array<Gen<any>>]),
  ), { maxLength: 3 }),
).map(([base, calls]) => calls.reduce<Gen<NodePlacement>>((p, [name, args]) => method(p, name, args), base));

const protocol = memberOf(kplus.Protocol, 'kplus.Protocol');

/** Exposed-port options with the required port first. */
function portOptions(extra: { [key: string]: fc.Arbitrary<Gen<any>> }, present = 1, absent = 3): fc.Arbitrary<Gen<any>> {
  return fc.tuple(litOf(port), options({ name: litOf(portName), protocol, ...extra }, present, absent)).map(([p, rest]) => merged({ port: p }, rest));
}

const serviceOptions = portOptions({
  servicePort: litOf(port),
  additionalPorts: listOf(portOptions({}), 1, 2),
  serviceName: litOf(objectName),
  annotations,
});

export const exposure: fc.Arbitrary<Gen<Exposure>> = fc.oneof(
  { arbitrary: fc.constant(call('Exposure.none', Exposure.none)), weight: 1 },
  { arbitrary: serviceOptions.map(o => call('Exposure.localService', Exposure.localService, [o])), weight: 3 },
  { arbitrary: serviceOptions.map(o => call('Exposure.headlessService', Exposure.headlessService, [o])), weight: 1 },
  {
    arbitrary: portOptions({ hostPort: litOf(port), hostIp: litOf(fc.constantFrom('127.0.0.1', '0.0.0.0', '::1', 'not-an-ip', '')) })
      .map(o => call('Exposure.hostPort', Exposure.hostPort, [o])),
    weight: 2,
  },
  { arbitrary: portOptions({}).map(o => call('Exposure.hostNetwork', Exposure.hostNetwork, [o])), weight: 2 },
);

const hostPathType = memberOf(kplus.HostPathVolumeType, 'kplus.HostPathVolumeType');
const propagation = memberOf(kplus.MountPropagation, 'kplus.MountPropagation');

export const hostPathMount: fc.Arbitrary<Gen<HostPathMount>> = fc.tuple(
  fc.constantFrom('readOnly', 'readWrite'),
  litOf(edgy(fc.constantFrom('/var/log', '/proc', '/sys', '/var/lib/agent', '/run/agent.sock', '/dev/hwrng'), ['', '/', '/a/../b', 'relative', '/var/日本', '/Var/Log', `/${'x'.repeat(100)}`])),
  litOf(path),
  fc.option(options({ type: hostPathType, propagation, volumeName: litOf(dnsLabel) }, 1, 2), { nil: undefined, freq: 2 }),
).map(([f, h, m, o]) => call(`HostPathMount.${f}`, f === 'readOnly' ? HostPathMount.readOnly : HostPathMount.readWrite, [h, m, o]));

export const priority: fc.Arbitrary<Gen<Priority>> = fc.oneof(
  { arbitrary: fc.constantFrom('systemNodeCritical', 'systemClusterCritical').map(f => call<Priority>(`Priority.${f}`, (Priority as any)[f].bind(Priority))), weight: 2 },
  { arbitrary: litOf(objectName).map(n => call('Priority.existing', Priority.existing, [n])), weight: 1 },
  {
    arbitrary: fc.tuple(
      litOf(edgy(fc.constantFrom(0, 1000, 1000000, 1000000000), [1000000001, -1, 2000001000, 2000000000, 2 ** 31, -(2 ** 31) - 1, 1.5, NaN])),
      options({
        name: litOf(objectName),
        preemptionPolicy: memberOf(PreemptionPolicy, 'PreemptionPolicy'),
        description: litOf(text),
        globalDefault: litOf(fc.boolean()),
      }, 1, 2),
    ).map(([v, o]) => call('Priority.create', Priority.create, [merged({ value: v }, o)])),
    weight: 2,
  },
);

// ---- containers ---------------------------------------------------------------------------------

const envName = edgy(fc.constantFrom('NODE_NAME', 'LOG_LEVEL', 'a.b', 'x-y', '_X'), ['', '1BAD', 'a b', 'ü', '.', '..x', '=']);

const envValue: fc.Arbitrary<Gen<kplus.EnvValue>> = fc.oneof(
  { arbitrary: litOf(text).map(v => call('kplus.EnvValue.fromValue', kplus.EnvValue.fromValue, [v])), weight: 3 },
  {
    arbitrary: memberOf(kplus.EnvFieldPaths, 'kplus.EnvFieldPaths', ['NODE_NAME', 'NODE_IP', 'POD_IP', 'POD_NAME', 'POD_NAMESPACE'])
      .map(f => call('kplus.EnvValue.fromFieldRef', kplus.EnvValue.fromFieldRef, [f])),
    weight: 2,
  },
  {
    arbitrary: fc.tuple(litOf(objectName), litOf(fc.constantFrom('password', 'token', ''))).map(([n, k]) => call('kplus.EnvValue.fromSecretValue', kplus.EnvValue.fromSecretValue, [
      new Gen(`{ secret: kplus.Secret.fromSecretName(chart, ${ID}, ${n.src}), key: ${k.src} }`,
        ctx => ({ secret: kplus.Secret.fromSecretName(ctx.scope, ctx.nextId(), n.build(ctx)), key: k.build(ctx) })),
    ])),
    weight: 1,
  },
  {
    arbitrary: fc.tuple(litOf(objectName), litOf(fc.constantFrom('level', ''))).map(([n, k]) => new Gen<kplus.EnvValue>(
      `kplus.EnvValue.fromConfigMap(kplus.ConfigMap.fromConfigMapName(chart, ${ID}, ${n.src}), ${k.src})`,
      ctx => kplus.EnvValue.fromConfigMap(kplus.ConfigMap.fromConfigMapName(ctx.scope, ctx.nextId(), n.build(ctx)), k.build(ctx)),
    )),
    weight: 1,
  },
);

export const env = dictOf(envName, envValue, 1, 3);

export const containerPort = fc.tuple(litOf(port), options({
  name: litOf(portName),
  protocol,
  hostPort: litOf(port),
  hostIp: litOf(fc.constantFrom('127.0.0.1', '0.0.0.0', '')),
}, 1, 2)).map(([p, rest]) => merged({ containerPort: p }, rest));

export const resources: fc.Arbitrary<Gen<kplus.ContainerResources>> = options({
  cpu: options({ request: cpu, limit: cpu }, 1, 1),
  memory: options({ request: size, limit: size }, 1, 1),
  ephemeralStorage: options({ request: size, limit: size }, 1, 1),
}, 1, 1);

const probeTiming = {
  initialDelaySeconds: duration,
  periodSeconds: duration,
  timeoutSeconds: duration,
  failureThreshold: litOf(fc.constantFrom(1, 3, 0, -1)),
  successThreshold: litOf(fc.constantFrom(1, 2, 0)),
};

export const probe: fc.Arbitrary<Gen<kplus.Probe>> = fc.oneof(
  fc.tuple(litOf(fc.constantFrom('/', '/ready', '/api/v1/health', '', 'no-slash')), options({ port: litOf(port), ...probeTiming }, 1, 4))
    .map(([p, o]) => call('kplus.Probe.fromHttpGet', kplus.Probe.fromHttpGet, [p, o])),
  options({ port: litOf(port), ...probeTiming }, 1, 4).map(o => call('kplus.Probe.fromTcpSocket', kplus.Probe.fromTcpSocket, [o])),
  fc.tuple(litOf(fc.constantFrom(['true'], ['sh', '-c', 'test -f /tmp/ok'], [] as string[])), options(probeTiming, 1, 4))
    .map(([c, o]) => call('kplus.Probe.fromCommand', kplus.Probe.fromCommand, [c, o])),
);

const capability = memberOf(kplus.Capability, 'kplus.Capability', ['NET_ADMIN', 'SYS_ADMIN', 'NET_RAW', 'ALL', 'SYS_PTRACE', 'CHOWN']);
const capabilities = fc.array(capability, { maxLength: 3 }).map(list);

export const security = options({
  privileged: litOf(fc.boolean()),
  allowPrivilegeEscalation: litOf(fc.boolean()),
  readOnlyRootFilesystem: litOf(fc.boolean()),
  runAsUser: litOf(edgy(fc.constantFrom(0, 1000, 65534), [-1, 1.5, 2 ** 31])),
  runAsGroup: litOf(edgy(fc.constantFrom(0, 1000, 65534), [-1, 1.5])),
  runAsNonRoot: litOf(fc.boolean()),
  addCapabilities: capabilities,
  dropCapabilities: capabilities,
  seccompProfile: fc.oneof(
    fc.constantFrom('runtimeDefault', 'unconfined').map(f => call<SeccompProfile>(`SeccompProfile.${f}`, (SeccompProfile as any)[f].bind(SeccompProfile))),
    litOf(edgy(fc.constantFrom('profiles/agent.json', 'agent.json'), ['', '/abs.json', '../x.json'])).map(p => call('SeccompProfile.localhost', SeccompProfile.localhost, [p])),
  ),
}, 1, 2);

/** Lifecycle handlers (postStart, preStop) of every kind cdk8s-plus offers. */
const handler: fc.Arbitrary<Gen<kplus.Handler>> = fc.oneof(
  litOf(fc.constantFrom(['sleep', '5'], ['true'], [] as string[])).map(c => call('kplus.Handler.fromCommand', kplus.Handler.fromCommand, [c])),
  fc.tuple(litOf(fc.constantFrom('/shutdown', '/')), options({ port: litOf(port) }, 1, 1)).map(([p, o]) => call('kplus.Handler.fromHttpGet', kplus.Handler.fromHttpGet, [p, o])),
  options({ port: litOf(port) }, 1, 1).map(o => call('kplus.Handler.fromTcpSocket', kplus.Handler.fromTcpSocket, [o])),
);
const lifecycle = options({ postStart: handler, preStop: handler }, 1, 1);

const appArmorProfile = fc.oneof(
  fc.constantFrom('runtimeDefault', 'unconfined').map(f => call<AppArmorProfile>(`AppArmorProfile.${f}`, (AppArmorProfile as any)[f].bind(AppArmorProfile))),
  litOf(edgy(fc.constantFrom('agent-profile', 'k8s-agent'), ['', 'a b', 'ü'])).map(p => call('AppArmorProfile.localhost', AppArmorProfile.localhost, [p])),
);

/** A pod volume (a new construct each time: two with one name clash in the pod). */
const podVolume: fc.Arbitrary<Gen<kplus.Volume>> = fc.oneof(
  // kplus itself throws for a sizeLimit that is not whole mebibytes (user code, not the library): whole ones only.
  fc.tuple(litOf(dnsLabel), fc.option(fc.constantFrom(0, 16, 1024).map(n => call('Size.mebibytes', (x: number) => Size.mebibytes(x), [lit(n)])), { nil: undefined }))
    .map(([n, s]) => new Gen<kplus.Volume>(
      `kplus.Volume.fromEmptyDir(chart, ${ID}, ${n.src}${s ? `, { sizeLimit: ${s.src} }` : ''})`,
      ctx => kplus.Volume.fromEmptyDir(ctx.scope, ctx.nextId(), n.build(ctx), s ? { sizeLimit: s.build(ctx) } : undefined),
    )),
  litOf(objectName).map(n => new Gen<kplus.Volume>(
    `kplus.Volume.fromConfigMap(chart, ${ID}, kplus.ConfigMap.fromConfigMapName(chart, ${ID}, ${n.src}))`,
    ctx => {
      const id = ctx.nextId();
      return kplus.Volume.fromConfigMap(ctx.scope, id, kplus.ConfigMap.fromConfigMapName(ctx.scope, ctx.nextId(), n.build(ctx)));
    },
  )),
);

const volumeMount = fc.tuple(podVolume, litOf(path), options({ readOnly: litOf(fc.boolean()), subPath: litOf(fc.constantFrom('sub', '', '../x', 'a/b')) }, 1, 2))
  .map(([v, p, o]) => merged({ volume: v, path: p }, o));

const command = fc.array(fc.constantFrom('agent', '--node=$(NODE_NAME)', '-v', '', 'ü', 'a b'), { maxLength: 3 }).map(lit);

/** ContainerOptions (main container, sidecars, init containers). */
export const containerOptionsShape: { [key: string]: fc.Arbitrary<Gen<any>> } = {
  command,
  args: command,
  env,
  ports: listOf(containerPort, 1, 2),
  resources,
  liveness: probe,
  readiness: probe,
  startup: probe,
  security,
  volumeMounts: listOf(volumeMount, 1, 2),
  imagePullPolicy: memberOf(kplus.ImagePullPolicy, 'kplus.ImagePullPolicy'),
  workingDir: litOf(path),
  lifecycle,
  appArmorProfile,
};

/** DaemonContainerProps: name and image first, then the container options. */
const sidecarShape = { ...containerOptionsShape, hostMounts: listOf(hostPathMount, 1, 2) };
export const daemonContainer: fc.Arbitrary<Gen<DaemonContainerProps>> = fc.tuple(litOf(dnsLabel), litOf(image), options(sidecarShape, 1, 6))
  .map(([n, i, o]) => merged<DaemonContainerProps>({ name: n, image: i }, o));

const configFileName = edgy(fc.constantFrom('agent.yaml', 'config.json', 'a_b-c.conf', '.hidden'), ['', '..x', '.', 'a/b', 'ü', 'a b', 'x'.repeat(254)]);

export const daemonConfig = fc.tuple(dictOf(configFileName, litOf(text), 0, 3), litOf(path))
  .map(([files, mountPath]) => obj({ files, mountPath }));

const rbacResource = edgy(fc.constantFrom('pods', 'namespaces', 'nodes', 'nodes/metrics', 'configmaps'), ['', 'Pods', 'ü']);
export const rbacRule = fc.oneof(
  fc.array(litOf(rbacResource), { maxLength: 3 }).map(rs => call('RbacRules.readOnly', RbacRules.readOnly, rs)),
  fc.tuple(
    fc.option(fc.array(fc.constantFrom('', 'apps', 'metrics.k8s.io', 'Bad Group'), { maxLength: 2 }).map(lit), { nil: undefined }),
    fc.array(rbacResource, { maxLength: 2 }).map(lit),
    fc.array(memberOf(ApiVerb, 'ApiVerb'), { maxLength: 3 }).map(list),
  ).map(([apiGroups, resourceList, verbs]) => obj({ apiGroups, resources: resourceList, verbs })),
);

const host = options({
  network: litOf(fc.boolean()),
  pid: litOf(fc.boolean()),
  ipc: litOf(fc.boolean()),
  privileged: litOf(fc.boolean()),
  capabilities,
  mounts: listOf(hostPathMount, 1, 3),
}, 1, 2);

/** One image per architecture, or the same architecture twice. */
const archImages = fc.array(fc.tuple(nodeArch, litOf(image)).map(([arch, img]) => obj({ arch, image: img })), { minLength: 1, maxLength: 3 })
  .map(list);

/** Every NodeDaemonProps key except image/images (chosen by `imageChoice`). */
export const nodeDaemonShape: { [key: string]: fc.Arbitrary<Gen<any>> } = {
  name: litOf(objectName),
  containerName: litOf(dnsLabel),
  version: litOf(labelValue),
  partOf: litOf(labelValue),
  labels,
  podLabels: labels,
  selectorLabels: dictOf(labelKey, litOf(labelValue), 0, 2),
  podAnnotations: annotations,
  placement,
  tolerations: listOf(toleration, 1, 3),
  rollout,
  minReadySeconds: litOf(count),
  revisionHistoryLimit: litOf(count),
  priority,
  exposure,
  host,
  config: daemonConfig,
  rbac: listOf(rbacRule, 0, 2),
  initContainers: listOf(daemonContainer, 1, 2),
  sidecars: listOf(daemonContainer, 1, 2),
  terminationGracePeriod: duration,
  dnsPolicy: memberOf(kplus.DnsPolicy, 'kplus.DnsPolicy'),
  dnsConfig: options({
    nameservers: litOf(fc.array(edgy(fc.constantFrom('10.96.0.10', '1.1.1.1', 'fd00::10'), ['', 'dns.local', '256.0.0.1']), { maxLength: 4 })),
    searches: litOf(fc.array(edgy(fc.constantFrom('svc.cluster.local', 'example.com.'), ['', 'a_b', 'x'.repeat(254)]), { maxLength: 3 })),
    options: litOf(fc.array(fc.record({ name: edgy(fc.constantFrom('ndots', 'timeout'), ['']), value: fc.constantFrom('2', '5') }), { maxLength: 2 })),
  }, 1, 1),
  hostAliases: litOf(fc.array(fc.record({
    ip: edgy(fc.constantFrom('10.0.0.5', '127.0.0.1', '::1'), ['', 'host', '10.0.0.256']),
    hostnames: fc.array(edgy(fc.constantFrom('registry.internal', 'metrics'), ['', 'Bad_Host', 'x'.repeat(254)]), { maxLength: 2 }),
  }), { minLength: 1, maxLength: 2 })),
  imagePullSecrets: litOf(fc.array(objectName, { minLength: 1, maxLength: 2 })),
  podSecurityContext: options({
    runAsUser: litOf(edgy(fc.constantFrom(0, 1000, 65534), [-1, 2 ** 31])),
    runAsGroup: litOf(edgy(fc.constantFrom(0, 1000), [-1])),
    runAsNonRoot: litOf(fc.boolean()),
    fsGroup: litOf(edgy(fc.constantFrom(0, 2000), [-1, 2 ** 31])),
    supplementalGroups: litOf(fc.array(edgy(fc.constantFrom(1000, 2000), [-1, 2 ** 31]), { maxLength: 2 })),
    seccompProfile: fc.constantFrom('runtimeDefault', 'unconfined').map(f => call<SeccompProfile>(`SeccompProfile.${f}`, (SeccompProfile as any)[f].bind(SeccompProfile))),
    sysctls: litOf(fc.array(fc.record({
      name: edgy(fc.constantFrom('net.ipv4.ip_local_port_range', 'kernel.shm_rmid_forced', 'net/ipv4/ping_group_range'), ['', 'Net.IPv4', 'a..b', `${'x'.repeat(254)}`]),
      value: fc.constantFrom('1', '1024 65535'),
    }), { maxLength: 2 })),
    seLinuxOptions: litOf(fc.record({ type: fc.constantFrom('spc_t', 'container_t') })),
  }, 1, 2),
  runtimeClassName: litOf(edgy(fc.constantFrom('gvisor', 'kata.v2'), ['', 'Kata', 'a_b'])),
  automountServiceAccountToken: litOf(fc.boolean()),
  shareProcessNamespace: litOf(fc.boolean()),
  ...containerOptionsShape,
};

/** `image`, `images`, both or neither. */
const imageChoice: fc.Arbitrary<{ [key: string]: Gen<any> | undefined }> = fc.oneof(
  { arbitrary: litOf(image).map(i => ({ image: i })), weight: 40 },
  { arbitrary: archImages.map(i => ({ images: i })), weight: 5 },
  { arbitrary: fc.tuple(litOf(image), archImages).map(([i, is]) => ({ image: i, images: is })), weight: 1 },
  { arbitrary: fc.constant({}), weight: 1 },
);

/** NodeDaemonProps: an image choice plus each other prop present with probability present/(present+absent). */
export function nodeDaemonProps(present = 1, absent = 4): fc.Arbitrary<Gen<NodeDaemonProps>> {
  return fc.tuple(imageChoice, options(nodeDaemonShape, present, absent)).map(([img, rest]) => merged<NodeDaemonProps>(img, rest));
}

/** A NodeDaemon that passes the security and best-practice rules, with a few random props on top. */
export function hardenedNodeDaemonProps(absent = 8): fc.Arbitrary<Gen<NodeDaemonProps>> {
  const base = {
    image: lit('example.com/agent:1.4.2'),
    resources: obj({
      cpu: obj({ request: call('kplus.Cpu.millis', kplus.Cpu.millis, [lit(50)]) }),
      memory: obj({ request: call('Size.mebibytes', Size.mebibytes, [lit(64)]), limit: call('Size.mebibytes', Size.mebibytes, [lit(128)]) }),
    }),
    security: obj({
      runAsNonRoot: lit(true),
      runAsUser: lit(65534),
      readOnlyRootFilesystem: lit(true),
      allowPrivilegeEscalation: lit(false),
      dropCapabilities: list([member(kplus.Capability, 'kplus.Capability', 'ALL')]),
    }),
    readiness: call('kplus.Probe.fromHttpGet', kplus.Probe.fromHttpGet, [lit('/ready'), obj({ port: lit(8080) })]),
    priority: call('Priority.systemNodeCritical', Priority.systemNodeCritical),
  };
  return options(nodeDaemonShape, 1, absent).map(rest => merged<NodeDaemonProps>(base, rest));
}

/** Agent `overrides`: any NodeDaemon prop, rarely. */
const overrides = fc.tuple(fc.option(litOf(image), { nil: undefined, freq: 4 }), options(nodeDaemonShape, 1, 12))
  .map(([img, rest]) => merged<NodeDaemonProps>({ image: img }, rest));

// ---- agents -------------------------------------------------------------------------------------

export const serviceMonitor = options({ interval: duration, scrapeTimeout: duration, labels }, 1, 2);

/** Placement for agents: mostly without an OS label, sometimes Windows (refused). */
const agentPlacement = placement;

const host2 = litOf(edgy(fc.constantFrom('elasticsearch-master.logging.svc', 'loki-gateway.logging.svc', '10.0.0.1', 'aggregator'), ['', ' ', 'a\nb', 'ü.example', '#comment']));

const outputCommon = {
  match: litOf(edgy(fc.constantFrom('*', 'kube.*', 'host.*'), ['', 'a\nb'])),
  retryLimit: litOf(fc.constantFrom(0, 5, -1, 1.5)),
  bufferLimit: size,
  tls: litOf(fc.boolean()),
  tlsVerify: litOf(fc.boolean()),
  properties: dictOf(edgy(fc.constantFrom('Workers', 'net.keepalive', 'Compress'), ['', 'bad key', 'a\nb', 'ü']), litOf(edgy(fc.constantFrom('2', 'On', 'gzip'), ['', ' ', 'a\nb'])), 1, 2),
};
const secretEnv = fc.tuple(litOf(objectName)).map(([n]) => call('kplus.EnvValue.fromSecretValue', kplus.EnvValue.fromSecretValue, [
  new Gen(`{ secret: kplus.Secret.fromSecretName(chart, ${ID}, ${n.src}), key: 'password' }`,
    ctx => ({ secret: kplus.Secret.fromSecretName(ctx.scope, ctx.nextId(), n.build(ctx)), key: 'password' })),
]));
const auth = { user: litOf(edgy(fc.constantFrom('fluent-bit', 'admin'), ['', 'a\nb', 'ü'])), password: secretEnv };

function withHost(shape: { [key: string]: fc.Arbitrary<Gen<any>> }): fc.Arbitrary<Gen<any>> {
  return fc.tuple(host2, options(shape, 1, 4)).map(([h, o]) => merged({ host: h }, o));
}

export const logOutput: fc.Arbitrary<Gen<LogOutput>> = fc.oneof(
  withHost({ port: litOf(port), index: litOf(fc.constantFrom('logs', '', 'a\nb')), logstashPrefix: litOf(fc.constantFrom('k8s', '')), ...auth, ...outputCommon })
    .chain(o => fc.constantFrom('elasticsearch', 'opensearch').map(f => call<LogOutput>(`LogOutput.${f}`, (LogOutput as any)[f].bind(LogOutput), [o]))),
  withHost({
    port: litOf(port),
    labels: dictOf(fc.constantFrom('job', 'cluster', 'bad key', ''), litOf(fc.constantFrom('fluent-bit', 'prod', '')), 0, 2),
    labelKeys: fc.array(fc.constantFrom("$kubernetes['namespace_name']", '', '$a'), { maxLength: 2 }).map(lit),
    autoKubernetesLabels: litOf(fc.boolean()),
    tenantId: litOf(fc.constantFrom('team-a', '', 'ü')),
    ...auth,
    ...outputCommon,
  }).map(o => call('LogOutput.loki', LogOutput.loki, [o])),
  withHost({ port: litOf(port), sharedKey: secretEnv, ...outputCommon }).map(o => call('LogOutput.forward', LogOutput.forward, [o])),
  withHost({
    port: litOf(port),
    uri: litOf(fc.constantFrom('/', '/ingest', '', 'a\nb')),
    format: memberOf(HttpOutputFormat, 'HttpOutputFormat'),
    headers: dictOf(fc.constantFrom('X-Token', 'Content-Type', ''), litOf(fc.constantFrom('abc', '', 'a\nb')), 1, 2),
    ...auth,
    ...outputCommon,
  }).map(o => call('LogOutput.http', LogOutput.http, [o])),
  fc.option(options({ match: outputCommon.match }, 1, 1), { nil: undefined }).map(o => call('LogOutput.stdout', LogOutput.stdout, [o])),
);

/** `output`, `outputs` (possibly empty), both or neither. */
const outputChoice: fc.Arbitrary<{ [key: string]: Gen<any> | undefined }> = fc.oneof(
  { arbitrary: logOutput.map(o => ({ output: o })), weight: 20 },
  { arbitrary: listOf(logOutput, 1, 3).map(o => ({ outputs: o })), weight: 10 },
  { arbitrary: fc.constant({ outputs: list([]) }), weight: 1 },
  { arbitrary: fc.tuple(logOutput, listOf(logOutput, 1, 1)).map(([o, os]) => ({ output: o, outputs: os })), weight: 1 },
  { arbitrary: fc.constant({}), weight: 1 },
);

export const logCollectorShape: { [key: string]: fc.Arbitrary<Gen<any>> } = {
  image: litOf(image),
  stateHostPath: litOf(edgy(fc.constantFrom('/var/lib/fluent-bit', '/var/lib/logs', '/mnt/state'), ['', '/', 'relative', '/a/../b', '/var/日本', '/var/log'])),
  dockerRuntime: litOf(fc.boolean()),
  systemd: options({
    units: fc.array(fc.constantFrom('kubelet.service', 'containerd.service', '', 'a\nb'), { maxLength: 2 }).map(lit),
    path: litOf(edgy(fc.constantFrom('/var/log/journal', '/run/log/journal'), ['', '/', 'relative', '/var/log'])),
  }, 1, 2),
  kubernetesMetadata: litOf(fc.boolean()),
  forwardInput: options({ port: litOf(port) }, 1, 1),
  metricsPort: litOf(port),
  logLevel: memberOf(FluentBitLogLevel, 'FluentBitLogLevel'),
  flushInterval: duration,
  filters: listOf(fc.tuple(litOf(edgy(fc.constantFrom('grep', 'modify', 'lua'), ['', 'a b'])), options({
    match: litOf(fc.constantFrom('kube.*', '', '*')),
    properties: dictOf(fc.constantFrom('Exclude', 'Add', 'bad key'), litOf(fc.constantFrom('log ^$', 'k v', '')), 1, 2),
  }, 1, 2)).map(([n, o]) => merged({ name: n }, o)), 1, 2),
  customParsers: litOf(text),
  serviceMonitor,
  placement: agentPlacement,
  excludeVirtualNodes: litOf(fc.boolean()),
  tolerations: listOf(toleration, 0, 2),
  priority,
  resources,
  rollout,
  name: litOf(objectName),
  overrides,
};

export function logCollectorProps(present = 1, absent = 4): fc.Arbitrary<Gen<LogCollectorProps>> {
  return fc.tuple(outputChoice, options(logCollectorShape, present, absent)).map(([out, rest]) => merged<LogCollectorProps>(out, rest));
}

const collector = memberOf(NodeExporterCollector, 'NodeExporterCollector', ['PROCESSES', 'SYSTEMD', 'CPU', 'FILESYSTEM', 'ENTROPY', 'BONDING'] as any);

export const metricsExporterShape: { [key: string]: fc.Arbitrary<Gen<any>> } = {
  image: litOf(image),
  port: litOf(port),
  hostNetwork: litOf(fc.boolean()),
  enableCollectors: fc.array(collector, { maxLength: 2 }).map(list),
  disableCollectors: fc.array(collector, { maxLength: 2 }).map(list),
  disableDefaultCollectors: litOf(fc.boolean()),
  excludePodDevices: litOf(fc.boolean()),
  extraArgs: command,
  scrapeAnnotations: litOf(fc.boolean()),
  serviceMonitor,
  placement: agentPlacement,
  excludeVirtualNodes: litOf(fc.boolean()),
  tolerations: listOf(toleration, 0, 2),
  priority,
  resources,
  rollout,
  name: litOf(objectName),
  overrides,
};

export function metricsExporterProps(present = 1, absent = 4): fc.Arbitrary<Gen<MetricsExporterProps>> {
  return options<MetricsExporterProps>(metricsExporterShape, present, absent);
}

export const rngFeeder: fc.Arbitrary<Gen<RngFeeder>> = fc.oneof(
  options({
    rngDevice: litOf(edgy(fc.constantFrom('/dev/hwrng', '/dev/hw_random'), ['', '/dev/', '/dev/random', 'hwrng', '/dev/../etc/passwd'])),
    fillWatermark: litOf(edgy(fc.constantFrom(0, 2048, 4096), [-1, 4097, 1.5, NaN])),
  }, 1, 2).map(o => call('RngFeeder.rngd', RngFeeder.rngd, [o])),
  fc.tuple(
    litOf(edgy(fc.constantFrom('java -cp / RandomRunner /host_dev/random 100000', 'cat /dev/hwrng > /host_dev/random'), ['', ' '])),
    options({
      interval: duration,
      devMountPath: litOf(edgy(fc.constantFrom('/host_dev', '/hostdev'), ['', '/', '/tmp', 'relative'])),
      runAsUser: litOf(edgy(fc.constantFrom(0, 1001, 65534), [-1, 1.5, 2147483648])),
    }, 1, 2),
  ).map(([c, o]) => call('RngFeeder.refreshLoop', RngFeeder.refreshLoop, [merged({ command: c }, o)])),
);

export const hardwareRngShape: { [key: string]: fc.Arbitrary<Gen<any>> } = {
  feeder: rngFeeder,
  deviceAccess: fc.oneof(
    fc.constant(call('RngDeviceAccess.privileged', RngDeviceAccess.privileged)),
    litOf(edgy(fc.constantFrom('smarter-devices/hwrng', 'squat.ai/hwrng'), ['', 'hwrng', 'a/b/c', '-x/y'])).map(r =>
      call('RngDeviceAccess.devicePlugin', RngDeviceAccess.devicePlugin, [obj({ resource: r })])),
  ),
  tolerateControlPlane: litOf(fc.boolean()),
  tolerations: listOf(toleration, 0, 2),
  priority,
  resources,
  rollout,
  name: litOf(objectName),
  overrides,
};

export function hardwareRngRefresherProps(present = 1, absent = 3): fc.Arbitrary<Gen<HardwareRngRefresherProps>> {
  return fc.tuple(
    litOf(edgy(fc.constantFrom('registry.example.com/rng-tools:5-4.1', 'k8spatterns/random-generator:1.0'), ['', 'rngd', 'rngd:latest'], 1, 12)),
    // nodeSelector is required and every config has one: fewer edges here, or most configs fail on it.
    fc.oneof(
      { arbitrary: dictOf(fc.constantFrom('feature', 'example.com/hw-rng', 'feature.node.kubernetes.io/cpu-cpuid.RDRAND'), litOf(fc.constantFrom('true', 'hw-rng')), 1, 2), weight: 10 },
      { arbitrary: dictOf(labelKey, litOf(labelValue), 1, 2), weight: 3 },
      { arbitrary: fc.constant(obj({})), weight: 1 },
    ),
    options(hardwareRngShape, present, absent),
  ).map(([i, sel, rest]) => merged<HardwareRngRefresherProps>({ image: i, nodeSelector: sel }, rest));
}
