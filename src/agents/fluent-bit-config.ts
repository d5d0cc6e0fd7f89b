import { Size, SizeRoundingBehavior } from 'cdk8s';

/** The section kinds of a classic fluent-bit configuration file. */
export enum FluentBitSectionKind {
  /** Global settings: flush interval, HTTP server, storage. */
  SERVICE = 'SERVICE',
  /** A source of records. */
  INPUT = 'INPUT',
  /** A step that changes or drops records. */
  FILTER = 'FILTER',
  /** A destination of records. */
  OUTPUT = 'OUTPUT',
}

/** One `Key Value` line; a key may repeat (e.g. several `Systemd_Filter` or `Header` lines). */
export type FluentBitEntry = readonly [string, string];

/** One section: its kind and its lines, in order. */
export interface FluentBitSection {
  readonly kind: FluentBitSectionKind;
  readonly entries: FluentBitEntry[];
}

/** Characters that would end a line or start a comment and so change the meaning of the file. */
const UNSAFE_VALUE = /[\r\n]/;
const VALID_KEY = /^[A-Za-z0-9_.\-]+$/;

/**
 * Renders sections as a classic fluent-bit configuration file: `[SECTION]` headers, each `Key Value` line
 * indented by four spaces with the values aligned, one blank line between sections. The output depends
 * only on the sections and their order, so the ConfigMap (and its checksum) is stable.
 * Throws when a key is not a plain word or a value contains a line break.
 */
export function renderFluentBitConfig(sections: FluentBitSection[]): string {
  return sections.map(s => {
    const problem = sectionProblem(s);
    if (problem) throw new Error(problem);
    const width = Math.max(...s.entries.map(([key]) => key.length));
    const lines = s.entries.map(([key, value]) => `    ${key.padEnd(width)} ${value}`);
    return [`[${s.kind}]`, ...lines].join('\n');
  }).join('\n\n') + '\n';
}

/** Why a section cannot be written as fluent-bit config (a key that is no plain word, an empty or multi-line value), or undefined. */
export function sectionProblem(s: FluentBitSection): string | undefined {
  for (const [key, value] of s.entries) {
    if (!VALID_KEY.test(key)) return `fluent-bit key ${JSON.stringify(key)} in [${s.kind}]: keys are words of letters, digits, '_', '.' and '-'`;
    if (UNSAFE_VALUE.test(value) || value.trim() === '') return `fluent-bit value ${JSON.stringify(value)} of '${key}' in [${s.kind}]: values are non-empty and on one line`;
  }
  return undefined;
}

/** Builds one section from entries, dropping the ones whose value is undefined. */
export function section(kind: FluentBitSectionKind, entries: Array<[string, string | undefined]>): FluentBitSection {
  return { kind, entries: entries.filter((e): e is [string, string] => e[1] !== undefined) };
}

/** `On` / `Off`, the way fluent-bit writes booleans. */
export function onOff(value: boolean): string {
  return value ? 'On' : 'Off';
}

/** A size the way fluent-bit reads it (`512M`). */
export function sizeValue(size: Size): string {
  return `${size.toMebibytes({ rounding: SizeRoundingBehavior.FLOOR })}M`;
}
