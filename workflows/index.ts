export * from './campaign.workflow.js';
