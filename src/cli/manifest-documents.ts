import { servedVersionFor } from './served-versions';
import { PlanInputError } from '../plan/input-error';
import { loadFile } from '../plan/source-documents';
import { ManifestDocument, ManifestFinding } from '../validation/manifest-validation';
import { builtInKind } from '../validation/schema/strict-schema';

/** The objects of the input files, and what reading them found. */
export interface ManifestInput {
  readonly docs: ManifestDocument[];
  /** Objects written against an apiVersion Kubernetes 1.28 no longer serves (they are still checked). */
  readonly findings: ManifestFinding[];
}

/**
 * Reads every object of the files, as `kubectl apply -f` would send them: `List` and typed lists
 * (`DaemonSetList`, `ConfigMapList`, ...) are flattened, their items checked like any object (items of a
 * typed list without apiVersion and kind take the list's). What is no Kubernetes object is refused,
 * naming the file and document. An apiVersion 1.28 does not serve is a finding, and the object is checked
 * against the version that is served, so that one run names every defect.
 */
export function readManifestDocuments(files: string[]): ManifestInput {
  const docs: ManifestDocument[] = [];
  const findings: ManifestFinding[] = [];
  for (const file of files) {
    loadFile(file).forEach((doc, index) => {
      const obj = doc.value as any;
      if (obj === null || obj === undefined) return;
      for (const { item, where, label } of flatten(obj, doc.root, doc.source)) {
        if (typeof item !== 'object' || item === null || Array.isArray(item)) {
          throw new PlanInputError(doc.source, where, `document ${index} is not a Kubernetes object (a mapping with apiVersion and kind)`);
        }
        if (typeof item.apiVersion !== 'string' || typeof item.kind !== 'string') {
          throw new PlanInputError(doc.source, where, `document ${index} has no ${typeof item.apiVersion !== 'string' ? 'apiVersion' : 'kind'}`);
        }
        let object = item;
        const known = builtInKind(item.apiVersion, item.kind);
        if (known.builtInGroup && !known.served) {
          const servedVersion = servedVersionFor(item.apiVersion, item.kind);
          findings.push({
            file: label,
            index: docs.length,
            kind: item.kind,
            name: String(item.metadata?.name ?? ''),
            ruleId: 'SCHEMA',
            severity: 'error',
            path: 'apiVersion',
            problem: `Kubernetes 1.28 serves no ${item.kind} in ${item.apiVersion}: the API server refuses the object`,
            valid: servedVersion ? `apiVersion: ${servedVersion} (the object is checked against it below)` : `an apiVersion Kubernetes 1.28 serves for ${item.kind}`,
          });
          if (servedVersion) object = { ...item, apiVersion: servedVersion };
        }
        docs.push({ file: label, index: docs.length, object });
      }
    });
  }
  return { docs, findings };
}

interface ListedItem {
  readonly item: any;
  /** The path of the item in its file. */
  readonly where: string;
  /** How findings name it: the file, plus the path when the file holds several objects. */
  readonly label: string;
}

function flatten(obj: any, root: string, source: string): ListedItem[] {
  const isList = typeof obj?.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj.items);
  if (!isList) return [{ item: obj, where: root, label: root === '$' ? source : `${source} ${root}` }];
  const typed = obj.kind !== 'List' ? { apiVersion: obj.apiVersion, kind: obj.kind.slice(0, -'List'.length) } : undefined;
  return obj.items.map((item: any, i: number) => {
    const where = `${root}.items[${i}]`;
    const filled = typed && typeof item === 'object' && item !== null && !Array.isArray(item)
      ? { apiVersion: typed.apiVersion, kind: typed.kind, ...item } : item;
    return { item: filled, where, label: `${source} ${where}` };
  });
}
