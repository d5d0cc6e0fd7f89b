import { configMapKey } from './names';
import { ObjectRule, rule } from './violation';

// Secrets (COREV ValidateSecret): valid keys, and the keys each built-in type requires.

const KEY_VALID = "letters, digits, '-', '_' and '.' (at most 253, not '.' or starting with '..')";

/** The data keys each built-in Secret type requires (one of them, for basic-auth). */
const REQUIRED_KEYS: Record<string, { keys: string[]; anyOf?: boolean; json?: boolean }> = {
  'kubernetes.io/dockercfg': { keys: ['.dockercfg'], json: true },
  'kubernetes.io/dockerconfigjson': { keys: ['.dockerconfigjson'], json: true },
  'kubernetes.io/basic-auth': { keys: ['username', 'password'], anyOf: true },
  'kubernetes.io/ssh-auth': { keys: ['ssh-privatekey'] },
  'kubernetes.io/tls': { keys: ['tls.crt', 'tls.key'] },
};

function decoded(secret: any, key: string): string | undefined {
  if (typeof secret.stringData?.[key] === 'string') return secret.stringData[key];
  if (typeof secret.data?.[key] === 'string') return Buffer.from(secret.data[key], 'base64').toString('utf-8');
  return undefined;
}

export const SECRET001 = rule('SECRET001', ['Secret'], 'data and stringData keys are valid file names; each built-in type (tls, dockerconfigjson, basic-auth, ssh-auth, service-account-token) has the keys it requires',
  (secret, sink) => {
    for (const field of ['data', 'stringData']) {
      for (const key of Object.keys(secret[field] ?? {})) sink.check(`${field}[${JSON.stringify(key)}]`, key, configMapKey(key), KEY_VALID);
    }
    const type = secret.type;
    if (type === 'kubernetes.io/service-account-token') {
      if (!secret.metadata?.annotations?.['kubernetes.io/service-account.name']) {
        sink.add('metadata.annotations["kubernetes.io/service-account.name"]', undefined, 'Required value', 'the name of the ServiceAccount the token is for');
      }
      return;
    }
    const required = REQUIRED_KEYS[type];
    if (!required) return;
    const present = required.keys.filter(k => decoded(secret, k) !== undefined);
    const missing = required.anyOf ? (present.length ? [] : required.keys) : required.keys.filter(k => !present.includes(k));
    for (const key of missing) {
      sink.add(`data[${JSON.stringify(key)}]`, undefined, `Required value: a ${type} Secret needs the key ${key}`, required.anyOf ? `data with ${required.keys.join(' or ')}` : `data with ${required.keys.join(' and ')}`);
    }
    if (required.json) {
      for (const key of present) {
        try {
          JSON.parse(decoded(secret, key) ?? '');
        } catch {
          sink.add(`data[${JSON.stringify(key)}]`, undefined, 'invalid JSON', `the ${key} file as JSON`);
        }
      }
    }
  });

export const SECRET_RULES: ObjectRule[] = [SECRET001];
