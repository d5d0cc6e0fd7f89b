import { checkLabelMap } from './metadata-rules';
import { dns1123Subdomain, labelValue, qualifiedName } from './names';
import { isInt, ObjectRule, podSpecOf, rule, ViolationSink, WORKLOAD_KINDS } from './violation';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export const POD008 = rule('POD008', WORKLOAD_KINDS, 'tolerations: key syntax, Exists without value, empty key only with Exists, tolerationSeconds only with NoExecute, known effect',
  (obj, sink) => {
    const pod = podSpecOf(obj);
    if (!pod) return;
    (pod.spec.tolerations ?? []).forEach((t: any, i: number) => {
      const p = `${pod.path}.tolerations[${i}]`;
      const key = t.key ?? '';
      if (key !== '') sink.check(`${p}.key`, key, qualifiedName(key), "a label-style key '[prefix/]name'");
      if (key === '' && t.operator !== 'Exists') {
        sink.add(`${p}.operator`, t.operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"', 'operator Exists, or a key');
      }
      if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') {
        sink.add(`${p}.effect`, t.effect, "effect must be 'NoExecute' when `tolerationSeconds` is set", 'effect NoExecute, or no tolerationSeconds');
      }
      if (t.tolerationSeconds !== undefined && !isInt(t.tolerationSeconds)) {
        sink.add(`${p}.tolerationSeconds`, t.tolerationSeconds, 'must be a whole number of seconds', 'an integer');
      }
      if (t.operator === undefined || t.operator === '' || t.operator === 'Equal') {
        sink.check(`${p}.operator`, t.value, labelValue(String(t.value ?? '')), 'a valid label value');
      } else if (t.operator === 'Exists') {
        if (t.value !== undefined && t.value !== '') sink.add(`${p}.operator`, t.value, "value must be empty when `operator` is 'Exists'", 'no value with Exists');
      } else {
        sink.add(`${p}.operator`, t.operator, 'Unsupported value', '"Equal", "Exists"');
      }
      if (t.effect !== undefined && t.effect !== '' && !EFFECTS.includes(t.effect)) {
        sink.add(`${p}.effect`, t.effect, 'Unsupported value', '"NoSchedule", "PreferNoSchedule", "NoExecute"');
      }
    });
  });

function checkNodeSelectorTerm(sink: ViolationSink, term: any, path: string): void {
  (term.matchExpressions ?? []).forEach((expr: any, i: number) => {
    const p = `${path}.matchExpressions[${i}]`;
    sink.check(`${p}.key`, expr.key, qualifiedName(String(expr.key ?? '')), "a label key '[prefix/]name'");
    const values: unknown[] = expr.values ?? [];
    switch (expr.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) sink.add(`${p}.values`, expr.values, "must be specified when `operator` is 'In' or 'NotIn'", 'one or more values');
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) sink.add(`${p}.values`, expr.values, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'", 'no values');
        break;
      case 'Gt':
      case 'Lt':
        // Only the count is validated; a non-integer value simply never matches a node.
        if (values.length !== 1) sink.add(`${p}.values`, expr.values, "must be specified single value when `operator` is 'Lt' or 'Gt'", 'exactly one integer value');
        break;
      default:
        sink.add(`${p}.operator`, expr.operator, 'not a valid selector operator', '"In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"');
    }
  });
  (term.matchFields ?? []).forEach((field: any, i: number) => {
    const p = `${path}.matchFields[${i}]`;
    if (field.key !== 'metadata.name') sink.add(`${p}.key`, field.key, 'not a valid field selector key', '"metadata.name"');
    if (field.operator !== 'In' && field.operator !== 'NotIn') sink.add(`${p}.operator`, field.operator, 'not a valid selector operator', '"In" or "NotIn"');
    if ((field.values ?? []).length !== 1) {
      sink.add(`${p}.values`, field.values, "must be only one value when `operator` is 'In' or 'NotIn' for node field selector", 'exactly one node name');
    } else {
      sink.check(`${p}.values[0]`, field.values[0], dns1123Subdomain(String(field.values[0])), 'a node name (DNS-1123 subdomain)');
    }
  });
}

export const POD009 = rule('POD009', WORKLOAD_KINDS, 'nodeSelector labels are valid; required node affinity has terms with well-formed expressions',
  (obj, sink) => {
    const pod = podSpecOf(obj);
    if (!pod) return;
    checkLabelMap(sink, pod.spec.nodeSelector, `${pod.path}.nodeSelector`);
    const required = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (!required) return;
    const p = `${pod.path}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`;
    const terms: any[] = required.nodeSelectorTerms ?? [];
    if (terms.length === 0) sink.add(p, terms, 'must have at least one node selector term', 'one or more terms');
    terms.forEach((term, i) => checkNodeSelectorTerm(sink, term, `${p}[${i}]`));
  });

export const POD010 = rule('POD010', WORKLOAD_KINDS, 'priorityClassName is a DNS-1123 subdomain; preemptionPolicy is PreemptLowerPriority or Never',
  (obj, sink) => {
    const pod = podSpecOf(obj);
    if (!pod) return;
    const name = pod.spec.priorityClassName;
    if (name !== undefined && name !== '') sink.check(`${pod.path}.priorityClassName`, name, dns1123Subdomain(String(name)), 'the name of a PriorityClass');
    const policy = pod.spec.preemptionPolicy;
    if (policy !== undefined && policy !== 'PreemptLowerPriority' && policy !== 'Never') {
      sink.add(`${pod.path}.preemptionPolicy`, policy, 'Unsupported value', '"PreemptLowerPriority", "Never"');
    }
  });

export const SCHEDULING_RULES: ObjectRule[] = [POD008, POD009, POD010];
