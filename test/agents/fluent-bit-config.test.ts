import { FluentBitSectionKind, renderFluentBitConfig, section } from '../../src/agents/fluent-bit-config';

describe('renderFluentBitConfig', () => {
  test('writes [SECTION] headers and aligned, indented Key Value lines, one blank line apart', () => {
    const text = renderFluentBitConfig([
      section(FluentBitSectionKind.SERVICE, [['Flush', '1'], ['HTTP_Server', 'On']]),
      section(FluentBitSectionKind.OUTPUT, [['Name', 'stdout'], ['Match', '*']]),
    ]);
    expect(text).toBe([
      '[SERVICE]',
      '    Flush       1',
      '    HTTP_Server On',
      '',
      '[OUTPUT]',
      '    Name  stdout',
      '    Match *',
      '',
    ].join('\n'));
  });

  test('keeps repeated keys in order and drops undefined values', () => {
    const text = renderFluentBitConfig([section(FluentBitSectionKind.INPUT, [
      ['Name', 'systemd'], ['Systemd_Filter', 'a'], ['DB', undefined], ['Systemd_Filter', 'b'],
    ])]);
    expect(text).toBe('[INPUT]\n    Name           systemd\n    Systemd_Filter a\n    Systemd_Filter b\n');
  });

  test('is deterministic: the same sections give the same bytes', () => {
    const build = () => renderFluentBitConfig([section(FluentBitSectionKind.FILTER, [['Name', 'grep'], ['Match', 'kube.*']])]);
    expect(build()).toBe(build());
  });

  test('refuses values that would break the file and keys that are not words', () => {
    expect(() => renderFluentBitConfig([section(FluentBitSectionKind.OUTPUT, [['Host', 'es\n[INPUT]']])]))
      .toThrow('fluent-bit value "es\\n[INPUT]" of \'Host\' in [OUTPUT]: values are non-empty and on one line');
    expect(() => renderFluentBitConfig([section(FluentBitSectionKind.OUTPUT, [['Host', ' ']])])).toThrow(/values are non-empty/);
    expect(() => renderFluentBitConfig([section(FluentBitSectionKind.OUTPUT, [['Bad Key', 'x']])])).toThrow(/fluent-bit key "Bad Key" in \[OUTPUT\]/);
  });
});
