import path from 'node:path';
import type { PGlite as PGliteType } from '@electric-sql/pglite';
import type { PrismaConfig } from 'prisma';

// Used by the Prisma CLI only (`generate`, and `migrate diff` while writing migrations). The WASM
// schema engine runs against throwaway in-memory PGlite databases, so no native engine and no
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
    // The engine replays existing migrations on the shadow database through executeRaw, one
    // whole migration.sql at a time; PGlite runs multi-statement scripts only through exec().
    const withScripts = async (db: PGliteType) => {
      const adapter = await new PrismaPGlite(db).connect();
      const executeRaw = adapter.executeRaw.bind(adapter);
      adapter.executeRaw = async (query) => {
        if (query.args.length > 0) return executeRaw(query);
        await db.exec(query.sql);
        return 0;
      };
      return adapter;
    };
    const main = new PGlite();
    return {
      provider: 'postgres',
      adapterName: 'pglite-prisma-adapter',
      connect: () => withScripts(main),
      connectToShadowDb: () => withScripts(new PGlite()),
    };
  },
} satisfies PrismaConfig;
