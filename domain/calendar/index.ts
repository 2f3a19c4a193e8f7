export * from './materialise.js';
export * from './phases.js';
export * from './shanghai-time.js';
export * from './templates.js';
export * from './scale.js';
