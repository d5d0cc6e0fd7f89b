import { CONFIG_MAP_RULES } from './config-map-rules';
import { CONTAINER_DETAIL_RULES } from './container-detail-rules';
import { CONTAINER_RULES } from './container-rules';
import { DAEMONSET_RULES } from './daemonset-rules';
import { METADATA_RULES } from './metadata-rules';
import { PRIORITY_CLASS_RULES } from './priority-class-rules';
import { SCHEDULING_RULES } from './scheduling-rules';
import { SERVICE_RULES } from './service-rules';
import { ObjectRule, Violation } from './violation';
import { VOLUME_RULES } from './volume-rules';

/** Every API-server rule (kubernetes-rules.md sections 1-4) that applies to what node daemons emit. */
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
];

/** Runs every API-server rule that applies to the object's kind. */
export function checkApiServerRules(obj: any): Violation[] {
  return API_SERVER_RULES
    .filter(r => r.kinds.includes('*') || r.kinds.includes(obj?.kind))
    .flatMap(r => r.check(obj));
}
