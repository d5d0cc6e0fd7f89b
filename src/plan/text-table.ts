/** Left-aligned columns separated by two spaces; the header is upper-cased. Trailing spaces are trimmed. */
export function textTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header.map(h => h.toUpperCase())), ...rows.map(line)];
}

/** The first few names and how many more: `a, b, c and 9 more`. */
export function someNames(names: readonly string[], show = 3): string {
  if (names.length <= show + 1) return names.join(', ');
  return `${names.slice(0, show).join(', ')} and ${names.length - show} more`;
}

/** `1 node`, `2 nodes`. */
export function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Seconds as `45s`, `12m 30s`, `2h 5m`. */
export function duration(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${seconds % 60 ? ` ${seconds % 60}s` : ''}`;
  const m = Math.floor((seconds % 3600) / 60);
  return `${Math.floor(seconds / 3600)}h${m ? ` ${m}m` : ''}`;
}
