import { arr, Errors, map } from './findings';
import { checkLabels } from './metadata';
import { labelValue, qualified } from './syntax';

/** ValidateLabelSelector (kubernetes-rules.md §1 item 2). */
export function checkSelector(e: Errors, selector: any): void {
  checkLabels(e.at('matchLabels'), selector?.matchLabels);
  arr(selector?.matchExpressions).forEach((x: any, i: number) => {
    const at = e.at('matchExpressions').at(i);
    at.at('key').each(qualified(String(x?.key ?? '')));
    const values = arr(x?.values);
    if (x?.operator === 'In' || x?.operator === 'NotIn') {
      if (!values.length) at.at('values').required("must be specified when `operator` is 'In' or 'NotIn'");
    } else if (x?.operator === 'Exists' || x?.operator === 'DoesNotExist') {
      if (values.length) at.at('values').forbidden("may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
    } else {
      at.at('operator').invalid('not a valid selector operator');
    }
    values.forEach((v, j) => at.at('values').at(j).each(labelValue(String(v))));
  });
}

/** Whether a selector selects these labels (a nil selector selects nothing: §1 item 3). */
export function selects(selector: any, labels: Record<string, string>): boolean {
  if (!selector) return false;
  const has = (k: string) => Object.prototype.hasOwnProperty.call(labels, k);
  return Object.entries(map(selector.matchLabels)).every(([k, v]) => has(k) && labels[k] === v)
    && arr(selector.matchExpressions).every((x: any) => {
      const values = arr(x.values);
      if (x.operator === 'In') return has(x.key) && values.includes(labels[x.key]);
      if (x.operator === 'NotIn') return !has(x.key) || !values.includes(labels[x.key]);
      if (x.operator === 'Exists') return has(x.key);
      if (x.operator === 'DoesNotExist') return !has(x.key);
      return false;
    });
}

export function isEmptySelector(selector: any): boolean {
  return Object.keys(map(selector?.matchLabels)).length === 0 && arr(selector?.matchExpressions).length === 0;
}

/** An int >= 0, or a "<n>%" string with n <= 100; returns whether it is zero (§1 item 10). */
export function intOrPercent(e: Errors, v: unknown): boolean {
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) e.invalid('must be an integer');
    else if (v < 0) e.invalid('must be greater than or equal to 0');
    return v === 0;
  }
  if (typeof v === 'string') {
    const m = /^([0-9]+)%$/.exec(v);
    if (!m) {
      e.invalid("a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')");
      return false;
    }
    if (Number(m[1]) > 100) e.invalid('must not be greater than 100%');
    return Number(m[1]) === 0;
  }
  e.invalid('must be an integer or a percentage');
  return false;
}
