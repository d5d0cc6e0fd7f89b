import { describeIdentity, ObjectIdentity } from './object-identity';

const RESOURCE: Record<string, string> = {
  DaemonSet: 'daemonset',
  Service: 'service',
  PriorityClass: 'priorityclass',
  RoleBinding: 'rolebinding',
  ClusterRoleBinding: 'clusterrolebinding',
  ConfigMap: 'configmap',
  Secret: 'secret',
};

/** `kubectl delete daemonset fluent-bit -n kube-system` (plus the extra flags given). */
export function deleteCommand(id: ObjectIdentity, flags = ''): string {
  const resource = RESOURCE[id.kind] ?? id.kind.toLowerCase();
  return `kubectl delete ${resource} ${id.name}${id.namespace ? ` -n ${id.namespace}` : ''}${flags ? ` ${flags}` : ''}`;
}

/** The ways out of a refused update, per kind, and what each costs (update-rules.md sections 3-6, 9, 10). */
export function wayOut(id: ObjectIdentity): string {
  const what = describeIdentity(id);
  switch (id.kind) {
    case 'Service':
      return `Way out: \`${deleteCommand(id)}\`, then apply: the Service gets a new cluster IP, and clients that hold the old one (cached DNS answers, the *_SERVICE_HOST variables of running pods) fail until they restart; `
        + 'or leave clusterIP out of the manifest so the allocated one is kept.';
    case 'PriorityClass':
      return `Way out: a new name (pods take it only when they are re-created, so the DaemonSets that name it must roll), or \`${deleteCommand(id)}\` and apply again: running pods keep the priority they were admitted with, and pods created while the class is missing are refused by admission.`;
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      return `Way out: \`${deleteCommand(id)}\`, then apply: the subjects lose these permissions between the two steps; or a new name, which a pruning sync turns into create + delete (without pruning the old binding keeps granting the old role).`;
    case 'ConfigMap':
    case 'Secret':
      return `Way out: a new name (a content hash in the name is the usual way), which changes the pod templates that refer to it and so rolls them; or \`${deleteCommand(id)}\` and apply again: running pods keep the copy they mounted (and env values until they restart), and pods that start in between fail with CreateContainerConfigError.`;
    default:
      return `Way out: \`${deleteCommand(id)}\` and apply again: ${what} does not exist in between.`;
  }
}
