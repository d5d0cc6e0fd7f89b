// Writes a standalone strict JSON schema for one Kubernetes kind (all $refs inlined), like the files
// in schemas/k8s-1.28-strict. Usage:
//   node scripts/strict-schema.mjs schemas/openapi-1.28.0.json io.k8s.api.apps.v1.Deployment schemas/k8s-1.28-strict/deployment-apps-v1.json
import { readFileSync, writeFileSync } from 'node:fs';
import { strictSchema } from './k8s-schema.mjs';

const [specFile, root, out] = process.argv.slice(2);
const definitions = JSON.parse(readFileSync(specFile, 'utf-8')).definitions;
const schema = strictSchema(definitions, root, { inline: true });
schema.$schema = 'http://json-schema.org/schema#';
writeFileSync(out, JSON.stringify(schema, null, 2) + '\n');
