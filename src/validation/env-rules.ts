import { configMapKey, envVarName, qualifiedName } from './names';
import { podParts } from './pod-parts';
import { ObjectRule, rule, ViolationSink, WORKLOAD_KINDS } from './violation';

// Environment variables and the Downward API (COREV validateEnvVarValueFrom, validateObjectFieldSelector,
// validateContainerResourceFieldSelector, validateConfigMapKeySelector, validateSecretKeySelector,
// ValidateEnvFrom), in every container kind.

/** Fields an env var may read with fieldRef in 1.28 (status.hostIPs is behind the alpha gate PodHostIPs). */
export const ENV_FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.podIP', 'status.podIPs'];
/** Fields a downwardAPI volume file may read. */
export const VOLUME_FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'metadata.labels', 'metadata.annotations', 'metadata.uid'];
const RESOURCE_FIELDS = ['limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage'];
const KEY_VALID = "a key of letters, digits, '-', '_' and '.' (at most 253, not '.' or starting with '..')";

/** `metadata.labels['app']` -> path and subscript (apimachinery fieldpath.SplitMaybeSubscriptedPath). */
function splitSubscript(fieldPath: string): { path: string; subscript: string } | undefined {
  if (!fieldPath.endsWith("']")) return undefined;
  const open = fieldPath.indexOf("['");
  if (open < 0) return undefined;
  return { path: fieldPath.slice(0, open), subscript: fieldPath.slice(open + 2, -2) };
}

export function checkFieldRef(sink: ViolationSink, ref: any, path: string, allowed: string[]): void {
  if (ref.apiVersion !== undefined && ref.apiVersion !== '' && ref.apiVersion !== 'v1') {
    sink.add(`${path}.apiVersion`, ref.apiVersion, 'error converting fieldPath: only v1 fields are supported', '"v1" (or no apiVersion)');
  }
  const fieldPath = ref.fieldPath;
  if (typeof fieldPath !== 'string' || fieldPath === '') {
    sink.add(`${path}.fieldPath`, fieldPath, 'Required value', allowed.join(', '));
    return;
  }
  const sub = splitSubscript(fieldPath);
  if (sub) {
    if (sub.path === 'metadata.labels') sink.check(`${path}.fieldPath`, fieldPath, qualifiedName(sub.subscript), "a label key '[prefix/]name'");
    else if (sub.path === 'metadata.annotations') sink.check(`${path}.fieldPath`, fieldPath, qualifiedName(sub.subscript.toLowerCase()), "an annotation key '[prefix/]name'");
    else sink.add(`${path}.fieldPath`, fieldPath, 'does not support subscript', "metadata.labels['<key>'] or metadata.annotations['<key>']");
  } else if (!allowed.includes(fieldPath)) {
    sink.add(`${path}.fieldPath`, fieldPath, 'Unsupported value', allowed.map(f => JSON.stringify(f)).join(', '));
  }
}

export function checkResourceFieldRef(sink: ViolationSink, ref: any, path: string, containerOptional: boolean): void {
  if (!containerOptional && (typeof ref.containerName !== 'string' || ref.containerName === '')) {
    sink.add(`${path}.containerName`, ref.containerName, 'Required value', 'the name of a container of the pod');
  }
  const resource = ref.resource;
  if (typeof resource !== 'string' || resource === '') {
    sink.add(`${path}.resource`, resource, 'Required value', RESOURCE_FIELDS.join(', '));
  } else if (!RESOURCE_FIELDS.includes(resource) && !/^(limits|requests)\.hugepages-/.test(resource)) {
    sink.add(`${path}.resource`, resource, 'Unsupported value', `${RESOURCE_FIELDS.map(f => JSON.stringify(f)).join(', ')} or limits/requests.hugepages-<size>`);
  }
}

function checkKeySelector(sink: ViolationSink, ref: any, path: string): void {
  if (typeof ref.name !== 'string' || ref.name === '') sink.add(`${path}.name`, ref.name, 'Required value', 'the name of the ConfigMap or Secret');
  if (typeof ref.key !== 'string' || ref.key === '') sink.add(`${path}.key`, ref.key, 'Required value', KEY_VALID);
  else sink.check(`${path}.key`, ref.key, configMapKey(ref.key), KEY_VALID);
}

function checkValueFrom(sink: ViolationSink, env: any, path: string): void {
  const from = env.valueFrom;
  if (from === undefined || from === null) return;
  if (typeof env.value === 'string' && env.value !== '') sink.add(`${path}.valueFrom`, from, 'may not be specified when `value` is not empty', 'either value or valueFrom');
  const sources = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter(k => from[k] !== undefined && from[k] !== null);
  if (sources.length === 0) sink.add(`${path}.valueFrom`, from, 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`', 'exactly one source');
  if (sources.length > 1) sink.add(`${path}.valueFrom`, sources, 'may not have more than one field specified at a time', 'exactly one source');
  if (from.fieldRef) checkFieldRef(sink, from.fieldRef, `${path}.valueFrom.fieldRef`, ENV_FIELD_PATHS);
  if (from.resourceFieldRef) checkResourceFieldRef(sink, from.resourceFieldRef, `${path}.valueFrom.resourceFieldRef`, true);
  if (from.configMapKeyRef) checkKeySelector(sink, from.configMapKeyRef, `${path}.valueFrom.configMapKeyRef`);
  if (from.secretKeyRef) checkKeySelector(sink, from.secretKeyRef, `${path}.valueFrom.secretKeyRef`);
}

export const POD019 = rule('POD019', WORKLOAD_KINDS, 'env valueFrom: one source; fieldRef paths the Downward API supports; ConfigMap and Secret key refs with a name and a valid key; envFrom with one named source and a valid prefix',
  (obj, sink) => {
    for (const { container, path } of podParts(obj)?.containers ?? []) {
      (Array.isArray(container.env) ? container.env : []).forEach((env: any, j: number) => checkValueFrom(sink, env ?? {}, `${path}.env[${j}]`));
      (Array.isArray(container.envFrom) ? container.envFrom : []).forEach((from: any, j: number) => {
        const p = `${path}.envFrom[${j}]`;
        const refs = ['configMapRef', 'secretRef'].filter(k => from?.[k]);
        if (refs.length !== 1) sink.add(p, from, refs.length ? 'may not have more than one field specified at a time' : 'must specify one of: `configMapRef` or `secretRef`', 'exactly one of configMapRef and secretRef');
        for (const k of refs) {
          if (typeof from[k].name !== 'string' || from[k].name === '') sink.add(`${p}.${k}.name`, from[k].name, 'Required value', 'the name of the ConfigMap or Secret');
        }
        if (typeof from?.prefix === 'string' && from.prefix !== '') sink.check(`${p}.prefix`, from.prefix, envVarName(from.prefix), "letters, digits, '_', '-', '.'; not starting with a digit");
      });
    }
  });

export const ENV_RULES: ObjectRule[] = [POD019];
