import { ChangeType, ObjectChange } from './object-change';
import { describeIdentity } from './object-identity';

/** The output formats of a diff. */
export enum DiffFormat {
  /** Readable lines for a terminal. */
  TEXT = 'text',
  /** `{ changes: [{ group, kind, namespace, name, change, paths, reason }], unchanged }` for scripts. */
  JSON = 'json',
  /** A pull-request comment: a summary, a table and the reasons. */
  MARKDOWN = 'markdown',
}

const TYPES = [ChangeType.REJECTED, ChangeType.ROLLOUT, ChangeType.DELETED, ChangeType.CREATED, ChangeType.UPDATED];

/** `1 rejected, 2 rollout, 0 deleted, 0 created, 3 updated; 12 unchanged`. */
export function summaryLine(changes: readonly ObjectChange[], unchanged: number): string {
  const counts = TYPES.map(t => `${changes.filter(c => c.change === t).length} ${t}`);
  return `${counts.join(', ')}; ${unchanged} unchanged`;
}

function title(c: ObjectChange): string {
  return describeIdentity(c);
}

/** Renders a diff; byte-identical for the same input. */
export function renderDiff(changes: readonly ObjectChange[], unchanged: number, format: DiffFormat): string {
  switch (format) {
    case DiffFormat.JSON: return `${JSON.stringify({ changes: changes.map(jsonChange), unchanged }, null, 2)}\n`;
    case DiffFormat.MARKDOWN: return markdown(changes, unchanged);
    default: return text(changes, unchanged);
  }
}

function jsonChange(c: ObjectChange): object {
  return {
    group: c.group,
    kind: c.kind,
    namespace: c.namespace ?? null,
    name: c.name,
    change: c.change,
    paths: c.paths,
    reason: c.reason,
    ...(c.rollout ? { rollout: c.rollout } : {}),
  };
}

function text(changes: readonly ObjectChange[], unchanged: number): string {
  const lines: string[] = [];
  for (const c of changes) {
    lines.push(`${c.change.padEnd(9)} ${title(c)}`);
    if (c.paths.length) lines.push(`          ${c.paths.join(', ')}`);
    lines.push(`          ${c.reason}`);
  }
  lines.push(summaryLine(changes, unchanged));
  return `${lines.join('\n')}\n`;
}

const ICON: Record<ChangeType, string> = {
  [ChangeType.REJECTED]: ':no_entry:',
  [ChangeType.ROLLOUT]: ':arrows_counterclockwise:',
  [ChangeType.DELETED]: ':wastebasket:',
  [ChangeType.CREATED]: ':new:',
  [ChangeType.UPDATED]: ':pencil2:',
};

function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function markdown(changes: readonly ObjectChange[], unchanged: number): string {
  const out = ['### cdk8s-daemons diff', '', `**${summaryLine(changes, unchanged)}**`, ''];
  if (!changes.length) {
    out.push('Applying the new manifests changes nothing.');
    return `${out.join('\n')}\n`;
  }
  const rejected = changes.filter(c => c.change === ChangeType.REJECTED).length;
  if (rejected) out.push(`> [!CAUTION]\n> The API server refuses ${rejected} of these updates: the sync fails until they are resolved (see the way out below).`, '');
  out.push('| | Change | Object | Fields |', '|---|---|---|---|');
  for (const c of changes) {
    const fields = c.paths.length > 4 ? [...c.paths.slice(0, 4), `and ${c.paths.length - 4} more`] : c.paths;
    out.push(`| ${ICON[c.change]} | ${c.change} | \`${cell(title(c))}\` | ${fields.map(p => `\`${cell(p)}\``).join('<br>')} |`);
  }
  out.push('');
  for (const c of changes) out.push(`- **${c.change}** \`${cell(title(c))}\`: ${c.reason.replace(/\n/g, ' ')}`);
  return `${out.join('\n')}\n`;
}
