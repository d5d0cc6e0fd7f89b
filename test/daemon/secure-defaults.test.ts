import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { mainContainer, newChart, podSpec, single } from './util';
import { NodeDaemon, NodeDaemonProps, RbacRules } from '../../src';

// What is rendered without being asked for, because it can never stop an agent's container from starting.

function synth(props: Partial<NodeDaemonProps> = {}): any[] {
  const chart = newChart();
  new NodeDaemon(chart, 'agent', { image: 'example.com/agent:1.0.0', ...props });
  return Testing.synth(chart);
}

describe('seccomp', () => {
  test('the pod runs under the runtime default seccomp profile', () => {
    expect(podSpec(synth()).securityContext).toEqual({ seccompProfile: { type: 'RuntimeDefault' } });
  });
});

describe('privilege escalation', () => {
  test('every unprivileged container, sidecar and init container gets allowPrivilegeEscalation: false', () => {
    const spec = podSpec(synth({
      sidecars: [{ name: 'proxy', image: 'example.com/proxy:1.0.0' }],
      initContainers: [{ name: 'init', image: 'example.com/init:1.0.0' }],
    }));
    for (const c of [...spec.containers, ...spec.initContainers]) {
      expect(c.securityContext).toEqual({ allowPrivilegeEscalation: false });
    }
  });

  test('a privileged container renders no allowPrivilegeEscalation (the API server refuses false there)', () => {
    expect(mainContainer(synth({ host: { privileged: true } })).securityContext).toEqual({ privileged: true });
    const init = podSpec(synth({ initContainers: [{ name: 'init', image: 'example.com/init:1.0.0', security: { privileged: true } }] })).initContainers[0];
    expect(init.securityContext).toEqual({ privileged: true });
  });

  test('a container that adds SYS_ADMIN renders no allowPrivilegeEscalation (the kernel grants it anyway)', () => {
    expect(mainContainer(synth({ host: { capabilities: [kplus.Capability.SYS_ADMIN] } })).securityContext)
      .toEqual({ capabilities: { add: ['SYS_ADMIN'] } });
  });

  test('an explicit allowPrivilegeEscalation: true wins', () => {
    expect(mainContainer(synth({ security: { allowPrivilegeEscalation: true } })).securityContext).toEqual({ allowPrivilegeEscalation: true });
  });
});

describe('service account token', () => {
  test('is not mounted without rbac', () => {
    expect(podSpec(synth()).automountServiceAccountToken).toBe(false);
  });

  test('is mounted with rbac, for the daemon\'s own account', () => {
    const objects = synth({ rbac: [RbacRules.readOnly('pods')] });
    const spec = podSpec(objects);
    expect(spec.automountServiceAccountToken).toBe(true);
    expect(spec.serviceAccountName).toBe(single(objects, 'ServiceAccount').metadata.name);
  });
});
