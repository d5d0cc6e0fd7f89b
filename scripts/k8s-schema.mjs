// Strict JSON schemas from the Kubernetes OpenAPI (v2) definitions, openapi2jsonschema style: nullable
// types except for required nested fields, int-or-string and Quantity as string-or-number, and
// additionalProperties false on every object with properties (so an unknown field is an error).
// `inline: true` inlines every $ref (the standalone files in schemas/k8s-1.28-strict); `inline: false`
// keeps shared definitions, which compiles to a validator a third the size and much faster to load.

const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';

function nullable(type) {
  return Array.isArray(type) ? type : [type, 'null'];
}

const stringOr = (other) => ({ oneOf: [{ type: ['string', 'null'] }, { type: [other, 'null'] }] });

// The OpenAPI formats the API server enforces when it decodes a request, as plain JSON-schema keywords so
// that precompiled validators need no format plugin: an int32 field refuses 2^31 (the decoder overflows),
// an int64 field refuses values beyond +-2^63, a byte field (Secret data, ConfigMap binaryData) must be
// standard base64 with padding (Go's decoder skips CR and LF), and a date-time must be RFC 3339.
// `double` accepts every JSON number, so it needs no keyword.
const B64 = '[A-Za-z0-9+/][\\r\\n]*';
const PAD = '=[\\r\\n]*';
export const FORMAT_KEYWORDS = {
  int32: { minimum: -2147483648, maximum: 2147483647 },
  // 2^63 itself is the first double beyond the int64 range.
  int64: { minimum: -9223372036854775808, exclusiveMaximum: 9223372036854775808 },
  byte: { pattern: `^[\\r\\n]*(?:(?:${B64}){4})*(?:(?:${B64}){2}(?:${PAD}){2}|(?:${B64}){3}${PAD})?$` },
  'date-time': { pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]+)?(?:[Zz]|[+-][0-9]{2}:[0-9]{2})$' },
};

export function strictSchema(definitions, root, { inline, formats = false }) {
  const shared = {};

  function ref(name, required) {
    if (name === QUANTITY) return stringOr('number');
    if (definitions[name].format === 'int-or-string') return stringOr('integer');
    if (inline) return convert(definitions[name], required);
    const key = required ? `${name}.required` : name;
    if (!(key in shared)) {
      shared[key] = {};
      shared[key] = convert(definitions[name], required);
    }
    return { $ref: `#/definitions/${key}` };
  }

  function convert(node, required = false, isRoot = false) {
    if (node === null || typeof node !== 'object') return node;
    if (node.$ref) return ref(node.$ref.replace('#/definitions/', ''), required);
    if (node.format === 'int-or-string') return stringOr('integer');
    const result = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'type') result.type = required ? value : nullable(value);
      else if (key === 'properties') {
        // As openapi2jsonschema does: the top-level object's required fields stay nullable.
        const mandatory = new Set(isRoot ? [] : node.required ?? []);
        result.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v, mandatory.has(k))]));
      } else if (key === 'additionalProperties' || key === 'items') result[key] = convert(value);
      else if (key === 'enum') result.enum = [...new Set(value)];
      else if (key === 'description' && !inline) continue;
      else if (key === 'format' && formats && FORMAT_KEYWORDS[value]) Object.assign(result, FORMAT_KEYWORDS[value]);
      else result[key] = value;
    }
    if (node.properties && !('additionalProperties' in node)) result.additionalProperties = false;
    return result;
  }

  const schema = convert(definitions[root], false, true);
  const gvk = schema['x-kubernetes-group-version-kind'];
  if (gvk) {
    const apiVersion = gvk[0].group ? `${gvk[0].group}/${gvk[0].version}` : gvk[0].version;
    if (schema.properties?.apiVersion) schema.properties.apiVersion.enum = [apiVersion];
    if (schema.properties?.kind) schema.properties.kind.enum = [gvk[0].kind];
  }
  schema.type = 'object';
  if (!inline) schema.definitions = shared;
  return schema;
}
