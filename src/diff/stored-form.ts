import { withApiDefaults } from './api-defaults';
import { ObjectIdentity } from './object-identity';
import { semanticForm } from './semantic-form';
import { isObject, JsonObject } from '../plan/fields';

/** Metadata the server owns: present in `kubectl get -o yaml` output, never a change a manifest makes. */
const SERVER_METADATA = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds'];

/** Annotations written by kubectl and the DaemonSet registry, not by the manifest's author. */
const SERVER_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration', 'deprecated.daemonset.template.generation'];

/**
 * An object as the API server would store it, in the form compared for equality: defaults filled in,
 * server-owned fields and `status` removed (the server ignores a request's status), `apiVersion` dropped
 * (the same object is served in every version), then `semanticForm`.
 */
export function storedForm(identity: ObjectIdentity, object: JsonObject): JsonObject {
  const obj = withApiDefaults(identity.group, identity.kind, object);
  delete obj.status;
  delete obj.apiVersion;
  if (identity.group === '' && identity.kind === 'Namespace') delete obj.spec; // NSSTRAT keeps the stored finalizers
  const meta = isObject(obj.metadata) ? obj.metadata : {};
  for (const key of SERVER_METADATA) delete meta[key];
  delete meta.namespace; // part of the identity
  if (isObject(meta.annotations)) for (const key of SERVER_ANNOTATIONS) delete meta.annotations[key];
  return semanticForm(obj) as JsonObject;
}
