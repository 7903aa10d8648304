// The shared filter and order definition, turned into SQL for lists, mass updates and deletes.
import { and, type SQL, sql } from "drizzle-orm";
import { userdata } from "../db/schema";
import type { Filters, Order } from "../schemas";
import { MAX_VALUE_BYTES, utf8Length } from "./chunks";
import { fail } from "./failures";

const { user_id, user_data, time_stamp } = userdata;

/** The least string greater than every string that starts with `prefix` (binary order), if any. */
export function prefixUpperBound(prefix: string): string | undefined {
	const points = Array.from(prefix, (ch) => ch.codePointAt(0) as number);
	while (points.length > 0) {
		const last = (points.pop() as number) + 1;
		if (last <= 0x10ffff) {
			points.push(last === 0xd800 ? 0xe000 : last);
			return String.fromCodePoint(...points);
		}
	}
	return undefined;
}

export function isEmpty(filters: Filters): boolean {
	return Object.values(filters).every((v) => v === undefined);
}

/** The WHERE condition for `filters`, or undefined when there is none. Every value is bound. */
export function whereSql(filters: Filters): SQL | undefined {
	const parts: SQL[] = [];
	if (filters.user_id) {
		const ids = JSON.stringify(filters.user_id);
		const bytes = utf8Length(ids);
		if (bytes > MAX_VALUE_BYTES) fail({ kind: "filter-too-large", bytes, limit: MAX_VALUE_BYTES });
		parts.push(sql`${user_id} IN (SELECT value FROM json_each(${ids}))`);
	}
	if (filters.user_id_prefix !== undefined) {
		const upper = prefixUpperBound(filters.user_id_prefix);
		parts.push(sql`${user_id} >= ${filters.user_id_prefix}`);
		if (upper !== undefined) parts.push(sql`${user_id} < ${upper}`);
	}
	if (filters.user_data !== undefined) parts.push(sql`${user_data} = ${filters.user_data}`);
	// instr() matches literally (no LIKE wildcards, no 50-byte pattern cap); lower() folds A–Z only.
	if (filters.q !== undefined) parts.push(sql`instr(lower(${user_data}), lower(${filters.q})) > 0`);
	if (filters.updated_after !== undefined) parts.push(sql`${time_stamp} > ${filters.updated_after}`);
	if (filters.updated_before !== undefined) parts.push(sql`${time_stamp} < ${filters.updated_before}`);
	return and(...parts);
}

/** Where a page ends: the sort key of its last row. */
export type Keyset = { user_id: string; time_stamp: string };

export function orderSql(order: Order): SQL {
	switch (order) {
		case "user_id":
			return sql`${user_id}`;
		case "-user_id":
			return sql`${user_id} DESC`;
		case "time_stamp":
			return sql`${time_stamp}, ${user_id}`;
		case "-time_stamp":
			return sql`${time_stamp} DESC, ${user_id} DESC`;
	}
}

/** Rows strictly after `after` in `order`, as a row-value comparison an index can serve. */
export function afterSql(order: Order, after: Keyset): SQL {
	switch (order) {
		case "user_id":
			return sql`${user_id} > ${after.user_id}`;
		case "-user_id":
			return sql`${user_id} < ${after.user_id}`;
		case "time_stamp":
			return sql`(${time_stamp}, ${user_id}) > (${after.time_stamp}, ${after.user_id})`;
		case "-time_stamp":
			return sql`(${time_stamp}, ${user_id}) < (${after.time_stamp}, ${after.user_id})`;
	}
}
