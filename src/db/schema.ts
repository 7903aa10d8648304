// The one description of the userdata table; migrations are generated from it.
import { sql } from "drizzle-orm";
import { check, index, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** ISO 8601 UTC with milliseconds, computed by SQLite at statement time. */
export const NOW = sql.raw(`strftime('%Y-%m-%dT%H:%M:%fZ','now')`);

/**
 * The time_stamp an update gives a row: now, but always at least a millisecond after the
 * row's current one, so every version of a row has its own time_stamp (and ETag).
 */
export const NEXT_TIME_STAMP = sql.raw(
	// The CASE keeps the date arithmetic off the common path (the row's time_stamp is in the past).
	`CASE WHEN "userdata"."time_stamp" < strftime('%Y-%m-%dT%H:%M:%fZ','now') THEN strftime('%Y-%m-%dT%H:%M:%fZ','now') ELSE strftime('%Y-%m-%dT%H:%M:%fZ', "userdata"."time_stamp", '+0.001 seconds') END`,
);

// GLOB class of the control characters U+0001–U+001F and U+007F; U+0000 is checked apart
// because SQLite cannot hold it inside a GLOB pattern.
const CONTROL = sql.raw(`'*[' || char(1) || '-' || char(31) || char(127) || ']*'`);

export const userdata = sqliteTable(
	"userdata",
	{
		user_id: text("user_id").primaryKey(),
		user_data: text("user_data"),
		time_stamp: text("time_stamp").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
	},
	(t) => [
		check(
			"user_id_valid",
			sql`typeof(${t.user_id}) = 'text' AND length(${t.user_id}) BETWEEN 1 AND 32 AND ${t.user_id} NOT GLOB ${CONTROL} AND instr(${t.user_id}, char(0)) = 0`,
		),
		check(
			"user_data_valid",
			sql`${t.user_data} IS NULL OR (typeof(${t.user_data}) = 'text' AND length(${t.user_data}) <= 640)`,
		),
		// A time_stamp must survive a round trip through SQLite's own formatter unchanged.
		check("time_stamp_valid", sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${t.time_stamp}) IS ${t.time_stamp}`),
		index("userdata_time_stamp").on(t.time_stamp, t.user_id),
	],
);

export type Row = typeof userdata.$inferSelect;
