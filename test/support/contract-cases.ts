import { expect, it } from 'vitest';
import type { Caller, TestStack } from './stack.js';

/** The error body every failed request answers with. */
export interface ErrorBody {
  error: { code: string; message?: string; issues?: { path: string; message: string }[] };
}

/** The field paths of a 400's issues, sorted. */
export const issuePaths = (body: ErrorBody) =>
  (body.error.issues ?? []).map((issue) => issue.path).sort();

type Body = Record<string, unknown>;

/** What is wrong, the body to send (overrides of the valid input, or a whole body), the paths. */
export type BadInput = readonly [what: string, body: Body | (() => unknown), paths: string[]];

/** A reference the API must check: the overrides, and the one issue it answers with. */
export type BadReference = readonly [overrides: Body, path: string, message: string];

export interface ContractCases {
  stack: () => TestStack;
  /** The collection route the record is created at, e.g. `/api/spot-checks`. */
  route: string;
  /** Who writes (default the demo unit officer). */
  as?: Caller;
  /** A valid body, with overrides. */
  input: (overrides?: Body) => unknown;
  /** How many records exist: a rejected request must not change it. */
  count: () => Promise<number>;
  /** Bodies the schema refuses with 400 VALIDATION_FAILED and exactly these (sorted) paths. */
  badInputs?: readonly BadInput[];
  /** A body that is not JSON (400 MALFORMED_JSON). */
  malformed?: string;
  /** A valid body over the 1 MB limit (413 PAYLOAD_TOO_LARGE). */
  oversized?: () => unknown;
  /** References to records that do not exist or are out of scope: 400 with one issue each. */
  references?: () => Promise<readonly BadReference[]>;
}

/**
 * Registers the contract cases every record resource shares: schema refusals, malformed JSON,
 * the body limit and unknown references, each answering as documented and writing nothing.
 */
export function contractCases(cases: ContractCases): void {
  const as = cases.as ?? 'unitOfficer';
  const post = (body: unknown) => cases.stack().call<ErrorBody>('POST', cases.route, { as, body });

  if (cases.badInputs?.length) {
    it.each(cases.badInputs)(
      'rejects %s with 400 and writes nothing',
      async (_what, body, expected) => {
        const before = await cases.count();
        const res = await post(typeof body === 'function' ? body() : cases.input(body));
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
        expect(issuePaths(res.body)).toEqual(expected);
        expect(await cases.count()).toBe(before);
      },
    );
  }

  if (cases.malformed !== undefined) {
    const rawBody = cases.malformed;
    it('rejects malformed JSON with 400, writing nothing', async () => {
      const before = await cases.count();
      const res = await cases.stack().call<ErrorBody>('POST', cases.route, { as, rawBody });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('MALFORMED_JSON');
      expect(await cases.count()).toBe(before);
    });
  }

  if (cases.oversized) {
    const oversized = cases.oversized;
    it('rejects a payload over 1 MB with 413, writing nothing', async () => {
      const before = await cases.count();
      const res = await cases.stack().call<ErrorBody>('POST', cases.route, {
        as,
        rawBody: JSON.stringify(oversized()),
      });
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(await cases.count()).toBe(before);
    });
  }

  if (cases.references) {
    const references = cases.references;
    it('checks the records it refers to: 400 with the one issue, writing nothing', async () => {
      const table = await references();
      const before = await cases.count();
      for (const [overrides, path, message] of table) {
        const res = await post(cases.input(overrides));
        expect(res.status).toBe(400);
        expect(res.body.error.issues).toEqual([{ path, message }]);
      }
      expect(await cases.count()).toBe(before);
    });
  }
}
