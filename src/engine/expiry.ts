// The scheduled handler's work: remove what expired, rolled-back and committed sessions staged, in bounded steps.
import { sql } from "drizzle-orm";
import { NOW, session, sessionOperation, sessionRow, sessionUser } from "../db/schema";
import { expiredKeys } from "./idempotency";
import type { Database } from "./run";
import { statement } from "./statements";

/** Staged rows one statement removes at most: each statement stays well inside D1's 30 s. */
export const ROWS_PER_STATEMENT = 50_000;
/** Statements one run makes at most: a scheduled invocation has the same 50-query budget as a request. */
export const STATEMENTS_PER_RUN = 40;

export type Removed = { sessions: number; rows: number; statements: number; keys: number; done: boolean };

const run = async (db: Database, query: ReturnType<typeof sql>) => {
	const { sql: text, params } = statement(query, -1, "write");
	return db
		.prepare(text)
		.bind(...params)
		.run();
};

/**
 * One run: the staged rows and operations of every session that can no longer commit (rolled back, expired, or
 * committed already) go, ROWS_PER_STATEMENT at a time; then the sessions themselves once they are rolled back or
 * expired (a committed one stays until it expires, to answer a repeated commit). `done` is false when the run
 * stopped at its statement budget with work left for the next.
 */
export async function removeExpired(db: Database): Promise<Removed> {
	const removed: Removed = { sessions: 0, rows: 0, statements: 0, keys: 0, done: false };
	// Idempotency keys past their 24 hours, with their answers and kept results.
	const expired = expiredKeys();
	const deleted = await db.batch(expired.map((s) => db.prepare(s.sql).bind(...s.params)));
	removed.keys = deleted[deleted.length - 1].meta.changes ?? 0;
	removed.statements += expired.length;
	// Gone (rolled back or expired), or committed with its staged work still there.
	const finished = sql`${session.state} = 'rolled_back' OR ${session.expires_at} <= ${NOW} OR (${session.state} = 'committed'
		AND EXISTS (SELECT 1 FROM ${sessionOperation} WHERE ${sessionOperation.session_id} = ${session.session_id}))`;
	const list = statement(
		sql`SELECT ${session.session_id} AS id FROM ${session} WHERE ${finished} LIMIT ${STATEMENTS_PER_RUN}`,
		-1,
		"read",
	);
	const { results } = await db
		.prepare(list.sql)
		.bind(...list.params)
		.all<{ id: string }>();
	removed.statements++;
	/** Repeat a bounded DELETE until it removes fewer than it may; false when the run's budget ends first. */
	const drain = async (query: ReturnType<typeof sql>, rows: boolean) => {
		for (;;) {
			if (removed.statements + 3 > STATEMENTS_PER_RUN) return false;
			const { meta } = await run(db, query);
			removed.statements++;
			if (rows) removed.rows += meta.changes ?? 0;
			if ((meta.changes ?? 0) < ROWS_PER_STATEMENT) return true;
		}
	};
	for (const { id } of results) {
		const drained =
			(await drain(
				sql`DELETE FROM ${sessionRow} WHERE (session_id, seq, user_id) IN
					(SELECT session_id, seq, user_id FROM ${sessionRow} WHERE ${sessionRow.session_id} = ${id} LIMIT ${ROWS_PER_STATEMENT})`,
				true,
			)) &&
			(await drain(
				sql`DELETE FROM ${sessionUser} WHERE (session_id, user_id) IN
					(SELECT session_id, user_id FROM ${sessionUser} WHERE ${sessionUser.session_id} = ${id} LIMIT ${ROWS_PER_STATEMENT})`,
				false,
			));
		if (!drained) return removed;
		await run(db, sql`DELETE FROM ${sessionOperation} WHERE ${sessionOperation.session_id} = ${id}`);
		const { meta } = await run(
			db,
			sql`DELETE FROM ${session} WHERE ${session.session_id} = ${id} AND (${session.state} = 'rolled_back' OR ${session.expires_at} <= ${NOW})`,
		);
		removed.statements += 2;
		removed.sessions += meta.changes ?? 0;
	}
	removed.done = true;
	return removed;
}
