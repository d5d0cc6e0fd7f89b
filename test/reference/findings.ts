/**
 * What the reference checker reports: one API-server error, written as the API server writes it
 * (`<field.path>: <Type>: <detail>`, kubernetes-rules.md "Error format").
 */
export interface RefError {
  /** The field path, as the API server names it: `spec.template.spec.containers[0].name`. */
  readonly field: string;
  /** `Invalid value`, `Required value`, `Unsupported value`, `Forbidden`, `Duplicate value`, `Too long`, `Not found`. */
  readonly type: string;
  readonly detail: string;
}

/** Collects errors under a field path; `at()` descends. */
export class Errors {
  constructor(public readonly list: RefError[] = [], private readonly base = '') {}

  public at(part: string | number): Errors {
    const field = typeof part === 'number' ? `${this.base}[${part}]` : this.base ? `${this.base}.${part}` : part;
    return new Errors(this.list, field);
  }

  /** A map entry: `labels["app"]`. */
  public key(k: string): Errors {
    return new Errors(this.list, `${this.base}[${JSON.stringify(k)}]`);
  }

  public get path(): string {
    return this.base;
  }

  public invalid(detail: string): void {
    this.list.push({ field: this.base, type: 'Invalid value', detail });
  }

  public required(detail = ''): void {
    this.list.push({ field: this.base, type: 'Required value', detail });
  }

  public unsupported(supported: readonly unknown[]): void {
    this.list.push({ field: this.base, type: 'Unsupported value', detail: `supported values: ${supported.map(s => JSON.stringify(s)).join(', ')}` });
  }

  public forbidden(detail: string): void {
    this.list.push({ field: this.base, type: 'Forbidden', detail });
  }

  public duplicate(): void {
    this.list.push({ field: this.base, type: 'Duplicate value', detail: '' });
  }

  public tooLong(max: number): void {
    this.list.push({ field: this.base, type: 'Too long', detail: `must have at most ${max} bytes` });
  }

  /** Adds each message of a syntax check (an empty list means valid). */
  public each(messages: string[]): void {
    for (const m of messages) this.invalid(m);
  }
}

/** Lists and maps as the rules read them: anything else reads as empty (the schema reports the type). */
export const arr = (v: unknown): any[] => (Array.isArray(v) ? v : []);
export const map = (v: unknown): Record<string, any> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, any>) : {});
export const str = (v: unknown): string => (typeof v === 'string' ? v : '');
export const isSet = (v: unknown): boolean => v !== undefined && v !== null;
export const whole = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
