import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { NodeDaemonProps } from '../daemon/node-daemon-props';
import { NodeOperator, NodeOs, NodePlacement, NodeRequirement } from '../daemon/placement';
import { labelValue, qualifiedName } from '../validation/names';

/** The node label that carries the operating system. */
const OS_LABEL = 'kubernetes.io/os';

/** Props whose values are maps: overrides merge into them instead of replacing them. */
const MAP_PROPS = ['env', 'labels', 'podLabels', 'podAnnotations'] as const;

/**
 * The agent's NodeDaemon props with the user's overrides applied (see `AgentOverrides.overrides`).
 * Overrides that are `undefined` change nothing.
 */
export function applyOverrides(base: NodeDaemonProps, overrides: NodeDaemonProps | undefined): NodeDaemonProps {
  if (!overrides) return base;
  const merged: { [key: string]: unknown } = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    merged[key] = (MAP_PROPS as readonly string[]).includes(key)
      ? { ...(base as any)[key], ...(value as object) }
      : value;
  }
  // `image` and `images` exclude each other: whichever the overrides name wins.
  if (overrides.images !== undefined) delete merged.image;
  if (overrides.image !== undefined) delete merged.images;
  return merged as NodeDaemonProps;
}

/** An error thrown at construction: names the construct path, the prop in quotes and the bad value. */
export function propError(scope: IConstruct, prop: string, value: unknown, problem: string, valid: string): Error {
  return new Error(`[${scope.node.path}] '${prop}' ${JSON.stringify(value)}: ${problem}. Valid: ${valid}`);
}

function hasRequirement(placement: NodePlacement, key: string, value: string): boolean {
  return placement.nodeRequirements.some(r => r.key === key && r.operator === NodeOperator.NOT_IN && r.values.includes(value));
}

/**
 * The agent's placement: the user's (or every node), pinned to Linux unless it names an OS, and kept off
 * virtual-kubelet and EKS Fargate nodes unless `excludeVirtualNodes` is false. Requirements the user
 * already wrote are not repeated. A non-Linux OS is an error: the agents are Linux binaries.
 */
export function linuxPlacement(
  scope: IConstruct, user: NodePlacement | undefined, excludeVirtualNodes: boolean,
): NodePlacement {
  let placement = user ?? NodePlacement.anyNode();
  if (placement.nodeSelector[OS_LABEL] === undefined) placement = placement.withOs(NodeOs.LINUX);
  checkLinuxPlacement(scope, placement, 'placement');
  if (excludeVirtualNodes) {
    if (!hasRequirement(placement, 'type', 'virtual-kubelet')) {
      placement = placement.withRequirements(NodeRequirement.notIn('type', 'virtual-kubelet'));
    }
    if (!hasRequirement(placement, 'eks.amazonaws.com/compute-type', 'fargate')) {
      placement = placement.withRequirements(NodeRequirement.notIn('eks.amazonaws.com/compute-type', 'fargate'));
    }
  }
  return placement;
}

/** Throws a prop error when `placement` pins a non-Linux OS: the agents are Linux binaries. */
export function checkLinuxPlacement(scope: IConstruct, placement: NodePlacement | undefined, prop: string): void {
  const os = placement?.nodeSelector[OS_LABEL];
  if (os !== undefined && os !== NodeOs.LINUX) {
    throw propError(scope, prop, { [OS_LABEL]: os }, 'this agent is a Linux binary: its pods would hang in ContainerCreating there',
      `a placement without '${OS_LABEL}' (Linux is added) or with '${OS_LABEL}: linux'`);
  }
}

/**
 * The name of a NodeDaemon prop in messages: `overrides.<key>` when the user's overrides set it, else
 * `agentProp` (the agent's own prop that rendered it). Guards run on the props after the overrides, so
 * that `overrides` cannot bypass them, and name where the value came from.
 */
export function origin(overrides: NodeDaemonProps | undefined, key: keyof NodeDaemonProps, agentProp: string): string {
  return overrides && overrides[key] !== undefined ? `overrides.${key}` : agentProp;
}

/** Throws a prop error for the first invalid key or value of a label map (nodeSelector, labels). */
export function checkLabels(scope: IConstruct, prop: string, labels: { [key: string]: string } | undefined): void {
  for (const [key, value] of Object.entries(labels ?? {})) {
    const problem = qualifiedName(key) ?? (typeof value === 'string' ? labelValue(value) : 'must be a string');
    if (problem) throw propError(scope, `${prop}`, { [key]: value }, `label ${problem}`, "keys '[prefix/]name', values of at most 63 letters, digits, '-', '_' and '.'");
  }
}

/** Throws a prop error unless `port` is a TCP port number. */
export function checkPort(scope: IConstruct, prop: string, port: number | undefined): void {
  if (port !== undefined && !(Number.isInteger(port) && port >= 1 && port <= 65535)) {
    throw propError(scope, prop, port, 'not a TCP port', 'a whole number from 1 to 65535');
  }
}

/** Throws a prop error unless `d` is a whole number of seconds (at least `min`). */
export function checkWholeSeconds(scope: IConstruct, prop: string, d: Duration | undefined, min = 1): void {
  const ms = d?.toMilliseconds();
  if (ms !== undefined && (ms % 1000 !== 0 || ms < min * 1000)) {
    throw propError(scope, prop, `${ms}ms`, 'must be a whole number of seconds', `Duration.seconds(n), n >= ${min}`);
  }
}

/** Error-message names for the NodeDaemon props an agent's user set through `overrides`. */
export function overrideNames(overrides: NodeDaemonProps | undefined): { [prop: string]: string } {
  return Object.fromEntries(Object.keys(overrides ?? {}).map(key => [key, `overrides.${key}`]));
}

/**
 * A container's security settings clash with a pod security context the user gave through overrides
 * (runAsNonRoot over the agent's uid 0): such errors name `overrides.podSecurityContext`.
 */
export function podSecurityOrigin(overrides: NodeDaemonProps | undefined): { [prop: string]: string } {
  return overrides?.podSecurityContext !== undefined ? { security: 'overrides.podSecurityContext' } : {};
}
