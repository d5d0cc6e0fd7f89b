/**
 * Seed-examples acceptance test: the two classic DaemonSets in /work/shared/reference/seed-examples.md
 * (fixtures copied verbatim into ./fixtures) must be writable with `NodeDaemon` and synthesize to an
 * equivalent manifest. The library may only ADD its own `app.kubernetes.io/*` labels and the fields listed
 * in `ADDED_FIELDS` below; everything else must be deep-equal to the fixture.
 */
import * as path from 'path';
import { Chart, Duration, Size, Testing, Yaml } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { HostPathMount, NodeDaemon, NodePlacement, Toleration, Validations } from '../../src';

/** A loosely typed Kubernetes manifest. */
type Manifest = { [key: string]: any };
type Labels = { [key: string]: string };

/** The prefix of the labels the library may add to the seed's labels. */
const LIBRARY_LABEL_PREFIX = 'app.kubernetes.io/';

/**
 * Fields the library renders that the seeds leave out. Each one is checked to be present in the synthesized
 * DaemonSet with the value given here and absent from the seed, then removed before the deep comparison.
 */
const ADDED_FIELDS: { field: string; value: unknown; why: string }[] = [
  {
    // The seeds rely on the API default (RollingUpdate, maxUnavailable 1). The library always renders its
    // own rollout (10%, which rounds up to at least one node) so the strategy is explicit; it only changes
    // how many nodes update at once, not what runs where.
    field: 'spec.updateStrategy',
    value: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } },
    why: 'explicit rollout strategy instead of the API default',
  },
  {
    // Neither seed uses the Kubernetes API, so neither needs the default ServiceAccount's token; the library
    // turns the mount off unless `rbac` is set. It removes a credential from the pod and changes nothing else.
    field: 'spec.template.spec.automountServiceAccountToken',
    value: false,
    why: 'no API token mounted without rbac',
  },
  {
    // The runtime's default seccomp profile blocks only syscalls containers never need (module loading,
    // reboot, clock changes); both seeds' programs (fluentd, a Java loop) run under it unchanged.
    field: 'spec.template.spec.securityContext',
    value: { seccompProfile: { type: 'RuntimeDefault' } },
    why: 'runtime default seccomp profile',
  },
  {
    // no_new_privs only stops setuid binaries from gaining privileges; neither seed's container uses one.
    field: 'spec.template.spec.containers.0.securityContext',
    value: { allowPrivilegeEscalation: false },
    why: 'no privilege escalation in the unprivileged container',
  },
];

/** Parses a fixture with the `yaml` package (through cdk8s `Yaml.load`, see below). */
function loadSeed(file: string): Manifest {
  // `import { parse } from 'yaml'` does not resolve from this package: `yaml` is only installed nested under
  // node_modules/cdk8s. cdk8s's own `Yaml.load` parses with that same `yaml` package (YAML 1.1 schema).
  const docs = Yaml.load(path.join(__dirname, 'fixtures', file));
  expect(docs).toHaveLength(1);
  return docs[0];
}

function get(obj: Manifest, field: string): any {
  return field.split('.').reduce<any>((o, k) => (o === undefined ? undefined : o[k]), obj);
}

function remove(obj: Manifest, field: string): void {
  const keys = field.split('.');
  const parent = get(obj, keys.slice(0, -1).join('.'));
  if (parent) delete parent[keys[keys.length - 1]];
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}

/** The labels in `actual` that `seed` lacks, or holds with a different value. */
function extraLabels(seed: Labels | undefined, actual: Labels | undefined): string[] {
  return Object.keys(actual ?? {}).filter(k => (seed ?? {})[k] !== (actual ?? {})[k]);
}

interface Seed {
  readonly file: string;
  readonly namespace?: string;
  /** Writes the seed with NodeDaemon into the chart. */
  readonly build: (chart: Chart) => void;
}

const SEEDS: Seed[] = [
  {
    file: 'fluentd-elasticsearch.yaml',
    namespace: 'kube-system',
    build: chart => {
      new NodeDaemon(chart, 'fluentd', {
        name: 'fluentd-elasticsearch',
        containerName: 'fluentd-elasticsearch',
        image: 'quay.io/fluentd_elasticsearch/fluentd:v2.5.2',
        selectorLabels: { name: 'fluentd-elasticsearch' },
        placement: NodePlacement.anyNode(),
        tolerations: [Toleration.exists('node-role.kubernetes.io/control-plane', kplus.TaintEffect.NO_SCHEDULE)],
        resources: {
          cpu: { request: kplus.Cpu.millis(100) },
          memory: { request: Size.mebibytes(200), limit: Size.mebibytes(200) },
        },
        host: {
          mounts: [
            HostPathMount.readWrite('/var/log', '/var/log', { volumeName: 'varlog' }),
            HostPathMount.readOnly('/var/lib/docker/containers', '/var/lib/docker/containers', { volumeName: 'varlibdockercontainers' }),
          ],
        },
        terminationGracePeriod: Duration.seconds(30),
        // The seed labels the DaemonSet object only, not its pods: `labels` is for objects, `podLabels` for pods.
        labels: { 'k8s-app': 'fluentd-logging' },
      });
    },
  },
  {
    file: 'random-refresher.yaml',
    build: chart => {
      new NodeDaemon(chart, 'random-refresher', {
        name: 'random-refresher',
        containerName: 'random-generator',
        image: 'k8spatterns/random-generator:1.0',
        selectorLabels: { app: 'random-refresher' },
        placement: NodePlacement.labeled({ feature: 'hw-rng' }),
        command: ['sh', '-c', 'while true; do java -cp / RandomRunner /host_dev/random 100000; sleep 30; done'],
        host: { mounts: [HostPathMount.readWrite('/dev', '/host_dev', { volumeName: 'devices' })] },
      });
    },
  },
];

function synthSeed(seed: Seed): Manifest[] {
  const app = Testing.app();
  const chart = seed.namespace ? new Chart(app, 'seed', { namespace: seed.namespace }) : new Chart(app, 'seed');
  // The seeds are textbook examples, not hardened agents (root, writable /var/log, no probes): this test
  // is about expressing them exactly, so the security and best-practice rules are off for their chart.
  Validations.configure(chart, { bestPractices: false });
  seed.build(chart);
  return Testing.synth(chart);
}

/** The template spec fields the acceptance criteria name. */
const POD_FIELDS = ['nodeSelector', 'affinity', 'tolerations', 'containers', 'volumes', 'terminationGracePeriodSeconds'];
/** The container fields the acceptance criteria name. */
const CONTAINER_FIELDS = ['name', 'image', 'command', 'resources', 'volumeMounts'];

describe.each(SEEDS)('seed $file', seed => {
  const expected = loadSeed(seed.file);
  const objects = synthSeed(seed);
  const actual = objects.find(o => o.kind === 'DaemonSet') as Manifest;
  const expectedPod = expected.spec.template.spec;
  const actualPod = () => actual.spec.template.spec;

  test('synthesizes exactly one DaemonSet and nothing else', () => {
    expect(objects.map(o => `${o.apiVersion}/${o.kind}`)).toEqual([`${expected.apiVersion}/${expected.kind}`]);
  });

  test('same name and namespace', () => {
    expect(actual.metadata.name).toBe(expected.metadata.name);
    expect(actual.metadata.namespace).toBe(expected.metadata.namespace);
  });

  test('same selector', () => {
    expect(actual.spec.selector).toEqual(expected.spec.selector);
  });

  test('DaemonSet labels: the seed\'s, plus only app.kubernetes.io/* and the selector labels', () => {
    const labels: Labels = actual.metadata.labels ?? {};
    for (const [key, value] of Object.entries<string>(expected.metadata.labels ?? {})) {
      expect([key, labels[key]]).toEqual([key, value]);
    }
    // RENDERED DIFFERENCE (allowed here, reported): the library copies the selector labels onto every object
    // it owns, so the DaemonSet itself also carries e.g. `name: fluentd-elasticsearch`, which the seed does not.
    const selector: Labels = expected.spec.selector.matchLabels;
    const others = extraLabels(expected.metadata.labels, labels)
      .filter(k => !k.startsWith(LIBRARY_LABEL_PREFIX) && selector[k] !== labels[k]);
    expect(others).toEqual([]);
  });

  test('template labels: the seed\'s, plus only app.kubernetes.io/* labels', () => {
    const labels: Labels = actual.spec.template.metadata.labels;
    for (const [key, value] of Object.entries<string>(expected.spec.template.metadata.labels)) {
      expect([key, labels[key]]).toEqual([key, value]);
    }
    expect(extraLabels(expected.spec.template.metadata.labels, labels).filter(k => !k.startsWith(LIBRARY_LABEL_PREFIX))).toEqual([]);
  });

  test.each(POD_FIELDS)('template spec field %s is deep-equal (without the added fields)', field => {
    const normalized = clone(actual);
    for (const added of ADDED_FIELDS) remove(normalized, added.field);
    expect(normalized.spec.template.spec[field]).toEqual(expectedPod[field]);
  });

  test.each(CONTAINER_FIELDS)('container field %s is deep-equal', field => {
    expect(actualPod().containers.map((c: Manifest) => c[field])).toEqual(expectedPod.containers.map((c: Manifest) => c[field]));
  });

  test('volumes keep their names, hostPath paths and types', () => {
    const shape = (v: Manifest) => [v.name, v.hostPath?.path, v.hostPath?.type];
    expect(actualPod().volumes.map(shape)).toEqual(expectedPod.volumes.map(shape));
  });

  test.each(ADDED_FIELDS)('added field $field ($why): absent from the seed, rendered as expected', added => {
    expect(get(expected, added.field)).toBeUndefined();
    expect(get(actual, added.field)).toEqual(added.value);
  });

  test('nothing else differs: whole manifest deep-equal after removing the added labels and fields', () => {
    const normalized = clone(actual);
    for (const added of ADDED_FIELDS) remove(normalized, added.field);
    // DaemonSet labels: the seed's labels must all be there (checked above); any others are dropped here.
    for (const key of extraLabels(expected.metadata.labels, normalized.metadata.labels)) delete normalized.metadata.labels[key];
    if (expected.metadata.labels === undefined && Object.keys(normalized.metadata.labels ?? {}).length === 0) delete normalized.metadata.labels;
    // Template labels: only app.kubernetes.io/* may be added (checked above).
    for (const key of extraLabels(expected.spec.template.metadata.labels, normalized.spec.template.metadata.labels)) {
      if (key.startsWith(LIBRARY_LABEL_PREFIX)) delete normalized.spec.template.metadata.labels[key];
    }
    expect(normalized).toEqual(expected);
  });
});
