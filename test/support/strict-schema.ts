import { strictSchemaViolations } from '../../src/validation/schema/strict-schema';

/** Kinds without an upstream schema that the library may emit on purpose (CRDs). */
const KNOWN_CUSTOM_KINDS = new Set(['monitoring.coreos.com/v1/ServiceMonitor']);

/**
 * Returns one message per strict Kubernetes 1.28 schema error in `objects` (empty when all are valid).
 * Uses the same precompiled validators (schemas/ via scripts/gen-validators.mjs) as the synth-time check.
 */
export function strictSchemaErrors(objects: any[]): string[] {
  const errors: string[] = [];
  objects.forEach((obj, i) => {
    const id = `${obj?.kind} ${obj?.metadata?.name} (object ${i})`;
    const violations = strictSchemaViolations(obj);
    if (violations === undefined) {
      if (!KNOWN_CUSTOM_KINDS.has(`${obj?.apiVersion}/${obj?.kind}`)) errors.push(`${id}: no strict schema for ${obj?.apiVersion} ${obj?.kind}`);
      return;
    }
    for (const v of violations) errors.push(`${id}: ${v.path} ${v.problem}`);
  });
  return errors;
}

/** Throws when any object fails its strict Kubernetes 1.28 schema. */
export function assertStrictSchema(objects: any[]): void {
  const errors = strictSchemaErrors(objects);
  if (errors.length) throw new Error(`objects fail the strict Kubernetes 1.28 schema:\n  ${errors.join('\n  ')}`);
}
