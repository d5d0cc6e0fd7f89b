import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { NodeDaemonProps, Priority } from '../../src';

/**
 * A push daemon that passes every security and best-practice rule: probes on 8080, requests and a memory
 * limit, non-root with a read-only root filesystem and every capability dropped, system-node-critical.
 */
export const HARDENED: NodeDaemonProps = {
  image: 'example.com/agent:1.2.3',
  readiness: kplus.Probe.fromHttpGet('/ready', { port: 8080 }),
  resources: { cpu: { request: kplus.Cpu.millis(50) }, memory: { request: Size.mebibytes(64), limit: Size.mebibytes(128) } },
  security: {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    runAsUser: 10001,
    dropCapabilities: [kplus.Capability.ALL],
  },
  priority: Priority.systemNodeCritical(),
};
