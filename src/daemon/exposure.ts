import * as kplus from 'cdk8s-plus-28';

/** How clients on a node reach the daemon on that same node. */
export enum ExposureKind {
  /** No inbound path: the daemon pushes its data elsewhere. */
  NONE = 'none',
  /** A ClusterIP Service with `internalTrafficPolicy: Local`: each client reaches its own node's pod. */
  LOCAL_SERVICE = 'local-service',
  /** A headless Service: DNS returns every daemon pod (all nodes). */
  HEADLESS_SERVICE = 'headless-service',
  /** A hostPort on the node's IP. Clients use `status.hostIP`. */
  HOST_PORT = 'host-port',
  /** The daemon binds the port in the node's network namespace. Clients use `status.hostIP`. */
  HOST_NETWORK = 'host-network',
}

/** One exposed port. */
export interface ExposedPort {
  /** The port the daemon listens on in its container. */
  readonly port: number;
  /**
   * The container port name (at most 15 characters). Services target it by name.
   * @default 'http' for the first port, `port-<number>` for others
   */
  readonly name?: string;
  /**
   * The protocol.
   * @default kplus.Protocol.TCP
   */
  readonly protocol?: kplus.Protocol;
}

/** Options for the Service-based exposures. */
export interface ServiceExposureOptions extends ExposedPort {
  /**
   * The port the Service listens on.
   * @default - the container port
   */
  readonly servicePort?: number;
  /**
   * More ports on the same Service.
   * @default - none
   */
  readonly additionalPorts?: ExposedPort[];
  /**
   * The Service name.
   * @default - the DaemonSet's name
   */
  readonly serviceName?: string;
  /**
   * Annotations on the Service (for example Prometheus scrape hints).
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

/** Options for a hostPort. */
export interface HostPortExposureOptions extends ExposedPort {
  /**
   * The port on the node.
   * @default - the container port
   */
  readonly hostPort?: number;
  /**
   * The node IP to bind the host port to.
   * @default - all node addresses
   */
  readonly hostIp?: string;
}

/**
 * The four ways clients reach a node daemon (plus headless DNS).
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/#communicating-with-daemon-pods
 */
export class Exposure {
  /** Push only: no port, no Service. */
  public static none(): Exposure {
    return new Exposure(ExposureKind.NONE, [], {});
  }

  /** A node-local Service (`internalTrafficPolicy: Local`): the preferred way, no node ports opened. */
  public static localService(options: ServiceExposureOptions): Exposure {
    return new Exposure(ExposureKind.LOCAL_SERVICE, [options, ...(options.additionalPorts ?? [])], options);
  }

  /** A headless Service: DNS A records for every daemon pod. */
  public static headlessService(options: ServiceExposureOptions): Exposure {
    return new Exposure(ExposureKind.HEADLESS_SERVICE, [options, ...(options.additionalPorts ?? [])], options);
  }

  /** A hostPort on each node. Clients connect to their `status.hostIP`. */
  public static hostPort(options: HostPortExposureOptions): Exposure {
    return new Exposure(ExposureKind.HOST_PORT, [options], options);
  }

  /** Host networking: the daemon binds the node's port directly. Clients use `status.hostIP`. */
  public static hostNetwork(options: ExposedPort): Exposure {
    return new Exposure(ExposureKind.HOST_NETWORK, [options], {});
  }

  private constructor(
    /** Which pattern. */
    public readonly kind: ExposureKind,
    /** The exposed ports, first one primary. */
    public readonly ports: ExposedPort[],
    private readonly options: ServiceExposureOptions | HostPortExposureOptions | {},
  ) {}

  /** True for the two Service-based exposures. */
  public get createsService(): boolean {
    return this.kind === ExposureKind.LOCAL_SERVICE || this.kind === ExposureKind.HEADLESS_SERVICE;
  }

  /** @internal */
  public _serviceOptions(): ServiceExposureOptions {
    return this.options as ServiceExposureOptions;
  }

  /** @internal */
  public _hostPortOptions(): HostPortExposureOptions {
    return this.options as HostPortExposureOptions;
  }

  /** The name of the i-th exposed port. */
  public portName(index: number): string {
    const port = this.ports[index];
    return port.name ?? (index === 0 ? 'http' : `port-${port.port}`);
  }
}
