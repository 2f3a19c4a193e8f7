export * from './campaign.workflow.js';
export * from './follow-up.workflow.js';
export * from './rectification.workflow.js';
export * from './unit-campaign.workflow.js';
