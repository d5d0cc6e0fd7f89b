import { arr, Errors, isSet, map, str, whole } from './findings';
import { checkAnnotations, checkLabels } from './metadata';
import { checkPodSecurity } from './pod-security';
import { quantityValue } from './quantity';
import { dnsLabel, envName, fileKey, ianaName, isIP, labelValue, qualified, subdomain } from './syntax';

// Pod templates and Pods (kubernetes-rules.md §2, and the rest of COREV ValidatePodSpec that node daemons
// reach: probes and handlers, volumes and their items, env sources, resource names, DNS, host names).

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const HOST_PATH_TYPES = ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'];
const VOLUME_SOURCES = ['hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi',
  'glusterfs', 'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile',
  'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO',
  'storageos', 'csi', 'ephemeral'];
const ENV_FIELDS = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.podIP', 'status.podIPs'];
const FILE_FIELDS = ['metadata.name', 'metadata.namespace', 'metadata.labels', 'metadata.annotations', 'metadata.uid'];
const RESOURCE_FIELDS = ['limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage'];
const MAX_ID = 2147483647;

interface Ctr { readonly c: any; readonly e: Errors; readonly kind: 'init' | 'app' | 'ephemeral' }

function portNumber(e: Errors, v: unknown, names: boolean): void {
  if (typeof v === 'string' && names) {
    e.each(ianaName(v));
    return;
  }
  if (!whole(v) || v < 1 || v > 65535) e.invalid('must be between 1 and 65535, inclusive');
}

function handler(e: Errors, h: any, kinds: string[]): void {
  const set = kinds.filter(k => isSet(h?.[k]));
  if (set.length === 0) e.required('must specify a handler type');
  if (set.length > 1) e.at(set[1]).forbidden('may not specify more than 1 handler type');
  if (isSet(h?.exec) && arr(h.exec.command).length === 0) e.at('exec.command').required();
  if (isSet(h?.httpGet)) {
    portNumber(e.at('httpGet.port'), h.httpGet.port, true);
    const scheme = h.httpGet.scheme;
    if (isSet(scheme) && scheme !== '' && scheme !== 'HTTP' && scheme !== 'HTTPS') e.at('httpGet.scheme').unsupported(['HTTP', 'HTTPS']);
    arr(h.httpGet.httpHeaders).forEach((hd: any, i: number) => {
      if (!/^[-A-Za-z0-9!#$%&'*+.^_`|~]+$/.test(str(hd?.name))) e.at('httpGet.httpHeaders').at(i).at('name').invalid('a valid HTTP header must consist of alphanumeric characters or \'-\'');
    });
  }
  if (isSet(h?.tcpSocket)) portNumber(e.at('tcpSocket.port'), h.tcpSocket.port, true);
  if (isSet(h?.grpc)) portNumber(e.at('grpc.port'), h.grpc.port, false);
}

function probes({ c, e, kind }: Ctr): void {
  for (const name of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const p = c[name];
    if (!isSet(p)) continue;
    if (kind !== 'app' && !(kind === 'init' && c.restartPolicy === 'Always')) {
      e.at(name).forbidden(`may not be set for ${kind} containers`);
      continue;
    }
    handler(e.at(name), p, ['exec', 'httpGet', 'tcpSocket', 'grpc']);
    for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
      if (isSet(p[f]) && (!whole(p[f]) || p[f] < 0)) e.at(name).at(f).invalid('must be greater than or equal to 0');
    }
    if (name !== 'readinessProbe' && isSet(p.successThreshold) && p.successThreshold !== 1) e.at(name).at('successThreshold').invalid('must be 1');
    if (isSet(p.terminationGracePeriodSeconds)) {
      if (name === 'readinessProbe') e.at(name).at('terminationGracePeriodSeconds').invalid('must not be set for readinessProbes');
      else if (!whole(p.terminationGracePeriodSeconds) || p.terminationGracePeriodSeconds <= 0) e.at(name).at('terminationGracePeriodSeconds').invalid('must be greater than 0');
    }
  }
  if (isSet(c.lifecycle)) {
    if (kind !== 'app' && !(kind === 'init' && c.restartPolicy === 'Always')) {
      e.at('lifecycle').forbidden(`may not be set for ${kind} containers`);
    } else {
      for (const hook of ['postStart', 'preStop']) if (isSet(c.lifecycle[hook])) handler(e.at('lifecycle').at(hook), c.lifecycle[hook], ['exec', 'httpGet', 'tcpSocket']);
    }
  }
}

function fieldSelector(e: Errors, ref: any, allowed: string[]): void {
  if (isSet(ref.apiVersion) && ref.apiVersion !== '' && ref.apiVersion !== 'v1') e.at('apiVersion').invalid('only v1 is supported');
  const path = str(ref.fieldPath);
  const sub = /^(.*)\['(.*)'\]$/.exec(path);
  if (path === '') e.at('fieldPath').required();
  else if (sub && sub[1] === 'metadata.labels') e.at('fieldPath').each(qualified(sub[2]));
  else if (sub && sub[1] === 'metadata.annotations') e.at('fieldPath').each(qualified(sub[2].toLowerCase()));
  else if (sub) e.at('fieldPath').invalid('does not support subscript');
  else if (!allowed.includes(path)) e.at('fieldPath').unsupported(allowed);
}

function resourceSelector(e: Errors, ref: any, volume: boolean): void {
  if (volume && str(ref.containerName) === '') e.at('containerName').required();
  const r = str(ref.resource);
  if (r === '') e.at('resource').required();
  else if (!RESOURCE_FIELDS.includes(r) && !/^(limits|requests)\.hugepages-/.test(r)) e.at('resource').unsupported(RESOURCE_FIELDS);
}

function keyRef(e: Errors, ref: any): void {
  if (str(ref.name) === '') e.at('name').required();
  if (str(ref.key) === '') e.at('key').required();
  else e.at('key').each(fileKey(ref.key));
}

function env({ c, e }: Ctr): void {
  arr(c.env).forEach((v: any, i: number) => {
    const at = e.at('env').at(i);
    if (str(v?.name) === '') at.at('name').required();
    else at.at('name').each(envName(v.name));
    const from = v?.valueFrom;
    if (!isSet(from)) return;
    if (str(v.value) !== '') at.at('valueFrom').invalid('may not be specified when `value` is not empty');
    const kinds = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter(k => isSet(from[k]));
    if (kinds.length !== 1) at.at('valueFrom').invalid(kinds.length ? 'may not have more than one field specified at a time' : 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`');
    if (isSet(from.fieldRef)) fieldSelector(at.at('valueFrom.fieldRef'), from.fieldRef, ENV_FIELDS);
    if (isSet(from.resourceFieldRef)) resourceSelector(at.at('valueFrom.resourceFieldRef'), from.resourceFieldRef, false);
    if (isSet(from.configMapKeyRef)) keyRef(at.at('valueFrom.configMapKeyRef'), from.configMapKeyRef);
    if (isSet(from.secretKeyRef)) keyRef(at.at('valueFrom.secretKeyRef'), from.secretKeyRef);
  });
  arr(c.envFrom).forEach((f: any, i: number) => {
    const at = e.at('envFrom').at(i);
    const kinds = ['configMapRef', 'secretRef'].filter(k => isSet(f?.[k]));
    if (kinds.length !== 1) at.invalid(kinds.length ? 'may not have more than one field specified at a time' : 'must specify one of: `configMapRef` or `secretRef`');
    for (const k of kinds) if (str(f[k].name) === '') at.at(k).at('name').required();
    if (str(f?.prefix) !== '') at.at('prefix').each(envName(f.prefix));
  });
}

function resourceName(name: string): string[] {
  const syntax = qualified(name);
  if (syntax.length) return syntax;
  if (!name.includes('/')) return ['cpu', 'memory', 'ephemeral-storage'].includes(name) || name.startsWith('hugepages-') ? [] : ['must be a standard resource for containers'];
  // No node offers a kubernetes.io-domain resource that is not standard (device plugins may not register one).
  if (/(^|\.)kubernetes\.io\//.test(name)) return ['must be a standard resource in the kubernetes.io domain'];
  return name.startsWith('requests.') || qualified(`requests.${name}`).length ? ["doesn't follow extended resource name standard"] : [];
}

function resources({ c, e }: Ctr): void {
  const res = map(c.resources);
  const values: Record<string, Record<string, number>> = { requests: {}, limits: {} };
  for (const kind of ['requests', 'limits']) {
    for (const [name, q] of Object.entries(map(res[kind]))) {
      const at = e.at('resources').at(kind).key(name);
      at.each(resourceName(name));
      const v = quantityValue(q);
      if (v === undefined) at.invalid('quantities must match the regular expression');
      else if (v < 0) at.invalid('must be greater than or equal to 0');
      else values[kind][name] = v;
    }
  }
  for (const [name, request] of Object.entries(values.requests)) {
    const limit = values.limits[name];
    const extended = name.includes('/') && !/(^|\.)kubernetes\.io\//.test(name);
    const at = e.at('resources.requests').key(name);
    if (isSet(limit) && request > limit) at.invalid(`must be less than or equal to ${name} limit`);
    if (extended && !isSet(limit)) at.forbidden('Limit must be set for non overcommitable resources');
    if (extended && isSet(limit) && request !== limit) at.invalid(`must be equal to ${name} limit`);
  }
  for (const [name, limit] of Object.entries(values.limits)) {
    const extended = name.includes('/') && !/(^|\.)kubernetes\.io\//.test(name);
    if (extended && !Number.isInteger(limit)) e.at('resources.limits').key(name).invalid('must be an integer');
  }
}

function ports(ctrs: Ctr[], hostNetwork: boolean): void {
  const regularHostPorts = new Set<string>();
  for (const { c, e, kind } of ctrs) {
    const names = new Set<string>();
    const initHostPorts = new Set<string>();
    arr(c.ports).forEach((p: any, j: number) => {
      const at = e.at('ports').at(j);
      if (str(p?.name) !== '') {
        at.at('name').each(ianaName(p.name));
        if (names.has(p.name)) at.at('name').duplicate();
        names.add(p.name);
      }
      if (!whole(p?.containerPort) || p.containerPort < 1 || p.containerPort > 65535) at.at('containerPort').invalid('must be between 1 and 65535, inclusive');
      if (isSet(p?.hostPort) && p.hostPort !== 0 && (!whole(p.hostPort) || p.hostPort < 1 || p.hostPort > 65535)) at.at('hostPort').invalid('must be between 1 and 65535, inclusive');
      if (isSet(p?.protocol) && !PROTOCOLS.includes(p.protocol)) at.at('protocol').unsupported(PROTOCOLS);
      if (hostNetwork && whole(p?.hostPort) && p.hostPort !== 0 && p.hostPort !== p.containerPort) at.at('hostPort').invalid('must match `containerPort` when `hostNetwork` is true');
      if (whole(p?.hostPort) && p.hostPort !== 0) {
        const key = `${p.protocol || 'TCP'}/${p.hostIP ?? ''}/${p.hostPort}`;
        const seen = kind === 'init' ? initHostPorts : regularHostPorts;
        if (seen.has(key)) at.at('hostPort').duplicate();
        seen.add(key);
      }
    });
  }
}

function mounts({ c, e }: Ctr, volumeNames: Set<string>): void {
  const paths = new Set<string>();
  arr(c.volumeMounts).forEach((m: any, j: number) => {
    const at = e.at('volumeMounts').at(j);
    if (str(m?.name) === '') at.at('name').required();
    else if (!volumeNames.has(m.name)) at.at('name').list.push({ field: `${at.path}.name`, type: 'Not found', detail: JSON.stringify(m.name) });
    if (str(m?.mountPath) === '') at.at('mountPath').required();
    else if (paths.has(m.mountPath)) at.at('mountPath').invalid('must be unique');
    paths.add(m?.mountPath);
    const sub = str(m?.subPath);
    if (sub.startsWith('/')) at.at('subPath').invalid('must be a relative path');
    else if (sub.split('/').includes('..')) at.at('subPath').invalid("must not contain '..'");
    const prop = m?.mountPropagation;
    if (isSet(prop) && !['None', 'HostToContainer', 'Bidirectional'].includes(prop)) at.at('mountPropagation').unsupported(['None', 'HostToContainer', 'Bidirectional']);
    else if (prop === 'Bidirectional' && c.securityContext?.privileged !== true) at.at('mountPropagation').forbidden('Bidirectional mount propagation is available only to privileged containers');
  });
}

function securityContext(e: Errors, sc: any, container: boolean): void {
  for (const f of ['runAsUser', 'runAsGroup']) {
    if (isSet(sc?.[f]) && (!whole(sc[f]) || sc[f] < 0 || sc[f] > MAX_ID)) e.at('securityContext').at(f).invalid(`must be between 0 and ${MAX_ID}, inclusive`);
  }
  if (!container || sc?.allowPrivilegeEscalation !== false) return;
  if (sc.privileged === true) e.at('securityContext').invalid('cannot set `allowPrivilegeEscalation` to false and `privileged` to true');
  if (arr(sc.capabilities?.add).includes('CAP_SYS_ADMIN')) e.at('securityContext').invalid('cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN');
}

function containers(spec: any, e: Errors, hostNetwork: boolean, template: boolean): void {
  const list = (field: string, kind: Ctr['kind']): Ctr[] => arr(spec[field]).map((c: any, i: number) => ({ c: map(c), e: e.at(field).at(i), kind }));
  const app = list('containers', 'app');
  const init = list('initContainers', 'init');
  const ephemeral = list('ephemeralContainers', 'ephemeral');
  if (!app.length) e.at('containers').required();
  if (template && ephemeral.length) e.at('ephemeralContainers').forbidden('ephemeral containers not allowed in pod template');
  const names = new Set<string>();
  const volumeNames = new Set<string>(arr(spec.volumes).map((v: any) => v?.name));
  for (const ctr of [...init, ...app, ...ephemeral]) {
    const { c, e: at, kind } = ctr;
    if (str(c.name) === '') at.at('name').required();
    else at.at('name').each(dnsLabel(c.name));
    if (names.has(c.name)) at.at('name').duplicate();
    names.add(c.name);
    if (str(c.image) === '') at.at('image').required();
    else if (c.image !== c.image.trim()) at.at('image').invalid('must not have leading or trailing whitespace');
    if (kind === 'app' && isSet(c.restartPolicy)) at.at('restartPolicy').forbidden('may not be set for non-init containers');
    if (kind === 'init' && isSet(c.restartPolicy) && c.restartPolicy !== 'Always') at.at('restartPolicy').unsupported(['Always']);
    probes(ctr);
    env(ctr);
    resources(ctr);
    mounts(ctr, volumeNames);
    securityContext(at, c.securityContext, true);
  }
  ports([...init, ...app], hostNetwork);
}

function mode(e: Errors, v: unknown): void {
  if (isSet(v) && (!whole(v) || v < 0 || v > 0o777)) e.invalid('must be a number between 0 and 0777 (octal), both inclusive');
}

function itemPath(e: Errors, v: unknown): void {
  const p = str(v);
  if (p === '') e.required();
  else if (p.startsWith('/')) e.invalid('must be a relative path');
  else if (p.split('/').includes('..')) e.invalid("must not contain '..'");
  else if (p.startsWith('..')) e.invalid("must not start with '..'");
}

function keyToPaths(e: Errors, items: unknown): void {
  arr(items).forEach((it: any, i: number) => {
    if (str(it?.key) === '') e.at('items').at(i).at('key').required();
    itemPath(e.at('items').at(i).at('path'), it?.path);
    mode(e.at('items').at(i).at('mode'), it?.mode);
  });
}

function downwardItems(e: Errors, items: unknown): void {
  arr(items).forEach((it: any, i: number) => {
    const at = e.at('items').at(i);
    itemPath(at.at('path'), it?.path);
    mode(at.at('mode'), it?.mode);
    const n = [it?.fieldRef, it?.resourceFieldRef].filter(isSet).length;
    if (n !== 1) at.invalid(n ? 'fieldRef and resourceFieldRef can not be specified simultaneously' : 'one of fieldRef and resourceFieldRef is required');
    if (isSet(it?.fieldRef)) fieldSelector(at.at('fieldRef'), it.fieldRef, FILE_FIELDS);
    if (isSet(it?.resourceFieldRef)) resourceSelector(at.at('resourceFieldRef'), it.resourceFieldRef, true);
  });
}

function volumes(spec: any, e: Errors): void {
  const names = new Set<string>();
  arr(spec.volumes).forEach((v: any, i: number) => {
    const at = e.at('volumes').at(i);
    const vol = map(v);
    if (str(vol.name) === '') at.at('name').required();
    else at.at('name').each(dnsLabel(vol.name));
    if (names.has(vol.name)) at.at('name').duplicate();
    names.add(vol.name);
    const sources = VOLUME_SOURCES.filter(s => isSet(vol[s]));
    if (sources.length === 0) at.required('must specify a volume type');
    if (sources.length > 1) at.forbidden('may not specify more than 1 volume type');
    if (isSet(vol.hostPath)) {
      const p = str(vol.hostPath.path);
      if (p === '') at.at('hostPath.path').required();
      else if (p.split('/').includes('..')) at.at('hostPath.path').invalid("must not contain '..'");
      if (isSet(vol.hostPath.type) && !HOST_PATH_TYPES.includes(vol.hostPath.type)) at.at('hostPath.type').unsupported(HOST_PATH_TYPES);
    }
    if (isSet(vol.configMap)) {
      if (str(vol.configMap.name) === '') at.at('configMap.name').required();
      keyToPaths(at.at('configMap'), vol.configMap.items);
      mode(at.at('configMap.defaultMode'), vol.configMap.defaultMode);
    }
    if (isSet(vol.secret)) {
      if (str(vol.secret.secretName) === '') at.at('secret.secretName').required();
      keyToPaths(at.at('secret'), vol.secret.items);
      mode(at.at('secret.defaultMode'), vol.secret.defaultMode);
    }
    if (isSet(vol.downwardAPI)) {
      downwardItems(at.at('downwardAPI'), vol.downwardAPI.items);
      mode(at.at('downwardAPI.defaultMode'), vol.downwardAPI.defaultMode);
    }
    if (isSet(vol.projected)) {
      mode(at.at('projected.defaultMode'), vol.projected.defaultMode);
      arr(vol.projected.sources).forEach((s: any, j: number) => {
        const src = at.at('projected.sources').at(j);
        if (['secret', 'configMap', 'downwardAPI', 'serviceAccountToken'].filter(k => isSet(s?.[k])).length > 1) src.forbidden('may not specify more than 1 volume type per source');
        for (const k of ['secret', 'configMap']) {
          if (!isSet(s?.[k])) continue;
          if (str(s[k].name) === '') src.at(k).at('name').required();
          keyToPaths(src.at(k), s[k].items);
        }
        if (isSet(s?.downwardAPI)) downwardItems(src.at('downwardAPI'), s.downwardAPI.items);
        if (isSet(s?.serviceAccountToken)) {
          itemPath(src.at('serviceAccountToken.path'), s.serviceAccountToken.path);
          const exp = s.serviceAccountToken.expirationSeconds;
          if (isSet(exp) && (!whole(exp) || exp < 600 || exp > 2 ** 32)) src.at('serviceAccountToken.expirationSeconds').invalid('may not be less than 10 minutes or longer than 2^32 seconds');
        }
      });
    }
  });
}

function tolerations(spec: any, e: Errors): void {
  arr(spec.tolerations).forEach((t: any, i: number) => {
    const at = e.at('tolerations').at(i);
    const key = str(t?.key);
    const op = t?.operator ?? '';
    if (key !== '') at.at('key').each(qualified(key));
    if (key === '' && op !== 'Exists') at.at('operator').invalid('operator must be Exists when `key` is empty, which means "match all values and all keys"');
    if (isSet(t?.tolerationSeconds) && t.effect !== 'NoExecute') at.at('effect').invalid("effect must be 'NoExecute' when `tolerationSeconds` is set");
    if (op === '' || op === 'Equal') {
      at.at('operator').each(labelValue(str(t?.value)));
    } else if (op === 'Exists') {
      if (str(t?.value) !== '') at.at('operator').invalid("value must be empty when `operator` is 'Exists'");
    } else {
      at.at('operator').unsupported(['Equal', 'Exists']);
    }
    if (isSet(t?.effect) && t.effect !== '' && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(t.effect)) at.at('effect').unsupported(['NoSchedule', 'PreferNoSchedule', 'NoExecute']);
  });
}

function nodeConstraints(spec: any, e: Errors): void {
  checkLabels(e.at('nodeSelector'), spec.nodeSelector);
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!isSet(required)) return;
  const at = e.at('affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution');
  const terms = arr(required.nodeSelectorTerms);
  if (!terms.length) at.at('nodeSelectorTerms').required('must have at least one node selector term');
  terms.forEach((term: any, i: number) => {
    arr(term?.matchExpressions).forEach((x: any, j: number) => {
      const xe = at.at('nodeSelectorTerms').at(i).at('matchExpressions').at(j);
      xe.at('key').each(qualified(str(x?.key)));
      const values = arr(x?.values);
      if (x?.operator === 'In' || x?.operator === 'NotIn') {
        if (!values.length) xe.at('values').required("must be specified when `operator` is 'In' or 'NotIn'");
      } else if (x?.operator === 'Exists' || x?.operator === 'DoesNotExist') {
        if (values.length) xe.at('values').forbidden("may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
      } else if (x?.operator === 'Gt' || x?.operator === 'Lt') {
        if (values.length !== 1) xe.at('values').required("must be specified single value when `operator` is 'Lt' or 'Gt'");
      } else {
        xe.at('operator').unsupported(['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt']);
      }
      // Node selector values are not label-checked (§2 Node constraints lists only the counts).
    });
    arr(term?.matchFields).forEach((f: any, j: number) => {
      const fe = at.at('nodeSelectorTerms').at(i).at('matchFields').at(j);
      if (f?.key !== 'metadata.name') fe.at('key').invalid('not a valid field selector key');
      if (f?.operator !== 'In' && f?.operator !== 'NotIn') fe.at('operator').unsupported(['In', 'NotIn']);
      if (arr(f?.values).length !== 1) fe.at('values').required("must be only one value when `operator` is 'In' or 'NotIn' for node field selector");
      else fe.at('values').at(0).each(subdomain(String(f.values[0])));
    });
  });
}

function dns(spec: any, e: Errors): void {
  const policy = spec.dnsPolicy;
  if (isSet(policy) && policy !== '' && !['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'].includes(policy)) e.at('dnsPolicy').unsupported(['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None']);
  const cfg = spec.dnsConfig;
  const servers = arr(cfg?.nameservers);
  if (policy === 'None' && !servers.length) e.at('dnsConfig.nameservers').required('must provide at least one DNS nameserver when `dnsPolicy` is None');
  if (!isSet(cfg)) return;
  if (servers.length > 3) e.at('dnsConfig.nameservers').invalid('must not have more than 3 nameservers');
  servers.forEach((s, i) => {
    if (typeof s !== 'string' || !isIP(s)) e.at('dnsConfig.nameservers').at(i).invalid('must be a valid IP address');
  });
  const searches = arr(cfg.searches);
  if (searches.length > 32) e.at('dnsConfig.searches').invalid('must not have more than 32 search paths');
  if (searches.map(String).join(' ').length > 2048) e.at('dnsConfig.searches').invalid('must not have more than 2048 characters (including spaces) in the search list');
  searches.forEach((s, i) => e.at('dnsConfig.searches').at(i).each(subdomain(String(s).replace(/\.$/, ''))));
  arr(cfg.options).forEach((o: any, i: number) => {
    if (str(o?.name) === '') e.at('dnsConfig.options').at(i).at('name').required();
  });
}

/** A pod spec at `e` (`spec` of a Pod, `spec.template.spec` of a workload), with its pod's annotations. */
export function checkPodSpec(spec: any, e: Errors, template: boolean, annotations: unknown, annotationsAt: Errors): void {
  const s = map(spec);
  checkPodSecurity(s, e, annotations, annotationsAt);
  containers(s, e, s.hostNetwork === true, template);
  volumes(s, e);
  tolerations(s, e);
  nodeConstraints(s, e);
  dns(s, e);
  securityContext(e, s.securityContext, false);
  if (str(s.nodeName) !== '') e.at('nodeName').each(subdomain(s.nodeName));
  if (str(s.hostname) !== '') e.at('hostname').each(dnsLabel(s.hostname));
  if (str(s.subdomain) !== '') e.at('subdomain').each(dnsLabel(s.subdomain));
  if (str(s.priorityClassName) !== '') e.at('priorityClassName').each(subdomain(s.priorityClassName));
  if (isSet(s.preemptionPolicy) && !['PreemptLowerPriority', 'Never'].includes(s.preemptionPolicy)) e.at('preemptionPolicy').unsupported(['PreemptLowerPriority', 'Never']);
}

/** A pod template (§2 ValidatePodTemplateSpec): labels, annotations and the spec. */
export function checkPodTemplate(template: any, e: Errors): void {
  checkLabels(e.at('metadata.labels'), template?.metadata?.labels);
  checkAnnotations(e.at('metadata.annotations'), template?.metadata?.annotations);
  checkPodSpec(template?.spec, e.at('spec'), true, template?.metadata?.annotations, e.at('metadata.annotations'));
}
