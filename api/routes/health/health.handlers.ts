import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../lib/context.js';
import type { health } from './health.routes.js';

export const healthHandler: RouteHandler<typeof health, AppEnv> = async (c) => {
  const { db, temporal } = c.var.deps;
  const [database, workflow] = await Promise.all([
    db.prisma.$queryRaw`SELECT 1`.then(
      () => 'ok' as const,
      () => 'down' as const,
    ),
    temporal.isHealthy().then((ok) => (ok ? ('ok' as const) : ('down' as const))),
  ]);
  if (database === 'ok' && workflow === 'ok') {
    return c.json({ status: 'ok' as const, database, temporal: workflow }, 200);
  }
  return c.json({ status: 'degraded' as const, database, temporal: workflow }, 503);
};
