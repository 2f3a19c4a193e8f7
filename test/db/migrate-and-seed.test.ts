import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../api/db/database.js';
import {
  applyMigrations,
  MIGRATIONS_DIR,
  MigrationError,
  readMigrations,
} from '../../api/db/migrate.js';
import { seedDemoAccounts, seedReferenceData } from '../../api/db/seed.js';
import { hashToken } from '../../api/lib/tokens.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/databases.js';

describe.each(DATABASE_KINDS)('migrations and seeding on %s', (kind) => {
  let testDb: TestDatabase;
  let db: Database;
  let dataDir: string;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    db = await openDatabase(testDb.target);
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'hcm-seed-'));
  });
  afterAll(async () => {
    await db.close();
    await testDb.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('applies every migration once and records it as Prisma does', async () => {
    const files = await readMigrations();
    expect(await applyMigrations(db)).toEqual(files.map((f) => f.name));
    expect(await applyMigrations(db)).toEqual([]);
    const rows = await db.withSession((s) =>
      s.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
        'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name',
      ),
    );
    const firstSql = await readFile(
      path.join(MIGRATIONS_DIR, files[0]!.name, 'migration.sql'),
      'utf8',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    expect(rows[0]!.checksum).toBe(createHash('sha256').update(firstSql).digest('hex'));
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
  });

  it('refuses to run when an applied migration was edited afterwards', async () => {
    const edited = await mkdtemp(path.join(os.tmpdir(), 'hcm-migrations-'));
    try {
      await cp(MIGRATIONS_DIR, edited, { recursive: true });
      const [first] = await readMigrations(edited);
      await writeFile(
        path.join(edited, first!.name, 'migration.sql'),
        `${first!.sql}\n-- edited\n`,
      );
      await expect(applyMigrations(db, edited)).rejects.toThrow(MigrationError);
      await expect(applyMigrations(db, edited)).rejects.toThrow(/checksum mismatch/);
    } finally {
      await rm(edited, { recursive: true, force: true });
    }
  });

  it('rolls back a failing migration completely', async () => {
    const broken = await mkdtemp(path.join(os.tmpdir(), 'hcm-migrations-'));
    try {
      await cp(MIGRATIONS_DIR, broken, { recursive: true });
      const dir = path.join(broken, '99990101000000_broken');
      await mkdir(dir);
      await writeFile(
        path.join(dir, 'migration.sql'),
        'CREATE TABLE "half_done" (id int);\nSELECT * FROM "no_such_table";\n',
      );
      await expect(applyMigrations(db, broken)).rejects.toThrow(/99990101000000_broken failed/);
      const tables = await db.withSession((s) =>
        s.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'half_done'`,
        ),
      );
      expect(tables[0]!.n).toBe(0);
    } finally {
      await rm(broken, { recursive: true, force: true });
    }
  });

  it('seeds the 19 units and the 20 categories, idempotently', async () => {
    await seedReferenceData(db.prisma);
    const counts = async () => ({
      units: await db.prisma.unit.count(),
      implementing: await db.prisma.unit.count({ where: { kind: { not: 'city_division' } } }),
      categories: await db.prisma.productCategory.count({
        where: { templateCode: 'shanghai-2023' },
      }),
      products: await db.prisma.product.count(),
    });
    const first = await counts();
    await seedReferenceData(db.prisma);
    expect(await counts()).toEqual(first);
    expect(first.units).toBe(19);
    expect(first.implementing).toBe(18);
    expect(first.categories).toBe(20);
    const gas = await db.prisma.productCategory.findFirstOrThrow({
      where: { templateCode: 'shanghai-2023', name: '燃气用品' },
      include: { products: { orderBy: { order: 'asc' } } },
    });
    expect(gas.products.map((p) => p.name)).toContain('燃气泄漏报警器');
  });

  it('writes demo tokens that work, and keeps them across restarts', async () => {
    const tokens = await seedDemoAccounts(db.prisma, dataDir);
    expect(Object.keys(tokens).sort()).toEqual([
      'cityAdmin',
      'citySupervisor',
      'enterpriseUser',
      'unitOfficer',
    ]);
    const onDisk = JSON.parse(await readFile(path.join(dataDir, 'demo-tokens.json'), 'utf8'));
    expect(onDisk).toEqual(tokens);
    const officer = await db.prisma.apiToken.findUniqueOrThrow({
      where: { tokenHash: hashToken(tokens.unitOfficer) },
      include: { user: { include: { unit: true } } },
    });
    expect(officer.user.role).toBe('unit_officer');
    expect(officer.user.unit?.shortName).toBe('浦东新区');
    expect(await seedDemoAccounts(db.prisma, dataDir)).toEqual(tokens);
    // Plain tokens are never stored.
    const stored = await db.prisma.apiToken.findMany();
    expect(stored.some((t) => Object.values(tokens).includes(t.tokenHash))).toBe(false);
  });
});
