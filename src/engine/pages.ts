// Reads every selected row page by page (keyset), sizing pages so each stays a few megabytes.
import type { Row } from "../db/schema";
import type { Filters, Order } from "../schemas";
import type { Keyset } from "./filters";
import { type Database, MAX_STATEMENTS, run } from "./run";

const FIRST_PAGE = 1_000;
const MAX_PAGE = 50_000;
/** Aim for pages of about this many bytes of row data: memory stays flat whatever the table's size. */
const PAGE_BYTES = 4_000_000;

const rowBytes = (row: Row) => row.user_id.length + (row.user_data?.length ?? 0) + 40;

export class PageBudgetExceeded extends Error {}

/**
 * Yield every row `where` selects, in `order`, one page per D1 query. A request may make at
 * most MAX_STATEMENTS queries; an export that would need more stops with PageBudgetExceeded
 * rather than end as if complete.
 */
export async function* pages(db: Database, where: Filters, order: Order, after?: Keyset): AsyncGenerator<Row[]> {
	let limit = FIRST_PAGE;
	for (let query = 1; ; query++) {
		if (query > MAX_STATEMENTS) {
			throw new PageBudgetExceeded(`the export needs more than ${MAX_STATEMENTS} D1 queries`);
		}
		const { results } = await run(db, [{ operation: { op: "select", where, order, limit, after } }]);
		const rows = results[0].data;
		if (rows.length > 0) yield rows;
		if (rows.length < limit) return;
		const last = rows[rows.length - 1];
		after = { user_id: last.user_id, time_stamp: last.time_stamp };
		const average = rows.reduce((n, row) => n + rowBytes(row), 0) / rows.length;
		limit = Math.max(FIRST_PAGE, Math.min(MAX_PAGE, Math.floor(PAGE_BYTES / average)));
	}
}
