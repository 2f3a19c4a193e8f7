/**
 * Whether a database error is a unique-constraint violation. Prisma reports it as P2002; through
 * the PGlite driver adapter it can surface as the adapter's own error carrying PostgreSQL's
 * SQLSTATE 23505.
 */
export function isUniqueViolation(error: unknown): boolean {
  for (
    let e: unknown = error;
    typeof e === 'object' && e !== null;
    e = (e as { cause?: unknown }).cause
  ) {
    const { code, kind, message } = e as { code?: unknown; kind?: unknown; message?: unknown };
    if (code === 'P2002' || code === '23505' || kind === 'UniqueConstraintViolation') return true;
    if (typeof message === 'string' && message.includes('violates unique constraint')) return true;
  }
  return false;
}
