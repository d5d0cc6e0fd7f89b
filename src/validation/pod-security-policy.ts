import { PodSecurityLevel } from './pod-security-level';

const ORDER = [PodSecurityLevel.PRIVILEGED, PodSecurityLevel.BASELINE, PodSecurityLevel.RESTRICTED];

/** The stricter of two levels. */
export function stricterLevel(a: PodSecurityLevel, b: PodSecurityLevel): PodSecurityLevel {
  return ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b;
}

/** A level and version to evaluate against, with where it was declared (for messages). */
export interface PodSecurityPolicy {
  readonly level: PodSecurityLevel;
  /** `latest` or `v1.<minor>`, as written in the namespace's `enforce-version` label. */
  readonly version: string;
  /** Where the level comes from, e.g. `the label on Namespace monitoring`. */
  readonly source: string;
}

export const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';
export const ENFORCE_VERSION_LABEL = 'pod-security.kubernetes.io/enforce-version';
const MODES = ['enforce', 'audit', 'warn'];
const VERSION = /^v1\.(0|[1-9][0-9]*)$/;

/** The policy minor version to evaluate: `latest` (or any newer version) runs the newest checks. */
export function policyMinor(version: string): number {
  const m = VERSION.exec(version);
  return m ? Number(m[1]) : Number.POSITIVE_INFINITY;
}

/**
 * The enforce policy of a Namespace from its labels, as admission reads them (api/helpers.go
 * `PolicyToEvaluate`): no label enforces nothing (the built-in default is privileged); an invalid level
 * fails closed (restricted); an invalid version means latest.
 */
export function namespaceEnforcePolicy(labels: { [key: string]: unknown } | undefined, source: string): PodSecurityPolicy | undefined {
  const level = labels?.[ENFORCE_LABEL];
  if (level === undefined) return undefined;
  const valid = ORDER.find(l => l === level);
  const version = labels?.[ENFORCE_VERSION_LABEL];
  return {
    level: valid ?? PodSecurityLevel.RESTRICTED,
    version: typeof version === 'string' && VERSION.test(version) ? version : 'latest',
    source,
  };
}

/** What the API server says about invalid pod-security labels on a Namespace (the Namespace is rejected). */
export function namespaceLabelProblems(labels: { [key: string]: unknown } | undefined): { key: string; value: unknown; problem: string }[] {
  const problems: { key: string; value: unknown; problem: string }[] = [];
  for (const mode of MODES) {
    const levelKey = `pod-security.kubernetes.io/${mode}`;
    const versionKey = `${levelKey}-version`;
    const level = labels?.[levelKey];
    if (level !== undefined && !ORDER.some(l => l === level)) {
      problems.push({ key: levelKey, value: level, problem: 'must be one of privileged, baseline, restricted' });
    }
    const version = labels?.[versionKey];
    if (version !== undefined && version !== 'latest' && !(typeof version === 'string' && VERSION.test(version))) {
      problems.push({ key: versionKey, value: version, problem: 'must be "latest" or "v1.x"' });
    }
  }
  return problems;
}
