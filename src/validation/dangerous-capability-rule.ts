import { ObjectRule, podSpecOf, rule, WORKLOAD_KINDS } from './violation';

/**
 * Capabilities that hand a container the node: SYS_ADMIN (mount, namespaces, BPF, most ioctls), NET_ADMIN
 * (the node's routes, firewall and interfaces under host networking) and ALL. Polaris flags the same set
 * (`dangerousCapabilities`, a danger).
 */
const DANGEROUS = ['SYS_ADMIN', 'NET_ADMIN', 'ALL'];

/** The capability name without the `CAP_` prefix the runtime also accepts, upper-cased. */
function bare(capability: unknown): string {
  return String(capability).toUpperCase().replace(/^CAP_/, '');
}

export const SEC012: ObjectRule = rule('SEC012', WORKLOAD_KINDS, 'containers add no dangerous capability (SYS_ADMIN, NET_ADMIN, ALL)',
  (obj, sink) => {
    const pod = podSpecOf(obj);
    if (!pod) return;
    const groups: Array<[string, any[]]> = [['initContainers', pod.spec.initContainers ?? []], ['containers', pod.spec.containers ?? []]];
    for (const [field, containers] of groups) {
      containers.forEach((c: any, i: number) => {
        const added: unknown[] = c?.securityContext?.capabilities?.add ?? [];
        if (!Array.isArray(added)) return;
        const dangerous = added.map(bare).filter(cap => DANGEROUS.includes(cap));
        if (dangerous.length) {
          sink.add(`${pod.path}.${field}[${i}].securityContext.capabilities.add`, added,
            `adds ${dangerous.join(', ')}: ${dangerous.includes('ALL') ? 'every capability, as good as privileged' : 'control over the node beyond the container'}`,
            'only the narrow capabilities the program needs (e.g. NET_BIND_SERVICE), or suppress with the reason it needs this one');
        }
      });
    }
  });
