import { labelValue } from '../validation/names';

/** The recommended-label keys this library writes. */
export const LABEL_NAME = 'app.kubernetes.io/name';
export const LABEL_INSTANCE = 'app.kubernetes.io/instance';
export const LABEL_VERSION = 'app.kubernetes.io/version';
export const LABEL_COMPONENT = 'app.kubernetes.io/component';
export const LABEL_PART_OF = 'app.kubernetes.io/part-of';
export const LABEL_MANAGED_BY = 'app.kubernetes.io/managed-by';
/** Splits the per-architecture DaemonSets of one daemon apart (their selectors must not overlap). */
export const LABEL_ARCH = 'daemons.cdk8s.io/arch';

/**
 * The version label value taken from an image's tag, if the tag is a valid label value
 * (`repo/agent:1.4.2` gives `1.4.2`; a digest gives nothing).
 */
export function versionFromImage(image: string): string | undefined {
  if (image.includes('@')) return undefined;
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  if (colon < 0) return undefined;
  const tag = image.slice(colon + 1);
  return tag && labelValue(tag) === undefined ? tag : undefined;
}

/** Recommended labels: the stable selector subset plus the descriptive ones. */
export interface DaemonLabels {
  /** Labels the selector uses; never includes the version or image. */
  readonly selector: { [key: string]: string };
  /** Labels of the objects the daemon owns. */
  readonly all: { [key: string]: string };
  /** Labels of the pod template. */
  readonly pod: { [key: string]: string };
}

export function daemonLabels(opts: {
  name: string;
  instance: string;
  version?: string;
  partOf?: string;
  extra?: { [key: string]: string };
  podExtra?: { [key: string]: string };
  selectorOverride?: { [key: string]: string };
}): DaemonLabels {
  // Object names may be longer than a label value (63): the label keeps a stable prefix.
  const name = opts.name.slice(0, 63).replace(/[^A-Za-z0-9]+$/, '');
  const selector = opts.selectorOverride ?? { [LABEL_NAME]: name, [LABEL_INSTANCE]: opts.instance };
  const all: { [key: string]: string } = {
    [LABEL_NAME]: name,
    [LABEL_INSTANCE]: opts.instance,
    [LABEL_COMPONENT]: 'node-daemon',
    [LABEL_MANAGED_BY]: 'cdk8s-daemons',
  };
  if (opts.version) all[LABEL_VERSION] = opts.version;
  if (opts.partOf) all[LABEL_PART_OF] = opts.partOf;
  return { selector, all: { ...all, ...opts.extra, ...selector }, pod: { ...all, ...opts.podExtra, ...selector } };
}

