import { App, Chart, Testing } from 'cdk8s';
import { NodeDaemon, Priority, Validations } from '../../src';
import * as checker from '../../src/validation/object-checker';
import { HARDENED as props } from '../support/hardened';

// cdk8s validates the whole app again for every chart App.synth() writes; the library reuses the pass
// there, and only there. Anywhere else a change between two syntheses must be seen.


test('a suppression added between two Testing.synth calls is seen', () => {
  const chart = new Chart(Testing.app(), 'agents', { namespace: 'kube-system' });
  Validations.configure(chart, { strict: true });
  const daemon = new NodeDaemon(chart, 'agent', { ...props, host: { pid: true } });
  expect(() => Testing.synth(chart)).toThrow(/rule SEC004/);
  Validations.suppress(daemon, 'SEC004', 'reads host processes for process metrics');
  expect(Testing.synth(chart)).toHaveLength(1);
});

test('a daemon added after an App.synth is validated by the next one', () => {
  const app = new App({ outdir: Testing.app().outdir });
  const one = new Chart(app, 'one', { namespace: 'a' });
  new Chart(app, 'two', { namespace: 'b' });
  new NodeDaemon(one, 'agent', { ...props, priority: Priority.systemNodeCritical() });
  app.synth();
  new NodeDaemon(one, 'broken', { ...props, priority: Priority.systemNodeCritical(), minReadySeconds: -5 });
  expect(() => app.synth()).toThrow(/one\/broken\] 'minReadySeconds' -5/);
});

test('App.synth over many charts checks each object once, not once per chart', () => {
  const app = new App({ outdir: Testing.app().outdir });
  const charts = Array.from({ length: 20 }, (_, i) => new Chart(app, `team-${i}`, { namespace: `team-${i}` }));
  charts.forEach(c => new NodeDaemon(c, 'agent', { ...props, priority: Priority.systemNodeCritical() }));
  let validations = 0;
  charts[0].node.addValidation({ validate: () => { validations++; return []; } });
  const checks = jest.spyOn(checker, 'checkObject');
  app.synth();
  // cdk8s runs every validator once for the app and again for each chart it writes.
  expect(validations).toBe(21);
  expect(checks).toHaveBeenCalledTimes(20);
  checks.mockRestore();
});
