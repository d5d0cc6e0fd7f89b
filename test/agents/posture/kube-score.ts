import { containersOf, Finding, hasNetworkPolicy, imageTag, initContainersOf, LintInput, podSpec, Severity } from './finding';

/**
 * kube-score's default checks (README_CHECKS.md, "default") that apply to a DaemonSet. Each check gives
 * one grade per object; a failed check is one finding, CRITICAL counted as danger and WARNING as warning.
 * pod-probes grades only pods that a Service targets (else it is skipped), so the other objects matter;
 * pod-topology-spread-constraints and the PDB and anti-affinity checks target Deployments and StatefulSets.
 */
export function kubeScore(input: LintInput): Finding[] {
  const found: Finding[] = [];
  const add = (check: string, severity: Severity, message: string) => found.push({ tool: 'kube-score', check, severity, message });
  const w = input.workload;
  const pod = podSpec(w);
  const containers = containersOf(w);
  const all = [...initContainersOf(w), ...containers];

  const missing = containers.flatMap((c: any) => ['limits.cpu', 'limits.memory', 'requests.cpu', 'requests.memory']
    .filter(f => { const [kind, r] = f.split('.'); return !c.resources?.[kind]?.[r]; }).map(f => `${c.name} ${f}`));
  if (missing.length) add('container-resources', 'danger', `not set: ${missing.join(', ')}`);
  if (containers.some((c: any) => { const t = imageTag(c.image ?? ''); return t === undefined || t === 'latest'; })) add('container-image-tag', 'danger', 'an image without a pinned tag');
  if (containers.some((c: any) => c.imagePullPolicy !== 'Always')) add('container-image-pull-policy', 'danger', 'imagePullPolicy is not Always');
  if (!hasNetworkPolicy(input)) add('pod-networkpolicy', 'danger', 'no NetworkPolicy targets the pods');

  const labels = w.spec?.template?.metadata?.labels ?? {};
  const ns = w.metadata?.namespace;
  const targeted = input.others.some(o => o?.kind === 'Service' && o.metadata?.namespace === ns && o.spec?.selector
    && Object.entries<string>(o.spec.selector).every(([k, v]) => labels[k] === v));
  if (targeted) {
    if (containers.some((c: any) => !c.readinessProbe)) add('pod-probes', 'danger', 'a container without a readiness probe, behind a Service');
    if (containers.some((c: any) => c.readinessProbe && c.livenessProbe && JSON.stringify(c.readinessProbe) === JSON.stringify(c.livenessProbe))) {
      add('pod-probes', 'danger', 'identical readiness and liveness probes');
    }
  }

  const psc = pod.securityContext ?? {};
  const low = all.filter((c: any) => {
    const user = c.securityContext?.runAsUser ?? psc.runAsUser;
    const group = c.securityContext?.runAsGroup ?? psc.runAsGroup;
    return !(typeof user === 'number' && user >= 10000) || !(typeof group === 'number' && group >= 10000);
  });
  if (low.length) add('container-security-context-user-group-id', 'danger', `user or group ID below 10000 or unset: ${low.map((c: any) => c.name).join(', ')}`);
  if (all.some((c: any) => c.securityContext?.privileged === true)) add('container-security-context-privileged', 'danger', 'a privileged container');
  if (all.some((c: any) => c.securityContext?.readOnlyRootFilesystem !== true)) add('container-security-context-readonlyrootfilesystem', 'danger', 'a writable root filesystem');

  for (const c of all) {
    const names = (c.env ?? []).map((e: any) => e.name);
    if (new Set(names).size !== names.length) add('environment-variable-key-duplication', 'danger', `${c.name} repeats an environment variable`);
  }
  if (/^(extensions\/v1beta1|apps\/v1beta[12])$/.test(w.apiVersion ?? '')) add('stable-version', 'warning', `${w.apiVersion} is deprecated`);
  return found;
}
