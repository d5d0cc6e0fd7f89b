/** One resolver option (`options` in resolv.conf). */
export interface DnsOption {
  /** The option name, e.g. `ndots`. */
  readonly name: string;
  /**
   * The option value, e.g. `2` for `ndots`.
   * @default - no value (a flag such as `single-request-reopen`)
   */
  readonly value?: string;
}

/**
 * Resolver settings merged into the pod's resolv.conf (`dnsConfig`); with `dnsPolicy: NONE` they are all of it.
 * @see https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#pod-dns-config
 */
export interface DaemonDnsConfig {
  /**
   * Name server IP addresses, at most 3 in all.
   * @default - none added
   */
  readonly nameservers?: string[];
  /**
   * Search domains, at most 32 and 2048 characters in all.
   * @default - none added
   */
  readonly searches?: string[];
  /**
   * Resolver options.
   * @default - none added
   */
  readonly options?: DnsOption[];
}

/** Extra lines of the pod's /etc/hosts (`hostAliases`). */
export interface HostAlias {
  /** The IP address the names resolve to. */
  readonly ip: string;
  /** The host names (DNS-1123 subdomains) that resolve to `ip`. */
  readonly hostnames: string[];
}
