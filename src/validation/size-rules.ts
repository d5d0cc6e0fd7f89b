import { ObjectRule, rule, ViolationSink } from './violation';

// Size limits (apimachinery ValidateAnnotationsSize: 256 KiB of keys and values; COREV ValidateConfigMap and
// ValidateSecret: 1 MiB of data). Sizes are in bytes of UTF-8, as the API server counts them.

const TOTAL_ANNOTATION_SIZE = 256 * 1024;
const MAX_DATA_SIZE = 1024 * 1024;

function bytes(value: unknown): number {
  return Buffer.byteLength(typeof value === 'string' ? value : String(value ?? ''), 'utf-8');
}

function checkAnnotations(sink: ViolationSink, annotations: any, path: string): void {
  if (!annotations || typeof annotations !== 'object') return;
  const total = Object.entries(annotations).reduce((n, [k, v]) => n + bytes(k) + bytes(v), 0);
  if (total > TOTAL_ANNOTATION_SIZE) sink.add(path, `${total} bytes`, `Too long: must have at most ${TOTAL_ANNOTATION_SIZE} bytes`, 'annotations of at most 256 KiB in total (keep large data in a ConfigMap)');
}

export const META004 = rule('META004', ['*'], 'annotations of an object and of its pod template total at most 256 KiB',
  (obj, sink) => {
    checkAnnotations(sink, obj?.metadata?.annotations, 'metadata.annotations');
    checkAnnotations(sink, obj?.spec?.template?.metadata?.annotations, 'spec.template.metadata.annotations');
  });

/** Bytes of base64 data once decoded. */
function decodedBytes(value: unknown): number {
  return Buffer.from(String(value ?? ''), 'base64').length;
}

export const SIZE001 = rule('SIZE001', ['ConfigMap', 'Secret'], 'ConfigMap and Secret data total at most 1 MiB',
  (obj, sink) => {
    const plain = obj.kind === 'ConfigMap' ? obj.data : obj.stringData;
    const encoded = obj.kind === 'ConfigMap' ? obj.binaryData : obj.data;
    let total = 0;
    for (const v of Object.values(plain ?? {})) total += bytes(v);
    for (const v of Object.values(encoded ?? {})) total += decodedBytes(v);
    if (total > MAX_DATA_SIZE) sink.add('data', `${total} bytes`, `Too long: must have at most ${MAX_DATA_SIZE} bytes`, `a ${obj.kind} of at most 1 MiB (split it, or mount the data another way)`);
  });

export const SIZE_RULES: ObjectRule[] = [META004, SIZE001];
