import path from 'node:path';
import type { PrismaConfig } from 'prisma';

// Used by the Prisma CLI only (generate, and `migrate diff`/`migrate dev` while writing migrations).
// The WASM schema engine runs against a throwaway in-memory PGlite, so no native engine and no
// database server are needed. The application applies migrations itself (api/db/migrate.ts).
export default {
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  async adapter() {
    const [{ PGlite }, { PrismaPGlite }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('pglite-prisma-adapter'),
    ]);
    return new PrismaPGlite(new PGlite());
  },
} satisfies PrismaConfig;
