export * from './agent-overrides';
export * from './log-output';
export * from './log-collector';
export * from './metrics-exporter';
export * from './node-exporter-collector';
export * from './service-monitor';
export * from './hardware-rng-refresher';
export * from './rng-feeder';
