import { dns1123Label } from './names';
import { ObjectRule, podSpecOf, rule, WORKLOAD_KINDS } from './violation';

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

export const VOLUME_RULES: ObjectRule[] = [POD007];
