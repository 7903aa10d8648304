// Pure builders: one operation in, the D1 statements that carry it out, chunked to D1's limits.
import { Placeholder, type SQL, sql } from "drizzle-orm";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import { idempotencyResult, NEXT_TIME_STAMP, NOW, type Row, sessionRow, userdata } from "../db/schema";
import type { Filters, Operation } from "../schemas";
import { jsonChunks } from "./chunks";
import { afterSql, type Keyset, orderSql, whereSql } from "./filters";

/** One staged operation's rows in a session's staging table: the row source of a commit and a pending view. */
export type StagedRows = { staged: { session_id: string; seq: number; count: number } };

/** An operation whose rows (or ids) come from the request's JSON or from a session's staging table. */
type FromSource<O> = O extends { rows: (infer R)[] }
	? Omit<O, "rows"> & { rows: R[] | StagedRows }
	: O extends { user_ids: string[] }
		? Omit<O, "user_ids"> & { user_ids: string[] | StagedRows }
		: O;

/**
 * An operation as the engine takes it: the contract's operations (rows from either source), a select that
 * starts after a keyset (paging), a count of the rows the filters select (`count=exact`), and `unchanged`:
 * the row must still be exactly as read (If-Match), else the batch fails with 412.
 */
export type EngineOperation =
	| FromSource<Operation>
	| (Extract<Operation, { op: "select" }> & { after?: Keyset })
	| { op: "count"; where: Filters }
	| { op: "unchanged"; row: Row };

/**
 * One prepared statement and what its result means:
 * `write` counts its changes (and returns rows when `returning`), `read` returns rows,
 * `count` returns one row `{n}`, `guard` returns nothing and aborts the batch through the
 * `problem` view when a precondition fails.
 */
export type Statement = {
	sql: string;
	params: unknown[];
	operation: number;
	role: "write" | "read" | "count" | "guard";
	/** An insert that only the primary key checks (fast form): the compact form adds a guard for it. */
	keyChecked?: boolean;
	/**
	 * How a batch that claims an Idempotency-Key keeps what this statement returned (or, on a guard, what the
	 * write before it did), in the batch itself: see Capture.
	 */
	capture?: Capture;
};

/**
 * Statements that keep a statement's result in idempotency_result, run just before it (`before`) and just after
 * it (`after`), given the key, the statement's place in the batch `s`, and the operation its result belongs to.
 * From them the engine rebuilds the batch's results when D1's reply to it is lost (src/engine/run.ts).
 */
export type Capture = {
	before?: (key: string, s: number, operation: number) => Statement;
	after?: (key: string, s: number, operation: number) => Statement;
};

/** How a guard names what went wrong; run.ts turns it into a problem. */
export type GuardKind = "exists" | "missing" | "expect" | "changed" | "dry_run" | "recheck" | "session";

/**
 * The table an operation changes (`write`, also what its guards look at) and reads (`read`), named "userdata"
 * in the SQL either way: the table itself, or a pending view's scratch copy (src/engine/sessions.ts).
 */
export type Target = { write: SQL; read: SQL };
export const TABLE: Target = { write: sql`${userdata}`, read: sql`${userdata}` };

const dialect = new SQLiteAsyncDialect();
const COLUMNS = sql.raw("user_id, user_data, time_stamp");
const RETURNING = sql` RETURNING ${COLUMNS}`;
const MAX_IDS_IN_PROBLEM = 100;

export function statement(query: SQL, operation: number, role: Statement["role"]): Statement {
	const { sql: text, params } = dialect.sqlToQuery(query);
	return { sql: text, params, operation, role };
}

/** A row of userdata as JSON, the shape D1 answers a row in (its columns in order). */
const ROW_JSON = sql.raw(`json_object('user_id', user_id, 'user_data', user_data, 'time_stamp', time_stamp)`);

/**
 * Keep each row `select` gives, as `json` of it, in order. (`select` is made only when a batch keeps its
 * results, so that a request without an Idempotency-Key builds no SQL it does not send.)
 */
export const captureRows =
	(select: () => SQL, json: SQL = ROW_JSON) =>
	(key: string, s: number, operation: number) =>
		statement(
			sql`INSERT INTO ${idempotencyResult} (key, s, i, operation, row)
				SELECT ${key}, ${s}, row_number() OVER (), ${operation}, ${json} FROM (${select()})`,
			operation,
			"write",
		);

/** Keep a number: a write's changes (`changes()` right after it) or a count. */
const captureCount =
	(count: () => SQL) =>
	(key: string, s: number, operation: number): Statement =>
		statement(
			sql`INSERT INTO ${idempotencyResult} (key, s, i, operation, changes) VALUES (${key}, ${s}, 0, ${operation}, ${count()})`,
			operation,
			"write",
		);

/** The rows kept before a write (the ids it will change), read again from the table after it. */
const refreshRows = (key: string, s: number, operation: number) =>
	statement(
		sql`UPDATE ${idempotencyResult} SET row = (SELECT ${ROW_JSON} FROM ${userdata} WHERE ${userdata.user_id} = ${idempotencyResult.row} ->> '$.user_id')
			WHERE ${idempotencyResult.key} = ${key} AND ${idempotencyResult.s} = ${s}`,
		operation,
		"write",
	);

const CHANGES: Capture = { after: captureCount(() => sql`changes()`) };

/** The rows a write with RETURNING returned: those of `source` in the table after it, in the source's order. */
const joined = (source: Source, target: Target): Capture => ({
	after: captureRows(
		() => sql`SELECT ${userdata.user_id} AS user_id, ${userdata.user_data} AS user_data, ${userdata.time_stamp} AS time_stamp
			FROM (${source.from}) AS source JOIN ${target.read} ON ${userdata.user_id} = source.user_id`,
	),
});

/**
 * A statement whose SQL text drizzle builds once, at module load, with a placeholder for each value; each call
 * only binds the values. For the single-row statements every GET and PATCH of `/users/{user_id}` sends: building
 * their text per request was ~0.04 ms of the isolate's ~0.7 ms (bench/findings.md, issue 12).
 */
function prepared<K extends string>(names: readonly K[], build: (values: Record<K, Placeholder<K>>) => SQL) {
	const placeholders = Object.fromEntries(names.map((name) => [name, sql.placeholder(name)])) as Record<
		K,
		Placeholder<K>
	>;
	const { sql: text, params } = dialect.sqlToQuery(build(placeholders));
	return (values: Record<K, unknown>, operation: number, role: Statement["role"]): Statement => ({
		sql: text,
		params: params.map((param) => (param instanceof Placeholder ? values[param.name as K] : param)),
		operation,
		role,
	});
}

type Rows = { user_id: string; user_data?: string | null }[] | StagedRows;

/** A piece of an operation's rows, as a subquery of (user_id, user_data), and how many rows it holds. */
type Source = { from: SQL; count: number };

/** Rows as `[user_id, user_data]` pairs, the shape every bulk write's JSON chunks carry (one loop, no closures). */
function pairsOf(rows: readonly { user_id: string; user_data?: string | null }[]): [string, string | null][] {
	const pairs: [string, string | null][] = new Array(rows.length);
	for (let i = 0; i < rows.length; i++) pairs[i] = [rows[i].user_id, rows[i].user_data ?? null];
	return pairs;
}

const stagedSource = ({ staged: { session_id, seq, count } }: StagedRows): Source[] => [
	{
		from: sql`SELECT user_id, user_data FROM ${sessionRow} WHERE ${sessionRow.session_id} = ${session_id} AND ${sessionRow.seq} = ${seq}`,
		count,
	},
];

/**
 * The row sources of an operation's rows: JSON chunks of at most a bound value's size for rows in the request,
 * one subquery of the staging table (any number of rows in one statement) for a session's.
 */
function rowSources(rows: Rows): Source[] {
	if (!Array.isArray(rows)) return stagedSource(rows as StagedRows);
	return jsonChunks(pairsOf(rows)).map(({ json, count }) => ({
		from: sql`SELECT value ->> 0 AS user_id, value ->> 1 AS user_data FROM json_each(${json})`,
		count,
	}));
}

function idSources(ids: readonly string[] | StagedRows): Source[] {
	if (!Array.isArray(ids)) return stagedSource(ids as StagedRows);
	return jsonChunks(ids).map(({ json, count }) => ({
		from: sql`SELECT value AS user_id FROM json_each(${json})`,
		count,
	}));
}

/** The ids of an operation's rows as sources of their own: chunks of ids alone are fewer than chunks of rows. */
const rowIdSources = (rows: Rows) => idSources(Array.isArray(rows) ? rows.map((r) => r.user_id) : (rows as StagedRows));

/** Guards that fail when some id of `sources` is present (`exists`) or absent (`missing`). */
const idGuards = (kind: "exists" | "missing", sources: Source[], operation: number, target: Target) =>
	sources.map((source) => idGuard(kind, source, operation, target));

/** A guard that fails when some id of `source` is present (`exists`) or absent (`missing`) in the target. */
function idGuard(kind: "exists" | "missing", source: Source, operation: number, target: Target): Statement {
	const test = kind === "exists" ? sql`EXISTS` : sql`NOT EXISTS`;
	return statement(
		sql`INSERT INTO problem (body)
			SELECT json_object('kind', ${kind}, 'operation', ${operation}, 'user_ids', json_group_array(user_id))
			FROM (SELECT source.user_id FROM (${source.from}) AS source
				WHERE ${test} (SELECT 1 FROM ${target.write} WHERE ${userdata.user_id} = source.user_id) LIMIT ${MAX_IDS_IN_PROBLEM})
			HAVING count(*) > 0`,
		operation,
		"guard",
	);
}

/**
 * A guard right after the UPDATE of one chunk of `count` distinct ids: the UPDATE changed one row per id
 * that exists, so `changes()` short of `count` means some are missing. It reports only that (`recheck`):
 * the engine then runs the batch again in compact form, whose up-front guards name the missing ids.
 * The common case costs one trivial statement, where probing every id up front costs a second
 * primary-key lookup per row.
 */
function updatedAllGuard(count: number, operation: number): Statement {
	return UPDATED_ALL({ operation, count }, operation, "guard");
}

const UPDATED_ALL = prepared(
	["operation", "count"],
	(p) =>
		sql`INSERT INTO problem (body) SELECT json_object('kind', 'recheck', 'operation', ${p.operation}) WHERE changes() <> ${p.count}`,
);

/** A guard that fails with `changed` unless the row is still exactly as read (If-Match). */
const unchangedGuard = (target: Target, p: Record<"operation" | keyof Row, unknown>) =>
	sql`INSERT INTO problem (body)
		SELECT json_object('kind', 'changed', 'operation', ${p.operation}, 'user_ids', json_array(${p.user_id}))
		WHERE NOT EXISTS (SELECT 1 FROM ${target.write} WHERE ${userdata.user_id} = ${p.user_id}
			AND ${userdata.time_stamp} = ${p.time_stamp} AND ${userdata.user_data} IS ${p.user_data})`;
const UNCHANGED = prepared(["operation", "user_id", "user_data", "time_stamp"], (p) => unchangedGuard(TABLE, p));

/** One row's update, the fast form of an update of one row: the same effect as the JSON chunk's, without the JSON. */
const UPDATE_ONE = prepared(
	["user_id", "user_data"],
	(p) =>
		sql`UPDATE ${userdata} SET user_data = ${p.user_data}, time_stamp = ${NEXT_TIME_STAMP} WHERE ${userdata.user_id} = ${p.user_id}`,
);
const UPDATE_ONE_RETURNING = prepared(
	["user_id", "user_data"],
	(p) =>
		sql`UPDATE ${userdata} SET user_data = ${p.user_data}, time_stamp = ${NEXT_TIME_STAMP} WHERE ${userdata.user_id} = ${p.user_id}${RETURNING}`,
);

/** The row `user_id` names, as a subquery (what a batch keeps of a single-row statement). */
const selectOne = (user_id: string) => sql`SELECT ${COLUMNS} FROM ${userdata} WHERE ${userdata.user_id} = ${user_id}`;

/** A select of the one row an id names (a filter of one id and nothing else, no keyset), in the order of the id. */
const SELECT_ONE = prepared(
	["user_id", "limit"],
	(p) => sql`SELECT ${COLUMNS} FROM ${userdata} WHERE ${userdata.user_id} = ${p.user_id} LIMIT ${p.limit}`,
);

/** The one id a select names, when its filters name one id and nothing else and it starts at no keyset. */
function oneId(op: Extract<EngineOperation, { op: "select" }>): string | undefined {
	const { user_id, ...rest } = op.where;
	if (user_id?.length !== 1 || ("after" in op && op.after)) return undefined;
	for (const value of Object.values(rest)) if (value !== undefined) return undefined;
	return user_id[0];
}

type Conflict = "error" | "ignore" | "update";

function insertRows(
	rows: Rows,
	conflict: Conflict,
	operation: number,
	{ returning, compact, target }: Required<Omit<BuildOptions, "conflict">>,
): Statement[] {
	const onConflict = {
		error: sql``,
		ignore: sql` ON CONFLICT (user_id) DO NOTHING`,
		update: sql` ON CONFLICT (user_id) DO UPDATE SET user_data = excluded.user_data, time_stamp = ${NEXT_TIME_STAMP}`,
	}[conflict];
	// Fast form: the primary key itself refuses an existing id (and the engine replays the batch compact).
	const guards = conflict === "error" && compact ? idGuards("exists", rowIdSources(rows), operation, target) : [];
	const writes = rowSources(rows).map((source) => {
		const write = statement(
			// WHERE true: SQLite needs it to parse an upsert whose rows come from a SELECT.
			sql`INSERT INTO ${target.write} (${COLUMNS})
				SELECT user_id, user_data, ${NOW} FROM (${source.from}) WHERE true${onConflict}${returning ? RETURNING : sql``}`,
			operation,
			"write",
		);
		// What RETURNING gives: every row (error, update), or those new to the table (ignore), kept before it.
		write.capture = !returning
			? CHANGES
			: conflict !== "ignore"
				? joined(source, target)
				: {
						before: captureRows(
							() => sql`SELECT source.user_id AS user_id, source.user_data AS user_data, NULL AS time_stamp
								FROM (${source.from}) AS source
								WHERE NOT EXISTS (SELECT 1 FROM ${target.read} WHERE ${userdata.user_id} = source.user_id)`,
						),
						after: refreshRows,
					};
		return write;
	});
	if (conflict === "error" && !compact) for (const write of writes) write.keyChecked = true;
	return [...guards, ...writes];
}

/**
 * Options a route adds to an operation: rows back from writes (RETURNING), and the conflict rule of POST.
 * `compact` (set by the engine) checks ids up front with guards that name them: an update's ids must exist,
 * where the fast form counts the rows each chunk changed; an insert's ids must not, where the fast form lets
 * the primary key refuse them. Slower, but an update needs fewer statements, and a failure names its ids.
 * `target` (set by the engine): the table itself, or a pending view's scratch copy.
 */
export type BuildOptions = { returning?: boolean; conflict?: Conflict; compact?: boolean; target?: Target };

/** The statements for operation number `index`, in the order they must run. */
export function buildStatements(op: EngineOperation, index: number, options: BuildOptions = {}): Statement[] {
	const built = {
		returning: options.returning ?? false,
		compact: options.compact ?? false,
		target: options.target ?? TABLE,
	};
	const { returning, compact, target } = built;
	const returns = returning ? RETURNING : sql``;
	switch (op.op) {
		case "insert":
			return insertRows(op.rows, options.conflict ?? "error", index, built);
		case "upsert":
			return insertRows(op.rows, "update", index, built);
		case "update": {
			const checked = op.missing === "error";
			const upFront = checked && compact;
			if (!compact && target === TABLE && Array.isArray(op.rows) && op.rows.length === 1) {
				const { user_id, user_data = null } = op.rows[0];
				const update = (returning ? UPDATE_ONE_RETURNING : UPDATE_ONE)({ user_id, user_data }, index, "write");
				// Kept as the chunked form keeps it: after the guard that reads the UPDATE's changes(), if there is one.
				const capture = returning ? { after: captureRows(() => selectOne(user_id)) } : undefined;
				if (!checked) {
					update.capture = capture ?? CHANGES;
					return [update];
				}
				const guard = updatedAllGuard(1, index);
				guard.capture = capture ?? { after: captureCount(() => sql`1`) };
				return [update, guard];
			}
			const statements = upFront ? idGuards("missing", rowIdSources(op.rows), index, target) : [];
			for (const source of rowSources(op.rows)) {
				const write = statement(
					sql`WITH input (id, data) AS (SELECT user_id, user_data FROM (${source.from}))
						UPDATE ${target.write} SET user_data = input.data, time_stamp = ${NEXT_TIME_STAMP}
						FROM input WHERE ${userdata.user_id} = input.id${returns}`,
					index,
					"write",
				);
				statements.push(write);
				// The guard after the UPDATE reads its changes(): the write's result is kept after the guard, which
				// passes only when the UPDATE changed one row per id.
				const capture = returning ? joined(source, target) : undefined;
				if (checked && !upFront) {
					const guard = updatedAllGuard(source.count, index);
					guard.capture = capture ?? { after: captureCount(() => sql`${source.count}`) };
					statements.push(guard);
				} else write.capture = capture ?? CHANGES;
			}
			return statements;
		}
		case "update_where": {
			const where = whereSql(op.where);
			const write = statement(
				sql`UPDATE ${target.write} SET user_data = ${op.set.user_data}, time_stamp = ${NEXT_TIME_STAMP}${where ? sql` WHERE ${where}` : sql``}${returns}`,
				index,
				"write",
			);
			// RETURNING: the rows the filter selects before the UPDATE, as they are after it.
			write.capture = returning
				? {
						before: captureRows(
							() => sql`SELECT ${COLUMNS} FROM ${target.read}${where ? sql` WHERE ${where}` : sql``}`,
						),
						after: refreshRows,
					}
				: CHANGES;
			return [write];
		}
		case "delete": {
			const sources = idSources(op.user_ids);
			const guards = op.missing === "error" ? idGuards("missing", sources, index, target) : [];
			const writes = sources.map((source) => {
				const write = statement(
					sql`DELETE FROM ${target.write} WHERE ${userdata.user_id} IN (SELECT user_id FROM (${source.from}))${returns}`,
					index,
					"write",
				);
				// RETURNING: the rows as they were, kept before the DELETE.
				write.capture = returning
					? {
							before: captureRows(
								() =>
									sql`SELECT ${COLUMNS} FROM ${target.read} WHERE ${userdata.user_id} IN (SELECT user_id FROM (${source.from}))`,
							),
						}
					: CHANGES;
				return write;
			});
			return [...guards, ...writes];
		}
		case "delete_where": {
			const where = whereSql(op.where);
			const filter = where ? sql` WHERE ${where}` : sql``;
			const write = statement(sql`DELETE FROM ${target.write}${filter}${returns}`, index, "write");
			write.capture = returning
				? { before: captureRows(() => sql`SELECT ${COLUMNS} FROM ${target.read}${filter}`) }
				: CHANGES;
			return [write];
		}
		case "select": {
			const id = target === TABLE ? oneId(op) : undefined;
			// One id selects at most one row, so every order is the same order.
			if (id !== undefined) {
				const read = SELECT_ONE({ user_id: id, limit: op.limit }, index, "read");
				read.capture = { after: captureRows(() => sql`${selectOne(id)} LIMIT ${op.limit}`) };
				return [read];
			}
			const conditions = [whereSql(op.where), "after" in op && op.after ? afterSql(op.order, op.after) : undefined];
			const where = sql.join(
				conditions.filter((c): c is SQL => c !== undefined),
				sql` AND `,
			);
			const select = sql`SELECT ${COLUMNS} FROM ${target.read}${conditions.some(Boolean) ? sql` WHERE ${where}` : sql``} ORDER BY ${orderSql(op.order)} LIMIT ${op.limit}`;
			const read = statement(select, index, "read");
			read.capture = { after: captureRows(() => select) };
			return [read];
		}
		case "count": {
			const where = whereSql(op.where);
			const count = sql`SELECT count(*) AS n FROM ${target.read}${where ? sql` WHERE ${where}` : sql``}`;
			const read = statement(count, index, "count");
			read.capture = { after: captureCount(() => sql`(${count})`) };
			return [read];
		}
		case "unchanged": {
			const values = { operation: index, ...op.row };
			if (target === TABLE) return [UNCHANGED(values, index, "guard")];
			return [statement(unchangedGuard(target, values), index, "guard")];
		}
		case "expect": {
			const row = sql`(SELECT * FROM ${target.write} WHERE ${userdata.user_id} = ${op.user_id})`;
			const holds =
				op.exists && op.user_data !== undefined
					? sql`EXISTS (SELECT 1 FROM ${target.write} WHERE ${userdata.user_id} = ${op.user_id} AND ${userdata.user_data} IS ${op.user_data})`
					: op.exists
						? sql`EXISTS ${row}`
						: sql`NOT EXISTS ${row}`;
			return [
				statement(
					sql`INSERT INTO problem (body)
						SELECT json_object('kind', 'expect', 'operation', ${index}, 'user_ids', json_array(${op.user_id}),
							'actual', json((SELECT json_object('user_id', user_id, 'user_data', user_data, 'time_stamp', time_stamp) FROM ${row})))
						WHERE NOT ${holds}`,
					index,
					"guard",
				),
			];
		}
	}
}

/** The last statement of a dry run: it always fails, so the batch before it rolls back. */
export function dryRunStatement(index: number): Statement {
	return statement(sql`INSERT INTO problem (body) VALUES (json_object('kind', 'dry_run'))`, index, "guard");
}
