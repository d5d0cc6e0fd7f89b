/**
 * node_exporter collectors, for `MetricsExporter`'s `enableCollectors` / `disableCollectors`
 * (`--collector.<name>` / `--no-collector.<name>`). The set node_exporter 1.5 to 1.8 share.
 * @see https://github.com/prometheus/node_exporter#collectors
 */
export enum NodeExporterCollector {
  /** ARP table entries (/proc/net/arp) (on by default). */
  ARP = 'arp',
  /** Bcache statistics (on by default). */
  BCACHE = 'bcache',
  /** Bonded network interfaces (on by default). */
  BONDING = 'bonding',
  /** Btrfs filesystem statistics (on by default). */
  BTRFS = 'btrfs',
  /** Memory fragmentation (/proc/buddyinfo) (off by default). */
  BUDDYINFO = 'buddyinfo',
  /** Cgroup summary (off by default). */
  CGROUPS = 'cgroups',
  /** Conntrack table usage (on by default). */
  CONNTRACK = 'conntrack',
  /** CPU time per mode (node_cpu_seconds_total) (on by default). */
  CPU = 'cpu',
  /** CPU frequency scaling (on by default). */
  CPUFREQ = 'cpufreq',
  /** Disk I/O (on by default). */
  DISKSTATS = 'diskstats',
  /** DMI (hardware) information (on by default). */
  DMI = 'dmi',
  /** DRBD replication (off by default). */
  DRBD = 'drbd',
  /** GPU (DRM) statistics (off by default). */
  DRM = 'drm',
  /** Memory error counters (EDAC) (on by default). */
  EDAC = 'edac',
  /** Available kernel entropy (on by default). */
  ENTROPY = 'entropy',
  /** NIC driver statistics (ethtool) (off by default). */
  ETHTOOL = 'ethtool',
  /** Fibre Channel HBAs (on by default). */
  FIBRECHANNEL = 'fibrechannel',
  /** Open file descriptors (on by default). */
  FILEFD = 'filefd',
  /** Filesystem size and free space (on by default). */
  FILESYSTEM = 'filesystem',
  /** Hardware sensors (/sys/class/hwmon) (on by default). */
  HWMON = 'hwmon',
  /** InfiniBand adapters (on by default). */
  INFINIBAND = 'infiniband',
  /** Interrupts per CPU (off by default). */
  INTERRUPTS = 'interrupts',
  /** IPVS (kube-proxy IPVS mode) connections (on by default). */
  IPVS = 'ipvs',
  /** Kernel same-page merging (off by default). */
  KSMD = 'ksmd',
  /** /proc/net/stat statistics (off by default). */
  LNSTAT = 'lnstat',
  /** Load average (on by default). */
  LOADAVG = 'loadavg',
  /** Logind sessions (off by default). */
  LOGIND = 'logind',
  /** Software RAID (/proc/mdstat) (on by default). */
  MDADM = 'mdadm',
  /** Memory (/proc/meminfo) (on by default). */
  MEMINFO = 'meminfo',
  /** Memory per NUMA node (off by default). */
  MEMINFO_NUMA = 'meminfo_numa',
  /** NFS client statistics (/proc/self/mountstats) (off by default). */
  MOUNTSTATS = 'mountstats',
  /** Network interface properties (/sys/class/net) (on by default). */
  NETCLASS = 'netclass',
  /** Network interface traffic (on by default). */
  NETDEV = 'netdev',
  /** Network statistics (/proc/net/netstat) (on by default). */
  NETSTAT = 'netstat',
  /** Routing table (off by default). */
  NETWORK_ROUTE = 'network_route',
  /** NFS client RPC statistics (on by default). */
  NFS = 'nfs',
  /** NFS server statistics (on by default). */
  NFSD = 'nfsd',
  /** An NTP server query (deprecated upstream) (off by default). */
  NTP = 'ntp',
  /** NVMe devices (on by default). */
  NVME = 'nvme',
  /** OS release (/etc/os-release) (on by default). */
  OS = 'os',
  /** Perf hardware counters (off by default). */
  PERF = 'perf',
  /** Power supplies (/sys/class/power_supply) (on by default). */
  POWERSUPPLYCLASS = 'powersupplyclass',
  /** Pressure stall information (PSI) (on by default). */
  PRESSURE = 'pressure',
  /** Process and thread counts (off by default). */
  PROCESSES = 'processes',
  /** Queuing disciplines (off by default). */
  QDISC = 'qdisc',
  /** RAPL power counters (on by default). */
  RAPL = 'rapl',
  /** Runit services (deprecated upstream) (off by default). */
  RUNIT = 'runit',
  /** Scheduler statistics (on by default). */
  SCHEDSTAT = 'schedstat',
  /** SELinux status (on by default). */
  SELINUX = 'selinux',
  /** Kernel slab allocator (off by default). */
  SLABINFO = 'slabinfo',
  /** Socket statistics (on by default). */
  SOCKSTAT = 'sockstat',
  /** Softnet (packet processing) statistics (on by default). */
  SOFTNET = 'softnet',
  /** /proc/stat (boot time, context switches) (on by default). */
  STAT = 'stat',
  /** Supervisord processes (deprecated upstream) (off by default). */
  SUPERVISORD = 'supervisord',
  /** Selected sysctl values (off by default). */
  SYSCTL = 'sysctl',
  /** Systemd units (needs the D-Bus socket) (on by default). */
  SYSTEMD = 'systemd',
  /** Tape devices (on by default). */
  TAPESTATS = 'tapestats',
  /** TCP connection states (off by default). */
  TCPSTAT = 'tcpstat',
  /** Metrics from *.prom files (on by default). */
  TEXTFILE = 'textfile',
  /** Thermal zones (on by default). */
  THERMAL_ZONE = 'thermal_zone',
  /** System time (on by default). */
  TIME = 'time',
  /** Clock synchronisation (adjtimex) (on by default). */
  TIMEX = 'timex',
  /** UDP queue lengths (on by default). */
  UDP_QUEUES = 'udp_queues',
  /** Kernel version and host name (on by default). */
  UNAME = 'uname',
  /** Virtual memory statistics (on by default). */
  VMSTAT = 'vmstat',
  /** Wireless interfaces (off by default). */
  WIFI = 'wifi',
  /** XFS filesystem statistics (on by default). */
  XFS = 'xfs',
  /** ZFS statistics (on by default). */
  ZFS = 'zfs',
  /** Memory zones (/proc/zoneinfo) (off by default). */
  ZONEINFO = 'zoneinfo',
}
