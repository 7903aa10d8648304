// The one description of the userdata table; migrations are generated from it.
import { sql } from "drizzle-orm";
import { blob, check, index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

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

// Sessions (API.md § Sessions): the work a session stages lives here until it is committed, rolled back or
// expires, so a session survives any restart of the Worker. Removed by the scheduled handler (src/engine/expiry.ts).

export const session = sqliteTable(
	"session",
	{
		session_id: text("session_id").primaryKey(),
		/** open, committed or rolled_back; an open session past expires_at counts as expired. */
		state: text("state").notNull(),
		created_at: text("created_at").notNull(),
		expires_at: text("expires_at").notNull(),
		ttl_s: integer("ttl_s").notNull(),
		/** Staged operations so far, and the distinct rows (ids) they name. */
		operations: integer("operations").notNull(),
		rows: integer("rows").notNull(),
		/** D1 statements the session's pending view and commit need for what is staged (see src/engine/sessions.ts). */
		statements: integer("statements").notNull(),
		/** The commit's answer, replayed to a repeated commit. */
		result: text("result"),
	},
	(t) => [index("session_state_expires").on(t.state, t.expires_at)],
);

/** A staged operation without its rows: its JSON (op and options), in the order staged. */
export const sessionOperation = sqliteTable(
	"session_operation",
	{
		session_id: text("session_id").notNull(),
		seq: integer("seq").notNull(),
		operation: text("operation").notNull(),
	},
	(t) => [primaryKey({ columns: [t.session_id, t.seq] })],
);

/** A staged operation's rows (insert, upsert, update), ids (delete) or id (expect): the commit's row source. */
export const sessionRow = sqliteTable(
	"session_row",
	{
		session_id: text("session_id").notNull(),
		seq: integer("seq").notNull(),
		user_id: text("user_id").notNull(),
		user_data: text("user_data"),
	},
	(t) => [primaryKey({ columns: [t.session_id, t.seq, t.user_id] })],
);

/**
 * The distinct ids a session's operations name: what its row limit counts (an update of rows it inserted adds
 * none), and the rows of the table a pending view copies.
 */
export const sessionUser = sqliteTable(
	"session_user",
	{ session_id: text("session_id").notNull(), user_id: text("user_id").notNull() },
	(t) => [primaryKey({ columns: [t.session_id, t.user_id] })],
);

/**
 * Scratch for one pending view: the rows a session's operations can touch, copied from userdata and changed
 * there. Empty outside a batch: one batch fills it, reads it and empties it, and D1 runs batches one at a time.
 */
export const pending = sqliteTable("pending", {
	user_id: text("user_id").primaryKey(),
	user_data: text("user_data"),
	time_stamp: text("time_stamp").notNull(),
});

/** The ids pending holds in place of userdata's rows (deleted ones included). Empty outside a batch too. */
export const pendingBase = sqliteTable("pending_base", { user_id: text("user_id").primaryKey() });

// Retries (API.md § Retries): an Idempotency-Key and the answer of the first request that carried it.

/**
 * A key, claimed in the same D1 batch as the write it belongs to (both commit or neither does), with a fingerprint
 * of its request (method, path, query, body). The answer is saved once the request has it (idempotency_part).
 */
export const idempotencyKey = sqliteTable(
	"idempotency_key",
	{
		key: text("key").primaryKey(),
		fingerprint: text("fingerprint").notNull(),
		created_at: text("created_at").notNull(),
		expires_at: text("expires_at").notNull(),
		/** The first answer's status and headers (JSON); null until it is saved. */
		status: integer("status"),
		headers: text("headers"),
		/** 1 when the batch that claimed the key kept its results too (idempotency_result): the answer can be rebuilt. */
		captured: integer("captured").notNull().default(0),
	},
	(t) => [index("idempotency_key_expires").on(t.expires_at)],
);

/**
 * The results of the batch that claimed a key, kept in that batch: what each statement the answer is made of
 * returned, so that the answer can be rebuilt when D1's reply to the committed batch is lost (src/engine/run.ts).
 * `s`: the statement's place in the batch; `i`: the row's place in its result; `operation`: the operation it
 * belongs to, or -1 - k for the caller's k-th statement; `changes`: a write's changes or a count; `row`: one
 * returned row as JSON.
 */
export const idempotencyResult = sqliteTable(
	"idempotency_result",
	{
		key: text("key").notNull(),
		s: integer("s").notNull(),
		i: integer("i").notNull(),
		operation: integer("operation").notNull(),
		changes: integer("changes"),
		row: text("row"),
	},
	(t) => [primaryKey({ columns: [t.key, t.s, t.i] })],
);

/** The first answer's body, gzipped, in parts of at most one D1 bound value each. */
export const idempotencyPart = sqliteTable(
	"idempotency_part",
	{
		key: text("key").notNull(),
		n: integer("n").notNull(),
		bytes: blob("bytes").notNull(),
	},
	(t) => [primaryKey({ columns: [t.key, t.n] })],
);
