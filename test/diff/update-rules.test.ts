import { diff, edited, only } from './helpers';
import { ChangeType } from '../../src/diff';

// One test per update rule of ../shared/reference/update-rules.md: the refused update (with the API
// server's wording and the way out) and the accepted variant next to it.

const service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'agent', namespace: 'kube-system' },
  spec: { selector: { app: 'agent' }, ports: [{ name: 'metrics', port: 9100 }] },
};
const nodePortService = edited(service, s => {
  s.spec.type = 'NodePort';
  s.spec.ports[0].nodePort = 30100;
});
const priorityClass = { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'node-critical-agents' }, value: 1000000 };
const roleBinding = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'RoleBinding',
  metadata: { name: 'agent', namespace: 'kube-system' },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'agent-reader' },
  subjects: [{ kind: 'ServiceAccount', name: 'agent', namespace: 'kube-system' }],
};
const clusterRoleBinding = edited(roleBinding, b => {
  b.kind = 'ClusterRoleBinding';
  delete b.metadata.namespace;
  b.roleRef.kind = 'ClusterRole';
});
const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'agent-config', namespace: 'kube-system' }, data: { 'agent.conf': 'level=info\n' } };
const immutableConfigMap = { ...configMap, immutable: true };
const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'agent-token', namespace: 'kube-system' }, data: { token: 'c2VjcmV0' } };

describe('DaemonSet spec.selector is immutable', () => {
  const ds = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'kube-system' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: { metadata: { labels: { app: 'agent', tier: 'node' } }, spec: { containers: [{ name: 'main', image: 'example.com/agent:1' }] } },
    },
  };

  test('a changed selector is refused, with the orphan-and-re-create way out', () => {
    const c = only(diff([ds], [edited(ds, d => {
      d.spec.selector.matchLabels.tier = 'node';
    })]));
    expect(c.change).toBe(ChangeType.REJECTED);
    expect(c.paths).toEqual(['spec.selector.matchLabels.tier']);
    expect(c.reason).toContain('spec.selector: field is immutable');
    expect(c.reason).toContain('kubectl delete daemonset agent -n kube-system --cascade=orphan');
    // The new selector (app, tier) matches the running pods' labels: they are adopted.
    expect(c.reason).toContain('adopts them');
    expect(c.reason).toContain('every node loses its pod at once');
  });

  test('a selector that does not match the running pods says they stay orphaned', () => {
    const c = only(diff([ds], [edited(ds, d => {
      d.spec.selector.matchLabels = { app: 'agent-v2' };
      d.spec.template.metadata.labels.app = 'agent-v2';
    })]));
    expect(c.change).toBe(ChangeType.REJECTED);
    expect(c.reason).toContain('does not match their labels');
  });

  test('matchLabels and the equivalent matchExpressions are different selectors (Semantic.DeepEqual)', () => {
    const c = only(diff([ds], [edited(ds, d => {
      d.spec.selector = { matchExpressions: [{ key: 'app', operator: 'In', values: ['agent'] }] };
    })]));
    expect(c.change).toBe(ChangeType.REJECTED);
  });

  test('accepted: empty matchExpressions equal none, and the selector written in another key order', () => {
    const d = diff([ds], [edited(ds, x => {
      x.spec.selector = { matchExpressions: [], matchLabels: { app: 'agent' } };
    })]);
    expect(d.changes).toEqual([]);
    expect(d.unchangedCount).toBe(1);
  });

  test('a non-integer deprecated.daemonset.template.generation annotation is refused', () => {
    const c = only(diff([ds], [edited(ds, d => {
      d.metadata.annotations = { 'deprecated.daemonset.template.generation': 'two' };
    })]));
    expect(c.change).toBe(ChangeType.REJECTED);
    expect(c.paths).toEqual(['metadata.annotations["deprecated.daemonset.template.generation"]']);
  });

  test('accepted: an integer template generation, which the server owns, is no change at all', () => {
    expect(diff([ds], [edited(ds, d => {
      d.metadata.annotations = { 'deprecated.daemonset.template.generation': '7' };
    })]).changes).toEqual([]);
  });
});

describe('Service clusterIP may not change once set', () => {
  const withIP = edited(service, s => {
    s.spec.clusterIP = '10.96.0.11';
  });

  test('a different clusterIP is refused', () => {
    const c = only(diff([withIP], [edited(withIP, s => {
      s.spec.clusterIP = '10.96.0.12';
    })]));
    expect(c.change).toBe(ChangeType.REJECTED);
    expect(c.paths[0]).toBe('spec.clusterIPs[0]');
    expect(c.reason).toContain('may not change once set');
    expect(c.reason).toContain('kubectl delete service agent -n kube-system');
    expect(c.reason).toContain('new cluster IP');
  });

  test('turning a Service with a cluster IP into a headless one is refused, even when the IP was never written', () => {
    expect(only(diff([service], [edited(service, s => {
      s.spec.clusterIP = 'None';
    })])).change).toBe(ChangeType.REJECTED);
    expect(only(diff([withIP], [edited(withIP, s => {
      s.spec.clusterIP = 'None';
    })])).change).toBe(ChangeType.REJECTED);
  });

  test('accepted: leaving clusterIP out keeps the allocated one; clusterIPs written out equal clusterIP', () => {
    expect(diff([withIP], [service]).changes).toEqual([]);
    expect(diff([withIP], [edited(withIP, s => {
      s.spec.clusterIPs = ['10.96.0.11'];
    })]).changes).toEqual([]);
  });

  test('accepted: ExternalName on either side is exempt', () => {
    const c = only(diff([withIP], [edited(service, s => {
      s.spec = { type: 'ExternalName', externalName: 'agent.example.com' };
    })]));
    expect(c.change).toBe(ChangeType.UPDATED);
  });

  test('releasing the secondary cluster IP needs ipFamilyPolicy SingleStack', () => {
    const dual = edited(service, s => {
      s.spec.clusterIPs = ['10.96.0.11', 'fd00::11'];
      s.spec.ipFamilies = ['IPv4', 'IPv6'];
      s.spec.ipFamilyPolicy = 'PreferDualStack';
    });
    const single = edited(dual, s => {
      s.spec.clusterIPs = ['10.96.0.11'];
      s.spec.ipFamilies = ['IPv4'];
    });
    const refused = only(diff([dual], [single]));
    expect(refused.change).toBe(ChangeType.REJECTED);
    expect(refused.reason).toContain('SingleStack');
    expect(only(diff([dual], [edited(single, s => {
      s.spec.ipFamilyPolicy = 'SingleStack';
    })])).change).toBe(ChangeType.UPDATED);
  });

  test('the primary IP family may not change', () => {
    const v4 = edited(withIP, s => {
      s.spec.ipFamilies = ['IPv4'];
    });
    const c = only(diff([v4], [edited(service, s => {
      s.spec.ipFamilies = ['IPv6'];
    })]));
    expect(c.change).toBe(ChangeType.REJECTED);
    expect(c.paths).toContain('spec.ipFamilies[0]');
  });
});

describe('Service type transitions', () => {
  test('NodePort -> ClusterIP with a new nodePort is refused', () => {
    const c = only(diff([nodePortService], [edited(service, s => {
      s.spec.ports[0].nodePort = 30200;
    })]));
    expect(c.change).toBe(ChangeType.REJECTED);
    expect(c.reason).toContain("spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'");
  });

  test('accepted: NodePort -> ClusterIP that drops nodePort, or keeps the same one (it is released)', () => {
    expect(only(diff([nodePortService], [service])).change).toBe(ChangeType.UPDATED);
    expect(only(diff([nodePortService], [edited(service, s => {
      s.spec.ports[0].nodePort = 30100;
    })])).change).toBe(ChangeType.UPDATED);
  });

  test('accepted: a NodePort Service that leaves nodePort out keeps the allocated port (no change)', () => {
    expect(diff([nodePortService], [edited(nodePortService, s => {
      delete s.spec.ports[0].nodePort;
    })]).changes).toEqual([]);
  });

  test('loadBalancerClass may not change while the Service stays a LoadBalancer, unset -> set included', () => {
    const lb = edited(service, s => {
      s.spec.type = 'LoadBalancer';
    });
    const c = only(diff([lb], [edited(lb, s => {
      s.spec.loadBalancerClass = 'example.com/internal';
    })]));
    expect(c.change).toBe(ChangeType.REJECTED);
    expect(c.paths).toContain('spec.loadBalancerClass');
    // Accepted: the class comes with the change to LoadBalancer.
    expect(only(diff([service], [edited(lb, s => {
      s.spec.loadBalancerClass = 'example.com/internal';
    })])).change).toBe(ChangeType.UPDATED);
  });
});

describe('PriorityClass value and preemptionPolicy are immutable', () => {
  test('a new value is refused, with the new-name and delete + re-create ways out', () => {
    const c = only(diff([priorityClass], [{ ...priorityClass, value: 2000000 }]));
    expect(c.change).toBe(ChangeType.REJECTED);
    expect(c.paths).toEqual(['value']);
    expect(c.reason).toContain('value: Forbidden: may not be changed in an update');
    expect(c.reason).toContain('kubectl delete priorityclass node-critical-agents');
    expect(c.reason).toContain('running pods keep the priority they were admitted with');
  });

  test('a new preemptionPolicy is refused; writing out the default PreemptLowerPriority is no change', () => {
    expect(only(diff([priorityClass], [{ ...priorityClass, preemptionPolicy: 'Never' }])).change).toBe(ChangeType.REJECTED);
    expect(diff([priorityClass], [{ ...priorityClass, preemptionPolicy: 'PreemptLowerPriority' }]).changes).toEqual([]);
  });

  test('accepted: description and globalDefault change in place; globalDefault false equals absent', () => {
    const c = only(diff([priorityClass], [{ ...priorityClass, description: 'node agents' }]));
    expect(c.change).toBe(ChangeType.UPDATED);
    expect(c.paths).toEqual(['description']);
    expect(diff([priorityClass], [{ ...priorityClass, globalDefault: false }]).changes).toEqual([]);
  });
});

describe.each([['RoleBinding', roleBinding], ['ClusterRoleBinding', clusterRoleBinding]])('%s roleRef cannot change', (kind, binding) => {
  test('a different role is refused, with delete + re-create', () => {
    const c = only(diff([binding], [edited(binding, b => {
      b.roleRef.name = 'agent-admin';
    })]));
    expect(c.change).toBe(ChangeType.REJECTED);
    expect(c.paths).toEqual(['roleRef.name']);
    expect(c.reason).toContain('cannot change roleRef');
    expect(c.reason).toContain(`kubectl delete ${kind.toLowerCase()} agent`);
    expect(c.reason).toContain('lose these permissions');
  });

  test('accepted: roleRef.apiGroup left out is defaulted; subjects may change', () => {
    expect(diff([binding], [edited(binding, b => {
      delete b.roleRef.apiGroup;
    })]).changes).toEqual([]);
    const c = only(diff([binding], [edited(binding, b => {
      b.subjects.push({ kind: 'User', name: 'jane' });
    })]));
    expect(c.change).toBe(ChangeType.UPDATED);
  });
});

describe('immutable ConfigMap and Secret', () => {
  test('changed data of an immutable ConfigMap is refused, with the new-name way out', () => {
    const c = only(diff([immutableConfigMap], [{ ...immutableConfigMap, data: { 'agent.conf': 'level=debug\n' } }]));
    expect(c.change).toBe(ChangeType.REJECTED);
    expect(c.paths).toEqual(['data["agent.conf"]']);
    expect(c.reason).toContain('data: Forbidden: field is immutable when `immutable` is set');
    expect(c.reason).toContain('a new name');
  });

  test('binaryData of an immutable ConfigMap is immutable too', () => {
    const withBinary = { ...immutableConfigMap, binaryData: { blob: 'AAE=' } };
    expect(only(diff([withBinary], [{ ...withBinary, binaryData: { blob: 'AAI=' } }])).change).toBe(ChangeType.REJECTED);
  });

  test('unsetting immutable (or setting it false) is refused', () => {
    const { immutable: _, ...unset } = immutableConfigMap;
    expect(only(diff([immutableConfigMap], [unset])).change).toBe(ChangeType.REJECTED);
    const c = only(diff([immutableConfigMap], [{ ...immutableConfigMap, immutable: false }]));
    expect(c.change).toBe(ChangeType.REJECTED);
    expect(c.paths).toEqual(['immutable']);
  });

  test('accepted: data of a mutable ConfigMap, and immutable set in the same update as a data change', () => {
    const c = only(diff([configMap], [{ ...configMap, data: { 'agent.conf': 'level=debug\n' } }]));
    expect(c.change).toBe(ChangeType.UPDATED);
    expect(c.reason).toContain('never rolls a DaemonSet');
    expect(only(diff([configMap], [{ ...immutableConfigMap, data: { 'agent.conf': 'level=debug\n' } }])).change).toBe(ChangeType.UPDATED);
  });

  test('an immutable Secret: stringData is merged into data before the check', () => {
    const immutable = { ...secret, immutable: true };
    // "secret" base64-encoded is c2VjcmV0: the same data, written as stringData.
    const { data: _, ...bare } = immutable;
    expect(diff([immutable], [{ ...bare, stringData: { token: 'secret' } }]).changes).toEqual([]);
    expect(only(diff([immutable], [{ ...bare, stringData: { token: 'other' } }])).change).toBe(ChangeType.REJECTED);
  });

  test('Secret type is immutable in every case; an absent type is Opaque', () => {
    const c = only(diff([secret], [{ ...secret, type: 'kubernetes.io/tls' }]));
    expect(c.change).toBe(ChangeType.REJECTED);
    expect(c.reason).toContain('type: field is immutable');
    expect(diff([secret], [{ ...secret, type: 'Opaque' }]).changes).toEqual([]);
  });
});

describe('the whole new DaemonSet spec is validated again on update', () => {
  const ds = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'kube-system' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'main', image: 'example.com/agent:1' }] } },
    },
  };

  test('template labels that no longer match the unchanged selector are refused', () => {
    const c = only(diff([ds], [edited(ds, d => {
      d.spec.template.metadata.labels.app = 'agent-v2';
    })]));
    expect(c.change).toBe(ChangeType.REJECTED);
    expect(c.reason).toContain('`selector` does not match template `labels`');
  });

  test('an object that does not change is not sent, so it is not validated again', () => {
    const surging = edited(ds, d => {
      d.spec.updateStrategy = { rollingUpdate: { maxSurge: 1 } };
    });
    expect(diff([surging], [surging]).changes).toEqual([]);
  });

  test('maxSurge alone is refused (maxUnavailable is defaulted to 1); with maxUnavailable 0 it is accepted', () => {
    const refused = only(diff([ds], [edited(ds, d => {
      d.spec.updateStrategy = { rollingUpdate: { maxSurge: 1 } };
    })]));
    expect(refused.change).toBe(ChangeType.REJECTED);
    expect(refused.paths).toContain('spec.updateStrategy');
    expect(refused.reason).toContain('maxSurge may not be set when maxUnavailable is non-zero');
    const accepted = only(diff([ds], [edited(ds, d => {
      d.spec.updateStrategy = { rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } };
    })]));
    expect(accepted.change).toBe(ChangeType.UPDATED);
    expect(accepted.reason).toMatch(/^rolls nothing/);
  });
});
