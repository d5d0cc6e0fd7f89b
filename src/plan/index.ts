export * from './daemon-planner';
export * from './node-inventory';
export * from './plan-renderer';
export * from './report';
