import * as kplus from 'cdk8s-plus-28';
import { PodSecurityLevel } from '../validation/pod-security-level';

/**
 * Renders what a Pod Security level requires where nothing the user set says otherwise. Restricted:
 * the pod runs as non-root under the RuntimeDefault seccomp profile, and every unprivileged container
 * drops ALL capabilities and may not escalate. Explicit settings are kept, so the check at synth names
 * the prop that contradicts the level (as do privileged containers and host access, which no rendering
 * can make compliant). Baseline needs nothing rendered: it only forbids.
 */
export function renderForLevel(spec: kplus.k8s.PodSpec, level: PodSecurityLevel | undefined): kplus.k8s.PodSpec {
  if (level !== PodSecurityLevel.RESTRICTED) return spec;
  const containers = (list: kplus.k8s.Container[] | undefined) => list?.map(c => restrictedContainer(c));
  const all = [...(spec.initContainers ?? []), ...spec.containers];
  const pod = spec.securityContext ?? {};
  // runAsNonRoot with a user 0 never starts (RUN001); leave it to the check to name the runAsUser.
  const root = pod.runAsUser === 0 || all.some(c => c.securityContext?.runAsUser === 0);
  return {
    ...spec,
    securityContext: {
      ...pod,
      runAsNonRoot: pod.runAsNonRoot ?? (root ? undefined : true),
      seccompProfile: pod.seccompProfile ?? { type: 'RuntimeDefault' },
    },
    initContainers: containers(spec.initContainers),
    containers: containers(spec.containers)!,
  };
}

function restrictedContainer(c: kplus.k8s.Container): kplus.k8s.Container {
  const sc = c.securityContext ?? {};
  if (sc.privileged) return c;
  return {
    ...c,
    securityContext: {
      ...sc,
      allowPrivilegeEscalation: sc.allowPrivilegeEscalation ?? false,
      capabilities: { ...sc.capabilities, drop: sc.capabilities?.drop ?? ['ALL'] },
    },
  };
}
