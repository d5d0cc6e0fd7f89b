import { daemon, daemonSet, inventoryOf, node, planOf } from './helpers';
import { SkipReason } from '../../src/plan/report';

function required(...terms: any[]) {
  return { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } };
}

/** Names of the nodes (labelled as given) a daemon with this pod spec runs on. */
function runs(pod: Record<string, any>, nodes: Record<string, Record<string, string>>): string[] {
  const inv = inventoryOf(...Object.entries(nodes).map(([name, labels]) => node(name, { labels: { 'kubernetes.io/hostname': name, ...labels } })));
  return daemon(planOf(inv, daemonSet('agent', pod)), 'agent').nodeNames;
}

const expr = (key: string, operator: string, values?: string[]) => ({ matchExpressions: [{ key, operator, ...(values ? { values } : {}) }] });

describe('affinity operators (apimachinery labels/selector.go)', () => {
  const nodes = { a: { tier: 'gold', cores: '8' }, b: { tier: 'silver', cores: '4' }, c: { cores: 'many' }, d: {} };

  test('In: the key exists and its value is listed', () => {
    expect(runs(required(expr('tier', 'In', ['gold', 'bronze'])), nodes)).toEqual(['a']);
  });

  test('NotIn matches nodes without the key', () => {
    expect(runs(required(expr('tier', 'NotIn', ['gold'])), nodes)).toEqual(['b', 'c', 'd']);
  });

  test('Exists and DoesNotExist', () => {
    expect(runs(required(expr('tier', 'Exists')), nodes)).toEqual(['a', 'b']);
    expect(runs(required(expr('tier', 'DoesNotExist')), nodes)).toEqual(['c', 'd']);
  });

  test('Gt and Lt compare integers strictly; a missing or non-integer label never matches', () => {
    expect(runs(required(expr('cores', 'Gt', ['4'])), nodes)).toEqual(['a']);
    expect(runs(required(expr('cores', 'Lt', ['8'])), nodes)).toEqual(['b']);
    expect(runs(required(expr('cores', 'Gt', ['3'])), nodes)).toEqual(['a', 'b']);
    expect(runs(required(expr('cores', 'Lt', ['100'])), nodes)).toEqual(['a', 'b']);
  });

  test('Gt with a value that is not one integer makes the term invalid: it matches no node', () => {
    expect(runs(required(expr('cores', 'Gt', ['four'])), nodes)).toEqual([]);
    expect(runs(required(expr('cores', 'Gt', ['1', '2'])), nodes)).toEqual([]);
  });

  test('Gt/Lt parse int64 like strconv.ParseInt: leading zeros are fine, beyond int64 is not', () => {
    const big = { x: { n: '9223372036854775807' }, y: { n: '0010' } };
    expect(runs(required(expr('n', 'Gt', ['9'])), big)).toEqual(['x', 'y']);
    expect(runs(required(expr('n', 'Gt', ['9223372036854775808'])), big)).toEqual([]);
  });

  test('expressions of a term are ANDed, terms are ORed', () => {
    const and = required({ matchExpressions: [{ key: 'tier', operator: 'Exists' }, { key: 'cores', operator: 'Gt', values: ['5'] }] });
    expect(runs(and, nodes)).toEqual(['a']);
    expect(runs(required(expr('tier', 'In', ['silver']), expr('cores', 'In', ['many'])), nodes)).toEqual(['b', 'c']);
  });

  test('an empty term is skipped; with no usable term nothing matches', () => {
    expect(runs(required({}, expr('tier', 'In', ['gold'])), nodes)).toEqual(['a']);
    expect(runs(required({}), nodes)).toEqual([]);
    expect(runs(required(), nodes)).toEqual([]);
  });

  test('an invalid term does not spoil the others', () => {
    expect(runs(required(expr('tier', 'Like', ['g']), expr('tier', 'In', ['silver'])), nodes)).toEqual(['b']);
  });

  test('nodeSelector and affinity are ANDed', () => {
    expect(runs({ nodeSelector: { tier: 'gold' }, ...required(expr('cores', 'Lt', ['5'])) }, nodes)).toEqual([]);
    expect(runs({ nodeSelector: { tier: 'silver' }, ...required(expr('cores', 'Lt', ['5'])) }, nodes)).toEqual(['b']);
  });

  test('matchFields metadata.name In/NotIn', () => {
    expect(runs(required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['c'] }] }), nodes)).toEqual(['c']);
    expect(runs(required({ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['c'] }] }), nodes)).toEqual(['a', 'b', 'd']);
  });
});

describe('affinity skip reasons', () => {
  const inv = inventoryOf(node('gold', { labels: { tier: 'gold' } }), node('plain', { labels: { other: 'x' } }));

  test('one term: every failing expression of it', () => {
    const d = daemon(planOf(inv, daemonSet('agent', required({
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['gold'] }, { key: 'zone', operator: 'Exists' },
      ],
    }))), 'agent');
    expect(d.skips.map(s => [s.reason, s.detail, s.nodeNames])).toEqual([
      [SkipReason.NODE_AFFINITY, 'nodeAffinity zone Exists', ['gold']],
      [SkipReason.NODE_AFFINITY, 'nodeAffinity tier In [gold], zone Exists', ['plain']],
    ]);
  });

  test('several terms: why each one fails', () => {
    const d = daemon(planOf(inv, daemonSet('agent', required(expr('tier', 'In', ['silver']), expr('cores', 'Gt', ['2'])))), 'agent');
    expect(d.skips[0].detail).toBe('nodeAffinity (no term matches) term 0: tier In [silver]; term 1: cores Gt 2');
  });

  test('nodeSelector: every missing or different entry, sorted by key', () => {
    const d = daemon(planOf(inv, daemonSet('agent', { nodeSelector: { tier: 'gold', pool: 'a' } })), 'agent');
    expect(d.skips.map(s => s.detail)).toEqual(['nodeSelector pool=a', 'nodeSelector pool=a, tier=gold']);
  });
});
