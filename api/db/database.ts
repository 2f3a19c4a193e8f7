import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../../prisma/generated/client.js';

/** A raw SQL session, used for migrations and health checks (multi-statement scripts allowed). */
export interface SqlSession {
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface Database {
  kind: 'pglite' | 'postgresql';
  /** Where the data lives, for log lines: a folder, ':memory:' or the URL without password. */
  location: string;
  prisma: PrismaClient;
  /** Runs fn on one raw connection (PGlite has only one; PostgreSQL gets a dedicated client). */
  withSession<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: 'postgresql'; url: string }
  /** Without dataDir the embedded database lives in memory (tests). */
  | { kind: 'pglite'; dataDir?: string };

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === 'postgresql' ? openPostgres(target.url) : openPglite(target.dataDir);
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pglite = dataDir ? new PGlite(dataDir) : new PGlite();
  await pglite.waitReady;
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  const session: SqlSession = {
    exec: async (sql) => {
      await pglite.exec(sql);
    },
    query: async <T>(sql: string, params?: unknown[]) => (await pglite.query<T>(sql, params)).rows,
  };
  return {
    kind: 'pglite',
    location: dataDir ?? ':memory:',
    prisma,
    withSession: (fn) => fn(session),
    close: async () => {
      await prisma.$disconnect();
      // $disconnect alone leaves PGlite open (and the process alive).
      if (!pglite.closed) await pglite.close();
    },
  };
}

function openPostgres(url: string): Database {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  return {
    kind: 'postgresql',
    location: redactPassword(url),
    prisma,
    withSession: async (fn) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return await fn({
          exec: async (sql) => {
            await client.query(sql);
          },
          query: async <T>(sql: string, params?: unknown[]) =>
            (await client.query(sql, params)).rows as T[],
        });
      } finally {
        await client.end();
      }
    },
    close: () => prisma.$disconnect(),
  };
}

export function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
