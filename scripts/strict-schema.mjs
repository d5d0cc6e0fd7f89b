// Writes a strict standalone JSON schema (openapi2jsonschema style: $refs inlined, nullable types,
// additionalProperties false) for one Kubernetes 1.28 kind from the official OpenAPI spec.
// Usage: node scripts/strict-schema.mjs <openapi.json> <definition> <out.json>
// e.g.   node scripts/strict-schema.mjs ../shared/k8s/openapi-1.28.0.json io.k8s.api.apps.v1.Deployment schemas/k8s-1.28-strict/deployment-apps-v1.json
import { readFileSync, writeFileSync } from 'node:fs';

const [specFile, root, out] = process.argv.slice(2);
const definitions = JSON.parse(readFileSync(specFile, 'utf-8')).definitions;

function nullable(type) {
  return Array.isArray(type) ? type : [type, 'null'];
}

// Required fields keep their plain type; everything else may also be null.
function convert(node, required = false, root = false) {
  if (node === null || typeof node !== 'object') return node;
  const either = (b) => ({ oneOf: [{ type: ['string', 'null'] }, { type: [b, 'null'] }] });
  if (node.$ref === '#/definitions/io.k8s.apimachinery.pkg.api.resource.Quantity') return either('number');
  if (node.$ref) return convert(definitions[node.$ref.replace('#/definitions/', '')], required);
  if (node.format === 'int-or-string') return either('integer');
  const result = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'type') result.type = required ? value : nullable(value);
    else if (key === 'properties' || key === 'patternProperties') {
      // As openapi2jsonschema does: the top-level object's required fields stay nullable.
      const mandatory = new Set(root ? [] : node.required ?? []);
      result[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v, mandatory.has(k))]));
    } else if (key === 'additionalProperties' || key === 'items') result[key] = convert(value);
    else result[key] = value;
  }
  if (node.properties && !('additionalProperties' in node)) result.additionalProperties = false;
  return result;
}

const schema = convert(definitions[root], false, true);
const gvk = schema['x-kubernetes-group-version-kind'];
if (gvk) {
  for (const [field, value] of [['apiVersion', gvk[0].group ? `${gvk[0].group}/${gvk[0].version}` : gvk[0].version], ['kind', gvk[0].kind]]) {
    if (schema.properties?.[field]) schema.properties[field].enum = [value];
  }
}
schema.type = 'object';
schema.$schema = 'http://json-schema.org/schema#';
writeFileSync(out, JSON.stringify(schema, null, 2) + '\n');
