import { isObject, JsonObject } from '../plan/fields';

/**
 * The defaults the API server fills in before it stores an object (Kubernetes 1.28, `SetDefaults_*` in
 * the v1 defaults.go of each API group, as update-rules.md and kubernetes-rules.md list them), so that writing a
 * default out is no change. Works on a deep copy; the caller passes JSON-safe data.
 */
export function withApiDefaults(group: string, kind: string, written: JsonObject): JsonObject {
  const obj = JSON.parse(JSON.stringify(written)) as JsonObject;
  const spec = isObject(obj.spec) ? obj.spec : undefined;
  if (group === 'apps' && kind === 'DaemonSet' && spec) defaultDaemonSetSpec(spec);
  if (group === '' && kind === 'Service' && spec) defaultServiceSpec(spec);
  if (group === 'scheduling.k8s.io' && kind === 'PriorityClass') obj.preemptionPolicy ||= 'PreemptLowerPriority';
  if (group === 'rbac.authorization.k8s.io' && (kind === 'RoleBinding' || kind === 'ClusterRoleBinding')) defaultBinding(obj);
  if (group === '' && kind === 'Secret') defaultSecret(obj);
  return obj;
}

function defaultDaemonSetSpec(spec: JsonObject): void {
  const strategy = object(spec, 'updateStrategy');
  strategy.type ||= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const rolling = object(strategy, 'rollingUpdate');
    rolling.maxUnavailable ??= 1;
    rolling.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  const template = isObject(spec.template) ? spec.template : undefined;
  if (template && isObject(template.spec)) defaultPodSpec(template.spec);
}

/** `SetDefaults_PodSpec` and what it reaches, for a pod template (not `SetDefaults_Pod`, which only runs for Pods). */
export function defaultPodSpec(pod: JsonObject): void {
  pod.restartPolicy ||= 'Always';
  pod.dnsPolicy ||= 'ClusterFirst';
  pod.terminationGracePeriodSeconds ??= 30;
  pod.schedulerName ||= 'default-scheduler';
  pod.securityContext ??= {};
  // v1 serviceAccount is the deprecated twin of serviceAccountName; the stored form carries one value.
  const account = pod.serviceAccountName || pod.serviceAccount;
  delete pod.serviceAccount;
  if (account) pod.serviceAccountName = account;
  for (const key of ['initContainers', 'containers', 'ephemeralContainers']) {
    for (const c of objects(pod[key])) defaultContainer(c);
  }
  for (const v of objects(pod.volumes)) defaultVolume(v);
}

function defaultContainer(c: JsonObject): void {
  c.terminationMessagePath ||= '/dev/termination-log';
  c.terminationMessagePolicy ||= 'File';
  if (typeof c.image === 'string') c.imagePullPolicy ||= pullsAlways(c.image) ? 'Always' : 'IfNotPresent';
  for (const p of objects(c.ports)) p.protocol ||= 'TCP';
  for (const key of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    if (isObject(c[key])) defaultProbe(c[key] as JsonObject);
  }
  if (isObject(c.lifecycle)) {
    for (const key of ['postStart', 'preStop']) {
      const handler = (c.lifecycle as JsonObject)[key];
      if (isObject(handler) && isObject(handler.httpGet)) defaultHttpGet(handler.httpGet);
    }
  }
  for (const e of objects(c.env)) {
    const from = isObject(e.valueFrom) ? e.valueFrom : undefined;
    if (from && isObject(from.fieldRef)) from.fieldRef.apiVersion ||= 'v1';
  }
}

/** `SetDefaults_Container`: `:latest` or no tag pulls Always, a tag or digest IfNotPresent. */
function pullsAlways(image: string): boolean {
  if (image.includes('@')) return false;
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  return colon < 0 || lastSegment.slice(colon + 1) === 'latest';
}

function defaultProbe(p: JsonObject): void {
  p.timeoutSeconds ??= 1;
  p.periodSeconds ??= 10;
  p.successThreshold ??= 1;
  p.failureThreshold ??= 3;
  if (isObject(p.httpGet)) defaultHttpGet(p.httpGet);
}

function defaultHttpGet(h: JsonObject): void {
  h.path ||= '/';
  h.scheme ||= 'HTTP';
}

function defaultVolume(v: JsonObject): void {
  for (const key of ['configMap', 'secret', 'downwardAPI', 'projected']) {
    if (isObject(v[key])) (v[key] as JsonObject).defaultMode ??= 420;
  }
  if (isObject(v.hostPath)) v.hostPath.type ??= '';
  const sources = Object.keys(v).filter(k => k !== 'name');
  if (sources.length === 0) v.emptyDir = {};
}

function defaultServiceSpec(spec: JsonObject): void {
  spec.type ||= 'ClusterIP';
  spec.sessionAffinity ||= 'None';
  if (spec.sessionAffinity === 'ClientIP') {
    const clientIP = object(object(spec, 'sessionAffinityConfig'), 'clientIP');
    clientIP.timeoutSeconds ??= 10800;
  }
  if (spec.type !== 'ExternalName') spec.internalTrafficPolicy ||= 'Cluster';
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') spec.externalTrafficPolicy ||= 'Cluster';
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
  if (typeof spec.clusterIP === 'string' && spec.clusterIP !== '' && spec.clusterIPs === undefined) spec.clusterIPs = [spec.clusterIP];
  for (const p of objects(spec.ports)) {
    p.protocol ||= 'TCP';
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
}

function defaultBinding(obj: JsonObject): void {
  if (isObject(obj.roleRef)) obj.roleRef.apiGroup ||= 'rbac.authorization.k8s.io';
  for (const s of objects(obj.subjects)) {
    if (!s.apiGroup && (s.kind === 'User' || s.kind === 'Group')) s.apiGroup = 'rbac.authorization.k8s.io';
  }
}

/** Secret `type` defaults to Opaque; `stringData` is merged into `data` (base64) before anything is stored. */
function defaultSecret(obj: JsonObject): void {
  obj.type ||= 'Opaque';
  if (isObject(obj.stringData)) {
    const data = object(obj, 'data');
    for (const [k, v] of Object.entries(obj.stringData)) data[k] = Buffer.from(String(v), 'utf-8').toString('base64');
  }
  delete obj.stringData;
}

function object(parent: JsonObject, key: string): JsonObject {
  if (!isObject(parent[key])) parent[key] = {};
  return parent[key] as JsonObject;
}

function objects(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}
