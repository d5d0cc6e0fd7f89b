/**
 * The fields the Kubernetes API defines for the objects (and parts of objects) the planner interprets,
 * from the official 1.28 OpenAPI spec, plus the few fields later releases added, since inventories and
 * manifests come from clusters of any version. An unknown field here is almost always a typo
 * (`tolerations[0].efect`) that would silently change the prediction, so it is an error. Parts the
 * planner does not read (volumes, env, node status details) are not checked.
 */
const fields = (...names: string[]): ReadonlySet<string> => new Set(names);

export const KNOWN = {
  list: fields('apiVersion', 'kind', 'metadata', 'items'),
  objectMeta: fields('annotations', 'creationTimestamp', 'deletionGracePeriodSeconds', 'deletionTimestamp',
    'finalizers', 'generateName', 'generation', 'labels', 'managedFields', 'name', 'namespace', 'ownerReferences',
    'resourceVersion', 'selfLink', 'uid', 'clusterName'),
  node: fields('apiVersion', 'kind', 'metadata', 'spec', 'status'),
  nodeSpec: fields('configSource', 'externalID', 'podCIDR', 'podCIDRs', 'providerID', 'taints', 'unschedulable'),
  taint: fields('effect', 'key', 'timeAdded', 'value'),
  daemonSet: fields('apiVersion', 'kind', 'metadata', 'spec', 'status'),
  daemonSetSpec: fields('minReadySeconds', 'revisionHistoryLimit', 'selector', 'template', 'updateStrategy',
    'templateGeneration'),
  updateStrategy: fields('rollingUpdate', 'type'),
  rollingUpdate: fields('maxSurge', 'maxUnavailable'),
  podTemplate: fields('metadata', 'spec'),
  podSpec: fields('activeDeadlineSeconds', 'affinity', 'automountServiceAccountToken', 'containers', 'dnsConfig',
    'dnsPolicy', 'enableServiceLinks', 'ephemeralContainers', 'hostAliases', 'hostIPC', 'hostNetwork', 'hostPID',
    'hostUsers', 'hostname', 'imagePullSecrets', 'initContainers', 'nodeName', 'nodeSelector', 'os', 'overhead',
    'preemptionPolicy', 'priority', 'priorityClassName', 'readinessGates', 'resourceClaims', 'restartPolicy',
    'runtimeClassName', 'schedulerName', 'schedulingGates', 'securityContext', 'serviceAccount',
    'serviceAccountName', 'setHostnameAsFQDN', 'shareProcessNamespace', 'subdomain', 'terminationGracePeriodSeconds',
    'tolerations', 'topologySpreadConstraints', 'volumes',
    // added after 1.28
    'resources', 'hostnameOverride'),
  container: fields('args', 'command', 'env', 'envFrom', 'image', 'imagePullPolicy', 'lifecycle', 'livenessProbe',
    'name', 'ports', 'readinessProbe', 'resizePolicy', 'resources', 'restartPolicy', 'securityContext',
    'startupProbe', 'stdin', 'stdinOnce', 'terminationMessagePath', 'terminationMessagePolicy', 'tty',
    'volumeDevices', 'volumeMounts', 'workingDir',
    // added after 1.28
    'restartPolicyRules'),
  containerPort: fields('containerPort', 'hostIP', 'hostPort', 'name', 'protocol'),
  resources: fields('claims', 'limits', 'requests'),
  probe: fields('exec', 'failureThreshold', 'grpc', 'httpGet', 'initialDelaySeconds', 'periodSeconds',
    'successThreshold', 'tcpSocket', 'terminationGracePeriodSeconds', 'timeoutSeconds'),
  toleration: fields('effect', 'key', 'operator', 'tolerationSeconds', 'value'),
  affinity: fields('nodeAffinity', 'podAffinity', 'podAntiAffinity'),
  nodeAffinity: fields('preferredDuringSchedulingIgnoredDuringExecution', 'requiredDuringSchedulingIgnoredDuringExecution'),
  nodeSelector: fields('nodeSelectorTerms'),
  nodeSelectorTerm: fields('matchExpressions', 'matchFields'),
  nodeSelectorRequirement: fields('key', 'operator', 'values'),
  priorityClass: fields('apiVersion', 'description', 'globalDefault', 'kind', 'metadata', 'preemptionPolicy', 'value'),
  limitRange: fields('apiVersion', 'kind', 'metadata', 'spec'),
  limitRangeSpec: fields('limits'),
  limitRangeItem: fields('default', 'defaultRequest', 'max', 'maxLimitRequestRatio', 'min', 'type'),
  runtimeClass: fields('apiVersion', 'handler', 'kind', 'metadata', 'overhead', 'scheduling'),
  runtimeClassOverhead: fields('podFixed'),
  runtimeClassScheduling: fields('nodeSelector', 'tolerations'),
  podDisruptionBudget: fields('apiVersion', 'kind', 'metadata', 'spec', 'status'),
  podDisruptionBudgetSpec: fields('maxUnavailable', 'minAvailable', 'selector', 'unhealthyPodEvictionPolicy'),
  podDisruptionBudgetStatus: fields('conditions', 'currentHealthy', 'desiredHealthy', 'disruptedPods', 'disruptionsAllowed',
    'expectedPods', 'observedGeneration'),
  labelSelector: fields('matchExpressions', 'matchLabels'),
  labelSelectorRequirement: fields('key', 'operator', 'values'),
  service: fields('apiVersion', 'kind', 'metadata', 'spec', 'status'),
  serviceSpec: fields('allocateLoadBalancerNodePorts', 'clusterIP', 'clusterIPs', 'externalIPs', 'externalName',
    'externalTrafficPolicy', 'healthCheckNodePort', 'internalTrafficPolicy', 'ipFamilies', 'ipFamilyPolicy',
    'loadBalancerClass', 'loadBalancerIP', 'loadBalancerSourceRanges', 'ports', 'publishNotReadyAddresses',
    'selector', 'sessionAffinity', 'sessionAffinityConfig', 'type',
    // added after 1.28
    'trafficDistribution'),
};
