import { Testing } from 'cdk8s';
import { assertStrictSchema } from './strict-schema';

// Every object any test synthesizes must pass the strict Kubernetes 1.28 schema.
const synth = Testing.synth.bind(Testing);
Testing.synth = (chart) => {
  const objects = synth(chart);
  assertStrictSchema(objects);
  return objects;
};
