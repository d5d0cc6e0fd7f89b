import { configMapKey } from './names';
import { ObjectRule, rule } from './violation';

export const CM001 = rule('CM001', ['ConfigMap'], 'data and binaryData keys are valid file names and not duplicated between the two',
  (cm, sink) => {
    const dataKeys = Object.keys(cm.data ?? {});
    for (const key of dataKeys) sink.check(`data[${JSON.stringify(key)}]`, key, configMapKey(key), "letters, digits, '-', '_' and '.'");
    for (const key of Object.keys(cm.binaryData ?? {})) {
      sink.check(`binaryData[${JSON.stringify(key)}]`, key, configMapKey(key), "letters, digits, '-', '_' and '.'");
      if (dataKeys.includes(key)) sink.add(`binaryData[${JSON.stringify(key)}]`, key, 'duplicate of key present in data', 'each key in data or binaryData, not both');
    }
  });

export const CONFIG_MAP_RULES: ObjectRule[] = [CM001];
