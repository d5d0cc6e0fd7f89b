import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

/**
 * A checker of classic Fluent Bit configuration text against Fluent Bit's own plugin definitions (the
 * JSON `fluent-bit -J` prints, ../shared/reference/fluent-bit). It parses the rendered text the way Fluent
 * Bit reads it and shares no code with the library's renderer.
 */

const SCHEMA_FILE = join(__dirname, '..', '..', '..', 'shared', 'reference', 'fluent-bit', 'plugin-schema-26.2.1.json');

interface SchemaOption { readonly name: string; readonly type: string }
interface SchemaPlugin { readonly name: string; readonly properties: { [group: string]: SchemaOption[] } }
type Schema = { inputs: SchemaPlugin[]; filters: SchemaPlugin[]; outputs: SchemaPlugin[] };

/** One parsed section: its header and its `key value` lines, in order, with their line numbers. */
export interface ParsedSection {
  readonly header: string;
  readonly line: number;
  readonly entries: Array<{ key: string; value: string; line: number }>;
}

/** Parses classic-mode text: `[HEADER]` lines open sections; other non-blank, non-comment lines are `key value`. */
export function parseClassicConfig(text: string): ParsedSection[] {
  const sections: ParsedSection[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (!line.trim() || line.trim().startsWith('#')) return;
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (header) {
      sections.push({ header: header[1].trim().toUpperCase(), line: i + 1, entries: [] });
      return;
    }
    const kv = /^\s*(\S+)\s+(.*\S)\s*$/.exec(line);
    if (!kv || sections.length === 0) throw new Error(`line ${i + 1}: not a 'key value' line inside a section: ${JSON.stringify(line)}`);
    sections[sections.length - 1].entries.push({ key: kv[1], value: kv[2], line: i + 1 });
  });
  return sections;
}

let schema: Schema | undefined;

/** The plugin schema; throws with the path when ../shared is not next to the repository. */
export function pluginSchema(): Schema {
  if (!schema) {
    if (!existsSync(SCHEMA_FILE)) throw new Error(`Fluent Bit plugin schema missing at ${SCHEMA_FILE} (../shared/reference/fluent-bit)`);
    schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf-8')) as Schema;
  }
  return schema;
}

const GROUPS: { [header: string]: keyof Schema } = { INPUT: 'inputs', FILTER: 'filters', OUTPUT: 'outputs' };

/**
 * Keys Fluent Bit's core handles outside the plugins' config maps, so `-J` does not list them
 * (SOURCES.md: "Buffering and storage" and "Networking"): on outputs `storage.total_limit_size`,
 * `workers` and `net.*`. `name` selects the plugin in every section.
 */
function coreKey(group: keyof Schema, key: string): boolean {
  if (key === 'name') return true;
  if (group === 'outputs') return key === 'storage.total_limit_size' || key === 'workers' || key.startsWith('net.');
  return false;
}

const BOOLEAN = /^(on|off|true|false|yes|no)$/i;

function valueProblem(option: SchemaOption, value: string): string | undefined {
  if (option.type === 'boolean' && !BOOLEAN.test(value)) return `is a boolean, got ${JSON.stringify(value)}`;
  if (option.type === 'integer' && !/^-?\d+$/.test(value) && !(option.name === 'retry_limit' && /^(no_limits|no_retries|false)$/i.test(value))) {
    return `is an integer, got ${JSON.stringify(value)}`;
  }
  return undefined;
}

/**
 * Every problem of the configuration text: a section kind other than SERVICE/INPUT/FILTER/OUTPUT
 * (PARSER and MULTILINE_PARSER belong in parsers files), a plugin section without a Name, a Name that is
 * no plugin of that type, a key that is neither one of the plugin's options nor of its type's global,
 * networking or TLS options, and boolean/integer values that are neither. Keys are case-insensitive.
 */
export function schemaProblems(text: string): string[] {
  const problems: string[] = [];
  for (const section of parseClassicConfig(text)) {
    if (section.header === 'SERVICE') continue; // not part of `fluent-bit -J`
    const group = GROUPS[section.header];
    if (!group) {
      problems.push(`line ${section.line}: [${section.header}] is not a section of the main configuration file`);
      continue;
    }
    const names = section.entries.filter(e => e.key.toLowerCase() === 'name');
    if (names.length !== 1) {
      problems.push(`line ${section.line}: [${section.header}] needs exactly one Name, has ${names.length}`);
      continue;
    }
    const plugin = pluginSchema()[group].find(p => p.name === names[0].value);
    if (!plugin) {
      problems.push(`line ${names[0].line}: [${section.header}] Name ${JSON.stringify(names[0].value)} is no ${group.slice(0, -1)} plugin of Fluent Bit`);
      continue;
    }
    const options = Object.values(plugin.properties).flat();
    for (const { key, value, line } of section.entries) {
      const k = key.toLowerCase();
      if (coreKey(group, k)) continue;
      const option = options.find(o => o.type === 'prefixed string' ? k.startsWith(o.name.toLowerCase()) : o.name.toLowerCase() === k);
      if (!option) {
        problems.push(`line ${line}: [${section.header}] ${plugin.name}: unknown key ${JSON.stringify(key)}`);
        continue;
      }
      const bad = valueProblem(option, value);
      if (bad) problems.push(`line ${line}: [${section.header}] ${plugin.name}: ${key} ${bad}`);
    }
  }
  return problems;
}
