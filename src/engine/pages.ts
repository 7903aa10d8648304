// Reads every selected row page by page (keyset), within one request's budget of D1 queries.

import type { Row } from "../db/schema";
import type { Filters, Order } from "../schemas";
import { fail } from "./failures";
import type { Keyset } from "./filters";
import { type Database, MAX_STATEMENTS, run } from "./run";

/** Rows per page at least: each page is one D1 query, whose fixed cost small pages would pay too often. */
export const MIN_PAGE = 10_000;
/** Rows per page at most: a page is held in memory while it is written out. */
export const MAX_PAGE = 25_000;
/** Queries for pages: the budget less the count, less the empty read that shows the end. */
const PAGE_QUERIES = MAX_STATEMENTS - 2;

/**
 * Rows per page so that `total` rows fit in the page queries one request may make;
 * 413 when that would need pages over MAX_PAGE rows.
 */
export function pageSize(total: number): number {
	const size = Math.max(MIN_PAGE, Math.ceil(total / PAGE_QUERIES));
	if (size > MAX_PAGE) fail({ kind: "export-too-large", rows: total, limit: MAX_PAGE * PAGE_QUERIES });
	return size;
}

/**
 * Count the rows `where` selects and return them as an async sequence of pages, in `order`.
 * The count comes first so that an export too large for one request is refused before its
 * first byte; rows added meanwhile that no longer fit end the stream with an error, not silently.
 */
export async function exportPages(db: Database, where: Filters, order: Order): Promise<AsyncGenerator<Row[]>> {
	const { results } = await run(db, [{ operation: { op: "count", where } }]);
	const limit = pageSize(results[0].count);
	return (async function* () {
		let after: Keyset | undefined;
		for (let query = 1; ; query++) {
			if (query > PAGE_QUERIES + 1) throw new Error(`the export needed more than ${MAX_STATEMENTS} D1 queries`);
			const page = await run(db, [{ operation: { op: "select", where, order, limit, after } }]);
			const rows = page.results[0].data;
			if (rows.length > 0) yield rows;
			if (rows.length < limit) return;
			const last = rows[rows.length - 1];
			after = { user_id: last.user_id, time_stamp: last.time_stamp };
		}
	})();
}
