export * from './manifest-diff';
export * from './object-change';
export { DiffFormat } from './render-diff';
