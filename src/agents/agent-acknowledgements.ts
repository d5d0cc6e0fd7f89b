import { NodeDaemon } from '../daemon/node-daemon';

/** The linters whose default checks the agents are measured against. */
export type Linter = 'kube-linter' | 'polaris' | 'kube-score';

/** The annotation that records why an agent keeps a linter finding: `daemons.cdk8s.io/acknowledge-<linter>.<check>`. */
export const ACKNOWLEDGE_ANNOTATION_PREFIX = 'daemons.cdk8s.io/acknowledge-';

/**
 * Records on the daemon's DaemonSets why the agent keeps a finding of a linter's default check that no
 * library rule covers (a missing CPU limit, imagePullPolicy other than Always). The linters' own
 * exemption annotations are not written: they would silence the check for the user's own runs too.
 */
export function acknowledge(daemon: NodeDaemon, linter: Linter, check: string, reason: string): void {
  for (const ds of daemon.daemonSets) ds.metadata.addAnnotation(`${ACKNOWLEDGE_ANNOTATION_PREFIX}${linter}.${check}`, reason);
}

/** Why an agent's image is pulled IfNotPresent (the API default for a pinned tag) rather than Always. */
const PULL_POLICY_REASON = 'imagePullPolicy is the API default for a pinned tag (IfNotPresent): with Always, a registry outage keeps a restarted agent from starting on its node';

/**
 * The acknowledgements every agent shares, decided on its final props: the pull policy unless the user
 * chose Always, and the CPU limit the agent leaves out on purpose (`cpuLimitReason`) unless one is set.
 */
export function acknowledgeCommon(
  daemon: NodeDaemon, props: { imagePullPolicy?: string; resources?: { cpu?: { limit?: unknown } } }, cpuLimitReason?: string,
): void {
  if (props.imagePullPolicy !== 'Always') {
    acknowledge(daemon, 'polaris', 'pullPolicyNotAlways', PULL_POLICY_REASON);
    acknowledge(daemon, 'kube-score', 'container-image-pull-policy', PULL_POLICY_REASON);
  }
  if (cpuLimitReason && props.resources?.cpu?.limit === undefined) {
    acknowledge(daemon, 'kube-linter', 'unset-cpu-requirements', cpuLimitReason);
    acknowledge(daemon, 'polaris', 'cpuLimitsMissing', cpuLimitReason);
    acknowledge(daemon, 'kube-score', 'container-resources', cpuLimitReason);
  }
}
