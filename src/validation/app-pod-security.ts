import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { namespaceOf } from './pod-security';
import { PodSecurityLevel } from './pod-security-level';
import { ENFORCE_LABEL, namespaceEnforcePolicy, PodSecurityPolicy, stricterLevel } from './pod-security-policy';
import { Validations } from './validations';

/** The enforce policy of each namespace of the app, by namespace name. */
export type NamespacePolicies = Map<string, PodSecurityPolicy>;

/** The nearest scope (itself or an ancestor) that declares a Pod Security level, and that level. */
export function declaredPodSecurity(scope: IConstruct): { level: PodSecurityLevel; path: string } | undefined {
  const scopes = scope.node.scopes;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const level = Validations.optionsOf(scopes[i]).podSecurity;
    if (level === undefined) return undefined;
    if (i === 0 || Validations.optionsOf(scopes[i - 1]).podSecurity !== level) return { level, path: scopes[i].node.path || 'the app' };
  }
  return undefined;
}

function merge(into: NamespacePolicies, namespace: string, policy: PodSecurityPolicy): void {
  const known = into.get(namespace);
  if (!known || stricterLevel(known.level, policy.level) !== known.level) into.set(namespace, policy);
}

/**
 * The namespaces' levels: from every Namespace object of the app with a `pod-security.kubernetes.io/enforce`
 * label, and from each validated chart that declares a level (for the chart's namespace). The stricter wins.
 */
export function namespacePolicies(root: IConstruct, charts: Chart[]): NamespacePolicies {
  const found: NamespacePolicies = new Map();
  for (const obj of root.node.findAll()) {
    if (!ApiObject.isApiObject(obj) || obj.kind !== 'Namespace' || obj.apiVersion !== 'v1') continue;
    const json = obj.toJson();
    const name = String(json.metadata?.name ?? '');
    const policy = namespaceEnforcePolicy(json.metadata?.labels, `the label ${ENFORCE_LABEL} of Namespace ${name} (${obj.node.path})`);
    if (policy) merge(found, name, policy);
  }
  for (const chart of charts) {
    const declared = declaredPodSecurity(chart);
    if (declared) merge(found, chart.namespace || 'default', { level: declared.level, version: 'latest', source: `podSecurity ${declared.level} of ${declared.path} for namespace ${chart.namespace || 'default'}` });
  }
  return found;
}

/** The policy an object's pods are admitted under: its namespace's, or the level declared on it or its daemon, the stricter. */
export function policyFor(obj: ApiObject, json: any, namespaces: NamespacePolicies): PodSecurityPolicy | undefined {
  const fromNamespace = namespaces.get(namespaceOf(json));
  const declared = declaredPodSecurity(obj);
  if (!declared) return fromNamespace;
  const own: PodSecurityPolicy = { level: declared.level, version: 'latest', source: `podSecurity ${declared.level} of ${declared.path}` };
  if (!fromNamespace) return own;
  return stricterLevel(fromNamespace.level, own.level) === own.level && own.level !== fromNamespace.level ? own : fromNamespace;
}

/** The namespaces' levels of an app while it synthesizes: its tree does not change then, so they are read once. */
const DURING_SYNTH = new WeakMap<IConstruct, NamespacePolicies>();

/** The namespaces' levels of every chart of the app under `root`. */
function appNamespacePolicies(root: IConstruct): NamespacePolicies {
  return DURING_SYNTH.get(root) ?? namespacePolicies(root, root.node.findAll().filter((c): c is Chart => Chart.isChart(c)));
}

/**
 * Reads the namespaces' levels of the app once for the synth that `body` runs, instead of walking the
 * whole app again for every pod template it renders (which grows with daemons x constructs).
 */
export function duringSynth(app: IConstruct, body: () => void): void {
  DURING_SYNTH.set(app, appNamespacePolicies(app));
  try {
    body();
  } finally {
    DURING_SYNTH.delete(app);
  }
}

/**
 * The strictest level a construct's pods must meet: declared on it or any scope above it, or enforced on
 * its namespace by a Namespace object or a chart of the app. What a daemon renders for.
 */
export function requiredLevel(scope: IConstruct, namespace: string): PodSecurityLevel | undefined {
  let level: PodSecurityLevel | undefined;
  const raise = (l: PodSecurityLevel | undefined) => {
    if (l !== undefined) level = level === undefined ? l : stricterLevel(level, l);
  };
  for (const s of scope.node.scopes) raise(Validations.optionsOf(s).podSecurity);
  raise(appNamespacePolicies(scope.node.root).get(namespace)?.level);
  return level;
}
