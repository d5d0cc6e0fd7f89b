import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { HttpOutputFormat, LogOutput } from '../../src/agents';
import { newChart } from '../daemon/util';

/** The output's [OUTPUT] lines as [key, value] pairs, and its environment. */
function render(output: LogOutput, index = 0): { entries: Array<readonly [string, string]>; env: { [name: string]: kplus.EnvValue } } {
  const { section, env } = output._render(index);
  expect(section.kind).toBe('OUTPUT');
  return { entries: section.entries, env };
}

const value = (output: LogOutput, key: string): string | undefined => render(output).entries.find(([k]) => k === key)?.[1];

describe('LogOutput.elasticsearch / opensearch', () => {
  test('daily indices, dots replaced and type names suppressed for Elasticsearch 8 / OpenSearch 2', () => {
    expect(render(LogOutput.elasticsearch({ host: 'es' })).entries).toEqual([
      ['Name', 'es'], ['Match', '*'], ['Host', 'es'], ['Port', '9200'],
      ['Logstash_Format', 'On'], ['Logstash_Prefix', 'logs'], ['Replace_Dots', 'On'], ['Suppress_Type_Name', 'On'],
      ['tls', 'Off'], ['Retry_Limit', 'no_limits'], ['storage.total_limit_size', '1024M'],
    ]);
    expect(value(LogOutput.opensearch({ host: 'os' }), 'Name')).toBe('opensearch');
  });

  test('a fixed index replaces the daily indices', () => {
    const out = LogOutput.opensearch({ host: 'os', index: 'k8s-logs', logstashPrefix: 'ignored' });
    expect(value(out, 'Index')).toBe('k8s-logs');
    expect(value(out, 'Logstash_Format')).toBeUndefined();
    expect(value(out, 'Logstash_Prefix')).toBeUndefined();
  });

  test('TLS verifies the server unless told not to', () => {
    expect(value(LogOutput.elasticsearch({ host: 'es', tls: true }), 'tls.verify')).toBe('On');
    expect(value(LogOutput.elasticsearch({ host: 'es', tls: true, tlsVerify: false }), 'tls.verify')).toBe('Off');
    expect(value(LogOutput.elasticsearch({ host: 'es' }), 'tls.verify')).toBeUndefined();
  });

  test('TLS is on by default once credentials are given, so they never travel in clear; off without, or when told', () => {
    const password = kplus.EnvValue.fromValue('x');
    for (const factory of [LogOutput.elasticsearch, LogOutput.opensearch]) {
      expect(value(factory({ host: 'es', user: 'fluent', password }), 'tls')).toBe('On');
      expect(value(factory({ host: 'es', user: 'fluent', password }), 'tls.verify')).toBe('On');
      expect(value(factory({ host: 'es', password }), 'tls')).toBe('On');
      expect(value(factory({ host: 'es' }), 'tls')).toBe('Off');
      expect(value(factory({ host: 'es', user: 'fluent', password, tls: false }), 'tls')).toBe('Off');
    }
    // Loki gateways and HTTP endpoints in the cluster are plain HTTP; TLS stays the user's choice there.
    expect(value(LogOutput.loki({ host: 'loki', user: 'u', password }), 'tls')).toBe('Off');
  });

  test('the password is an environment reference; the user is plain', () => {
    const secret = kplus.Secret.fromSecretName(newChart(), 's', 'es-creds');
    const password = kplus.EnvValue.fromSecretValue({ secret, key: 'password' });
    const { entries, env } = render(LogOutput.elasticsearch({ host: 'es', user: 'fluent', password }), 3);
    expect(entries).toContainEqual(['HTTP_User', 'fluent']);
    expect(entries).toContainEqual(['HTTP_Passwd', '${FLUENT_BIT_OUTPUT_3_PASSWORD}']);
    expect(Object.keys(env)).toEqual(['FLUENT_BIT_OUTPUT_3_PASSWORD']);
    expect(env.FLUENT_BIT_OUTPUT_3_PASSWORD.valueFrom).toEqual({ secretKeyRef: { name: 'es-creds', key: 'password' } });
  });
});

describe('LogOutput.loki', () => {
  test('one stream per namespace, container and node by default (record accessors), no pod labels, JSON lines', () => {
    expect(render(LogOutput.loki({ host: 'loki' })).entries.slice(0, 7)).toEqual([
      ['Name', 'loki'], ['Match', '*'], ['Host', 'loki'], ['Port', '3100'],
      ['Labels', "job=fluent-bit, namespace=$kubernetes['namespace_name'], container=$kubernetes['container_name'], node=$kubernetes['host']"],
      ['Auto_kubernetes_labels', 'Off'], ['Line_format', 'json'],
    ]);
  });

  test('default streams follow workloads, not pods: a rollout adds none, the cluster is not one stream', () => {
    // Evaluates the Labels line the way the loki plugin does: `key=value` fixed, `key=$a['b']` a record accessor.
    const labels = value(LogOutput.loki({ host: 'loki' }), 'Labels')!.split(/,\s*/).map(pair => pair.split('='));
    const stream = (record: any) => JSON.stringify(labels.map(([k, v]) => {
      const accessor = /^\$(\w+)\['(\w+)'\]$/.exec(v);
      return [k, accessor ? record[accessor[1]]?.[accessor[2]] : v];
    }));
    const records = [];
    for (const rollout of [1, 2, 3]) {
      for (const [ns, container] of [['shop', 'web'], ['shop', 'worker'], ['kube-system', 'coredns']]) {
        for (const node of ['node-a', 'node-b']) {
          records.push({ kubernetes: { namespace_name: ns, container_name: container, host: node, pod_name: `${container}-${rollout}-${node}`, labels: { 'pod-template-hash': `h${rollout}` } } });
        }
      }
    }
    const streams = new Set(records.map(stream));
    expect(streams.size).toBe(3 * 2); // workloads x nodes, whatever the pods are called
    expect(labels.map(([k]) => k)).not.toContain('pod');
  });

  test('labels, label keys and tenant', () => {
    const out = LogOutput.loki({ host: 'loki', labels: { job: 'k8s', cluster: 'prod' }, labelKeys: ["$kubernetes['namespace_name']"], tenantId: 'team-a', autoKubernetesLabels: true });
    expect(value(out, 'Labels')).toBe('job=k8s, cluster=prod');
    expect(value(out, 'Label_keys')).toBe("$kubernetes['namespace_name']");
    expect(value(out, 'Tenant_id')).toBe('team-a');
    expect(value(out, 'Auto_kubernetes_labels')).toBe('On');
  });
});

describe('LogOutput.forward, http, stdout', () => {
  test('forward to an aggregator with a shared key from the environment', () => {
    const { entries, env } = render(LogOutput.forward({ host: 'fluentd', sharedKey: kplus.EnvValue.fromValue('k') }), 1);
    expect(entries.slice(0, 4)).toEqual([['Name', 'forward'], ['Match', '*'], ['Host', 'fluentd'], ['Port', '24224']]);
    expect(entries).toContainEqual(['Shared_Key', '${FLUENT_BIT_OUTPUT_1_SHARED_KEY}']);
    expect(Object.keys(env)).toEqual(['FLUENT_BIT_OUTPUT_1_SHARED_KEY']);
  });

  test('http with headers, format and the TLS port', () => {
    const out = LogOutput.http({ host: 'logs.example.com', tls: true, uri: '/ingest', format: HttpOutputFormat.JSON, headers: { 'X-Team': 'infra' } });
    const { entries } = render(out);
    expect(entries).toContainEqual(['Port', '443']);
    expect(entries).toContainEqual(['URI', '/ingest']);
    expect(entries).toContainEqual(['Format', 'json']);
    expect(entries).toContainEqual(['Header', 'X-Team infra']);
    expect(value(LogOutput.http({ host: 'h' }), 'Port')).toBe('80');
    expect(value(LogOutput.http({ host: 'h' }), 'Format')).toBe('json_lines');
  });

  test('stdout has no network settings', () => {
    expect(render(LogOutput.stdout({ match: 'kube.*' })).entries).toEqual([['Name', 'stdout'], ['Match', 'kube.*'], ['Format', 'json_lines']]);
  });
});

describe('LogOutput common options', () => {
  test('match, retry limit, buffer limit and raw properties', () => {
    const out = LogOutput.loki({ host: 'loki', match: 'host.*', retryLimit: 5, bufferLimit: Size.mebibytes(512), properties: { Workers: '2' } });
    const { entries } = render(out);
    expect(out.match).toBe('host.*');
    expect(entries).toContainEqual(['Retry_Limit', '5']);
    expect(entries).toContainEqual(['storage.total_limit_size', '512M']);
    expect(entries[entries.length - 1]).toEqual(['Workers', '2']);
  });
});
