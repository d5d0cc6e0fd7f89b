import { ApiObject, Chart, JsonPatch, Lazy, Names } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AppArmorProfile } from './app-armor';
import { configChecksum } from './checksum';
import { contradictionProblems } from './contradictions';
import { Exposure, ExposureKind } from './exposure';
import { DaemonLabels, daemonLabels, LABEL_ARCH, LABEL_NAME, LABEL_PART_OF, LABEL_VERSION, versionFromImage } from './labels';
import { NodeDaemonProps } from './node-daemon-props';
import { NodeArch, NodePlacement } from './placement';
import { renderForLevel } from './pod-security-rendering';
import { Priority } from './priority';
import { timingProblems, versionProblems } from './prop-checks';
import { PropOrigins } from './prop-origins';
import { appArmorAnnotation, renderPodSpec } from './render-pod';
import { renderService } from './render-service';
import { Rollout } from './rollout';
import { requiredLevel } from '../validation/app-pod-security';
import { enableValidation, markSelfChecked, resultOf, ruleLabel, shownValue } from '../validation/app-validation';
import { EXISTING_PRIORITY_CLASS_ANNOTATION } from '../validation/cross-object-rules';
import { labelValue } from '../validation/names';
import { SYSTEM_PRIORITY_CLASSES } from '../validation/priority-class-rules';
import { SUPPRESSIBLE_RULE_ID } from '../validation/severity';
import { Validations } from '../validation/validations';

/** Options of `NodeDaemon.connect()`. */
export interface ConnectOptions {
  /**
   * Prefix of the environment variables given to the client (`<PREFIX>_HOST`, `<PREFIX>_PORT`, `<PREFIX>_ADDR`).
   * @default - the daemon's container name, upper-case with underscores
   */
  readonly envPrefix?: string;
  /**
   * Which exposed port to hand out, by its name.
   * @default - the exposure's first port
   */
  readonly portName?: string;
}

/** A construct id as a DNS-1123 label (`TraceAgent` gives `traceagent`, `trace_agent` gives `trace-agent`). */
function dnsLabelFromId(id: string): string {
  const label = id.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63).replace(/-+$/, '');
  return label || 'main';
}

/**
 * A per-node agent: one DaemonSet (one per architecture with `images`) and, where asked, a node-local or
 * headless Service, a PriorityClass, a ServiceAccount with a ClusterRole, and a ConfigMap whose checksum
 * rolls the pods. API-server rules are checked at synth; errors name the prop and the bad value.
 * @example
 * new NodeDaemon(chart, 'trace-agent', {
 *   image: 'example.com/trace-agent:1.4.2',
 *   exposure: Exposure.localService({ port: 8126 }),
 *   priority: Priority.systemNodeCritical(),
 *   resources: { cpu: { request: kplus.Cpu.millis(50) }, memory: { request: Size.mebibytes(64), limit: Size.mebibytes(128) } },
 *   readiness: kplus.Probe.fromHttpGet('/health'),
 * });
 */
export class NodeDaemon extends Construct {
  /** The DaemonSets, one per architecture. */
  public readonly daemonSets: kplus.k8s.KubeDaemonSet[] = [];
  /** The Service, for `Exposure.localService()` / `headlessService()`. */
  public readonly service?: kplus.k8s.KubeService;
  /** The PriorityClass, for `Priority.create()`. */
  public readonly priorityClass?: kplus.k8s.KubePriorityClass;
  /** The ServiceAccount, when `rbac` is set. */
  public readonly serviceAccount?: kplus.k8s.KubeServiceAccount;
  /** The ConfigMap, when `config` is set. */
  public readonly configMap?: kplus.k8s.KubeConfigMap;
  /** The main container's name. */
  public readonly containerName: string;
  /** Labels the DaemonSet selector (and the Service) use. Never change: selectors are immutable. */
  public readonly selectorLabels: { [key: string]: string };
  /** The exposure in effect. */
  public readonly exposure: Exposure;
  /** The rollout in effect. */
  public readonly rollout: Rollout;
  /** The placement in effect. */
  public readonly placement: NodePlacement;
  /** The priorityClassName of the pods, if any. */
  public readonly priorityClassName?: string;

  private readonly props: NodeDaemonProps;
  private readonly propNames: { [prop: string]: string } = {};
  private readonly labelName: string;
  private readonly images: { arch?: NodeArch; image: string }[];
  private readonly objectOrigins = new Map<ApiObject, PropOrigins>();
  private readonly problems: string[] = [];

  constructor(scope: Construct, id: string, props: NodeDaemonProps) {
    super(scope, id);
    this.props = props;
    this.exposure = props.exposure ?? Exposure.none();
    this.rollout = props.rollout ?? Rollout.rollingUpdate();
    this.placement = props.placement ?? NodePlacement.linux();
    this.containerName = props.containerName ?? dnsLabelFromId(id);
    this.checkProps();
    // The level is declared on the daemon like Validations.configure() does: its DaemonSets are checked
    // against it, and the level of the chart (or app) above applies when it is stricter.
    if (props.podSecurity !== undefined) Validations.configure(this, { podSecurity: props.podSecurity });

    const images: { arch?: NodeArch; image: string }[] = props.images?.length ? props.images : [{ image: props.image ?? '' }];
    // Every object the daemon owns shares one name; the kinds differ, so they cannot clash.
    const baseName = props.name ?? Names.toDnsLabel(this).replace(/[^a-z0-9-]/g, '-');
    this.labelName = props.name ?? dnsLabelFromId(id);
    // Objects shared by every architecture carry a version only when all images agree on it.
    const versions = new Set(images.map(i => this.versionOf(i.image)));
    const labels = this.labelsFor(versions.size === 1 ? this.versionOf(images[0].image) : undefined);
    this.selectorLabels = labels.selector;
    this.problems.push(...contradictionProblems(props, labels.selector, this.containerName));
    this.images = images;

    if (props.config) {
      this.configMap = new kplus.k8s.KubeConfigMap(this, 'Config', {
        metadata: { name: baseName, labels: labels.all },
        data: { ...props.config.files },
      });
      this.track(this.configMap, { 'data': 'config.files', 'metadata.name': 'name' });
    }
    // Cluster-scoped objects have one name in the whole cluster: a `name` given for the daemon gets its
    // namespace in front, so that daemons of one name in two namespaces keep their own RBAC and class.
    const namespace = Chart.of(this).namespace;
    const clusterName = props.name !== undefined && namespace ? `${namespace}-${baseName}` : baseName;
    if (props.rbac) {
      this.serviceAccount = this.createRbac(baseName, clusterName, labels.all);
    }
    this.priorityClass = this.createPriorityClass(props.priority, clusterName, labels.all);
    this.priorityClassName = this.priorityClass?.name ?? props.priority?.className;

    const rendered = new Set<string | undefined>();
    for (const { arch, image } of images) {
      // A repeated architecture is reported by checkProps(); render it once.
      if (rendered.has(arch)) continue;
      rendered.add(arch);
      const origins = new PropOrigins();
      const selector = arch ? { ...labels.selector, [LABEL_ARCH]: arch } : labels.selector;
      const apiObject = new kplus.k8s.KubeDaemonSet(this, arch ? `Resource-${arch}` : 'Resource', {
        metadata: { name: arch ? `${baseName}-${arch}` : baseName, labels: this.labelsFor(this.versionOf(image)).all, annotations: this.existingPriorityAnnotation() },
        spec: Lazy.any({
          produce: () => ({
            selector: { matchLabels: selector },
            updateStrategy: this.rollout._toKube(),
            minReadySeconds: props.minReadySeconds,
            revisionHistoryLimit: props.revisionHistoryLimit,
            template: this.renderTemplate(arch, image, origins),
          }),
        }),
      });
      this.track(apiObject, {
        'spec.selector': 'selectorLabels',
        'spec.template.metadata.labels': 'podLabels',
        'spec.template.metadata.annotations': 'podAnnotations',
        'spec.updateStrategy': 'rollout',
        'spec.minReadySeconds': 'minReadySeconds',
        'spec.revisionHistoryLimit': 'revisionHistoryLimit',
      }, origins);
      this.recordLabelKeys(origins, 'spec.template.metadata.labels', 'podLabels');
      this.recordLabelKeys(origins, 'spec.selector.matchLabels', undefined);
      this.daemonSets.push(apiObject);
    }

    if (this.exposure.createsService) {
      this.service = renderService(this, this.exposure, labels.selector, labels.all, baseName);
      this.track(this.service, {
        'spec': 'exposure',
        'metadata.annotations': 'exposure',
        'metadata.name': this.exposure._serviceOptions().serviceName !== undefined ? 'exposure.serviceName' : 'name',
      });
    }
    this.node.addValidation({ validate: () => [...this.problems, ...this.checkObjects()].map(m => this.renamed(m)) });
    enableValidation(Chart.of(this));
  }

  /**
   * Gives a client container the address of the daemon on the client's own node:
   * `<PREFIX>_HOST`, `<PREFIX>_PORT` and `<PREFIX>_ADDR` (host:port). For hostPort and hostNetwork the host
   * is the node IP (`status.hostIP`); for a node-local Service it is the Service's DNS name.
   */
  public connect(container: kplus.Container, options: ConnectOptions = {}): void {
    const kind = this.exposure.kind;
    if (kind === ExposureKind.NONE || kind === ExposureKind.HEADLESS_SERVICE) {
      throw new Error(`[${this.node.path}] 'exposure' is ${kind}: connect() needs a node-local address; use Exposure.localService(), hostPort() or hostNetwork()`);
    }
    const prefix = options.envPrefix ?? this.containerName.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
    const names = this.exposure.ports.map((_, i) => this.exposure.portName(i));
    const index = options.portName === undefined ? 0 : names.indexOf(options.portName);
    if (index < 0) {
      throw new Error(`[${this.node.path}] 'portName' ${JSON.stringify(options.portName)} is not an exposed port; valid: ${names.map(n => JSON.stringify(n)).join(', ')}`);
    }
    const primary = this.exposure.ports[index];
    let port = primary.port;
    if (kind === ExposureKind.LOCAL_SERVICE) {
      const namespace = Chart.of(this).namespace;
      const host = namespace ? `${this.service!.name}.${namespace}.svc` : this.service!.name;
      container.env.addVariable(`${prefix}_HOST`, kplus.EnvValue.fromValue(host));
      // The Service listens on servicePort for its first port and on the container port for the others.
      if (index === 0) port = this.exposure._serviceOptions().servicePort ?? primary.port;
    } else {
      const hostIp = kind === ExposureKind.HOST_PORT ? this.exposure._hostPortOptions().hostIp : undefined;
      if (hostIp !== undefined && hostIp !== '0.0.0.0' && hostIp !== '::') {
        throw new Error(`[${this.node.path}] 'exposure' binds the host port to hostIp ${JSON.stringify(hostIp)}: connect() hands clients the node IP (status.hostIP), `
          + 'where nothing listens. Valid: no hostIp (every node address), or Exposure.localService()');
      }
      container.env.addVariable(`${prefix}_HOST`, kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_IP));
      if (kind === ExposureKind.HOST_PORT) port = this.exposure._hostPortOptions().hostPort ?? primary.port;
    }
    container.env.addVariable(`${prefix}_PORT`, kplus.EnvValue.fromValue(String(port)));
    container.env.addVariable(`${prefix}_ADDR`, kplus.EnvValue.fromValue(`$(${prefix}_HOST):${port}`));
  }

  /**
   * The pod template of the DaemonSet for `arch` (the first one by default), as rendered.
   * @internal
   */
  public _podTemplate(arch?: NodeArch): kplus.k8s.PodTemplateSpec {
    const variant = this.images.find(i => arch === undefined || i.arch === arch) ?? this.images[0];
    return this.renderTemplate(variant.arch, variant.image, new PropOrigins());
  }

  private renderTemplate(arch: NodeArch | undefined, image: string, origins: PropOrigins): kplus.k8s.PodTemplateSpec {
    const { props } = this;
    const selector = arch ? { ...this.selectorLabels, [LABEL_ARCH]: arch } : this.selectorLabels;
    const annotations = { ...props.podAnnotations };
    if (props.config) annotations['checksum/config'] = configChecksum(props.config.files);
    for (const [prop, name, profile] of this.appArmorProfiles()) {
      annotations[appArmorAnnotation(name)] = profile.value;
      origins.record(`spec.template.metadata.annotations[${JSON.stringify(appArmorAnnotation(name))}]`, prop);
    }
    const labels = { ...this.labelsFor(this.versionOf(image)).pod, ...selector };
    return {
      metadata: { labels, annotations: Object.keys(annotations).length ? annotations : undefined },
      spec: renderForLevel(renderPodSpec({
        props,
        containerName: this.containerName,
        image,
        placement: arch ? this.placement.withArch(arch) : this.placement,
        priorityClassName: this.priorityClassName,
        serviceAccountName: this.serviceAccount?.name,
        configMapName: this.configMap?.name,
      }, origins), requiredLevel(this, Chart.of(this).namespace || 'default')),
    };
  }

  /** The version label of the objects of one image: `version`, else the image's tag. */
  private versionOf(image: string): string | undefined {
    const version = this.props.version;
    return version !== undefined && labelValue(version) === undefined ? version : versionFromImage(image);
  }

  /** The recommended labels with one version. */
  private labelsFor(version: string | undefined): DaemonLabels {
    const { props } = this;
    return daemonLabels({
      name: this.labelName,
      instance: Names.toLabelValue(this),
      version,
      partOf: props.partOf,
      extra: props.labels,
      podExtra: props.podLabels,
      selectorOverride: props.selectorLabels,
    });
  }

  /** Each container's AppArmor profile, with the prop that sets it and the container's name. */
  private appArmorProfiles(): [string, string, AppArmorProfile][] {
    const { props } = this;
    const list: [string, string, AppArmorProfile | undefined][] = [
      ['appArmorProfile', this.containerName, props.appArmorProfile],
      ...(props.sidecars ?? []).map((c, i): [string, string, AppArmorProfile | undefined] => [`sidecars[${i}].appArmorProfile`, c.name, c.appArmorProfile]),
      ...(props.initContainers ?? []).map((c, i): [string, string, AppArmorProfile | undefined] => [`initContainers[${i}].appArmorProfile`, c.name, c.appArmorProfile]),
    ];
    return list.filter((e): e is [string, string, AppArmorProfile] => e[2] !== undefined);
  }

  /**
   * Lets a construct built on this daemon (an agent) name its own props in errors: `{ placement:
   * 'nodeSelector', 'host.network': 'hostNetwork' }` renames the leading prop (or prop path) of each message.
   * @internal
   */
  public _renameProps(names: { [prop: string]: string }): void {
    Object.assign(this.propNames, names);
  }

  /** A message with its leading quoted prop renamed for the construct above: the longest matching name wins. */
  private renamed(message: string): string {
    return message.replace(/^'([^']+)'/, (whole, prop: string) => {
      const key = Object.keys(this.propNames)
        .filter(k => prop === k || prop.startsWith(`${k}.`) || prop.startsWith(`${k}[`))
        .sort((a, b) => b.length - a.length)[0];
      return key === undefined ? whole : `'${this.propNames[key]}${prop.slice(key.length)}'`;
    });
  }

  /**
   * Label keys and the prop each one's value comes from, in the order daemonLabels() lets them win:
   * errors on a key name that prop, not 'labels'.
   */
  private recordLabelKeys(origins: PropOrigins, path: string, extra: 'labels' | 'podLabels' | undefined): void {
    const from = (props: { [key: string]: string } | undefined, prop: string) => Object.keys(props ?? {}).map((k): [string, string] => [k, prop]);
    const keys: [string, string][] = [[LABEL_PART_OF, 'partOf'], [LABEL_VERSION, 'version'], [LABEL_NAME, 'name'],
      ...(extra ? from(this.props[extra], extra) : []), ...from(this.props.selectorLabels, 'selectorLabels')];
    for (const [key, prop] of keys) origins.record(`${path}[${JSON.stringify(key)}]`, prop);
  }

  /**
   * `Priority.existing('x')` says the class exists in the cluster: the DaemonSet says so too, so that
   * neither synth nor `cdk8s-daemons validate` expects the PriorityClass in the manifests.
   */
  private existingPriorityAnnotation(): { [key: string]: string } | undefined {
    const priority = this.props.priority;
    const name = priority?.className;
    if (!name || priority?.createOptions || SYSTEM_PRIORITY_CLASSES[name] !== undefined) return undefined;
    return { [EXISTING_PRIORITY_CLASS_ANNOTATION]: name };
  }

  /** Daemon-level checks that no single wire field shows. */
  private checkProps(): void {
    const { props } = this;
    this.problems.push(...timingProblems(props), ...versionProblems(props));
    if (props.image === undefined && !props.images?.length) {
      this.problems.push("'image' is required (or 'images', one per architecture): the main container has no image");
    }
    if (props.image !== undefined && props.images?.length) {
      this.problems.push(`'image' (${JSON.stringify(props.image)}) and 'images' are both set: give one; 'images' renders one DaemonSet per architecture`);
    }
    const arches = (props.images ?? []).map(i => i.arch);
    const dup = arches.find((a, i) => arches.indexOf(a) !== i);
    if (dup) this.problems.push(`'images' lists architecture ${JSON.stringify(dup)} twice: one image per architecture`);
    if (props.rbac && !Chart.of(this).namespace) {
      this.problems.push("'rbac' needs a namespace on the chart: the ClusterRoleBinding must name the ServiceAccount's namespace");
    }
    (props.rbac ?? []).forEach((r, i) => {
      if (!r.verbs.length || !r.resources.length) {
        this.problems.push(`'rbac[${i}]' ${JSON.stringify(r)}: verbs and resources must each list at least one entry`);
      }
    });
    const kind = this.exposure.kind;
    if (kind === ExposureKind.HOST_NETWORK && props.host?.network === false) {
      this.problems.push("'host.network' is false but 'exposure' is Exposure.hostNetwork(): the port needs the node's network namespace; drop one of them");
    }
    const hostPorts = kind === ExposureKind.HOST_PORT || kind === ExposureKind.HOST_NETWORK || props.host?.network === true
      || (props.ports ?? []).some(p => p.hostPort);
    if (this.rollout.surges && hostPorts) {
      this.problems.push(`'rollout' surges (maxSurge ${this.rollout.maxSurge}) but the daemon binds host ports: the surge pod cannot bind the port the old pod holds and the rollout stalls (kubernetes#106417). `
        + 'Valid: Rollout.rollingUpdate() (delete first, 10% of the nodes at a time: the default), or Rollout.onDelete()');
    }
  }

  private createRbac(name: string, clusterName: string, labels: { [key: string]: string }): kplus.k8s.KubeServiceAccount {
    const account = new kplus.k8s.KubeServiceAccount(this, 'ServiceAccount', { metadata: { name, labels } });
    const role = new kplus.k8s.KubeClusterRole(this, 'ClusterRole', {
      metadata: { name: clusterName, labels },
      rules: (this.props.rbac ?? []).map(r => ({ apiGroups: r.apiGroups ?? [''], resources: [...r.resources], verbs: [...r.verbs] })),
    });
    const binding = new kplus.k8s.KubeClusterRoleBinding(this, 'ClusterRoleBinding', {
      metadata: { name: clusterName, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role.name },
      subjects: [{ kind: 'ServiceAccount', name: account.name, namespace: Chart.of(this).namespace ?? '' }],
    });
    this.clusterScoped(role);
    this.clusterScoped(binding);
    this.track(role, { rules: 'rbac' });
    this.track(binding, { 'roleRef.name': 'name', 'subjects[0].name': 'name', 'subjects[0].namespace': 'rbac' });
    this.track(account, { 'metadata.name': 'name' });
    return account;
  }

  private createPriorityClass(
    priority: Priority | undefined, name: string, labels: { [key: string]: string },
  ): kplus.k8s.KubePriorityClass | undefined {
    const options = priority?.createOptions;
    if (!options) return undefined;
    const pc = new kplus.k8s.KubePriorityClass(this, 'PriorityClass', {
      metadata: { name: options.name ?? name, labels },
      value: options.value,
      preemptionPolicy: options.preemptionPolicy,
      description: options.description,
      globalDefault: options.globalDefault,
    });
    this.clusterScoped(pc);
    this.track(pc, { '': 'priority', 'metadata.name': options.name !== undefined ? 'priority' : 'name' });
    return pc;
  }

  /** Cluster-scoped objects must not carry the chart's namespace. */
  private clusterScoped(obj: ApiObject): void {
    if (Chart.of(this).namespace) obj.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  }

  /**
   * Registers an owned object for validation, with the props its fields come from (`origins` may already
   * hold what rendering recorded).
   */
  private track(obj: ApiObject, props: { [path: string]: string }, origins = new PropOrigins()): void {
    origins.record('metadata.name', 'name');
    origins.record('metadata.labels', 'labels');
    this.recordLabelKeys(origins, 'metadata.labels', 'labels');
    for (const [path, prop] of Object.entries(props)) origins.record(path, prop);
    if (obj === this.service) {
      origins.record('spec.selector', 'selectorLabels');
      this.recordLabelKeys(origins, 'spec.selector', undefined);
    }
    this.objectOrigins.set(obj, origins);
    markSelfChecked(obj, { scope: this.node.path, propFor: path => this.propOf(origins, path) });
  }

  /** The prop behind a field of an owned object, named as the construct above (an agent) calls it. */
  private propOf(origins: PropOrigins, path: string): string {
    const prop = origins.propFor(path) ?? origins.propFor('') ?? 'props';
    return this.renamed(`'${prop}'`).slice(1, -1);
  }

  /**
   * Runs every rule over every rendered object and words each error in terms of props (warnings are
   * reported by the app's synth, named with the same props).
   */
  private checkObjects(): string[] {
    const messages: string[] = [];
    for (const [obj, origins] of this.objectOrigins) {
      const { json, check, dropped } = resultOf(obj);
      for (const v of [...dropped, ...check.errors]) {
        const prop = origins.propFor(v.path) ?? origins.propFor('') ?? 'props';
        const hint = SUPPRESSIBLE_RULE_ID.test(v.ruleId) ? ` (or Validations.suppress(scope, '${v.ruleId}', '<why it does not apply>'))` : '';
        messages.push(`'${prop}' ${shownValue(v.value)}: ${v.problem} (${json.kind} ${v.path}, ${ruleLabel(v.ruleId)}). Valid: ${v.valid}${hint}`);
      }
    }
    return messages;
  }
}
