import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { RefError } from './findings';

// The strict Kubernetes 1.28 JSON schemas of ../shared/k8s (next to the repository, as in CI), compiled
// with every format on (ajv-formats: int32, int64, byte, date-time, ...). Kinds without a schema there are
// checked by the rules only.

const DIR = join(__dirname, '..', '..', '..', 'shared', 'k8s', 'schemas-1.28-strict');
const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
addFormats(ajv);
const compiled = new Map<string, ((obj: unknown) => boolean) & { errors?: any[] | null } | null>();

/** `daemonset-apps-v1.json` for apps/v1 DaemonSet, `service-v1.json` for v1 Service. */
function fileOf(apiVersion: string, kind: string): string {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  return [kind.toLowerCase(), group.split('.')[0], version].filter(Boolean).join('-') + '.json';
}

export function schemaDirectory(): string {
  return DIR;
}

function validatorFor(apiVersion: string, kind: string) {
  const file = fileOf(apiVersion, kind);
  if (!compiled.has(file)) {
    const path = join(DIR, file);
    if (!existsSync(path)) {
      compiled.set(file, null);
    } else {
      const schema = JSON.parse(readFileSync(path, 'utf-8'));
      delete schema.$schema;
      compiled.set(file, ajv.compile(schema));
    }
  }
  return compiled.get(file);
}

/** Whether ../shared/k8s holds a strict schema for this kind. */
export function hasSchema(obj: any): boolean {
  return !!validatorFor(String(obj?.apiVersion), String(obj?.kind));
}

export function schemaErrors(obj: any): RefError[] {
  const validate = validatorFor(String(obj?.apiVersion), String(obj?.kind));
  if (!validate || validate(obj)) return [];
  return (validate.errors ?? [])
    // An int-or-string or Quantity branch error is reported again by its oneOf: keep one.
    .filter((e: any) => !String(e.schemaPath).includes('/oneOf/'))
    .map((e: any) => ({
      field: String(e.instancePath).split('/').slice(1).join('.') + (e.params?.additionalProperty ? `.${e.params.additionalProperty}` : ''),
      type: 'schema',
      detail: `${e.keyword}: ${e.message}`,
    }));
}
