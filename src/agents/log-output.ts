import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { FluentBitSection, FluentBitSectionKind, onOff, section, sizeValue } from './fluent-bit-config';

/** Options every network output shares. */
export interface LogOutputOptions {
  /**
   * Which records go to this output (a fluent-bit tag pattern: `kube.*` container logs, `host.*` systemd).
   * @default '*' - every record: several outputs each receive everything unless you narrow them
   */
  readonly match?: string;
  /**
   * How many times a failed chunk is retried before it is dropped.
   * @default - no limit (`no_limits`): a backend outage delays logs instead of dropping them; `bufferLimit` bounds the disk they use meanwhile
   */
  readonly retryLimit?: number;
  /**
   * Disk the output's queued chunks may use on the node (`storage.total_limit_size`); the oldest chunks
   * are dropped beyond it.
   * @default Size.gibibytes(1) - hours of backlog for a busy node, without filling its root disk
   */
  readonly bufferLimit?: Size;
  /**
   * Encrypt the connection with TLS.
   * @default - on for Elasticsearch and OpenSearch when `user` or `password` is given (their charts serve HTTPS with basic auth, and credentials must not travel in clear); otherwise off, as in-cluster Loki gateways, aggregators and HTTP endpoints usually are
   */
  readonly tls?: boolean;
  /**
   * Verify the server's TLS certificate (with `tls`).
   * @default true - an unverified TLS connection can be intercepted
   */
  readonly tlsVerify?: boolean;
  /**
   * More fluent-bit keys for this output, written as given after the typed ones (for options not typed here).
   * @default - none
   */
  readonly properties?: { [key: string]: string };
}

/** Basic authentication for HTTP-based outputs. The password comes from the environment, never the ConfigMap. */
export interface LogOutputAuthOptions {
  /**
   * The user name (`HTTP_User`).
   * @default - no authentication
   */
  readonly user?: string;
  /**
   * The password (`HTTP_Passwd`), e.g. `EnvValue.fromSecretValue({ secret, key })`. It is passed as an
   * environment variable and referenced as `${VAR}` so the ConfigMap holds no secret.
   * @default - no password
   */
  readonly password?: kplus.EnvValue;
}

/** Options of `LogOutput.elasticsearch()` and `LogOutput.opensearch()`. */
export interface SearchOutputOptions extends LogOutputOptions, LogOutputAuthOptions {
  /** The host name of the cluster's HTTP endpoint, e.g. `elasticsearch-master.logging.svc`. */
  readonly host: string;
  /**
   * The HTTP port.
   * @default 9200 - the Elasticsearch/OpenSearch default
   */
  readonly port?: number;
  /**
   * A fixed index name.
   * @default - one index per day (`Logstash_Format On`, `<logstashPrefix>-YYYY.MM.DD`): retention is then deleting old indices
   */
  readonly index?: string;
  /**
   * The prefix of the daily indices (without `index`).
   * @default 'logs'
   */
  readonly logstashPrefix?: string;
}

/** Options of `LogOutput.loki()`. */
export interface LokiOutputOptions extends LogOutputOptions, LogOutputAuthOptions {
  /** The Loki host name, without a path, e.g. `loki-gateway.logging.svc`. */
  readonly host: string;
  /**
   * The port. The loki chart's gateway Service (`loki-gateway`) listens on 80; Loki itself on 3100.
   * @default 3100 - Loki's own HTTP port; give 80 for the chart's gateway
   */
  readonly port?: number;
  /**
   * Stream labels: a fixed value, or a record accessor (a value starting with `$`, e.g.
   * `$kubernetes['namespace_name']`) whose value in each record names the stream.
   * @default - `job=fluent-bit` plus `namespace`, `container` and `node` from the kubernetes metadata: one stream per workload and node, the cardinality Loki recommends (one stream for the whole cluster hits Loki's per-stream rate limit; pod names would create a stream per pod)
   */
  readonly labels?: { [key: string]: string };
  /**
   * Record keys that become stream labels (record-accessor syntax, e.g. `$kubernetes['namespace_name']`).
   * @default - none: every distinct label value is a new Loki stream, so labels are opt-in
   */
  readonly labelKeys?: string[];
  /**
   * Add every Kubernetes pod label as a stream label.
   * @default false - pod labels such as pod-template-hash explode Loki's stream count
   */
  readonly autoKubernetesLabels?: boolean;
  /**
   * The tenant (`X-Scope-OrgID`) of a multi-tenant Loki.
   * @default - single-tenant
   */
  readonly tenantId?: string;
}

/** Options of `LogOutput.forward()`. */
export interface ForwardOutputOptions extends LogOutputOptions {
  /** The host of the fluentd / fluent-bit aggregator. */
  readonly host: string;
  /**
   * The port.
   * @default 24224 - the Forward protocol's port
   */
  readonly port?: number;
  /**
   * The shared key of the secure forward handshake (`Shared_Key`), from the environment.
   * @default - no handshake
   */
  readonly sharedKey?: kplus.EnvValue;
}

/** Wire formats of the HTTP output. */
export enum HttpOutputFormat {
  /** One JSON array per request. */
  JSON = 'json',
  /** One JSON object per line. */
  JSON_LINES = 'json_lines',
  /** Concatenated JSON objects. */
  JSON_STREAM = 'json_stream',
  /** MessagePack. */
  MSGPACK = 'msgpack',
}

/** Options of `LogOutput.http()`. */
export interface HttpOutputOptions extends LogOutputOptions, LogOutputAuthOptions {
  /** The host to POST to. */
  readonly host: string;
  /**
   * The port.
   * @default 80 - or 443 with `tls`
   */
  readonly port?: number;
  /**
   * The request path.
   * @default '/'
   */
  readonly uri?: string;
  /**
   * The body format.
   * @default HttpOutputFormat.JSON_LINES - streams well and most log HTTP endpoints accept it
   */
  readonly format?: HttpOutputFormat;
  /**
   * Extra request headers.
   * @default - none
   */
  readonly headers?: { [name: string]: string };
}

/** Options of `LogOutput.stdout()`. */
export interface StdoutOutputOptions {
  /**
   * Which records are printed.
   * @default '*'
   */
  readonly match?: string;
}

type Entries = Array<[string, string | undefined]>;

/**
 * The default Loki streams: per namespace, container and node (record accessors into the kubernetes
 * filter's metadata). Records without it (the systemd input) keep `job` alone.
 */
const LOKI_STREAM_LABELS: { [key: string]: string } = {
  job: 'fluent-bit',
  namespace: "$kubernetes['namespace_name']",
  container: "$kubernetes['container_name']",
  node: "$kubernetes['host']",
};

/**
 * Where the LogCollector sends records: one `[OUTPUT]` section of fluent-bit. Several outputs may be
 * given; each receives the records its `match` selects.
 * @see https://docs.fluentbit.io/manual/pipeline/outputs
 */
export class LogOutput {
  /** Elasticsearch (`es` plugin), with daily indices and type names suppressed for Elasticsearch 8. */
  public static elasticsearch(options: SearchOutputOptions): LogOutput {
    return new LogOutput('es', options, true, (o: SearchOutputOptions) => searchEntries(o), true);
  }

  /** OpenSearch (`opensearch` plugin), with daily indices. */
  public static opensearch(options: SearchOutputOptions): LogOutput {
    return new LogOutput('opensearch', options, true, (o: SearchOutputOptions) => searchEntries(o), true);
  }

  /** Grafana Loki (`loki` plugin). */
  public static loki(options: LokiOutputOptions): LogOutput {
    return new LogOutput('loki', options, true, (o: LokiOutputOptions) => [
      ['Host', o.host],
      ['Port', String(o.port ?? 3100)],
      ['Labels', Object.entries(o.labels ?? LOKI_STREAM_LABELS).map(([k, v]) => `${k}=${v}`).join(', ') || undefined],
      ['Label_keys', o.labelKeys?.length ? o.labelKeys.join(',') : undefined],
      ['Auto_kubernetes_labels', onOff(o.autoKubernetesLabels ?? false)],
      ['Line_format', 'json'],
      ['Tenant_id', o.tenantId],
    ]);
  }

  /** The Forward protocol, to a fluentd or fluent-bit aggregator. */
  public static forward(options: ForwardOutputOptions): LogOutput {
    return new LogOutput('forward', options, true, (o: ForwardOutputOptions) => [
      ['Host', o.host],
      ['Port', String(o.port ?? 24224)],
    ]);
  }

  /** Any HTTP endpoint that accepts JSON (or MessagePack) POSTs. */
  public static http(options: HttpOutputOptions): LogOutput {
    return new LogOutput('http', options, true, (o: HttpOutputOptions) => [
      ['Host', o.host],
      ['Port', String(o.port ?? (o.tls ? 443 : 80))],
      ['URI', o.uri ?? '/'],
      ['Format', o.format ?? HttpOutputFormat.JSON_LINES],
      ['Json_date_key', 'date'],
      ['Json_date_format', 'iso8601'],
      ...Object.entries(o.headers ?? {}).map(([name, value]): [string, string] => ['Header', `${name} ${value}`]),
    ]);
  }

  /** Prints records to the collector's own stdout, for debugging. The collector's own logs are then excluded from its inputs. */
  public static stdout(options: StdoutOutputOptions = {}): LogOutput {
    return new LogOutput('stdout', options, false, () => [['Format', 'json_lines']]);
  }

  private constructor(
    /** The fluent-bit plugin name (`es`, `opensearch`, `loki`, `forward`, `http`, `stdout`). */
    public readonly plugin: string,
    private readonly options: LogOutputOptions,
    private readonly network: boolean,
    private readonly entries: (options: any) => Entries,
    private readonly tlsWithCredentials: boolean = false,
  ) {}

  /** The tag pattern this output receives. */
  public get match(): string {
    return this.options.match ?? '*';
  }

  /** @internal */
  public _render(index: number): { section: FluentBitSection; env: { [name: string]: kplus.EnvValue } } {
    const o = this.options;
    const env: { [name: string]: kplus.EnvValue } = {};
    const secretRef = (suffix: string, value: kplus.EnvValue | undefined): string | undefined => {
      if (!value) return undefined;
      const name = `FLUENT_BIT_OUTPUT_${index}_${suffix}`;
      env[name] = value;
      return `\${${name}}`;
    };
    const auth = o as LogOutputAuthOptions;
    const forward = o as ForwardOutputOptions;
    const credentials = auth.user !== undefined || auth.password !== undefined;
    const tls = o.tls ?? (this.tlsWithCredentials && credentials);
    const common: Entries = this.network ? [
      ['HTTP_User', auth.user],
      ['HTTP_Passwd', secretRef('PASSWORD', auth.password)],
      ['Shared_Key', secretRef('SHARED_KEY', forward.sharedKey)],
      ['tls', onOff(tls)],
      ['tls.verify', tls ? onOff(o.tlsVerify ?? true) : undefined],
      ['Retry_Limit', o.retryLimit === undefined ? 'no_limits' : String(o.retryLimit)],
      ['storage.total_limit_size', sizeValue(o.bufferLimit ?? Size.gibibytes(1))],
    ] : [];
    const entries: Entries = [
      ['Name', this.plugin],
      ['Match', this.match],
      ...this.entries(o),
      ...common,
      ...Object.entries(o.properties ?? {}),
    ];
    return { section: section(FluentBitSectionKind.OUTPUT, entries), env };
  }
}

function searchEntries(o: SearchOutputOptions): Entries {
  return [
    ['Host', o.host],
    ['Port', String(o.port ?? 9200)],
    ['Index', o.index],
    ['Logstash_Format', o.index ? undefined : 'On'],
    ['Logstash_Prefix', o.index ? undefined : o.logstashPrefix ?? 'logs'],
    // Kubernetes labels such as app.kubernetes.io/name would otherwise clash with object mappings.
    ['Replace_Dots', 'On'],
    // Mapping types are gone in Elasticsearch 8 and OpenSearch 2: sending one is rejected.
    ['Suppress_Type_Name', 'On'],
  ];
}
