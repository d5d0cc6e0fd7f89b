import { ApiObject } from 'cdk8s';
import { synthExamples } from './cluster-agents';

// The README's main job: synthesize the example app into manifests/ (one file per chart).
const outdir = process.argv[2] ?? 'manifests';
const app = synthExamples(outdir);
app.synth();
for (const chart of app.charts) {
  const objects = chart.node.findAll().filter(c => c instanceof ApiObject).length;
  console.log(`${outdir}/${chart.node.id}.k8s.yaml: ${objects} objects`);
}
