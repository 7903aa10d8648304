// Sessions: the tutorial's unit of work across requests. Staged operations and their rows live in D1
// (session, session_operation, session_row, session_user); a commit runs them from there, in one batch, through the same builders.
import { type SQL, sql } from "drizzle-orm";
import { NOW, pending, pendingBase, session, sessionOperation, sessionRow, sessionUser, userdata } from "../db/schema";
import type { Operation } from "../schemas";
import { jsonChunks } from "./chunks";
import { EngineError, fail } from "./failures";
import { whereSql } from "./filters";
import { check, compactCost, type Database, type Outcome, type PlannedOperation, type RunOptions, run } from "./run";
import {
	type Capture,
	captureRows,
	type EngineOperation,
	type StagedRows,
	type Statement,
	statement,
	type Target,
} from "./statements";

export const MAX_STAGED_ROWS = 1_000_000;
export const MAX_OPEN_SESSIONS = 1_000;
/** Retry-After of a refused open, at most: a session may be committed or rolled back long before it expires. */
const MAX_RETRY_AFTER_S = 60;

/**
 * Statements a pending view needs besides the staged operations' own: the load, the guard, the copy of rows
 * named by id, the list of copied ids, a page and its count, and emptying the scratch tables. A commit needs
 * fewer (the load, the guard, its new state, its saved answer), so a session whose view fits can always commit.
 */
export const VIEW_OVERHEAD = 8;

type SessionRow = typeof session.$inferSelect;
/** A session as its routes answer it (a rolled-back one is never answered). */
export type SessionState = Omit<SessionRow, "statements" | "result" | "state"> & { state: "open" | "committed" };

type SessionRecord = SessionState & Pick<SessionRow, "statements" | "result"> & { staged: string | null };

/** An operation as stored: its rows (or ids) replaced by how many there are. */
type StoredOperation = { seq: number; operation: Record<string, unknown> };

const expiresAt = (ttl: SQL | number) => sql`strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+' || ${ttl} || ' seconds')`;
const LIVE = sql`${session.state} <> 'rolled_back' AND ${session.expires_at} > ${NOW}`;
const STATE = sql.raw("session_id, state, created_at, expires_at, ttl_s, operations, rows");
/** A session's state as JSON, in STATE's order: how a claiming batch keeps it (see Capture). */
const STATE_JSON = sql.raw(
	`json_object('session_id', session_id, 'state', state, 'created_at', created_at, 'expires_at', expires_at, 'ttl_s', ttl_s, 'operations', operations, 'rows', rows)`,
);
/** Keep the session's state as a statement before it returned it (RETURNING STATE). */
const keepState = (session_id: string): Capture => ({
	after: captureRows(
		() => sql`SELECT ${STATE} FROM ${session} WHERE ${session.session_id} = ${session_id}`,
		STATE_JSON,
	),
});

/** A session's id: 128 random bits, as 32 hex digits. */
function newSessionId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

const stateOf = (record: SessionRecord): SessionState => ({
	session_id: record.session_id,
	state: record.state,
	created_at: record.created_at,
	expires_at: record.expires_at,
	ttl_s: record.ttl_s,
	operations: record.operations,
	rows: record.rows,
});

/**
 * A guard that fails the batch unless the session is live; when `open` also unless it is still open, and when
 * `operations` is given unless that many operations are staged (nothing was staged since it was read).
 */
function sessionGuard(session_id: string, open: boolean, operations?: number): Statement {
	const found = sql`(SELECT 1 FROM ${session} WHERE ${session.session_id} = ${session_id} AND ${LIVE})`;
	const committed = sql`(SELECT 1 FROM ${session} WHERE ${session.session_id} = ${session_id} AND ${session.state} = 'committed')`;
	const changed =
		operations === undefined
			? sql`0`
			: sql`(SELECT ${session.operations} <> ${operations} FROM ${session} WHERE ${session.session_id} = ${session_id})`;
	return statement(
		sql`INSERT INTO problem (body) SELECT CASE
				WHEN NOT EXISTS ${found} THEN json_object('kind', 'session-not-found', 'session_id', ${session_id})
				WHEN ${open ? sql`EXISTS ${committed}` : sql`0`} THEN json_object('kind', 'session-committed', 'session_id', ${session_id})
				ELSE json_object('kind', 'session-changed', 'session_id', ${session_id}) END
			WHERE NOT EXISTS ${found} OR ${open ? sql`EXISTS ${committed}` : sql`0`} OR ${changed}`,
		-1,
		"guard",
	);
}

/** Told D1's figures for each batch (Server-Timing, the request log). */
type Recorder = Pick<RunOptions, "record" | "claim">;

/** Run statements as one batch, a guard's report turned into its failure; the rows each returns. */
async function batch(
	db: Database,
	statements: Statement[],
	options: Recorder,
	repeatable = false,
): Promise<unknown[][]> {
	return (await run(db, [], { before: statements, record: options.record, claim: options.claim, repeatable })).extras;
}

/** Open a session, unless MAX_OPEN_SESSIONS are open. */
export async function openSession(db: Database, ttl_s: number, options: Recorder = {}): Promise<SessionState> {
	const session_id = newSessionId();
	const open = sql`${session.state} = 'open' AND ${session.expires_at} > ${NOW}`;
	const guard = statement(
		sql`INSERT INTO problem (body)
			SELECT json_object('kind', 'too-many-sessions', 'limit', ${MAX_OPEN_SESSIONS}, 'retry_after_s',
				min(${MAX_RETRY_AFTER_S}, max(1, CAST((julianday(min(${session.expires_at})) - julianday('now')) * 86400 AS INTEGER) + 1)))
			FROM ${session} WHERE ${open} HAVING count(*) >= ${MAX_OPEN_SESSIONS}`,
		-1,
		"guard",
	);
	const insert = statement(
		sql`INSERT INTO ${session} (session_id, state, created_at, expires_at, ttl_s, operations, rows, statements)
			VALUES (${session_id}, 'open', ${NOW}, ${expiresAt(ttl_s)}, ${ttl_s}, 0, 0, 0) RETURNING ${STATE}`,
		-1,
		"read",
	);
	insert.capture = keepState(session_id);
	const results = await batch(db, [guard, insert], options);
	return results[1][0] as SessionState;
}

/** The session, with its staged operations in order; 404 unless it is live. */
async function load(
	db: Database,
	session_id: string,
	options: Recorder,
): Promise<{ record: SessionRecord; staged: StoredOperation[] }> {
	const [[found]] = await batch(
		db,
		[
			statement(
				sql`SELECT ${STATE}, statements, result, (SELECT json_group_array(json_object('seq', ${sessionOperation.seq}, 'operation', json(${sessionOperation.operation})))
					FROM ${sessionOperation} WHERE ${sessionOperation.session_id} = ${session.session_id}) AS staged
				FROM ${session} WHERE ${session.session_id} = ${session_id} AND ${LIVE}`,
				-1,
				"read",
			),
		],
		options,
	);
	const record = found as SessionRecord | undefined;
	if (!record) return fail({ kind: "session-not-found", session_id });
	const staged = (JSON.parse(record.staged ?? "[]") as StoredOperation[]).sort((a, b) => a.seq - b.seq);
	return { record, staged };
}

export async function getSession(db: Database, session_id: string, options: Recorder = {}): Promise<SessionState> {
	return stateOf((await load(db, session_id, options)).record);
}

/** What a stored operation's rows were replaced by; the rows themselves are in session_row under its seq. */
const ROWS_KEY: Record<string, "rows" | "user_ids" | undefined> = {
	insert: "rows",
	upsert: "rows",
	update: "rows",
	delete: "user_ids",
};

/** A stored operation as the engine runs it, its rows read from the staging table. */
function unstore(session_id: string, { seq, operation }: StoredOperation): EngineOperation {
	const key = ROWS_KEY[operation.op as string];
	if (!key) return operation as EngineOperation;
	const staged: StagedRows = { staged: { session_id, seq, count: operation[key] as number } };
	return { ...operation, [key]: staged } as EngineOperation;
}

const isMassWrite = (op: { op: string }) => op.op === "update_where" || op.op === "delete_where";

/** What staging `operation` adds to a session's budget: its statements in compact form, and a mass write's copy. */
function cost(operation: Operation): number {
	const key = ROWS_KEY[operation.op];
	const stored = key ? { ...operation, [key]: { staged: { session_id: "", seq: 0, count: 1 } } } : operation;
	return compactCost(stored as EngineOperation) + (isMassWrite(operation) ? 1 : 0);
}

/**
 * Stage `operations` in the session, after the planner's rules; nothing is applied. Refused (and nothing staged)
 * when the session is not open, would name more than MAX_STAGED_ROWS distinct rows, or its view would exceed
 * `limit` statements. One batch: the operations, their rows, the ids new to the session counted as they are added
 * to session_user, then the limits checked against the new totals (a refusal rolls it all back).
 */
export async function stage(
	db: Database,
	session_id: string,
	operations: Operation[],
	limit: number,
	options: Recorder = {},
): Promise<SessionState> {
	check(
		operations.map((operation) => ({ operation })),
		{ numbered: true },
	);
	const statements = operations.reduce((n, op) => n + cost(op), 0);
	const stored: unknown[] = [];
	const staged: [number, string, string | null][] = [];
	operations.forEach((op, i) => {
		const key = ROWS_KEY[op.op];
		if (key === "rows") {
			const list = (op as { rows: { user_id: string; user_data?: string | null }[] }).rows;
			for (const row of list) staged.push([i, row.user_id, row.user_data ?? null]);
			stored.push([i, { ...op, rows: list.length }]);
		} else if (key === "user_ids") {
			const ids = (op as { user_ids: string[] }).user_ids;
			for (const id of ids) staged.push([i, id, null]);
			stored.push([i, { ...op, user_ids: ids.length }]);
		} else {
			// An expect's id is staged too: a pending view copies every row the operations name.
			if (op.op === "expect") staged.push([i, op.user_id, null]);
			stored.push([i, op]);
		}
	});
	const base = sql`(SELECT ${session.operations} FROM ${session} WHERE ${session.session_id} = ${session_id})`;
	const ids = [...new Set(staged.map((row) => row[1]))];
	const named = jsonChunks(ids).flatMap(({ json }) => [
		statement(
			sql`INSERT OR IGNORE INTO ${sessionUser} (session_id, user_id) SELECT ${session_id}, value FROM json_each(${json})`,
			-1,
			"write",
		),
		statement(
			sql`UPDATE ${session} SET rows = rows + changes() WHERE ${session.session_id} = ${session_id}`,
			-1,
			"write",
		),
	]);
	const needs = sql`${session.statements} + ${statements + VIEW_OVERHEAD}`;
	const guard = statement(
		sql`INSERT INTO problem (body) SELECT CASE
				WHEN ${session.rows} > ${MAX_STAGED_ROWS}
					THEN json_object('kind', 'too-many-staged-rows', 'rows', ${session.rows}, 'limit', ${MAX_STAGED_ROWS})
				ELSE json_object('kind', 'too-many-statements', 'statements', ${needs}, 'limit', ${limit}) END
			FROM ${session} WHERE ${session.session_id} = ${session_id}
				AND (${session.rows} > ${MAX_STAGED_ROWS} OR ${needs} > ${limit})`,
		-1,
		"guard",
	);
	const writes = [
		...jsonChunks(stored).map(({ json }) =>
			statement(
				sql`INSERT INTO ${sessionOperation} (session_id, seq, operation)
					SELECT ${session_id}, ${base} + (value ->> 0), value -> 1 FROM json_each(${json})`,
				-1,
				"write",
			),
		),
		...jsonChunks(staged).map(({ json }) =>
			statement(
				sql`INSERT INTO ${sessionRow} (session_id, seq, user_id, user_data)
					SELECT ${session_id}, ${base} + (value ->> 0), value ->> 1, value ->> 2 FROM json_each(${json})`,
				-1,
				"write",
			),
		),
		...named,
		guard,
		{
			...statement(
				sql`UPDATE ${session} SET operations = operations + ${operations.length},
					statements = statements + ${statements}, expires_at = ${expiresAt(sql`ttl_s`)}
				WHERE ${session.session_id} = ${session_id} RETURNING ${STATE}`,
				-1,
				"read",
			),
			capture: keepState(session_id),
		},
	];
	const { extras } = await run(db, [], {
		limit,
		before: [sessionGuard(session_id, true), ...writes],
		record: options.record,
		claim: options.claim,
	});
	return extras[extras.length - 1][0] as SessionState;
}

/** The scratch copy a pending view changes, named "userdata" in the SQL as the table is. */
const SCRATCH: Target = {
	write: sql`${pending} AS ${userdata}`,
	read: sql`${pending} AS ${userdata}`,
};
/** The table as the session's view: userdata's rows the scratch does not replace, and the scratch's. */
const VIEW: Target = {
	write: SCRATCH.write,
	read: sql`(SELECT user_id, user_data, time_stamp FROM ${userdata} WHERE user_id NOT IN (SELECT user_id FROM ${pendingBase})
		UNION ALL SELECT user_id, user_data, time_stamp FROM ${pending}) AS ${userdata}`,
};

/**
 * The table as it will be if the session commits now, read with `reads` (a page, its count). One batch that
 * commits, and that no other request can see into: copy into the scratch table every row the staged operations
 * can touch (the rows they name by id, the rows each mass write selects; a row no operation selects as the table
 * is now cannot be changed by any of them), apply the operations there with the commit's own statements, read
 * the table with the scratch in place of what it copied, and empty the scratch. A staged operation that would
 * fail the commit now fails the view with the same failure.
 */
export async function pendingView(
	db: Database,
	session_id: string,
	reads: EngineOperation[],
	limit: number,
	options: Recorder = {},
): Promise<Outcome["results"]> {
	const { record, staged } = await load(db, session_id, options);
	if (record.state === "committed") {
		const { results } = await run(
			db,
			reads.map((operation) => ({ operation })),
			{ limit: limit - 1, ...options },
		);
		return results;
	}
	// Every staged operation, its selects too (they read the scratch, and are not answered), so that a failure
	// names the operation by its index in the session's list, as a commit would.
	const operations: PlannedOperation[] = staged.map((s) => ({
		operation: unstore(session_id, s),
		options: { target: SCRATCH },
	}));
	const copy = (where: SQL | undefined) =>
		statement(
			sql`INSERT OR IGNORE INTO ${pending} (user_id, user_data, time_stamp)
				SELECT user_id, user_data, time_stamp FROM ${userdata}${where ? sql` WHERE ${where}` : sql``}`,
			-1,
			"write",
		);
	const named = sql`${userdata.user_id} IN (SELECT user_id FROM ${sessionUser} WHERE ${sessionUser.session_id} = ${session_id})`;
	const copies = [
		copy(named),
		...operations.flatMap(({ operation: op }) =>
			op.op === "update_where" || op.op === "delete_where" ? [copy(whereSql(op.where))] : [],
		),
		statement(sql`INSERT INTO ${pendingBase} (user_id) SELECT user_id FROM ${pending}`, -1, "write"),
	];
	const empty = [
		statement(sql`DELETE FROM ${pending}`, -1, "write"),
		statement(sql`DELETE FROM ${pendingBase}`, -1, "write"),
	];
	const { results } = await run(
		db,
		[...operations, ...reads.map((operation) => ({ operation, options: { target: VIEW } }))],
		{
			numbered: true,
			compact: true,
			// Checked as they were staged: the session names at most MAX_STAGED_ROWS distinct rows.
			maxRows: Number.POSITIVE_INFINITY,
			limit: limit - 1,
			before: [sessionGuard(session_id, true, record.operations), ...copies],
			after: empty,
			// It leaves nothing behind: what it copies into the scratch tables it deletes again.
			repeatable: true,
			...options,
		},
	);
	return results.slice(operations.length);
}

/** A committed session whose answer was never saved (the Worker stopped between the commit and the save). */
const LOST = JSON.stringify({ state: "committed", results: null });

export type Committed = { operations: Operation["op"][]; results: Outcome["results"] } | { replayed: string };

/**
 * Apply every staged operation in order, in one batch with the session's new state: all take effect or none
 * does, and a failure leaves the session open. A committed session answers its first commit's answer again.
 */
export async function commit(
	db: Database,
	session_id: string,
	limit: number,
	options: Pick<RunOptions, "record" | "dryRun" | "claim"> = {},
): Promise<Committed> {
	const { record, staged } = await load(db, session_id, options);
	// A commit whose answer was lost answers again from what its batch kept, when it kept it (a keyed commit).
	const rebuild = record.result === null && options.claim?.recovering;
	if (record.state === "committed" && !rebuild) return { replayed: record.result ?? LOST };
	const operations = staged.map((s) => ({ operation: unstore(session_id, s) }));
	const mark = statement(
		sql`UPDATE ${session} SET state = 'committed', expires_at = ${expiresAt(sql`ttl_s`)} WHERE ${session.session_id} = ${session_id}`,
		-1,
		"write",
	);
	try {
		const { results } = await run(db, operations, {
			numbered: true,
			// Checked as they were staged: the session names at most MAX_STAGED_ROWS distinct rows.
			maxRows: Number.POSITIVE_INFINITY,
			// The load before, the answer saved after.
			limit: limit - 2,
			before: [sessionGuard(session_id, true, record.operations)],
			after: [mark],
			...options,
		});
		return { operations: operations.map(({ operation }) => operation.op as Operation["op"]), results };
	} catch (error) {
		// Another commit of the same session won the race: answer as it did, once it has saved its answer.
		// (Staged into since it was read is 409 session-changed: a second try would not fit D1's budget.)
		if (error instanceof EngineError && error.failure.kind === "session-committed") {
			const again = await load(db, session_id, options);
			if (again.record.result !== null) return { replayed: again.record.result };
		}
		throw error;
	}
}

/** Keep a commit's answer, for a repeated commit to answer again (saving it twice saves it once). */
export async function saveAnswer(db: Database, session_id: string, answer: string, options: Recorder = {}) {
	const save = sql`UPDATE ${session} SET result = ${answer} WHERE ${session.session_id} = ${session_id}`;
	await batch(db, [statement(save, -1, "write")], options, true);
}

/** Roll back: the session is gone for every route at once; the scheduled handler removes what it staged. */
export async function rollback(db: Database, session_id: string, options: Recorder = {}) {
	const mark = statement(
		sql`UPDATE ${session} SET state = 'rolled_back' WHERE ${session.session_id} = ${session_id}`,
		-1,
		"write",
	);
	await batch(db, [sessionGuard(session_id, true), mark], options);
}
