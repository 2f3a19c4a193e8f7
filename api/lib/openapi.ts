import type { z } from '@hono/zod-openapi';
import { ErrorSchema } from '../contracts/common.js';

// Shorthands for the response entries of an OpenAPI route definition.

export const errorResponse = (description: string) => ({
  content: { 'application/json': { schema: ErrorSchema } },
  description,
});

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});
