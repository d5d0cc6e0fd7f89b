/** The Restricted controls of the Pod Security Standards, as 1.28 admission checks them. */
import {
  ALLOWED_VOLUMES, containerList, ContainerRef, containersOf, explicitSeccomp, isWindows, joinQuote, plural,
  podContext, PodSecurityCheck, RESTRICTED_VOLUMES, sortedSet, subjects, volumesOf,
} from './pod-security-check';

export const restrictedVolumes: PodSecurityCheck = {
  id: 'restrictedVolumes',
  ruleId: 'PSS012',
  title: 'Volume Types',
  level: 'restricted',
  since: 0,
  overrides: 'hostPathVolumes',
  allowed: `only ${ALLOWED_VOLUMES.join(', ')} volumes`,
  run(pod) {
    const bad: { name: string; type: string; path: string }[] = [];
    for (const { v, path } of volumesOf(pod)) {
      const sources = Object.keys(v).filter(k => k !== 'name' && v[k] !== undefined && v[k] !== null);
      // A volume without a source is defaulted to emptyDir before admission sees it.
      if (!sources.length || sources.some(s => ALLOWED_VOLUMES.includes(s))) continue;
      bad.push({ name: v.name, type: RESTRICTED_VOLUMES.find(t => sources.includes(t)) ?? 'unknown', path });
    }
    if (!bad.length) return undefined;
    const types = sortedSet(bad.map(b => b.type));
    return {
      reason: 'restricted volume types',
      detail: `${plural(bad.length, 'volume', 'volumes')} ${joinQuote(bad.map(b => b.name))} ${plural(bad.length, 'uses', 'use')} restricted volume ${plural(types.length, 'type', 'types')} ${joinQuote(types)}`,
      path: `${bad[0].path}.${bad[0].type === 'unknown' ? '' : bad[0].type}`.replace(/\.$/, ''),
      value: bad[0].type,
    };
  },
};

export const allowPrivilegeEscalation: PodSecurityCheck = {
  id: 'allowPrivilegeEscalation',
  ruleId: 'PSS013',
  title: 'Privilege Escalation',
  level: 'restricted',
  since: 8,
  allowed: 'securityContext.allowPrivilegeEscalation: false in every container',
  run(pod, minor) {
    if (minor >= 25 && isWindows(pod)) return undefined;
    const bad = containersOf(pod).filter(r => r.c.securityContext?.allowPrivilegeEscalation !== false);
    if (!bad.length) return undefined;
    return {
      reason: 'allowPrivilegeEscalation != false',
      detail: `${containerList(bad.map(r => r.c.name))} must set securityContext.allowPrivilegeEscalation=false`,
      path: `${bad[0].path}.securityContext.allowPrivilegeEscalation`,
      value: bad[0].c.securityContext?.allowPrivilegeEscalation ?? null,
    };
  },
};

export const runAsNonRoot: PodSecurityCheck = {
  id: 'runAsNonRoot',
  ruleId: 'PSS014',
  title: 'Running as Non-root',
  level: 'restricted',
  since: 0,
  allowed: 'runAsNonRoot: true on the pod (containers may omit it, never false) or on every container',
  run(pod) {
    const podValue = podContext(pod).runAsNonRoot;
    const refs = containersOf(pod);
    const explicit = refs.filter(r => r.c.securityContext?.runAsNonRoot === false);
    if (podValue === false || explicit.length) {
      return {
        reason: 'runAsNonRoot != true',
        detail: `${subjects(podValue === false, explicit.map(r => r.c.name))} must not set securityContext.runAsNonRoot=false`,
        path: podValue === false ? `${pod.specPath}.securityContext.runAsNonRoot` : `${explicit[0].path}.securityContext.runAsNonRoot`,
        value: false,
      };
    }
    if (podValue === true) return undefined;
    const missing = refs.filter(r => r.c.securityContext?.runAsNonRoot !== true);
    if (!missing.length) return undefined;
    return {
      reason: 'runAsNonRoot != true',
      detail: `pod or ${containerList(missing.map(r => r.c.name))} must set securityContext.runAsNonRoot=true`,
      path: `${missing[0].path}.securityContext.runAsNonRoot`,
      value: null,
    };
  },
};

export const runAsUser: PodSecurityCheck = {
  id: 'runAsUser',
  ruleId: 'PSS015',
  title: 'Running as Non-root user',
  level: 'restricted',
  since: 23,
  allowed: 'runAsUser unset or non-zero on the pod and every container',
  run(pod) {
    const podBad = podContext(pod).runAsUser === 0;
    const bad = containersOf(pod).filter(r => r.c.securityContext?.runAsUser === 0);
    if (!podBad && !bad.length) return undefined;
    return {
      reason: 'runAsUser=0',
      detail: `${subjects(podBad, bad.map(r => r.c.name))} must not set runAsUser=0`,
      path: podBad ? `${pod.specPath}.securityContext.runAsUser` : `${bad[0].path}.securityContext.runAsUser`,
      value: 0,
    };
  },
};

export const seccompProfileRestricted: PodSecurityCheck = {
  id: 'seccompProfile_restricted',
  ruleId: 'PSS016',
  title: 'Seccomp',
  level: 'restricted',
  since: 19,
  overrides: 'seccompProfile_baseline',
  allowed: 'seccompProfile.type RuntimeDefault or Localhost on the pod, or on every container',
  run(pod, minor) {
    if (minor >= 25 && isWindows(pod)) return undefined;
    const explicit = explicitSeccomp(pod);
    if (explicit) return explicit;
    if (podContext(pod).seccompProfile) return undefined;
    const missing = containersOf(pod).filter(r => !r.c.securityContext?.seccompProfile);
    if (!missing.length) return undefined;
    return {
      reason: 'seccompProfile',
      detail: `pod or ${containerList(missing.map(r => r.c.name))} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
      path: `${pod.specPath}.securityContext.seccompProfile`,
      value: null,
    };
  },
};

export const capabilitiesRestricted: PodSecurityCheck = {
  id: 'capabilities_restricted',
  ruleId: 'PSS017',
  title: 'Capabilities',
  level: 'restricted',
  since: 22,
  overrides: 'capabilities_baseline',
  allowed: 'capabilities.drop contains "ALL" in every container; add empty or only NET_BIND_SERVICE',
  run(pod, minor) {
    if (minor >= 25 && isWindows(pod)) return undefined;
    const noDrop: ContainerRef[] = [];
    const badAdd: ContainerRef[] = [];
    const caps: string[] = [];
    for (const r of containersOf(pod)) {
      const capabilities = r.c.securityContext?.capabilities;
      if (!capabilities) {
        noDrop.push(r);
        continue;
      }
      if (!(capabilities.drop ?? []).includes('ALL')) noDrop.push(r);
      const extra = (capabilities.add ?? []).filter((c: string) => c !== 'NET_BIND_SERVICE');
      if (extra.length) {
        badAdd.push(r);
        caps.push(...extra);
      }
    }
    if (!noDrop.length && !badAdd.length) return undefined;
    const parts = [
      ...(noDrop.length ? [`${containerList(noDrop.map(r => r.c.name))} must set securityContext.capabilities.drop=["ALL"]`] : []),
      ...(badAdd.length ? [`${containerList(badAdd.map(r => r.c.name))} must not include ${joinQuote(sortedSet(caps))} in securityContext.capabilities.add`] : []),
    ];
    const first = noDrop.length ? { path: `${noDrop[0].path}.securityContext.capabilities`, value: noDrop[0].c.securityContext?.capabilities ?? null }
      : { path: `${badAdd[0].path}.securityContext.capabilities.add`, value: sortedSet(caps) };
    return { reason: 'unrestricted capabilities', detail: parts.join('; '), ...first };
  },
};
