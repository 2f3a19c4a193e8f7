import type { z } from '@hono/zod-openapi';
import { csrfFieldMatches, sameOriginPost } from './session.js';
import type { Ctx } from './page.js';

// Reading a posted dashboard form: the CSRF checks, and the conversion of its strings into the
// JSON shape the API contract expects, so a form and the JSON API go through the same service.

/** A form post: same origin (Hono's csrf()) and the session's token in `_csrf`, else null. */
export async function checkedForm(c: Ctx): Promise<Record<string, string> | null> {
  if (!(await sameOriginPost(c))) return null;
  const body = await c.req.parseBody();
  if (!csrfFieldMatches(c.var.session, body._csrf)) return null;
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string') fields[key] = value;
  }
  return fields;
}

type Posted = string | File | (string | File)[] | undefined;

/** The type name of a schema once optional/nullable/default wrappers and pipes are looked through. */
function baseOf(schema: z.ZodType): z.ZodType {
  const def = schema._zod.def as unknown as {
    type: string;
    innerType?: z.ZodType;
    in?: z.ZodType;
  };
  if (def.innerType) return baseOf(def.innerType);
  if (def.type === 'pipe' && def.in) return baseOf(def.in);
  return schema;
}

function convert(schema: z.ZodType, value: string | File): unknown {
  if (typeof value !== 'string') return value;
  if (value.trim() === '') return undefined;
  const type = baseOf(schema)._zod.def.type;
  if (type === 'number' || type === 'int' || type === 'bigint') {
    const n = Number(value.trim());
    return Number.isNaN(n) ? value : n;
  }
  if (type === 'boolean') return ['true', 'on', '1'].includes(value);
  return value;
}

/**
 * A posted form (`c.req.parseBody({ all: true })`) → the input of an object contract: numbers and
 * booleans from their strings, arrays from repeated fields or from the lines of a textarea, empty
 * strings left out (undefined, so optional fields stay absent). An unticked checkbox posts
 * nothing: a boolean field missing from the form is false. Fields not in the schema are dropped
 * (`_csrf` among them). The result is then parsed by the contract as the JSON API does.
 */
export function formInput(
  schema: { shape: Record<string, z.ZodType> },
  body: Record<string, Posted>,
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    const base = baseOf(field);
    const posted = body[key];
    const type = base._zod.def.type;
    if (type === 'array') {
      const element = (base._zod.def as unknown as { element: z.ZodType }).element;
      const list: (string | File)[] = Array.isArray(posted)
        ? posted
        : posted === undefined
          ? []
          : [posted];
      const values = list
        .flatMap((v): (string | File)[] => (typeof v === 'string' ? v.split(/\r?\n/) : [v]))
        .map((v) => convert(element, v))
        .filter((v) => v !== undefined);
      if (values.length > 0 || posted !== undefined) input[key] = values;
      continue;
    }
    const value = Array.isArray(posted) ? posted.at(-1) : posted;
    if (value === undefined) {
      if (type === 'boolean') input[key] = false;
      continue;
    }
    const converted = convert(field, value);
    if (converted !== undefined) input[key] = converted;
  }
  return input;
}
