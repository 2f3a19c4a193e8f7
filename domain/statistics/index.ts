export * from './compute.js';
export * from './definition.js';
export * from './money.js';
export * from './period.js';
