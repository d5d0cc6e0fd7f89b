import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import Ajv, { ValidateFunction } from 'ajv';

const SCHEMA_DIR = join(__dirname, '..', '..', 'schemas', 'k8s-1.28-strict');
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const validators = new Map<string, ValidateFunction>();

/** Schema file name for a kind/apiVersion, e.g. DaemonSet apps/v1 -> daemonset-apps-v1.json. */
function schemaFile(kind: string, apiVersion: string): string {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const groupPart = group ? `-${group.split('.')[0]}` : '';
  return `${kind.toLowerCase()}${groupPart}-${version}.json`;
}

const available = new Set(readdirSync(SCHEMA_DIR));

function validatorFor(kind: string, apiVersion: string): ValidateFunction | undefined {
  const file = schemaFile(kind, apiVersion);
  if (!available.has(file)) return undefined;
  let validate = validators.get(file);
  if (!validate) {
    validate = ajv.compile(JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf-8')));
    validators.set(file, validate);
  }
  return validate;
}

/** Kinds without an upstream schema that the library may emit on purpose (CRDs). */
const KNOWN_CUSTOM_KINDS = new Set(['monitoring.coreos.com/v1/ServiceMonitor']);

/** Returns one message per schema error in `objects` (empty when all are valid). */
export function strictSchemaErrors(objects: any[]): string[] {
  const errors: string[] = [];
  objects.forEach((obj, i) => {
    const id = `${obj?.kind} ${obj?.metadata?.name} (object ${i})`;
    const validate = validatorFor(String(obj?.kind), String(obj?.apiVersion));
    if (!validate) {
      if (!KNOWN_CUSTOM_KINDS.has(`${obj?.apiVersion}/${obj?.kind}`)) errors.push(`${id}: no strict schema for ${obj?.apiVersion} ${obj?.kind}`);
      return;
    }
    if (!validate(obj)) {
      for (const e of validate.errors ?? []) {
        errors.push(`${id}: ${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` '${(e.params as any).additionalProperty}'` : ''}`);
      }
    }
  });
  return errors;
}

/** Throws when any object fails its strict Kubernetes 1.28 schema. */
export function assertStrictSchema(objects: any[]): void {
  const errors = strictSchemaErrors(objects);
  if (errors.length) throw new Error(`objects fail the strict Kubernetes 1.28 schema:\n  ${errors.join('\n  ')}`);
}
