import { ApiObject, Chart, Yaml } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { NodeDaemon } from './node-daemon';
import { NodeArch } from './placement';
import { checkApiServerRules } from '../validation/api-rules';
import { hostPortsOf, nodeSetsCanOverlap } from '../validation/cross-object-rules';
import { Suppression, Validations } from '../validation/validations';

/** Options of `StaticPod.fromDaemon()`. */
export interface StaticPodOptions {
  /**
   * Which architecture's image, for a daemon with `images`.
   * @default - the first architecture
   */
  readonly arch?: NodeArch;
  /**
   * The Pod name (the kubelet appends `-<node name>` to the mirror Pod).
   * @default - the DaemonSet's name
   */
  readonly name?: string;
  /**
   * The namespace of the mirror Pod.
   * @default - the daemon's chart namespace, else 'kube-system' (where the kubelet's own static pods live)
   */
  readonly namespace?: string;
  /**
   * A node directory that holds the daemon's `config` files. The kubelet refuses static pods that mount a
   * ConfigMap, so the config volume becomes a hostPath here and `configFiles` lists what to write there.
   * @default - none: a daemon with `config` is refused
   */
  readonly configHostPath?: string;
  /**
   * The Pod's DNS policy.
   * @default - the daemon's, except that ClusterFirstWithHostNet becomes Default: cluster DNS is not up before the API server
   */
  readonly dnsPolicy?: kplus.DnsPolicy;
  /**
   * Node labels merged into the Pod's nodeSelector (yours win), checked by the kubelet against its own
   * node: with `keepDaemonSet`, what keeps the static Pod and the DaemonSet on different nodes.
   * @default - the daemon's nodeSelector
   */
  readonly nodeSelector?: { [key: string]: string };
  /**
   * Keep the daemon's DaemonSets in the app next to the static Pod, for placements that never share a
   * node (e.g. the DaemonSet on workers, the static Pod on control-plane nodes). A host port both bind on
   * nodes that can overlap then fails synth.
   * @default false - the static Pod takes the daemon's place: its DaemonSets leave the app, since on every node the DaemonSet pod would stay Pending next to the mirror pod (host ports taken) or run twice
   */
  readonly keepDaemonSet?: boolean;
}

/** The static Pods exported from the daemons of each app, checked against its DaemonSets at synth. */
const EXPORTED = new WeakMap<IConstruct, StaticPod[]>();

/** Volume sources that reference API objects; the kubelet refuses them in static pods. */
const API_VOLUME_SOURCES = ['configMap', 'secret', 'projected', 'persistentVolumeClaim', 'ephemeral', 'csi'];

/**
 * A `NodeDaemon` written out as a static Pod manifest for the kubelet's manifest directory
 * (`staticPodPath`, usually /etc/kubernetes/manifests), for clusters that need the daemon before the
 * API server is up. The Pod is the daemon's pod template: same containers, host access, placement
 * (the kubelet still checks nodeSelector and affinity against its own node), tolerations and priority.
 *
 * Static pods cannot reference API objects (ServiceAccount, ConfigMap, Secret): a daemon with `rbac`,
 * Secret or ConfigMap environment, or API-object volumes is refused with the prop to change; `config` is
 * moved to a node directory with `configHostPath`.
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/static-pod/
 */
export class StaticPod {
  /**
   * The static Pod of `daemon`. Throws, naming the prop, when the daemon references API objects. Unless
   * `keepDaemonSet` is set, the daemon's DaemonSets are taken out of its app, so the two never both land
   * in what is applied; the daemon's Service stays and selects the mirror pods.
   */
  public static fromDaemon(daemon: NodeDaemon, options: StaticPodOptions = {}): StaticPod {
    return new StaticPod(daemon, options);
  }

  /** The Pod name. */
  public readonly name: string;
  /** The Pod namespace. */
  public readonly namespace: string;
  /** Files to write on the node next to the manifest: absolute path to content (the daemon's `config`). */
  public readonly configFiles: { [path: string]: string };
  /** The construct path of the daemon the Pod was exported from. */
  public readonly source: string;
  private readonly daemonApp: IConstruct;
  private readonly props: kplus.k8s.KubePodProps;
  private readonly suppressions: Suppression[];

  private constructor(daemon: NodeDaemon, options: StaticPodOptions) {
    const where = `[${daemon.node.path}]`;
    if (daemon.serviceAccount) {
      throw new Error(`${where} 'rbac' is set: a static Pod cannot use a ServiceAccount (the kubelet refuses it). Valid: a daemon without 'rbac' (for LogCollector, 'kubernetesMetadata: false')`);
    }
    this.suppressions = Validations.suppressionsOf(daemon);
    const template = daemon._podTemplate(options.arch);
    const spec = { ...template.spec! };
    this.configFiles = {};
    if (daemon.configMap) {
      spec.volumes = this.moveConfig(where, daemon.configMap, spec.volumes ?? [], options.configHostPath);
    }
    checkReferences(where, spec);
    const dnsPolicy = options.dnsPolicy ?? (spec.dnsPolicy === 'ClusterFirstWithHostNet' ? 'Default' : spec.dnsPolicy);
    this.name = options.name ?? daemon.daemonSets[0].name;
    this.namespace = options.namespace ?? Chart.of(daemon).namespace ?? 'kube-system';
    this.props = {
      metadata: { name: this.name, namespace: this.namespace, labels: template.metadata?.labels, annotations: template.metadata?.annotations },
      spec: { ...spec, dnsPolicy, nodeSelector: options.nodeSelector ? { ...spec.nodeSelector, ...options.nodeSelector } : spec.nodeSelector },
    };
    const problems = checkApiServerRules(this.toObject());
    if (problems.length) {
      throw new Error(`${where} the static Pod breaks API-server rules: ${problems.map(p => `${p.path} ${JSON.stringify(p.value)}: ${p.problem} (${p.ruleId})`).join('; ')}`);
    }
    this.source = daemon.node.path;
    this.daemonApp = daemon.node.root;
    if (!options.keepDaemonSet) {
      for (const ds of daemon.daemonSets) ds.node.scope?.node.tryRemoveChild(ds.node.id);
      if (daemon.service) {
        Validations.suppress(daemon.service, 'XO005', `selects the mirror pods of the static Pod exported from ${daemon.node.path}; its DaemonSets left the app`);
      }
    }
    register(this.daemonApp, this);
  }

  /** The manifest as YAML, ready for the kubelet's manifest directory. */
  public toYaml(): string {
    return Yaml.stringify(this.toObject());
  }

  /**
   * Adds the Pod to a chart (for example one synthesized into a `static-pods/` directory). The daemon's
   * suppressions, with their reasons, come along: the Pod is the same workload.
   */
  public addTo(scope: Construct, id: string): kplus.k8s.KubePod {
    if (scope.node.root === this.daemonApp) {
      throw new Error(`[${scope.node.path}] addTo(): the static Pod of ${this.source} would be applied with the daemon's app, as an ordinary Pod that the scheduler places (and that runs next to any DaemonSet of the daemon). Valid: a chart in an App of its own whose output goes to the nodes' manifest directory, e.g. new App({ outdir: 'static-pods' }), or toYaml()`);
    }
    const pod = new kplus.k8s.KubePod(scope, id, this.props);
    for (const s of this.suppressions) Validations.suppress(pod, s.ruleId, s.reason);
    return pod;
  }

  /**
   * The host ports this Pod binds that a DaemonSet binds too on nodes that can overlap, each as
   * `port (DaemonSet name)`: there the DaemonSet pod never starts, the mirror pod holds the port.
   * @internal
   */
  public _hostPortClashes(daemonSets: any[]): string[] {
    const pod = this.toObject();
    const mine = hostPortsOf(pod);
    return daemonSets.filter(ds => nodeSetsCanOverlap(pod, ds)).flatMap(ds =>
      hostPortsOf(ds).filter(p => mine.includes(p)).map(p => `${p} (DaemonSet ${ds.metadata?.namespace ?? ''}/${ds.metadata?.name})`));
  }

  private toObject(): object {
    return kplus.k8s.KubePod.manifest(this.props);
  }

  private moveConfig(
    where: string, configMap: kplus.k8s.KubeConfigMap, volumes: kplus.k8s.Volume[], hostPath: string | undefined,
  ): kplus.k8s.Volume[] {
    if (hostPath === undefined) {
      throw new Error(`${where} 'config' is set: a static Pod cannot mount a ConfigMap (the kubelet refuses it). Valid: StaticPod.fromDaemon(daemon, { configHostPath: '/etc/<daemon>' }) and write 'configFiles' to the node, or a daemon without 'config'`);
    }
    if (!hostPath.startsWith('/') || hostPath.split('/').includes('..')) {
      throw new Error(`${where} 'configHostPath' ${JSON.stringify(hostPath)}: not an absolute node path. Valid: e.g. '/etc/fluent-bit'`);
    }
    const files: { [name: string]: string } = configMap.toJson().data ?? {};
    for (const [file, content] of Object.entries(files)) this.configFiles[`${hostPath.replace(/\/+$/, '')}/${file}`] = content;
    return volumes.map(v => v.configMap?.name === configMap.name
      ? { name: v.name, hostPath: { path: hostPath, type: 'Directory' } }
      : v);
  }
}

/**
 * Records an exported static Pod on its daemon's app; the first one adds the app-wide check that no
 * DaemonSet left in the app binds one of the Pod's host ports on nodes it can share with it.
 */
function register(app: IConstruct, pod: StaticPod): void {
  const pods = EXPORTED.get(app);
  if (pods) {
    pods.push(pod);
    return;
  }
  EXPORTED.set(app, [pod]);
  app.node.addValidation({
    validate: () => {
      const daemonSets = app.node.findAll()
        .filter((c): c is ApiObject => ApiObject.isApiObject(c) && c.kind === 'DaemonSet')
        .map(c => c.toJson());
      return (EXPORTED.get(app) ?? []).flatMap(p => p._hostPortClashes(daemonSets).map(clash =>
        `[${p.source}] static Pod ${p.namespace}/${p.name}: host port ${clash} is bound on the same nodes: the DaemonSet pod stays Pending where the mirror pod runs. Valid: a different host port, node selectors that keep the two apart, or no 'keepDaemonSet' for the daemon's own DaemonSet`));
    },
  });
}

/** Throws when the pod spec still references API objects (Secrets, ConfigMaps, claims). */
function checkReferences(where: string, spec: kplus.k8s.PodSpec): void {
  for (const volume of spec.volumes ?? []) {
    const source = API_VOLUME_SOURCES.find(s => (volume as any)[s] !== undefined);
    if (source) {
      throw new Error(`${where} 'volumeMounts' volume ${JSON.stringify(volume.name)} is a ${source} volume: a static Pod cannot reference API objects. Valid: hostPath or emptyDir volumes`);
    }
  }
  const containers = [...spec.containers, ...spec.initContainers ?? []];
  for (const container of containers) {
    for (const env of container.env ?? []) {
      const ref = env.valueFrom?.secretKeyRef ? 'Secret' : env.valueFrom?.configMapKeyRef ? 'ConfigMap' : undefined;
      if (ref) {
        throw new Error(`${where} 'env' ${JSON.stringify(env.name)} of container ${JSON.stringify(container.name)} reads a ${ref}: a static Pod cannot reference API objects. Valid: a literal value or a field reference (EnvValue.fromFieldRef)`);
      }
    }
  }
}
