import { Testing } from 'cdk8s';
import { mainContainer, newChart, ofKind, podSpec, single } from './util';
import { ApiVerb, DaemonConfig, NodeDaemon, NodeDaemonProps, RbacRules } from '../../src';

const IMAGE = 'example.com/fluent-bit:3.0.7';
const FILES = { 'fluent-bit.conf': '[SERVICE]\n    Flush 1\n', 'parsers.conf': '[PARSER]\n    Name docker\n' };

function synthDaemon(props: Partial<NodeDaemonProps> = {}): any[] {
  const chart = newChart();
  new NodeDaemon(chart, 'logs', { image: IMAGE, ...props });
  return Testing.synth(chart);
}

function checksumOf(config: DaemonConfig, image: string = IMAGE): string {
  return single(synthDaemon({ config, image }), 'DaemonSet').spec.template.metadata.annotations['checksum/config'];
}

describe('config', () => {
  test('creates a ConfigMap with the files, in the chart namespace', () => {
    const objects = synthDaemon({ config: { files: FILES, mountPath: '/fluent-bit/etc' } });
    const cm = single(objects, 'ConfigMap');
    expect(cm.metadata.name).toBe(single(objects, 'DaemonSet').metadata.name);
    expect(cm.metadata.namespace).toBe('kube-system');
    expect(cm.data).toEqual(FILES);
  });

  test('mounts the ConfigMap read-only at mountPath', () => {
    const objects = synthDaemon({ config: { files: FILES, mountPath: '/fluent-bit/etc' } });
    const cm = single(objects, 'ConfigMap');
    expect(podSpec(objects).volumes).toEqual([{ name: 'config', configMap: { name: cm.metadata.name } }]);
    expect(mainContainer(objects).volumeMounts).toEqual([{ name: 'config', mountPath: '/fluent-bit/etc', readOnly: true }]);
  });

  test('annotates the pod template with a checksum/config hash', () => {
    expect(checksumOf({ files: FILES, mountPath: '/fluent-bit/etc' })).toMatch(/^[0-9a-f]{64}$/);
  });

  test('keeps other pod annotations next to the checksum', () => {
    const objects = synthDaemon({ config: { files: FILES, mountPath: '/fluent-bit/etc' }, podAnnotations: { 'fluentbit.io/exclude': 'true' } });
    const annotations = single(objects, 'DaemonSet').spec.template.metadata.annotations;
    expect(Object.keys(annotations).sort()).toEqual(['checksum/config', 'fluentbit.io/exclude']);
    expect(annotations['fluentbit.io/exclude']).toBe('true');
  });

  test('renders no ConfigMap, no config volume and no checksum without config', () => {
    const objects = synthDaemon();
    expect(ofKind(objects, 'ConfigMap')).toHaveLength(0);
    expect(podSpec(objects)).not.toHaveProperty('volumes');
    expect(single(objects, 'DaemonSet').spec.template.metadata).not.toHaveProperty('annotations');
  });
});

describe('config checksum', () => {
  test('is the same for the same content', () => {
    expect(checksumOf({ files: { ...FILES }, mountPath: '/fluent-bit/etc' })).toBe(checksumOf({ files: { ...FILES }, mountPath: '/fluent-bit/etc' }));
  });

  test('does not depend on the order the files are listed in', () => {
    const reordered = { 'parsers.conf': FILES['parsers.conf'], 'fluent-bit.conf': FILES['fluent-bit.conf'] };
    expect(checksumOf({ files: reordered, mountPath: '/fluent-bit/etc' })).toBe(checksumOf({ files: FILES, mountPath: '/fluent-bit/etc' }));
  });

  test('does not change when something other than the content changes', () => {
    expect(checksumOf({ files: FILES, mountPath: '/fluent-bit/etc' }, 'example.com/fluent-bit:3.1.0'))
      .toBe(checksumOf({ files: FILES, mountPath: '/fluent-bit/etc' }));
  });

  test('changes when a file content changes', () => {
    const changed = { ...FILES, 'fluent-bit.conf': '[SERVICE]\n    Flush 5\n' };
    expect(checksumOf({ files: changed, mountPath: '/fluent-bit/etc' })).not.toBe(checksumOf({ files: FILES, mountPath: '/fluent-bit/etc' }));
  });

  test('changes when a file is added or renamed', () => {
    const base = checksumOf({ files: FILES, mountPath: '/fluent-bit/etc' });
    expect(checksumOf({ files: { ...FILES, 'extra.conf': '' }, mountPath: '/fluent-bit/etc' })).not.toBe(base);
    expect(checksumOf({ files: { 'main.conf': FILES['fluent-bit.conf'], 'parsers.conf': FILES['parsers.conf'] }, mountPath: '/fluent-bit/etc' }))
      .not.toBe(base);
  });
});

describe('rbac', () => {
  function synthRbac(): any[] {
    return synthDaemon({
      rbac: [
        RbacRules.readOnly('pods', 'namespaces'),
        { apiGroups: ['metrics.k8s.io'], resources: ['nodes'], verbs: [ApiVerb.GET] },
      ],
    });
  }

  test('creates a namespaced ServiceAccount', () => {
    const objects = synthRbac();
    const account = single(objects, 'ServiceAccount');
    expect(account.metadata.namespace).toBe('kube-system');
    expect(account.metadata.name).toBe(single(objects, 'DaemonSet').metadata.name);
  });

  test('creates a ClusterRole with the rules and no namespace', () => {
    const role = single(synthRbac(), 'ClusterRole');
    expect(role.apiVersion).toBe('rbac.authorization.k8s.io/v1');
    expect(role.metadata).not.toHaveProperty('namespace');
    expect(role.rules).toEqual([
      { apiGroups: [''], resources: ['pods', 'namespaces'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['metrics.k8s.io'], resources: ['nodes'], verbs: ['get'] },
    ]);
  });

  test('creates a ClusterRoleBinding with no namespace that binds the role to the account in the chart namespace', () => {
    const objects = synthRbac();
    const binding = single(objects, 'ClusterRoleBinding');
    expect(binding.metadata).not.toHaveProperty('namespace');
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: single(objects, 'ClusterRole').metadata.name });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: single(objects, 'ServiceAccount').metadata.name, namespace: 'kube-system' }]);
  });

  test('the pods use the account and automount its token', () => {
    const objects = synthRbac();
    const spec = podSpec(objects);
    expect(spec.serviceAccountName).toBe(single(objects, 'ServiceAccount').metadata.name);
    expect(spec.automountServiceAccountToken).toBe(true);
  });
});

describe('without rbac', () => {
  test('creates no RBAC objects and does not automount a token', () => {
    const objects = synthDaemon();
    for (const kind of ['ServiceAccount', 'ClusterRole', 'ClusterRoleBinding']) {
      expect(ofKind(objects, kind)).toHaveLength(0);
    }
    const spec = podSpec(objects);
    expect(spec).not.toHaveProperty('serviceAccountName');
    expect(spec.automountServiceAccountToken).toBe(false);
  });
});
