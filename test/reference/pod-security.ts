import { arr, Errors, isSet, map, str, whole } from './findings';
import { isIP, subdomain } from './syntax';

// The rest of COREV ValidatePodSpec for the pod fields agents set: hostAliases, the pod security context
// (group IDs, sysctls), seccomp profiles, AppArmor annotations (1.28 has no field), runtimeClassName and
// shareProcessNamespace with hostPID.

const MAX_ID = 2147483647;
const SYSCTL_NAME = /^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;
const APPARMOR = 'container.apparmor.security.beta.kubernetes.io/';

function groupId(e: Errors, v: unknown): void {
  if (isSet(v) && (!whole(v) || v < 0 || v > MAX_ID)) e.invalid(`must be between 0 and ${MAX_ID}, inclusive`);
}

/** A sysctl's name with '/' as the separator turned into '.', when '/' is the first separator. */
function dotted(name: string): string {
  const first = /[./]/.exec(name);
  if (!first || first[0] === '.') return name;
  return [...name].map(ch => (ch === '/' ? '.' : ch === '.' ? '/' : ch)).join('');
}

function seccomp(e: Errors, profile: any): void {
  if (!isSet(profile)) return;
  const type = profile.type;
  if (!['RuntimeDefault', 'Unconfined', 'Localhost'].includes(type)) {
    if (isSet(type)) e.at('type').unsupported(['Localhost', 'RuntimeDefault', 'Unconfined']);
    else e.at('type').required();
  }
  const local = profile.localhostProfile;
  if (type === 'Localhost') {
    if (str(local) === '') e.at('localhostProfile').required('must be set when seccomp type is Localhost');
    else if (local.startsWith('/')) e.at('localhostProfile').invalid('must be a relative path');
    else if (local.split('/').includes('..')) e.at('localhostProfile').invalid("must not contain '..'");
  } else if (isSet(local)) {
    e.at('localhostProfile').invalid('can only be set when seccomp type is Localhost');
  }
}

export function checkPodSecurity(spec: any, e: Errors, annotations: unknown, annotationsAt: Errors): void {
  arr(spec.hostAliases).forEach((a: any, i: number) => {
    if (!isIP(str(a?.ip))) e.at('hostAliases').at(i).at('ip').invalid('must be a valid IP address');
    arr(a?.hostnames).forEach((h, j) => e.at('hostAliases').at(i).at('hostnames').at(j).each(subdomain(String(h))));
  });
  const sc = map(spec.securityContext);
  const at = e.at('securityContext');
  groupId(at.at('fsGroup'), sc.fsGroup);
  arr(sc.supplementalGroups).forEach((g, i) => groupId(at.at('supplementalGroups').at(i), g));
  const names = new Set<string>();
  arr(sc.sysctls).forEach((s: any, i: number) => {
    const ne = at.at('sysctls').at(i).at('name');
    const name = str(s?.name);
    if (name === '') {
      ne.required();
      return;
    }
    if (name.length > 253 || !SYSCTL_NAME.test(name)) ne.invalid('must have at most 253 characters and match the sysctl name regex');
    if (names.has(name)) ne.duplicate();
    names.add(name);
    const n = dotted(name);
    if (spec.hostNetwork === true && n.startsWith('net.')) ne.invalid("may not be specified when 'hostNetwork' is true");
    const ipc = n === 'kernel.sem' || n.startsWith('kernel.shm') || n.startsWith('kernel.msg') || n.startsWith('fs.mqueue.');
    if (spec.hostIPC === true && ipc) ne.invalid("may not be specified when 'hostIPC' is true");
  });
  seccomp(at.at('seccompProfile'), sc.seccompProfile);
  const containers = [...arr(spec.initContainers), ...arr(spec.containers), ...arr(spec.ephemeralContainers)];
  for (const [field, list] of [['initContainers', arr(spec.initContainers)], ['containers', arr(spec.containers)], ['ephemeralContainers', arr(spec.ephemeralContainers)]] as const) {
    list.forEach((c: any, i: number) => seccomp(e.at(field).at(i).at('securityContext.seccompProfile'), c?.securityContext?.seccompProfile));
  }
  if (spec.shareProcessNamespace === true && spec.hostPID === true) e.at('shareProcessNamespace').invalid('ShareProcessNamespace and HostPID cannot both be enabled');
  // A pointer field: an empty name is set, and no RuntimeClass is named ''.
  if (isSet(spec.runtimeClassName)) e.at('runtimeClassName').each(subdomain(String(spec.runtimeClassName)));
  const containerNames = new Set(containers.map((c: any) => c?.name));
  for (const [key, value] of Object.entries(map(annotations))) {
    if (!key.startsWith(APPARMOR)) continue;
    const ae = annotationsAt.key(key);
    if (!containerNames.has(key.slice(APPARMOR.length))) ae.invalid('container not found');
    const profile = String(value);
    if (profile !== '' && profile !== 'runtime/default' && profile !== 'unconfined' && !profile.startsWith('localhost/')) ae.invalid('invalid AppArmor profile name');
  }
}
