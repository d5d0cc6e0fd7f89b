import { isInt, ObjectRule, rule } from './violation';

/** The API server's built-in classes (pkg/apis/scheduling). */
export const SYSTEM_PRIORITY_CLASSES: Record<string, number> = {
  'system-cluster-critical': 2000000000,
  'system-node-critical': 2000001000,
};

export const HIGHEST_USER_DEFINABLE_PRIORITY = 1000000000;

export const PC001 = rule('PC001', ['PriorityClass'], 'value is an int32, at most 1000000000 for user classes; names starting with system- are reserved',
  (pc, sink) => {
    const name = String(pc.metadata?.name ?? '');
    const value = pc.value;
    if (!isInt(value) || value < -2147483648 || value > 2147483647) {
      sink.add('value', value, 'must be a 32-bit integer', 'an integer from -2147483648 to 1000000000');
      return;
    }
    if (name.startsWith('system-')) {
      const expected = SYSTEM_PRIORITY_CLASSES[name];
      if (expected === undefined) {
        sink.add('metadata.name', name, `priority class names with 'system-' prefix are reserved for system use only. error: ${name} is not a known system priority class`, 'a name without the system- prefix, or Priority.systemNodeCritical() to use the built-in class');
      } else if (value !== expected) {
        sink.add('metadata.name', name, `priority class names with 'system-' prefix are reserved for system use only. error: value of ${name} PriorityClass must be ${expected}`, 'reference the built-in class instead of creating it');
      } else if (pc.globalDefault === true) {
        sink.add('metadata.name', name, `priority class names with 'system-' prefix are reserved for system use only. error: globalDefault of ${name} PriorityClass must be false`, 'globalDefault false');
      }
    } else if (value > HIGHEST_USER_DEFINABLE_PRIORITY) {
      sink.add('value', value, 'maximum allowed value of a user defined priority is 1000000000', 'a value <= 1000000000; use system-node-critical for node-critical daemons');
    }
  });

export const PC002 = rule('PC002', ['PriorityClass'], 'preemptionPolicy is PreemptLowerPriority or Never',
  (pc, sink) => {
    const policy = pc.preemptionPolicy;
    if (policy !== undefined && policy !== 'PreemptLowerPriority' && policy !== 'Never') {
      sink.add('preemptionPolicy', policy, 'Unsupported value', '"PreemptLowerPriority", "Never"');
    }
  });

export const PRIORITY_CLASS_RULES: ObjectRule[] = [PC001, PC002];
