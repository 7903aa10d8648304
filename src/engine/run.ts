// The planner and runner: checks every rule an operation must meet, plans its statements within D1's budget,
// runs them as one atomic D1 batch and maps the results back to each operation.

import type { Row } from "../db/schema";
import { MAX_ROWS } from "../schemas";
import { EngineError, type Failure, fail } from "./failures";
import { isEmpty } from "./filters";
import { type Claim, claimedAlready, claimStatement, keptResults } from "./idempotency";
import { messageOf, RETRY_AFTER_S, readsOnly, withRetry } from "./retry";
import {
	type BuildOptions,
	buildStatements,
	dryRunStatement,
	type EngineOperation,
	type GuardKind,
	type StagedRows,
	type Statement,
} from "./statements";

/** Production D1 (free plan) allows 50 queries per Worker invocation. */
export const MAX_STATEMENTS = 50;

export type OperationResult = { count: number; data: Row[] };

export type DatabaseMeta = { duration: number; rows_read: number; rows_written: number; statements: number };

/** `extras`: the rows of the statements the caller added (RunOptions' before, then after), in order. */
export type Outcome = { results: OperationResult[]; extras: unknown[][]; meta: DatabaseMeta };

/** What a transaction needs from D1: a database or one of its sessions. */
export type Database = Pick<D1Database, "prepare" | "batch">;

export type PlannedOperation = { operation: EngineOperation; options?: BuildOptions };

/** The rules every door's operations meet, and the budget they are planned in. */
export type PlanOptions = {
	/** Always roll back; answer whether every operation would succeed. */
	dryRun?: boolean;
	/** Name the failing operation's index in a failure (transactions, sessions), or not (single routes). */
	numbered?: boolean;
	/** D1 statements the request may use (MAX_STATEMENTS, or D1_QUERY_LIMIT on the paid plan). */
	limit?: number;
	/** Statements the caller adds to the batch around the operations' (a session's guard and state). */
	reserve?: number;
	/** Rows the operations may carry in all: a request's MAX_ROWS (the default), a session's at commit. */
	maxRows?: number;
	/** Plan the compact form only (ids checked up front, no replay): a pending view's. */
	compact?: boolean;
};

const rowsOf = (list: readonly unknown[] | StagedRows) =>
	Array.isArray(list) ? list.length : (list as StagedRows).staged.count;

const idsOf = (op: EngineOperation): readonly string[] | undefined =>
	op.op === "insert" || op.op === "upsert" || op.op === "update"
		? Array.isArray(op.rows)
			? op.rows.map((r) => r.user_id)
			: undefined
		: op.op === "delete" && Array.isArray(op.user_ids)
			? op.user_ids
			: undefined;

/** The ids that appear more than once, in order of their second appearance. */
function duplicates(ids: readonly string[]): string[] {
	const seen = new Set<string>();
	const twice = new Set<string>();
	for (const id of ids) {
		const size = seen.size;
		if (seen.add(id).size === size) twice.add(id);
	}
	return [...twice];
}

/**
 * The rules of every operation, whichever door it came in by: no id twice in one operation (which would win
 * is not obvious), no mass write without a filter unless it says all, and no more rows than `maxRows`.
 */
export function check(operations: PlannedOperation[], { numbered = false, maxRows = MAX_ROWS }: PlanOptions = {}) {
	const at = (i: number) => (numbered ? { operation: i } : {});
	let rows = 0;
	operations.forEach(({ operation: op }, i) => {
		const ids = idsOf(op);
		if (ids) {
			const twice = duplicates(ids);
			if (twice.length > 0)
				fail({ kind: "duplicate-ids", user_ids: twice.slice(0, 100), count: twice.length, ...at(i) });
		}
		if ((op.op === "update_where" || op.op === "delete_where") && !op.all && isEmpty(op.where)) {
			fail({ kind: "unfiltered-mass-write", ...at(i) });
		}
		if ("rows" in op) rows += rowsOf(op.rows);
		if (op.op === "delete") rows += rowsOf(op.user_ids);
	});
	if (rows > maxRows) fail({ kind: "too-many-rows", rows, limit: maxRows });
}

function build(operations: PlannedOperation[], dryRun: boolean, compact: boolean): Statement[] {
	const statements = operations.flatMap(({ operation, options }, i) =>
		buildStatements(operation, i, compact ? { ...options, compact } : options),
	);
	if (dryRun) statements.push(dryRunStatement(operations.length));
	return statements;
}

/**
 * The statements for `operations`, after their rules (check), in one of two forms (see BuildOptions). The fast
 * form, when it leaves room in D1's budget for a replay in compact form after a failure (which then names the
 * ids). Else the compact form, if it fits. Else the fast form if it fits (a failure then goes unnamed). Else 413.
 */
export function plan(operations: PlannedOperation[], options: PlanOptions = {}): Statement[] {
	check(operations, options);
	const { dryRun = false, reserve = 0 } = options;
	const limit = (options.limit ?? MAX_STATEMENTS) - reserve;
	if (options.compact) {
		const compact = build(operations, dryRun, true);
		if (compact.length > limit) {
			fail({ kind: "too-many-statements", statements: compact.length + reserve, limit: limit + reserve });
		}
		return compact;
	}
	const fast = build(operations, dryRun, false);
	// The compact form has one guard more per insert chunk, and an update's guards are at most as many;
	// a replay runs the caller's statements again too.
	const replay = fast.length + fast.filter((s) => s.keyChecked).length + reserve;
	if (fast.length + replay <= limit) return fast;
	const compact = build(operations, dryRun, true);
	const statements = compact.length <= limit || fast.length > limit ? compact : fast;
	if (statements.length > limit) {
		fail({ kind: "too-many-statements", statements: statements.length + reserve, limit: limit + reserve });
	}
	return statements;
}

/** How many statements `operation` needs in compact form, the form whose count does not depend on chance. */
export const compactCost = (operation: EngineOperation) => buildStatements(operation, 0, { compact: true }).length;

const PROBLEM_MARK = "userdata-problem:";

type GuardReport = { kind: GuardKind | Failure["kind"]; operation?: number; user_ids?: string[]; actual?: Row | null };

/** Failures a guard reports whole (the session guards): passed on as they are. */
const WHOLE: readonly string[] = [
	"session-not-found",
	"session-changed",
	"session-committed",
	"too-many-sessions",
	"too-many-staged-rows",
	"too-many-statements",
];

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

/** What an expect operation wanted, in words. */
function expected(operation: EngineOperation | undefined): string {
	if (operation?.op !== "expect") return "to hold";
	if (!operation.exists) return "not to exist";
	return operation.user_data !== undefined ? `to have user_data ${JSON.stringify(operation.user_data)}` : "to exist";
}

/** The failure a guard reported. A failed fast form whose compact form would not fit goes `unnamed`. */
function guardFailure(report: GuardReport | undefined, operations: PlannedOperation[], numbered: boolean): Failure {
	const at = numbered ? { operation: report?.operation ?? 0 } : {};
	if (report === undefined) return { kind: "already-exists", user_ids: [] };
	if (WHOLE.includes(report.kind)) return report as Failure;
	const ids = report.user_ids ?? [];
	switch (report.kind) {
		case "exists":
			return { kind: "already-exists", user_ids: ids, ...at };
		case "missing":
		case "recheck":
			return { kind: "not-found", user_ids: ids, ...at };
		case "changed":
			return { kind: "changed", user_id: ids[0], ...at };
		default:
			return {
				kind: "expectation-failed",
				user_id: ids[0],
				expected: expected(operations[report.operation ?? 0]?.operation),
				actual: report.actual ?? null,
				...at,
			};
	}
}

export type RunOptions = PlanOptions & {
	/** Told D1's figures for the batch, whether it succeeds or fails. */
	record?: (meta: DatabaseMeta) => void;
	/** Statements the batch runs before the operations' and after them (a session's guard and its new state). */
	before?: Statement[];
	after?: Statement[];
	/** The request's Idempotency-Key, claimed in its first batch that writes. */
	claim?: Claim;
	/**
	 * Running the batch twice does what running it once does, so a transient fault that may have come after it
	 * committed can be retried too: a pending view (it empties its scratch in the same batch), saving an answer.
	 * A batch of reads only, or a dry run (it always rolls back), is repeatable without saying so.
	 */
	repeatable?: boolean;
};

/**
 * Run `operations` in order in one D1 batch: all take effect or none does.
 * A failed precondition becomes the operation's failure; a dry run always rolls back
 * and answers with empty results when every operation would have succeeded.
 */
export async function run(db: Database, operations: PlannedOperation[], options: RunOptions = {}): Promise<Outcome> {
	const reserve = (options.before?.length ?? 0) + (options.after?.length ?? 0);
	return execute(db, operations, plan(operations, { ...options, reserve }), options, true);
}

/** Statements a keyed request runs besides its batch: the key's lookup (2) and the save of its answer (2 or more). */
const KEY_STATEMENTS = 4;

/**
 * The batch as sent when it claims a key and keeps its results: each statement's capture around it (see Capture in
 * statements.ts), tagged with the operation it belongs to, or -1 - k for the caller's k-th statement. `at`: where
 * each statement of `batch` went. Undefined when a caller's read has no way to be kept.
 */
function withCaptures(key: string, before: Statement[], statements: Statement[], after: Statement[]) {
	const batch = [...before, ...statements, ...after];
	const sent: Statement[] = [];
	const at: number[] = [];
	for (let k = 0; k < batch.length; k++) {
		const s = batch[k];
		const caller = k < before.length || k >= before.length + statements.length;
		if (caller && s.role === "read" && !s.capture) return undefined;
		// A caller's statements are numbered apart from the operations: -1 for its first, -2 for its next, …
		const owner = caller ? -1 - (k < before.length ? k : k - statements.length) : s.operation;
		if (s.capture?.before) sent.push(s.capture.before(key, k, owner));
		at.push(sent.length);
		sent.push(s);
		if (s.capture?.after) sent.push(s.capture.after(key, k, owner));
	}
	return { sent, at };
}

/**
 * The outcome of the batch that claimed the request's key, rebuilt from what it kept (D1's reply to it was lost);
 * undefined when it kept nothing.
 */
async function recovered(
	db: Database,
	claim: Claim,
	operations: number,
	callers: number,
): Promise<Outcome | undefined> {
	const { fingerprint, kept } = await keptResults(db, claim.key);
	if (fingerprint !== claim.fingerprint) {
		// Claimed meanwhile by another request with the same key.
		claim.raced = true;
		return fail({ kind: "idempotency-key-in-use" });
	}
	if (!kept) return undefined;
	const results: OperationResult[] = Array.from({ length: operations }, () => ({ count: 0, data: [] }));
	const extras: unknown[][] = Array.from({ length: callers }, () => []);
	for (const { operation, changes, row } of kept) {
		const value = row === null ? undefined : JSON.parse(row);
		if (operation < 0) {
			if (value) extras[-1 - operation]?.push(value);
			continue;
		}
		const result = results[operation];
		// Kept for operations this request no longer has (a committed session whose staged work is gone): no answer.
		if (!result) return undefined;
		// A count or a write's changes; else one row of a read, or of a write's RETURNING.
		result.count += changes ?? 1;
		if (value) result.data.push(value);
	}
	claim.claimed = true;
	claim.recovering = false;
	return { results, extras, meta: { duration: 0, rows_read: 0, rows_written: 0, statements: 2 } };
}

/** Run `statements` as one batch; a failed fast form is replayed in compact form when `replayable`. */
async function execute(
	db: Database,
	operations: PlannedOperation[],
	statements: Statement[],
	options: RunOptions,
	replayable: boolean,
): Promise<Outcome> {
	const { dryRun = false, numbered = false, record, after = [], claim } = options;
	const limit = options.limit ?? MAX_STATEMENTS;
	const callers = (options.before?.length ?? 0) + after.length;
	// The request's Idempotency-Key is claimed by its first batch that writes, in that batch.
	const claims =
		claim !== undefined &&
		!claim.claimed &&
		!dryRun &&
		!readsOnly([...(options.before ?? []), ...statements, ...after]);
	if (claims && claim.recovering) {
		const outcome = await recovered(db, claim, operations.length, callers);
		if (outcome) return outcome;
		return fail({ kind: "idempotency-key-in-use" });
	}
	// Keep the batch's results in the batch too, when that fits in D1's budget (with room for a replay in compact
	// form): then a lost reply to a committed batch is answered from them.
	const kept = claims ? withCaptures(claim.key, options.before ?? [], statements, after) : undefined;
	const mayReplay = replayable && !options.compact;
	const keeps = kept !== undefined && (kept.sent.length + 1) * (mayReplay ? 2 : 1) + KEY_STATEMENTS <= limit;
	const claiming = claims ? claimStatement(claim, keeps) : undefined;
	const before = claiming ? [claiming, ...(options.before ?? [])] : (options.before ?? []);
	const batch = [...before, ...statements, ...after];
	const sent = keeps && claiming ? [claiming, ...kept.sent] : batch;
	const at = keeps ? [0, ...kept.at.map((p) => p + 1)] : undefined;
	// A batch that claims a key may be sent again: if the first send committed, the second fails on the key.
	const repeatable = options.repeatable || dryRun || claims || readsOnly(batch);
	let replies: D1Result<Row>[];
	let started = Date.now();
	let sends = 0;
	try {
		replies = await withRetry(
			() => {
				sends++;
				started = Date.now();
				return db.batch<Row>(sent.map((s) => db.prepare(s.sql).bind(...s.params)));
			},
			{
				repeatable,
				keyed: claims,
				sends: Math.floor(limit / sent.length),
				// A failed batch reports no figures: its wall time is the best measure there is.
				failed: () =>
					record?.({ duration: Date.now() - started, rows_read: 0, rows_written: 0, statements: sent.length }),
			},
		);
	} catch (error) {
		if (error instanceof EngineError) throw error;
		if (claims && claimedAlready(error)) {
			if (sends > 1) {
				// Sent again after a fault: the first send committed, key and all, but its reply was lost.
				const outcome = await recovered(db, claim as Claim, operations.length, callers);
				if (outcome) return outcome;
				fail({ kind: "database-unavailable", retry_after_s: RETRY_AFTER_S, committed: "yes" });
			}
			(claim as Claim).raced = true;
			fail({ kind: "idempotency-key-in-use" });
		}
		const report = guardReport(error);
		if (report?.kind === "dry_run") {
			return {
				results: [],
				extras: [],
				meta: { duration: 0, rows_read: 0, rows_written: 0, statements: sent.length },
			};
		}
		// The fast form failed on an id (an update changed fewer rows than it named, or an insert met an
		// existing id): nothing was written, and the compact form's guards, run in the same order, name the
		// ids, or succeed if the rows have changed since. Any error of a batch with inserts that only the
		// primary key checks is taken for the latter, whatever D1's wording: a real fault fails the replay too.
		const refused = !report && statements.some((s) => s.keyChecked);
		if (replayable && !options.compact && (report?.kind === "recheck" || refused)) {
			const compact = build(operations, dryRun, true);
			const extra = before.length + after.length;
			// D1 counts every statement of the request, so the replay must fit in what the first batch left.
			if (sent.length + compact.length * (keeps ? 2 : 1) + extra <= limit) {
				return execute(db, operations, compact, options, false);
			}
			if (report || /UNIQUE/.test(messageOf(error))) fail(guardFailure(report, operations, numbered));
		}
		if (report) fail(guardFailure(report, operations, numbered));
		// Production D1 refuses a malformed x-d1-bookmark when the session first queries.
		if (/bookmark/i.test(String(error))) fail({ kind: "invalid-bookmark" });
		throw error;
	}
	const results = at ? at.map((p) => replies[p]) : replies;
	const outcome: Outcome = {
		results: operations.map(() => ({ count: 0, data: [] })),
		extras: [...results.slice(claims ? 1 : 0, before.length), ...results.slice(before.length + statements.length)].map(
			(r) => r.results ?? [],
		),
		meta: { duration: 0, rows_read: 0, rows_written: 0, statements: sent.length },
	};
	for (const { meta } of replies) {
		outcome.meta.duration += meta.duration ?? 0;
		outcome.meta.rows_read += meta.rows_read ?? 0;
		outcome.meta.rows_written += meta.rows_written ?? 0;
	}
	statements.forEach((s, i) => {
		const { meta, results: rows } = results[before.length + i];
		const result = outcome.results[s.operation];
		if (s.role === "write") result.count += meta.changes ?? 0;
		if (s.role === "count") result.count = (rows[0] as unknown as { n: number }).n;
		else if (s.role !== "guard" && rows) for (const row of rows) result.data.push(row);
		if (s.role === "read") result.count = result.data.length;
	});
	if (claims) claim.claimed = true;
	record?.(outcome.meta);
	return outcome;
}

/** A transaction's answer: one result per operation, `{data}` for a select and `{count}` for every other. */
export const answers = (ops: readonly string[], results: OperationResult[]) =>
	results.map((r, i) => (ops[i] === "select" ? { data: r.data } : { count: r.count }));
