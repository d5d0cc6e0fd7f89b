import { LABEL_ARCH } from './labels';
import { NodeDaemonProps } from './node-daemon-props';
import { appArmorAnnotation } from './render-pod';

/**
 * The same setting given in two props, where one would silently win over the other: each is refused,
 * naming both props.
 */
export function contradictionProblems(props: NodeDaemonProps, selector: { [key: string]: string }, containerName: string): string[] {
  const problems: string[] = [];
  const host = props.host ?? {};
  const security = props.security ?? {};
  if (host.privileged !== undefined && security.privileged !== undefined) {
    problems.push(`'host.privileged' (${host.privileged}) and 'security.privileged' (${security.privileged}) are both set: both make the main container privileged; give one`);
  }
  if (host.capabilities?.length && security.addCapabilities?.length) {
    problems.push(`'host.capabilities' (${host.capabilities.join(', ')}) and 'security.addCapabilities' (${security.addCapabilities.join(', ')}) are both set: `
      + 'both add capabilities to the main container; list them all in one');
  }
  // With `images`, each architecture's pods also carry their architecture in the selector.
  const podSelector = props.images?.length ? { ...selector, [LABEL_ARCH]: '<its architecture>' } : selector;
  for (const prop of ['labels', 'podLabels'] as const) {
    const wanted = prop === 'podLabels' ? podSelector : selector;
    for (const [key, value] of Object.entries(props[prop] ?? {})) {
      if (key in wanted && wanted[key] !== value) {
        problems.push(`'${prop}' sets the selector label ${JSON.stringify(key)} to ${JSON.stringify(value)}, but the selector needs ${JSON.stringify(wanted[key])}: `
          + 'the selector\'s value would replace yours. Valid: another key, or \'selectorLabels\' to change the selector (it is immutable once applied)');
      }
    }
  }
  const containers: [string, string, boolean][] = [
    ['appArmorProfile', containerName, props.appArmorProfile !== undefined],
    ...(props.sidecars ?? []).map((c, i): [string, string, boolean] => [`sidecars[${i}].appArmorProfile`, c.name, c.appArmorProfile !== undefined]),
    ...(props.initContainers ?? []).map((c, i): [string, string, boolean] => [`initContainers[${i}].appArmorProfile`, c.name, c.appArmorProfile !== undefined]),
  ];
  for (const [prop, name, set] of containers) {
    const key = appArmorAnnotation(name);
    if (set && props.podAnnotations?.[key] !== undefined) {
      problems.push(`'podAnnotations' ${JSON.stringify(key)} and '${prop}' both set the AppArmor profile of container ${JSON.stringify(name)}: give one ('${prop}')`);
    }
  }
  return problems;
}
