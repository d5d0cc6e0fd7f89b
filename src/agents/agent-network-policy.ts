import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { NodeDaemon } from '../daemon/node-daemon';
import { markSelfChecked } from '../validation/app-validation';

/** What the agent's pods accept and send. */
export interface AgentTraffic {
  /** TCP ports the agent serves; every other inbound connection is refused. */
  readonly ingressPorts: number[];
  /** Whether the agent sends anywhere (its outputs, DNS, the API server); false refuses all egress too. */
  readonly egress: boolean;
}

/**
 * A NetworkPolicy for the agent's pods: inbound only on the ports it serves, and outbound either open
 * (shippers send to backends anywhere) or closed. Selects the pods by the daemon's selector labels, in the
 * chart's namespace. Network plugins enforce it for pods on the pod network; pods on the host network
 * share the node's interfaces and most plugins leave them alone.
 */
export function renderAgentNetworkPolicy(scope: Construct, daemon: NodeDaemon, traffic: AgentTraffic): kplus.k8s.KubeNetworkPolicy {
  const policy = new kplus.k8s.KubeNetworkPolicy(scope, 'NetworkPolicy', {
    metadata: { name: daemon.daemonSets[0].name, labels: { ...daemon.daemonSets[0].toJson().metadata?.labels } },
    spec: {
      podSelector: { matchLabels: { ...daemon.selectorLabels } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: traffic.ingressPorts.length
        ? [{ ports: traffic.ingressPorts.map(port => ({ protocol: 'TCP', port: kplus.k8s.IntOrString.fromNumber(port) })) }]
        : undefined,
      egress: traffic.egress ? [{}] : undefined,
    },
  });
  // Built only from the daemon's selector and labels and the agent's checked ports: the daemon reports
  // their problems, naming the props.
  markSelfChecked(policy);
  return policy;
}
