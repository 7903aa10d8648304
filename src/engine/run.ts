// Runs a list of operations as one atomic D1 batch and maps the results back to each operation.

import type { Row } from "../db/schema";
import { Problem } from "../http/problems";
import {
	type BuildOptions,
	buildStatements,
	dryRunStatement,
	type EngineOperation,
	type GuardKind,
	type Statement,
} from "./statements";

/** Production D1 (free plan) allows 50 queries per Worker invocation. */
export const MAX_STATEMENTS = 50;

export type OperationResult = { count: number; data: Row[] };

export type DatabaseMeta = { duration: number; rows_read: number; rows_written: number; statements: number };

export type Outcome = { results: OperationResult[]; meta: DatabaseMeta };

/** What a transaction needs from D1: a database or one of its sessions. */
export type Database = Pick<D1Database, "prepare" | "batch">;

export type PlannedOperation = { operation: EngineOperation; options?: BuildOptions };

function build(operations: PlannedOperation[], dryRun: boolean, compact: boolean): Statement[] {
	const statements = operations.flatMap(({ operation, options }, i) =>
		buildStatements(operation, i, compact ? { ...options, compact } : options),
	);
	if (dryRun) statements.push(dryRunStatement(operations.length));
	return statements;
}

/**
 * The statements for `operations`, in one of two forms (see BuildOptions). The fast form, when it leaves room
 * in D1's budget for a replay in compact form after a failure (which then names the ids). Else the compact
 * form, if it fits. Else the fast form if it fits (a failure then goes unnamed). Else 413.
 */
export function plan(operations: PlannedOperation[], dryRun = false): Statement[] {
	const fast = build(operations, dryRun, false);
	// The compact form has one guard more per insert chunk, and an update's guards are at most as many.
	const replay = fast.length + fast.filter((s) => s.keyChecked).length;
	if (fast.length + replay <= MAX_STATEMENTS) return fast;
	const compact = build(operations, dryRun, true);
	const statements = compact.length <= MAX_STATEMENTS || fast.length > MAX_STATEMENTS ? compact : fast;
	if (statements.length > MAX_STATEMENTS) {
		throw new Problem(
			413,
			"too-many-statements",
			`This request needs ${statements.length} D1 statements; a request may use at most ${MAX_STATEMENTS}. Send fewer operations, or fewer bytes of rows, per request.`,
			{ statements: statements.length, limit: MAX_STATEMENTS },
		);
	}
	return statements;
}

/** 412: the row is no longer the version an If-Match named (found before the batch, or by its guard). */
export function changedProblem(user_id: string, at = "", extensions: { operation?: number } = {}): Problem {
	return new Problem(
		412,
		"precondition-failed",
		`User '${user_id}' has changed since the ETag in If-Match was issued; read it again${at}.`,
		{ user_ids: [user_id], ...extensions },
	);
}

const PROBLEM_MARK = "userdata-problem:";

type GuardReport = { kind: GuardKind; operation?: number; user_ids?: string[]; actual?: Row | null };

const messageOf = (error: unknown) =>
	error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? "")}` : "";

/** The guard's report inside a D1 error message, if the error came from a guard. */
export function guardReport(error: unknown): GuardReport | undefined {
	const message = messageOf(error);
	const at = message.indexOf(PROBLEM_MARK);
	if (at < 0) return undefined;
	const rest = message.slice(at + PROBLEM_MARK.length);
	let depth = 0;
	let inString = false;
	for (let i = 0; i < rest.length; i++) {
		const ch = rest[i];
		if (inString) {
			if (ch === "\\") i++;
			else if (ch === '"') inString = false;
		} else if (ch === '"') inString = true;
		else if (ch === "{") depth++;
		else if (ch === "}" && --depth === 0) return JSON.parse(rest.slice(0, i + 1));
	}
	return undefined;
}

const quoted = (ids: string[]) =>
	ids.length === 1
		? `User '${ids[0]}'`
		: `${ids.length}${ids.length >= 100 ? "+" : ""} users (${ids
				.slice(0, 5)
				.map((id) => `'${id}'`)
				.join(", ")}${ids.length > 5 ? ", …" : ""})`;

/** The problem of a failed fast form whose compact form would not fit in D1's budget: the ids go unnamed. */
function unnamedProblem(report: GuardReport | undefined, numbered: boolean): Problem {
	const advice = "send fewer operations per request to have the ids named";
	if (report === undefined) {
		return new Problem(409, "already-exists", `A user this request inserts already exists; ${advice}.`, {
			user_ids: [],
		});
	}
	const operation = report.operation ?? 0;
	return new Problem(
		404,
		"not-found",
		`Some users ${numbered ? `operation ${operation} updates` : "this request updates"} do not exist; ${advice}.`,
		{ user_ids: [], ...(numbered ? { operation } : {}) },
	);
}

function guardProblem(report: GuardReport, operations: PlannedOperation[], numbered: boolean): Problem {
	const operation = report.operation ?? 0;
	const ids = report.user_ids ?? [];
	const at = numbered ? ` (operation ${operation})` : "";
	const where = numbered ? { operation } : {};
	switch (report.kind) {
		case "exists":
			return new Problem(
				409,
				"already-exists",
				`${quoted(ids)} already ${ids.length === 1 ? "exists" : "exist"}${at}`,
				{
					user_ids: ids,
					...where,
				},
			);
		case "missing":
			return new Problem(404, "not-found", `${quoted(ids)} ${ids.length === 1 ? "does" : "do"} not exist${at}`, {
				user_ids: ids,
				...where,
			});
		case "changed":
			return changedProblem(ids[0], at, where);
		default: {
			const expected = operations[operation]?.operation;
			const want =
				expected?.op === "expect"
					? expected.exists
						? expected.user_data !== undefined
							? `to have user_data ${JSON.stringify(expected.user_data)}`
							: "to exist"
						: "not to exist"
					: "to hold";
			return new Problem(409, "expectation-failed", `Expected user '${ids[0]}' ${want}${at}`, {
				user_ids: ids,
				...where,
				actual: report.actual ?? null,
			});
		}
	}
}

export type RunOptions = {
	/** Always roll back; answer whether every operation would succeed. */
	dryRun?: boolean;
	/** Name the failing operation's index in a problem (transactions), or not (single routes). */
	numbered?: boolean;
	/** Told D1's figures for the batch, whether it succeeds or fails. */
	record?: (meta: DatabaseMeta) => void;
};

/**
 * Run `operations` in order in one D1 batch: all take effect or none does.
 * A failed precondition becomes the operation's problem; a dry run always rolls back
 * and answers with empty results when every operation would have succeeded.
 */
export async function run(db: Database, operations: PlannedOperation[], options: RunOptions = {}): Promise<Outcome> {
	return execute(db, operations, plan(operations, options.dryRun), options, true);
}

/** Run `statements` as one batch; a failed fast form is replayed in compact form when `replayable`. */
async function execute(
	db: Database,
	operations: PlannedOperation[],
	statements: Statement[],
	options: RunOptions,
	replayable: boolean,
): Promise<Outcome> {
	const { dryRun = false, numbered = false, record } = options;
	const started = Date.now();
	let results: D1Result<Row>[];
	try {
		results = await db.batch<Row>(statements.map((s) => db.prepare(s.sql).bind(...s.params)));
	} catch (error) {
		// A failed batch reports no figures: its wall time is the best measure there is.
		record?.({ duration: Date.now() - started, rows_read: 0, rows_written: 0, statements: statements.length });
		const report = guardReport(error);
		if (report?.kind === "dry_run") {
			return {
				results: [],
				meta: { duration: 0, rows_read: 0, rows_written: 0, statements: statements.length },
			};
		}
		// The fast form failed on an id (an update changed fewer rows than it named, or an insert met an
		// existing id): nothing was written, and the compact form's guards, run in the same order, name the
		// ids, or succeed if the rows have changed since. Any error of a batch with inserts that only the
		// primary key checks is taken for the latter, whatever D1's wording: a real fault fails the replay too.
		const refused = !report && statements.some((s) => s.keyChecked);
		if (replayable && (report?.kind === "recheck" || refused)) {
			const compact = build(operations, dryRun, true);
			// D1 counts every statement of the request, so the replay must fit in what the first batch left.
			if (statements.length + compact.length <= MAX_STATEMENTS) {
				return execute(db, operations, compact, options, false);
			}
			if (report || /UNIQUE/.test(messageOf(error))) throw unnamedProblem(report, numbered);
		}
		if (report) throw guardProblem(report, operations, numbered);
		// Production D1 refuses a malformed x-d1-bookmark when the session first queries.
		if (/bookmark/i.test(String(error))) {
			throw new Problem(400, "invalid-bookmark", "The x-d1-bookmark header is not a D1 bookmark.");
		}
		throw error;
	}
	const outcome: Outcome = {
		results: operations.map(() => ({ count: 0, data: [] })),
		meta: { duration: 0, rows_read: 0, rows_written: 0, statements: statements.length },
	};
	statements.forEach((s, i) => {
		const { meta, results: rows } = results[i];
		outcome.meta.duration += meta.duration ?? 0;
		outcome.meta.rows_read += meta.rows_read ?? 0;
		outcome.meta.rows_written += meta.rows_written ?? 0;
		const result = outcome.results[s.operation];
		if (s.role === "write") result.count += meta.changes ?? 0;
		if (s.role === "count") result.count = (rows[0] as unknown as { n: number }).n;
		else if (s.role !== "guard" && rows) for (const row of rows) result.data.push(row);
		if (s.role === "read") result.count = result.data.length;
	});
	record?.(outcome.meta);
	return outcome;
}
