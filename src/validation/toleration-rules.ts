import { rule } from './violation';

/**
 * The NoExecute taints the DaemonSet controller tolerates on every daemon pod itself (operator Exists, no
 * tolerationSeconds: forever), k8s.io/kubernetes pkg/controller/daemon/util AddOrUpdateDaemonPodTolerations.
 */
const CONTROLLER_NO_EXECUTE_TAINTS = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'];

/**
 * The controller adds its toleration with AddOrUpdateTolerationInPodSpec, which replaces a toleration of
 * the same key, operator, value and effect: a template's tolerationSeconds for these taints never applies.
 */
export const BP008 = rule('BP008', ['DaemonSet'], 'no tolerationSeconds on the not-ready and unreachable tolerations the DaemonSet controller replaces with its own',
  (obj, sink) => {
    (obj.spec?.template?.spec?.tolerations ?? []).forEach((t: any, i: number) => {
      if (!t || !CONTROLLER_NO_EXECUTE_TAINTS.includes(t.key) || t.operator !== 'Exists' || t.effect !== 'NoExecute') return;
      if (t.tolerationSeconds === undefined || t.tolerationSeconds === null || (t.value ?? '') !== '') return;
      sink.add(`spec.template.spec.tolerations[${i}].tolerationSeconds`, t.tolerationSeconds,
        `never applies: the DaemonSet controller replaces this toleration of ${t.key} with its own, which never expires, so daemon pods stay on such nodes anyway`,
        'no toleration for this taint (the controller adds it to every daemon pod)');
    });
  });
