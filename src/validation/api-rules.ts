import { CONFIG_MAP_RULES } from './config-map-rules';
import { CONTAINER_DETAIL_RULES } from './container-detail-rules';
import { CONTAINER_RULES } from './container-rules';
import { DAEMONSET_RULES } from './daemonset-rules';
import { DEPLOYMENT_RULES } from './deployment-rules';
import { ENV_RULES } from './env-rules';
import { HANDLER_RULES } from './handler-rules';
import { METADATA_RULES } from './metadata-rules';
import { POD_FIELD_RULES } from './pod-field-rules';
import { POD_SPEC_RULES } from './pod-spec-rules';
import { POLICY_RULES } from './policy-rules';
import { PRIORITY_CLASS_RULES } from './priority-class-rules';
import { RBAC_RULES } from './rbac-rules';
import { SCHEDULING_RULES } from './scheduling-rules';
import { SECRET_RULES } from './secret-rules';
import { SERVICE_RULES } from './service-rules';
import { SIZE_RULES } from './size-rules';
import { ObjectRule, Violation } from './violation';
import { VOLUME_RULES } from './volume-rules';

/** Every API-server rule: kubernetes-rules.md sections 1-4, and the rules of every other kind the strict schemas cover. */
export const API_SERVER_RULES: ObjectRule[] = [
  ...METADATA_RULES,
  ...DAEMONSET_RULES,
  ...CONTAINER_RULES,
  ...VOLUME_RULES,
  ...SCHEDULING_RULES,
  ...CONTAINER_DETAIL_RULES,
  ...SERVICE_RULES,
  ...PRIORITY_CLASS_RULES,
  ...CONFIG_MAP_RULES,
  ...HANDLER_RULES,
  ...POD_SPEC_RULES,
  ...ENV_RULES,
  ...SIZE_RULES,
  ...SECRET_RULES,
  ...RBAC_RULES,
  ...POLICY_RULES,
  ...DEPLOYMENT_RULES,
  ...POD_FIELD_RULES,
];

/** Runs every API-server rule that applies to the object's kind. */
export function checkApiServerRules(obj: any): Violation[] {
  return API_SERVER_RULES
    .filter(r => r.kinds.includes('*') || r.kinds.includes(obj?.kind))
    .flatMap(r => r.check(obj));
}
