/**
 * Remembers which construct prop produced which part of a rendered object, so that an API-server rule
 * broken deep inside the YAML can be reported in terms of the prop the user wrote.
 */
export class PropOrigins {
  private readonly entries = new Map<string, string>();

  /** Records that the field at `path` (and everything under it) comes from `prop`. */
  public record(path: string, prop: string): void {
    this.entries.set(path, prop);
  }

  /** The prop behind `path`: the longest recorded prefix, or undefined. */
  public propFor(path: string): string | undefined {
    let best: string | undefined;
    for (const prefix of this.entries.keys()) {
      const under = prefix === '' || path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
      if (under && (best === undefined || prefix.length > best.length)) best = prefix;
    }
    return best === undefined ? undefined : this.entries.get(best);
  }
}
