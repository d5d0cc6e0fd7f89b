/**
 * Built-in kinds that live outside namespaces (Kubernetes 1.28; checked against the OpenAPI spec by
 * test/diff/object-identity.test.ts). Their namespace is not part of their identity.
 */
const CLUSTER_SCOPED = new Set([
  '/Namespace', '/Node', '/PersistentVolume', '/ComponentStatus',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration', 'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'apiextensions.k8s.io/CustomResourceDefinition', 'apiregistration.k8s.io/APIService',
  'authentication.k8s.io/SelfSubjectReview', 'authentication.k8s.io/TokenReview',
  'authorization.k8s.io/SelfSubjectAccessReview', 'authorization.k8s.io/SelfSubjectRulesReview', 'authorization.k8s.io/SubjectAccessReview',
  'certificates.k8s.io/CertificateSigningRequest',
  'flowcontrol.apiserver.k8s.io/FlowSchema', 'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
  'networking.k8s.io/IngressClass', 'node.k8s.io/RuntimeClass',
  'rbac.authorization.k8s.io/ClusterRole', 'rbac.authorization.k8s.io/ClusterRoleBinding',
  'scheduling.k8s.io/PriorityClass',
  'storage.k8s.io/CSIDriver', 'storage.k8s.io/CSINode', 'storage.k8s.io/StorageClass', 'storage.k8s.io/VolumeAttachment',
]);

/**
 * Kinds that moved out of a retired group: the API server stores them once, so `extensions/v1beta1`
 * and `apps/v1` name the same DaemonSet (update-rules.md section 9).
 */
const MOVED: Record<string, string> = {
  'extensions/DaemonSet': 'apps',
  'extensions/Deployment': 'apps',
  'extensions/ReplicaSet': 'apps',
  'extensions/NetworkPolicy': 'networking.k8s.io',
  'extensions/Ingress': 'networking.k8s.io',
  'extensions/PodSecurityPolicy': 'policy',
};

/** The namespace kubectl applies an object without one to (the default context namespace). */
export const DEFAULT_NAMESPACE = 'default';

/** What `kubectl apply` identifies an object by: API group, kind, namespace and name. */
export interface ObjectIdentity {
  /** The API group, `""` for the core group. */
  readonly group: string;
  readonly kind: string;
  /** Undefined for cluster-scoped kinds; `default` for a namespaced object written without one. */
  readonly namespace?: string;
  readonly name: string;
}

/** The group of an apiVersion: `apps/v1` -> `apps`, `v1` -> `""`. */
export function groupOfApiVersion(apiVersion: string): string {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** True for the built-in kinds that have no namespace. */
export function isClusterScoped(group: string, kind: string): boolean {
  return CLUSTER_SCOPED.has(`${group}/${kind}`);
}

/** The identity of an object from its apiVersion, kind and metadata. */
export function identityOf(apiVersion: string, kind: string, name: string, namespace: string | undefined): ObjectIdentity {
  const written = groupOfApiVersion(apiVersion);
  const group = MOVED[`${written}/${kind}`] ?? written;
  if (isClusterScoped(group, kind)) return { group, kind, name };
  return { group, kind, namespace: namespace || DEFAULT_NAMESPACE, name };
}

/** A string that is equal for two identities exactly when they name the same stored object. */
export function identityKey(id: ObjectIdentity): string {
  return `${id.group}\u0000${id.kind}\u0000${id.namespace ?? ''}\u0000${id.name}`;
}

/** `DaemonSet kube-system/fluent-bit`, `ClusterRole fluent-bit`, `ServiceMonitor.monitoring.coreos.com ns/x`. */
export function describeIdentity(id: ObjectIdentity): string {
  const builtIn = id.group === '' || id.group === 'apps' || id.group.endsWith('.k8s.io') || id.group === 'policy' || id.group === 'batch' || id.group === 'autoscaling';
  const kind = builtIn ? id.kind : `${id.kind}.${id.group}`;
  return `${kind} ${id.namespace ? `${id.namespace}/` : ''}${id.name}`;
}
