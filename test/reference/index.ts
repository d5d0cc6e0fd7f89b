import { Errors, RefError } from './findings';
import { checkMetadata } from './metadata';
import {
  checkBinding, checkConfigMap, checkNetworkPolicy, checkPodDisruptionBudget, checkPriorityClass, checkRole, checkSecret,
} from './other-kinds';
import { checkPodSpec } from './pod';
import { schemaErrors } from './schema';
import { checkService } from './service';
import { checkDaemonSet, checkDeployment } from './workloads';

// A reference implementation of what a Kubernetes 1.28 API server accepts, written from
// ../shared/reference/kubernetes-rules.md and the strict schemas in ../shared/k8s, for differential
// testing of src/validation: it shares no code with it (and must not import from src/).

export type { RefError } from './findings';

const BY_KIND: Record<string, (obj: any, e: Errors) => void> = {
  DaemonSet: checkDaemonSet,
  Deployment: checkDeployment,
  Pod: (pod, e) => checkPodSpec(pod.spec, e.at('spec'), false, pod.metadata?.annotations, e.at('metadata.annotations')),
  Service: checkService,
  PriorityClass: checkPriorityClass,
  ConfigMap: checkConfigMap,
  Secret: checkSecret,
  Role: checkRole,
  ClusterRole: checkRole,
  RoleBinding: checkBinding,
  ClusterRoleBinding: checkBinding,
  PodDisruptionBudget: checkPodDisruptionBudget,
  NetworkPolicy: checkNetworkPolicy,
};

/** Every error the API server would return for creating this object (strict schema, then validation). */
export function referenceErrors(obj: any): RefError[] {
  const errors = schemaErrors(obj);
  const e = new Errors();
  if (obj === null || typeof obj !== 'object') return [{ field: '', type: 'Invalid value', detail: 'not an object' }];
  checkMetadata(obj, e);
  BY_KIND[obj.kind]?.(obj, e);
  return [...errors, ...e.list];
}

/** `field: Type: detail`, as the API server prints it. */
export function formatRefError(r: RefError): string {
  return `${r.field}: ${r.type}${r.detail ? `: ${r.detail}` : ''}`;
}
