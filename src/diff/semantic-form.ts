import { isObject, JsonObject } from '../plan/fields';

/**
 * Fields that are pointers to structs in the Go types: `securityContext: {}` is stored and differs from
 * no securityContext (update-rules.md section 2), so an empty object under these keys is kept.
 */
const POINTER_STRUCTS = new Set([
  'securityContext', 'seccompProfile', 'appArmorProfile', 'seLinuxOptions', 'windowsOptions', 'capabilities',
  'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle', 'postStart', 'preStop',
  'affinity', 'nodeAffinity', 'podAffinity', 'podAntiAffinity', 'requiredDuringSchedulingIgnoredDuringExecution',
  'dnsConfig', 'emptyDir', 'hostPath', 'configMap', 'secret', 'downwardAPI', 'projected', 'persistentVolumeClaim',
  'csi', 'ephemeral', 'nfs', 'fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef', 'valueFrom',
  'configMapRef', 'secretRef', 'exec', 'httpGet', 'tcpSocket', 'grpc', 'sleep', 'rollingUpdate',
  'sessionAffinityConfig', 'clientIP', 'labelSelector', 'namespaceSelector', 'serviceAccountToken', 'clusterTrustBundle',
]);

/** Plain (non-pointer) scalar fields: their zero value (`false`, `0`, `""`) is the same as leaving them out. */
const NON_POINTER_SCALARS = new Set([
  'hostNetwork', 'hostPID', 'hostIPC', 'stdin', 'stdinOnce', 'tty', 'readOnly', 'minReadySeconds', 'globalDefault',
  'subPath', 'subPathExpr', 'hostIP', 'workingDir', 'nodeName', 'hostname', 'subdomain', 'priorityClassName',
  'serviceAccountName', 'runtimeClassName', 'mountPropagation', 'clusterIP',
]);

/** Maps whose values are resource quantities, compared by value (`1000m` equals `1`). */
const QUANTITY_MAPS = new Set(['limits', 'requests', 'overhead']);
const QUANTITY_FIELDS = new Set(['sizeLimit', 'divisor']);

/**
 * The form `Semantic.DeepEqual` compares (update-rules.md section 2, EQ): `null`, empty lists and empty
 * maps equal absent ones, zero values of plain fields equal absent ones, quantities compare by value.
 * Empty structs behind pointers stay. Array elements are never dropped (that would shift indices).
 */
export function semanticForm(value: unknown): unknown {
  return visit(value, undefined, undefined, true) ?? {};
}

function visit(value: unknown, key: string | undefined, parentKey: string | undefined, keepEmpty: boolean): unknown {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) {
    const items = value.map(v => visit(v, undefined, key, true) ?? null);
    return items.length === 0 && !keepEmpty ? undefined : items;
  }
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const k of Object.keys(value).sort()) {
      const v = visit(value[k], k, key, false);
      if (v !== undefined) out[k] = v;
    }
    if (Object.keys(out).length === 0 && !keepEmpty && !(key !== undefined && POINTER_STRUCTS.has(key))) return undefined;
    return out;
  }
  if (key !== undefined && NON_POINTER_SCALARS.has(key) && (value === false || value === 0 || value === '')) return undefined;
  if (typeof value === 'string' && ((parentKey !== undefined && QUANTITY_MAPS.has(parentKey)) || (key !== undefined && QUANTITY_FIELDS.has(key)))) {
    return canonicalQuantity(value);
  }
  if (typeof value === 'number' && key !== undefined && parentKey !== undefined && QUANTITY_MAPS.has(parentKey)) {
    return canonicalQuantity(String(value));
  }
  return value;
}

const QUANTITY = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/;
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

/**
 * A quantity as its exact value in nano-units (`quantity:100000000` for `100m` and `0.1`); text that is
 * no quantity, or has an exponent beyond what the API server stores, stays as written.
 */
export function canonicalQuantity(text: string): string {
  const m = QUANTITY.exec(text.trim());
  if (!m) return text;
  const [, sign, whole, fraction = '', exponent, suffix] = m;
  if (whole === '' && fraction === '') return text;
  let exp10 = 9 - fraction.length + (exponent ? Number(exponent) : 0) + (suffix && suffix in DECIMAL ? DECIMAL[suffix] : 0);
  if (Math.abs(exp10) > 80) return text;
  let n = BigInt(whole + fraction || '0') * 2n ** BigInt(suffix && suffix in BINARY ? BINARY[suffix] : 0);
  if (exp10 >= 0) {
    n *= 10n ** BigInt(exp10);
  } else {
    const d = 10n ** BigInt(-exp10);
    n = (n + d - 1n) / d; // the API server rounds sub-nano precision up
  }
  exp10 = 0;
  return `quantity:${sign === '-' && n !== 0n ? '-' : ''}${n}`;
}
