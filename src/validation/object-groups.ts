/**
 * Groups of objects that a cross-object rule finds together (workloads whose selectors overlap, users of
 * one host port), so that N objects sharing one defect give one finding listing them, not N² pairs.
 */
export class ObjectGroups {
  private readonly parent = new Map<number, number>();

  /** Puts all of `members` in one group (with whatever groups they are in already). */
  public join(members: readonly number[]): void {
    if (members.length === 0) return;
    const root = this.find(members[0]);
    for (const m of members) {
      const r = this.find(m);
      if (r !== root) this.parent.set(r, root);
    }
  }

  /** The groups of two or more objects, each sorted, ordered by their first member. */
  public groups(): number[][] {
    const byRoot = new Map<number, number[]>();
    for (const m of this.parent.keys()) {
      const r = this.find(m);
      const list = byRoot.get(r);
      if (list) list.push(m);
      else byRoot.set(r, [m]);
    }
    return [...byRoot.values()].filter(g => g.length > 1).map(g => g.sort((a, b) => a - b)).sort((a, b) => a[0] - b[0]);
  }

  private find(m: number): number {
    if (!this.parent.has(m)) this.parent.set(m, m);
    let r = m;
    while (this.parent.get(r) !== r) r = this.parent.get(r)!;
    for (let x = m; x !== r;) {
      const next = this.parent.get(x)!;
      this.parent.set(x, r);
      x = next;
    }
    return r;
  }
}

/** Items grouped by a key, in first-seen order. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return [...map.values()];
}

/** A JSON rendering of a value with object keys sorted: equal for equal labels or selectors. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.keys(v).sort().map(k => [k, v[k]])) : v));
}
