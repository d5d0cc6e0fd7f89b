import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ContainerOptions } from './container';
import { NodeDaemonProps } from './node-daemon-props';
import { labelValue } from '../validation/names';

/** Problems with durations and probes that cannot be rendered (Kubernetes counts whole seconds). */
export function timingProblems(props: NodeDaemonProps): string[] {
  const problems: string[] = [];
  const grace = props.terminationGracePeriod;
  if (grace && !Number.isInteger(grace.toMilliseconds() / 1000)) {
    problems.push(`'terminationGracePeriod' ${grace.toMilliseconds()}ms: must be a whole number of seconds. Valid: Duration.seconds(n)`);
  }
  const containers: [string, ContainerOptions][] = [
    ['', props],
    ...(props.sidecars ?? []).map((c, i): [string, ContainerOptions] => [`sidecars[${i}].`, c]),
    ...(props.initContainers ?? []).map((c, i): [string, ContainerOptions] => [`initContainers[${i}].`, c]),
  ];
  for (const [prefix, c] of containers) {
    for (const [name, probe] of [['liveness', c.liveness], ['readiness', c.readiness], ['startup', c.startup]] as const) {
      const problem = probe && probeProblem(probe);
      if (problem) problems.push(`'${prefix}${name}': ${problem}. Valid: probe timings in whole seconds (Duration.seconds(n))`);
    }
  }
  return problems;
}

/** Why a cdk8s-plus Probe cannot be rendered, or undefined. */
export function probeProblem(probe: kplus.Probe): string | undefined {
  try {
    probe._toKube({ portNumber: 1 } as unknown as kplus.Container);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Whole seconds for the wire; a fractional duration is reported by timingProblems and rounded here. */
export function wholeSeconds(d: Duration | undefined): number | undefined {
  return d === undefined ? undefined : Math.round(d.toMilliseconds() / 1000);
}

/** Problems with the version label. */
export function versionProblems(props: NodeDaemonProps): string[] {
  const problem = props.version !== undefined ? labelValue(props.version) : undefined;
  return problem ? [`'version' ${JSON.stringify(props.version)}: the app.kubernetes.io/version label ${problem}. Valid: a label value such as 1.4.2`] : [];
}
