import {
  configMapKey,
  dns1035Label,
  dns1123Label,
  dns1123Subdomain,
  envVarName,
  ianaServiceName,
  labelValue,
  qualifiedName,
} from '../../src/validation/names';

/** Short test titles for long generated values. */
function shown(value: string): string {
  return value.length > 40 ? `${JSON.stringify(value.slice(0, 6))}... (${value.length} chars)` : JSON.stringify(value);
}
function valid(values: string[]): Array<[string, string]> {
  return values.map(v => [shown(v), v]);
}
function invalid(rows: Array<[string, string]>): Array<[string, string, string]> {
  return rows.map(([v, problem]) => [shown(v), v, problem]);
}

// Syntax from k8s.io/apimachinery util/validation (kubernetes-rules.md §1-§3).

describe('dns1123Label (container, volume and Service port names)', () => {
  test.each(valid([
    'a',
    'agent',
    'node-agent',
    '0',
    '1agent',
    'abc-123',
    'a'.repeat(63),
  ]))('accepts %s', (_title, value) => {
    expect(dns1123Label(value)).toBeUndefined();
  });

  const regex = "must be a lowercase RFC 1123 label: a-z, 0-9 and '-', starting and ending with a letter or digit";
  test.each(invalid([
    ['', regex],
    ['Agent', regex],
    ['agent.v1', 'must not contain dots'],
    ['-agent', regex],
    ['agent-', regex],
    ['node_agent', regex],
    ['a'.repeat(64), 'must be no more than 63 characters'],
  ]))('rejects %s', (_title, value, problem) => {
    expect(dns1123Label(value)).toBe(problem);
  });
});

describe('dns1123Subdomain (object names, priorityClassName)', () => {
  test.each(valid([
    'a',
    'node-agent',
    'example.com',
    'a-b.c-d',
    '0.0',
    'a'.repeat(253),
  ]))('accepts %s', (_title, value) => {
    expect(dns1123Subdomain(value)).toBeUndefined();
  });

  const regex = "must be a lowercase RFC 1123 subdomain: a-z, 0-9, '-' and '.', starting and ending with a letter or digit";
  test.each(invalid([
    ['', regex],
    ['Example.com', regex],
    ['a..b', regex],
    ['.a', regex],
    ['a.', regex],
    ['a_b', regex],
    ['a.-b', regex],
    ['a'.repeat(254), 'must be no more than 253 characters'],
  ]))('rejects %s', (_title, value, problem) => {
    expect(dns1123Subdomain(value)).toBe(problem);
  });
});

describe('dns1035Label (Service names)', () => {
  test.each(valid([
    'a',
    'node-agent',
    'agent1',
    'a'.repeat(63),
  ]))('accepts %s', (_title, value) => {
    expect(dns1035Label(value)).toBeUndefined();
  });

  const regex = "must be a lowercase RFC 1035 label: a-z, 0-9 and '-', starting with a letter and ending with a letter or digit";
  test.each(invalid([
    ['', regex],
    ['1agent', regex],
    ['agent-', regex],
    ['agent.local', regex],
    ['Agent', regex],
    ['a'.repeat(64), 'must be no more than 63 characters'],
  ]))('rejects %s', (_title, value, problem) => {
    expect(dns1035Label(value)).toBe(problem);
  });
});

describe('ianaServiceName (IANA_SVC_NAME: container port names, named targetPorts)', () => {
  test.each(valid([
    'http',
    'metrics',
    'a',
    'h2c',
    'grpc-web',
    '1a',
    'otlp-grpc-4317',
    'a'.repeat(15),
  ]))('accepts %s', (_title, value) => {
    expect(ianaServiceName(value)).toBeUndefined();
  });

  test.each(invalid([
    ['a'.repeat(16), 'must be no more than 15 characters'],
    ['metrics-endpoint', 'must be no more than 15 characters'],
    ['HTTP', 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)'],
    ['http_alt', 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)'],
    ['', 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)'],
    ['8080', 'must contain at least one letter (a-z)'],
    ['80-80', 'must contain at least one letter (a-z)'],
    ['http--alt', 'must not contain consecutive hyphens'],
    ['-http', 'must not begin or end with a hyphen'],
    ['http-', 'must not begin or end with a hyphen'],
  ]))('rejects %s', (_title, value, problem) => {
    expect(ianaServiceName(value)).toBe(problem);
  });
});

describe('qualifiedName (label keys, annotation keys, toleration keys)', () => {
  test.each(valid([
    'app',
    'App',
    'app.kubernetes.io/name',
    'node-role.kubernetes.io/control-plane',
    'example.com/My_Key.1',
    'x/y',
    'k'.repeat(63),
    `${'p'.repeat(253)}/name`,
  ]))('accepts %s', (_title, value) => {
    expect(qualifiedName(value)).toBeUndefined();
  });

  const namePart = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  test.each(invalid([
    ['', 'name part must be non-empty'],
    ['example.com/', 'name part must be non-empty'],
    ['/name', 'prefix part must be non-empty'],
    ['a/b/c', "must be a qualified name: an optional DNS subdomain prefix and '/', then a name"],
    ['Example.com/name', "prefix part must be a lowercase RFC 1123 subdomain: a-z, 0-9, '-' and '.', starting and ending with a letter or digit"],
    ['k'.repeat(64), 'name part must be no more than 63 characters'],
    ['-app', namePart],
    ['app_', namePart],
    ['bad key', namePart],
  ]))('rejects %s', (_title, value, problem) => {
    expect(qualifiedName(value)).toBe(problem);
  });
});

describe('labelValue', () => {
  test.each(valid([
    '',
    'v1',
    'node-agent',
    'A-b_c.d',
    'x'.repeat(63),
  ]))('accepts %s', (_title, value) => {
    expect(labelValue(value)).toBeUndefined();
  });

  const regex = "must be empty or consist of alphanumeric characters, '-', '_' or '.', starting and ending with an alphanumeric character";
  test.each(invalid([
    ['x'.repeat(64), 'must be no more than 63 characters'],
    ['-a', regex],
    ['a-', regex],
    ['bad value', regex],
    ['a/b', regex],
  ]))('rejects %s', (_title, value, problem) => {
    expect(labelValue(value)).toBe(problem);
  });
});

describe('envVarName', () => {
  test.each(valid([
    'FOO',
    'foo_bar',
    'my.env-name',
    'MY_ENV.NAME',
    'MyEnvName1',
    '_X',
  ]))('accepts %s', (_title, value) => {
    expect(envVarName(value)).toBeUndefined();
  });

  const regex = "must consist of alphabetic characters, digits, '_', '-' or '.', and must not start with a digit";
  test.each(invalid([
    ['', regex],
    ['1FOO', regex],
    ['MY VAR', regex],
    ['A=B', regex],
  ]))('rejects %s', (_title, value, problem) => {
    expect(envVarName(value)).toBe(problem);
  });
});

describe('configMapKey', () => {
  test.each(valid([
    'agent.yaml',
    'a',
    '.env',
    'A_b-c.1',
    'x'.repeat(253),
  ]))('accepts %s', (_title, value) => {
    expect(configMapKey(value)).toBeUndefined();
  });

  test.each(invalid([
    ['', "must consist of alphanumeric characters, '-', '_' or '.'"],
    ['conf/agent.yaml', "must consist of alphanumeric characters, '-', '_' or '.'"],
    ['agent config', "must consist of alphanumeric characters, '-', '_' or '.'"],
    ['.', "must not be '.'"],
    ['..', "must not start with '..'"],
    ['..data', "must not start with '..'"],
    ['x'.repeat(254), 'must be no more than 253 characters'],
  ]))('rejects %s', (_title, value, problem) => {
    expect(configMapKey(value)).toBe(problem);
  });
});
