import { ApiObject } from 'cdk8s';
import { synthExamples } from './cluster-agents';
import { DaemonPlanner } from '../src';

// The README's main job: synthesize the example app into manifests/ (one file per chart), then print where
// its daemons land on the sample cluster of 16 nodes and what they cost each node.
const outdir = process.argv[2] ?? 'manifests';
const app = synthExamples(outdir);
app.synth();
const files: string[] = [];
for (const chart of app.charts) {
  const objects = chart.node.findAll().filter(c => c instanceof ApiObject).length;
  files.push(`${outdir}/${chart.node.id}.k8s.yaml`);
  console.log(`${outdir}/${chart.node.id}.k8s.yaml: ${objects} objects`);
}
if (!process.argv[2]) {
  console.log(`\nPlan of ${files.join(', ')} on examples/nodes/sample-16.json:\n`);
  console.log(DaemonPlanner.planFiles('examples/nodes/sample-16.json', files));
}
