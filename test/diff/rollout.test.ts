import { daemonSet, diff, edited, only, writeObjects } from './helpers';
import { ChangeType, ManifestDiff, NodeInventory, UpdateStrategyType } from '../../src';

// update-rules.md section 2: any change of the stored, defaulted pod template rolls every pod; nothing
// else does.

const ds = daemonSet();
const change = (edit: (d: any) => void) => only(diff([ds], [edited(ds, edit)]));

describe('pod-template changes roll the pods, naming what changed', () => {
  test.each<[string, (d: any) => void, string]>([
    ['image', d => {
      d.spec.template.spec.containers[0].image = 'example.com/agent:1.1';
    }, 'spec.template.spec.containers[0].image'],
    ['env', d => {
      d.spec.template.spec.containers[0].env = [{ name: 'LEVEL', value: 'debug' }];
    }, 'spec.template.spec.containers[0].env'],
    ['resources', d => {
      d.spec.template.spec.containers[0].resources.requests.cpu = '200m';
    }, 'spec.template.spec.containers[0].resources.requests.cpu'],
    ['a template label', d => {
      d.spec.template.metadata.labels.version = '2';
    }, 'spec.template.metadata.labels.version'],
    ['a volume', d => {
      d.spec.template.spec.volumes = [{ name: 'logs', hostPath: { path: '/var/log' } }];
    }, 'spec.template.spec.volumes'],
    ['a container securityContext: {} (a pointer to an empty struct is not absent)', d => {
      d.spec.template.spec.containers[0].securityContext = {};
    }, 'spec.template.spec.containers[0].securityContext'],
    ['a template annotation', d => {
      d.spec.template.metadata.annotations = { 'example.com/restartedAt': 'monday' };
    }, 'spec.template.metadata.annotations["example.com/restartedAt"]'],
  ])('%s', (_what, edit, path) => {
    const c = change(edit);
    expect(c.change).toBe(ChangeType.ROLLOUT);
    expect(c.paths).toEqual([path]);
    expect(c.reason).toContain('every pod is replaced: RollingUpdate with maxUnavailable 1, maxSurge 0');
    expect(c.rollout?.strategy).toBe(UpdateStrategyType.ROLLING_UPDATE);
    expect(c.rollout?.configChanged).toBe(false);
  });

  test('the image change is spelled out with the container name and both images', () => {
    expect(change(d => {
      d.spec.template.spec.containers[0].image = 'example.com/agent:1.1';
    }).reason).toContain('image of container main: example.com/agent:1.0 -> example.com/agent:1.1');
  });

  test('a checksum/config annotation reads "config changed"', () => {
    const withChecksum = edited(ds, d => {
      d.spec.template.metadata.annotations = { 'checksum/config': 'aaaa' };
    });
    const c = only(diff([withChecksum], [edited(withChecksum, d => {
      d.spec.template.metadata.annotations['checksum/config'] = 'bbbb';
    })]));
    expect(c.change).toBe(ChangeType.ROLLOUT);
    expect(c.reason).toContain('config changed (checksum/config)');
    expect(c.rollout?.configChanged).toBe(true);
  });

  test('OnDelete: nothing rolls until pods are deleted', () => {
    const onDelete = edited(ds, d => {
      d.spec.updateStrategy = { type: 'OnDelete' };
    });
    const c = only(diff([onDelete], [edited(onDelete, d => {
      d.spec.template.spec.containers[0].image = 'example.com/agent:1.1';
    })]));
    expect(c.change).toBe(ChangeType.ROLLOUT);
    expect(c.reason).toContain('OnDelete: nothing rolls until pods are deleted');
    expect(c.rollout?.strategy).toBe(UpdateStrategyType.ON_DELETE);
  });
});

describe('writing out what the API server stores anyway rolls nothing', () => {
  test.each<[string, (d: any) => void]>([
    ['imagePullPolicy IfNotPresent for a tagged image', d => {
      d.spec.template.spec.containers[0].imagePullPolicy = 'IfNotPresent';
    }],
    ['protocol TCP', d => {
      d.spec.template.spec.containers[0].ports[0].protocol = 'TCP';
    }],
    ['dnsPolicy ClusterFirst, restartPolicy Always, terminationGracePeriodSeconds 30, schedulerName', d => {
      Object.assign(d.spec.template.spec, { dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler' });
    }],
    ['a pod securityContext: {} (the pod spec defaults it)', d => {
      d.spec.template.spec.securityContext = {};
    }],
    ['empty lists and maps', d => {
      const c = d.spec.template.spec.containers[0];
      Object.assign(c, { env: [], args: [] });
      c.resources.limits = {};
      d.spec.template.spec.nodeSelector = {};
      d.spec.template.spec.tolerations = [];
      d.spec.template.metadata.annotations = {};
    }],
    ['an equal quantity (cpu 0.1 for 100m, memory 65536Ki for 64Mi)', d => {
      d.spec.template.spec.containers[0].resources.requests = { cpu: '0.1', memory: '65536Ki' };
    }],
    ['the defaulted updateStrategy and revisionHistoryLimit', d => {
      d.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } };
      d.spec.revisionHistoryLimit = 10;
    }],
    ['hostNetwork: false and a status block', d => {
      d.spec.template.spec.hostNetwork = false;
      d.status = { desiredNumberScheduled: 3 };
    }],
  ])('%s', (_what, edit) => {
    const d = diff([ds], [edited(ds, edit)]);
    expect(d.changes).toEqual([]);
    expect(d.unchangedCount).toBe(1);
  });

  test('resources: {} where there were none (a struct, not a pointer)', () => {
    const bare = edited(ds, d => {
      delete d.spec.template.spec.containers[0].resources;
    });
    expect(diff([bare], [edited(bare, d => {
      d.spec.template.spec.containers[0].resources = {};
    })]).changes).toEqual([]);
  });

  test('but imagePullPolicy Always for a tagged image, and an untagged image written with IfNotPresent, roll', () => {
    expect(change(d => {
      d.spec.template.spec.containers[0].imagePullPolicy = 'Always';
    }).change).toBe(ChangeType.ROLLOUT);
    const untagged = edited(ds, d => {
      d.spec.template.spec.containers[0].image = 'example.com/agent';
    });
    expect(only(diff([untagged], [edited(untagged, d => {
      d.spec.template.spec.containers[0].imagePullPolicy = 'IfNotPresent';
    })])).change).toBe(ChangeType.ROLLOUT);
  });
});

describe('changes outside the pod template roll nothing and say so', () => {
  test.each<[string, (d: any) => void, string]>([
    ['the DaemonSet\'s own labels', d => {
      d.metadata.labels.team = 'platform';
    }, 'metadata.labels.team'],
    ['updateStrategy', d => {
      d.spec.updateStrategy = { rollingUpdate: { maxUnavailable: '20%' } };
    }, 'spec.updateStrategy.rollingUpdate.maxUnavailable'],
    ['minReadySeconds', d => {
      d.spec.minReadySeconds = 30;
    }, 'spec.minReadySeconds'],
    ['revisionHistoryLimit', d => {
      d.spec.revisionHistoryLimit = 3;
    }, 'spec.revisionHistoryLimit'],
  ])('%s', (_what, edit, path) => {
    const c = change(edit);
    expect(c.change).toBe(ChangeType.UPDATED);
    expect(c.paths).toEqual([path]);
    expect(c.reason).toMatch(/^rolls nothing/);
    expect(c.rollout).toBeUndefined();
  });

  test('OnDelete -> RollingUpdate warns that pods on an older template are now replaced', () => {
    const onDelete = edited(ds, d => {
      d.spec.updateStrategy = { type: 'OnDelete' };
    });
    const c = only(diff([onDelete], [ds]));
    expect(c.change).toBe(ChangeType.UPDATED);
    expect(c.reason).toContain('OnDelete -> RollingUpdate');
  });
});

describe('with --nodes: node count, waves and minimum duration from the planner', () => {
  // Five Linux nodes; maxUnavailable 2 gives ceil(5 / 2) = 3 waves; a readiness probe first checks after
  // 20 s and minReadySeconds is 10, so each wave takes at least 30 s: 90 s in all (kubernetes-rules.md section 7).
  const nodes = NodeInventory.fromText(JSON.stringify({
    apiVersion: 'v1',
    kind: 'List',
    items: [1, 2, 3, 4, 5].map(i => ({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: `node-${i}`, labels: { 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' } },
      status: { allocatable: { cpu: '4', memory: '16Gi', pods: '110' } },
    })),
  }), 'five-nodes');
  const tuned = edited(ds, d => {
    d.spec.minReadySeconds = 10;
    d.spec.updateStrategy = { rollingUpdate: { maxUnavailable: 2 } };
    d.spec.template.spec.containers[0].readinessProbe = { httpGet: { port: 9100 }, initialDelaySeconds: 20 };
  });

  test('a rollout on 5 nodes: 3 waves of 2, at least 90 s', () => {
    const c = only(ManifestDiff.betweenFiles([writeObjects([tuned])], [writeObjects([edited(tuned, d => {
      d.spec.template.spec.containers[0].image = 'example.com/agent:2.0';
    })])], { nodes }));
    expect(c.rollout).toEqual({
      strategy: UpdateStrategyType.ROLLING_UPDATE, configChanged: false, nodeCount: 5, waves: 3, minimumDurationSeconds: 90,
    });
    expect(c.reason).toContain('on 5 nodes: 3 waves of 2, at least 1 min 30 s');
  });

  test('a deleted DaemonSet says on how many nodes its pods go', () => {
    const c = only(ManifestDiff.betweenFiles([writeObjects([tuned])], [writeObjects([])], { nodes }));
    expect(c.change).toBe(ChangeType.DELETED);
    expect(c.reason).toContain('on every node (5) at once');
  });
});
