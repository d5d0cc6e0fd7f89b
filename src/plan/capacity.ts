import { formatQuantity, parseQuantity, round } from './quantity';
import { ResourceAmount, ResourceUse } from './report';

/** What the daemons that land on one node request together, against its allocatable resources. */
export interface NodeCapacity {
  readonly cpu: ResourceUse;
  readonly memory: ResourceUse;
  readonly pods: ResourceUse;
  readonly extended: ResourceUse[];
}

/**
 * Sums the requests of the daemons landing on a node (every pod the controller creates there, whether it
 * fits or not: what the daemons ask of the node) and sets them against allocatable.
 */
export function nodeCapacity(allocatable: Readonly<Record<string, string>>, landing: ReadonlyArray<ReadonlyMap<string, number>>): NodeCapacity {
  const alloc = (resource: string): number => {
    const raw = allocatable[resource];
    return raw === undefined ? 0 : parseQuantity(raw, resource) ?? 0;
  };
  const requested = new Map<string, number>();
  for (const requests of landing) for (const [resource, amount] of requests) requested.set(resource, (requested.get(resource) ?? 0) + amount);
  const use = (resource: string, amount: number): ResourceUse => {
    const total = alloc(resource);
    const percent = total > 0 ? round((amount / total) * 100, 1) : amount > 0 ? 100 : 0;
    return { resource, requested: amount, allocatable: total, percent };
  };
  const extended = [...requested.keys()]
    .filter(r => r !== 'cpu' && r !== 'memory' && requested.get(r)! > 0)
    .sort()
    .map(r => use(r, requested.get(r)!));
  return {
    cpu: use('cpu', requested.get('cpu') ?? 0),
    memory: use('memory', requested.get('memory') ?? 0),
    pods: use('pods', landing.length),
    extended,
  };
}

/** `250m`, `1.2Gi`: an amount for people. */
export function formatAmount(a: ResourceAmount): string {
  return formatQuantity(a.amount, a.resource);
}
