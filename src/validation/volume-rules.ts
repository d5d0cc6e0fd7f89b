import { checkFieldRef, checkResourceFieldRef, VOLUME_FIELD_PATHS } from './env-rules';
import { dns1123Label } from './names';
import { isInt, ObjectRule, podSpecOf, rule, ViolationSink, WORKLOAD_KINDS } from './violation';

const HOST_PATH_TYPES = ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'];
const NON_SOURCE_KEYS = new Set(['name']);

export const POD007 = rule('POD007', WORKLOAD_KINDS, 'volumes have unique DNS-1123 names and exactly one source; hostPath has a path without ".." and a known type',
  (obj, sink) => {
    const pod = podSpecOf(obj);
    if (!pod) return;
    const seen = new Set<string>();
    (pod.spec.volumes ?? []).forEach((volume: any, i: number) => {
      const p = `${pod.path}.volumes[${i}]`;
      sink.check(`${p}.name`, volume.name, dns1123Label(String(volume.name ?? '')), 'at most 63 of a-z, 0-9 and \'-\'');
      if (seen.has(volume.name)) sink.add(`${p}.name`, volume.name, 'Duplicate value', 'unique volume names');
      seen.add(volume.name);
      const sources = Object.keys(volume).filter(k => !NON_SOURCE_KEYS.has(k));
      if (sources.length === 0) sink.add(p, volume, 'must specify a volume type', 'one source such as hostPath, configMap or emptyDir');
      if (sources.length > 1) sink.add(p, sources, 'may not specify more than 1 volume type', 'exactly one source');
      const hostPath = volume.hostPath;
      if (!hostPath) return;
      if (typeof hostPath.path !== 'string' || hostPath.path === '') {
        sink.add(`${p}.hostPath.path`, hostPath.path, 'Required value', 'a path on the node');
      } else if (hostPath.path.split('/').includes('..')) {
        sink.add(`${p}.hostPath.path`, hostPath.path, "must not contain '..'", 'a path without ".." segments');
      }
      if (hostPath.type !== undefined && !HOST_PATH_TYPES.includes(hostPath.type)) {
        sink.add(`${p}.hostPath.type`, hostPath.type, 'Unsupported value', HOST_PATH_TYPES.map(t => JSON.stringify(t)).join(', '));
      }
    });
  });

const MODE_VALID = 'a file mode from 0 to 0777 (octal; 0644 is 420 in JSON)';

function checkMode(sink: ViolationSink, mode: unknown, path: string): void {
  if (mode !== undefined && mode !== null && (!isInt(mode) || mode < 0 || mode > 0o777)) {
    sink.add(path, mode, 'must be a number between 0 and 0777 (octal), both inclusive', MODE_VALID);
  }
}

/** COREV ValidateLocalNonReservedPath: relative, no '..' segment, not starting with '..'. */
function checkItemPath(sink: ViolationSink, target: unknown, path: string): void {
  if (typeof target !== 'string' || target === '') {
    sink.add(path, target, 'Required value', 'a relative file path inside the volume');
  } else if (target.startsWith('/')) {
    sink.add(path, target, 'must be a relative path', 'a path inside the volume, without a leading /');
  } else if (target.split('/').includes('..')) {
    sink.add(path, target, "must not contain '..'", 'a path inside the volume');
  } else if (target.startsWith('..')) {
    sink.add(path, target, "must not start with '..'", 'a path inside the volume');
  }
}

function checkKeyToPaths(sink: ViolationSink, items: unknown, path: string): void {
  (Array.isArray(items) ? items : []).forEach((item: any, i: number) => {
    const p = `${path}.items[${i}]`;
    if (typeof item?.key !== 'string' || item.key === '') sink.add(`${p}.key`, item?.key, 'Required value', 'the key of the ConfigMap or Secret to project');
    checkItemPath(sink, item?.path, `${p}.path`);
    checkMode(sink, item?.mode, `${p}.mode`);
  });
}

function checkDownwardItems(sink: ViolationSink, items: unknown, path: string): void {
  (Array.isArray(items) ? items : []).forEach((item: any, i: number) => {
    const p = `${path}.items[${i}]`;
    checkItemPath(sink, item?.path, `${p}.path`);
    checkMode(sink, item?.mode, `${p}.mode`);
    const sources = [item?.fieldRef, item?.resourceFieldRef].filter(x => x !== undefined && x !== null).length;
    if (sources !== 1) sink.add(p, item, sources ? 'fieldRef and resourceFieldRef can not be specified simultaneously' : 'must specify one of: `fieldRef` or `resourceFieldRef`', 'exactly one of fieldRef and resourceFieldRef');
    if (item?.fieldRef) checkFieldRef(sink, item.fieldRef, `${p}.fieldRef`, VOLUME_FIELD_PATHS);
    if (item?.resourceFieldRef) checkResourceFieldRef(sink, item.resourceFieldRef, `${p}.resourceFieldRef`, false);
  });
}

/** The projected sources of one volume kind, with their JSON paths. */
function checkNamedSource(sink: ViolationSink, source: any, path: string, nameField: string): void {
  if (typeof source?.[nameField] !== 'string' || source[nameField] === '') sink.add(`${path}.${nameField}`, source?.[nameField], 'Required value', 'the name of the object to mount');
  checkKeyToPaths(sink, source?.items, path);
}

export const POD018 = rule('POD018', WORKLOAD_KINDS, 'configMap, secret, projected and downwardAPI volumes: a name, file modes 0-0777, item paths relative without "..", item keys set, known downward fields',
  (obj, sink) => {
    const pod = podSpecOf(obj);
    if (!pod) return;
    (Array.isArray(pod.spec.volumes) ? pod.spec.volumes : []).forEach((volume: any, i: number) => {
      const p = `${pod.path}.volumes[${i}]`;
      if (volume?.configMap) {
        checkNamedSource(sink, volume.configMap, `${p}.configMap`, 'name');
        checkMode(sink, volume.configMap.defaultMode, `${p}.configMap.defaultMode`);
      }
      if (volume?.secret) {
        checkNamedSource(sink, volume.secret, `${p}.secret`, 'secretName');
        checkMode(sink, volume.secret.defaultMode, `${p}.secret.defaultMode`);
      }
      if (volume?.downwardAPI) {
        checkDownwardItems(sink, volume.downwardAPI.items, `${p}.downwardAPI`);
        checkMode(sink, volume.downwardAPI.defaultMode, `${p}.downwardAPI.defaultMode`);
      }
      const projected = volume?.projected;
      if (!projected) return;
      checkMode(sink, projected.defaultMode, `${p}.projected.defaultMode`);
      (Array.isArray(projected.sources) ? projected.sources : []).forEach((source: any, j: number) => {
        const sp = `${p}.projected.sources[${j}]`;
        const kinds = ['secret', 'configMap', 'downwardAPI', 'serviceAccountToken'].filter(k => source?.[k]);
        if (kinds.length > 1) sink.add(sp, kinds, 'may not specify more than 1 volume type per source', 'one source kind per entry');
        if (source?.configMap) checkNamedSource(sink, source.configMap, `${sp}.configMap`, 'name');
        if (source?.secret) checkNamedSource(sink, source.secret, `${sp}.secret`, 'name');
        if (source?.downwardAPI) checkDownwardItems(sink, source.downwardAPI.items, `${sp}.downwardAPI`);
        const token = source?.serviceAccountToken;
        if (token) {
          checkItemPath(sink, token.path, `${sp}.serviceAccountToken.path`);
          const exp = token.expirationSeconds;
          if (exp !== undefined && exp !== null && (!isInt(exp) || exp < 600 || exp > 2 ** 32)) {
            sink.add(`${sp}.serviceAccountToken.expirationSeconds`, exp, 'may not be less than 10 minutes or longer than 2^32 seconds', 'from 600 to 4294967296 seconds');
          }
        }
      });
    });
  });

export const VOLUME_RULES: ObjectRule[] = [POD007, POD018];
