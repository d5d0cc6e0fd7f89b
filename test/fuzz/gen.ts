import { Construct } from 'constructs';
import * as fc from 'fast-check';

/**
 * A generated value together with the TypeScript that builds it. Values are built lazily, inside the
 * property, so that factories which throw are part of what is tested, every run gets fresh objects, and
 * constructs (volumes, secrets) land in that run's chart.
 */

/** What a value needs when it is built. */
export interface BuildContext {
  /** The scope for constructs the props refer to (volumes, secrets, config maps): the chart. */
  readonly scope: Construct;
  /** A fresh construct id; ids are handed out in the order they appear in the source (`ID` placeholders). */
  nextId(): string;
}

/** Placeholder for a construct id in the source; the snippet formatter numbers them in order. */
export const ID = "'<id>'";

/** The id the n-th placeholder becomes (the same in `BuildContext.nextId()` and in the snippet). */
export function idName(n: number): string {
  return `Id${n}`;
}

export class Gen<T> {
  constructor(
    /** TypeScript source that builds the value; `chart` is the scope, `ID` marks construct ids. */
    public readonly src: string,
    public readonly build: (ctx: BuildContext) => T,
    /** For object literals: the fields, so objects can be merged and the top level printed one key per line. */
    public readonly fields?: Array<[string, Gen<any>]>,
  ) {}

  public [fc.toStringMethod](): string {
    return this.src;
  }
}

function quote(s: string): string {
  // Long runs of one character (huge label values, 254-character names) are written with repeat().
  const m = /^(.)\1{19,}/su.exec(s);
  if (m) {
    const rest = s.slice(m[0].length);
    const head = `${JSON.stringify(m[1])}.repeat(${[...m[0]].length})`;
    return rest ? `${head} + ${quote(rest)}` : head;
  }
  return JSON.stringify(s);
}

function key(k: string): string {
  if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k)) return k;
  const q = quote(k);
  return q.startsWith('"') && q.endsWith('"') && !q.includes('.repeat(') ? q : `[${q}]`;
}

/** A TypeScript literal for plain data (numbers, strings, booleans, arrays, plain objects). */
export function tsLiteral(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(tsLiteral).join(', ')}]`;
  const entries = Object.entries(v as object);
  return entries.length ? `{ ${entries.map(([k, x]) => `${key(k)}: ${tsLiteral(x)}`).join(', ')} }` : '{}';
}

function clone<T>(v: T): T {
  if (Array.isArray(v)) return v.map(clone) as unknown as T;
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x)])) as T;
  return v;
}

/** Plain data. */
export function lit<T>(value: T): Gen<T> {
  return new Gen(tsLiteral(value), () => clone(value));
}

/** An enum member, written as `EnumName.MEMBER`. */
export function member<E extends Record<string, string>>(enumObject: E, enumName: string, name: keyof E & string): Gen<E[keyof E]> {
  return new Gen(`${enumName}.${name}`, () => enumObject[name]);
}

/** A call: `name(arg, ...)`; trailing undefined arguments are left out. */
export function call<T>(name: string, fn: (...args: any[]) => T, args: Array<Gen<any> | undefined> = []): Gen<T> {
  const given = [...args];
  while (given.length && given[given.length - 1] === undefined) given.pop();
  return new Gen(
    `${name}(${given.map(a => (a ? a.src : 'undefined')).join(', ')})`,
    ctx => fn(...given.map(a => a?.build(ctx))),
  );
}

/** An object literal; undefined fields are left out. Keys keep their order. */
export function obj<T = any>(fields: { [key: string]: Gen<any> | undefined }): Gen<T> {
  const present = Object.entries(fields).filter((e): e is [string, Gen<any>] => e[1] !== undefined);
  return new Gen(
    present.length ? `{ ${present.map(([k, g]) => `${key(k)}: ${g.src}`).join(', ')} }` : '{}',
    ctx => Object.fromEntries(present.map(([k, g]) => [k, g.build(ctx)])) as T,
    present,
  );
}

/** One object literal of `first`'s fields followed by those of the object Gen `rest` (rest wins on a clash). */
export function merged<T = any>(first: { [key: string]: Gen<any> | undefined }, rest: Gen<any>): Gen<T> {
  const restKeys = new Set((rest.fields ?? []).map(([k]) => k));
  const kept = Object.fromEntries(Object.entries(first).filter(([k]) => !restKeys.has(k)));
  return obj<T>({ ...kept, ...Object.fromEntries(rest.fields ?? []) });
}

/** A map literal with arbitrary string keys (later duplicates win, as in the built object). */
export function dict<T>(pairs: Array<[string, Gen<T>]>): Gen<{ [key: string]: T }> {
  return obj(Object.fromEntries(pairs));
}

/** An array literal. */
export function list<T>(items: Array<Gen<T>>): Gen<T[]> {
  return new Gen(`[${items.map(i => i.src).join(', ')}]`, ctx => items.map(i => i.build(ctx)));
}

/** A method call on a generated receiver: `receiver.name(args)`. */
export function method<R, T>(receiver: Gen<R>, name: string, args: Array<Gen<any>>): Gen<T> {
  return new Gen(
    `${receiver.src}.${name}(${args.map(a => a.src).join(', ')})`,
    ctx => {
      const r = receiver.build(ctx) as any;
      return r[name](...args.map(a => a.build(ctx)));
    },
  );
}

// ---- fast-check helpers -------------------------------------------------------------------------

/** Mostly `valid`, sometimes one of the edge values. */
export function edgy<T>(valid: fc.Arbitrary<T>, edges: T[], edgeWeight = 1, validWeight = 8): fc.Arbitrary<T> {
  return fc.oneof({ withCrossShrink: true }, { arbitrary: valid, weight: validWeight }, { arbitrary: fc.constantFrom(...edges), weight: edgeWeight });
}

/** Sometimes absent (undefined first, so shrinking removes it). */
export function opt<T>(arb: fc.Arbitrary<T>, present = 1, absent = 3): fc.Arbitrary<T | undefined> {
  return fc.oneof({ withCrossShrink: true }, { arbitrary: fc.constant(undefined), weight: absent }, { arbitrary: arb, weight: present });
}

/** A literal Gen of each generated plain value. */
export function litOf<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<Gen<T>> {
  return arb.map(v => lit(v));
}

/** One of the members of an enum. */
export function memberOf<E extends Record<string, string>>(
  enumObject: E, enumName: string, names?: Array<keyof E & string>,
): fc.Arbitrary<Gen<E[keyof E]>> {
  const all = names ?? (Object.keys(enumObject) as Array<keyof E & string>);
  return fc.constantFrom(...all).map(n => member(enumObject, enumName, n));
}

/** An options object whose every key is optional (each present with probability present/(present+absent)). */
export function options<T = any>(shape: { [key: string]: fc.Arbitrary<Gen<any>> }, present = 1, absent = 3): fc.Arbitrary<Gen<T>> {
  const model: { [key: string]: fc.Arbitrary<Gen<any> | undefined> } = {};
  for (const [k, a] of Object.entries(shape)) model[k] = opt(a, present, absent);
  return fc.record(model).map(fields => obj<T>(fields));
}

/** A map with keys from `keys` and values from `values` (0..maxLength entries). */
export function dictOf<T>(
  keys: fc.Arbitrary<string>, values: fc.Arbitrary<Gen<T>>, minLength = 0, maxLength = 3,
): fc.Arbitrary<Gen<{ [key: string]: T }>> {
  return fc.array(fc.tuple(keys, values), { minLength, maxLength }).map(pairs => dict(pairs));
}

/** An array of 0..maxLength generated values. */
export function listOf<T>(items: fc.Arbitrary<Gen<T>>, minLength = 0, maxLength = 3): fc.Arbitrary<Gen<T[]>> {
  return fc.array(items, { minLength, maxLength }).map(list);
}
