#!/usr/bin/env node
// `npm run migration:new -- <name>`: writes prisma/migrations/<UTC timestamp>_<name>/migration.sql
// with the SQL that brings the existing migrations to prisma/schema.prisma (offline, WASM engine).
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: npm run migration:new -- <name in snake_case>');
  process.exit(1);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const diff = spawnSync(
  process.execPath,
  [
    path.join(root, 'scripts', 'prisma-offline.mjs'),
    'migrate',
    'diff',
    '--from-migrations',
    'prisma/migrations',
    '--to-schema-datamodel',
    'prisma/schema.prisma',
    '--script',
  ],
  { cwd: root, encoding: 'utf8' },
);
if (diff.status !== 0) {
  console.error(diff.stderr);
  process.exit(diff.status ?? 1);
}
if (!diff.stdout.trim() || diff.stdout.includes('This is an empty migration')) {
  console.error('prisma/schema.prisma matches the migrations: nothing to write.');
  process.exit(1);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dir = path.join(root, 'prisma', 'migrations', `${stamp}_${name}`);
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, 'migration.sql'), diff.stdout);
console.log(`wrote ${path.relative(root, dir)}/migration.sql`);
