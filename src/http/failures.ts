// The one mapping from the engine's typed failures to problem+json: status, type, detail and extensions.
import { EngineError, type Failure } from "../engine/failures";
import { Problem } from "./problems";

const quoted = (ids: string[]) =>
	ids.length === 1
		? `User '${ids[0]}'`
		: `${ids.length}${ids.length >= 100 ? "+" : ""} users (${ids
				.slice(0, 5)
				.map((id) => `'${id}'`)
				.join(", ")}${ids.length > 5 ? ", …" : ""})`;

const ADVICE = "send fewer operations per request to have the ids named";

export function problemOf(failure: Failure): Problem {
	const numbered = "operation" in failure && failure.operation !== undefined;
	const operation = numbered ? (failure as { operation: number }).operation : undefined;
	const where = numbered ? { operation } : {};
	const at = numbered ? ` (operation ${operation})` : "";
	switch (failure.kind) {
		case "already-exists": {
			const ids = failure.user_ids;
			if (ids.length === 0) {
				return new Problem(409, "already-exists", `A user this request inserts already exists; ${ADVICE}.`, {
					user_ids: [],
				});
			}
			return new Problem(
				409,
				"already-exists",
				`${quoted(ids)} already ${ids.length === 1 ? "exists" : "exist"}${at}`,
				{
					user_ids: ids,
					...where,
				},
			);
		}
		case "not-found": {
			const ids = failure.user_ids;
			if (ids.length === 0) {
				return new Problem(
					404,
					"not-found",
					`Some users ${numbered ? `operation ${operation} updates` : "this request updates"} do not exist; ${ADVICE}.`,
					{ user_ids: [], ...where },
				);
			}
			return new Problem(404, "not-found", `${quoted(ids)} ${ids.length === 1 ? "does" : "do"} not exist${at}`, {
				user_ids: ids,
				...where,
			});
		}
		case "changed":
			return new Problem(
				412,
				"precondition-failed",
				`User '${failure.user_id}' has changed since the ETag in If-Match was issued; read it again${at}.`,
				{ user_ids: [failure.user_id], ...where },
			);
		case "expectation-failed":
			return new Problem(409, "expectation-failed", `Expected user '${failure.user_id}' ${failure.expected}${at}`, {
				user_ids: [failure.user_id],
				...where,
				actual: failure.actual,
			});
		case "duplicate-ids": {
			const [first] = failure.user_ids;
			return new Problem(
				409,
				"duplicate-ids",
				`${failure.count === 1 ? `User '${first}' appears` : `${failure.count} users ('${first}', …) appear`} more than once in one operation.`,
				{ user_ids: failure.user_ids, ...where },
			);
		}
		case "unfiltered-mass-write":
			return new Problem(
				422,
				"unfiltered-mass-write",
				numbered
					? `Refusing to change every row without a filter${at}: add a where filter, or say "all": true.`
					: "Refusing to change every row without a filter: add a filter such as ?user_data=…, or say ?all=true.",
				where,
			);
		case "too-many-rows":
			return new Problem(
				413,
				"too-many-rows",
				`A request may carry at most ${failure.limit} rows, not ${failure.rows}.`,
				{ rows: failure.rows, limit: failure.limit },
			);
		case "too-many-statements":
			return new Problem(
				413,
				"too-many-statements",
				`This needs ${failure.statements} D1 statements; a request may use at most ${failure.limit}. Send fewer operations, or fewer bytes of rows, per request.`,
				{ statements: failure.statements, limit: failure.limit },
			);
		case "filter-too-large":
			return new Problem(
				413,
				"filter-too-large",
				`The user_id filter is ${failure.bytes} bytes of JSON; one filter may hold at most ${failure.limit}. Split it, or use a delete or update operation, which chunk their ids.`,
			);
		case "export-too-large":
			return new Problem(
				413,
				"export-too-large",
				`The export selects ${failure.rows} rows; one request can stream at most ${failure.limit}. Split it with a filter such as user_id_prefix or updated_after.`,
				{ rows: failure.rows, limit: failure.limit },
			);
		case "invalid-bookmark":
			return new Problem(400, "invalid-bookmark", "The x-d1-bookmark header is not a D1 bookmark.");
		case "session-not-found":
			return new Problem(
				404,
				"session-not-found",
				`Session '${failure.session_id}' does not exist: it was rolled back, it expired, or it never existed.`,
			);
		case "session-committed":
			return new Problem(
				409,
				"session-committed",
				`Session '${failure.session_id}' is committed; open a new session to stage more work.`,
			);
		case "session-changed":
			return new Problem(
				409,
				"session-changed",
				`Operations were staged into session '${failure.session_id}' while this request ran; send it again.`,
			);
		case "idempotency-key-in-use":
			return new Problem(
				409,
				"idempotency-key-in-use",
				"A request with this Idempotency-Key is still running, or committed without its answer being kept; retry later, or read what it wrote.",
				{},
				{ "retry-after": "1" },
			);
		case "too-many-sessions":
			return new Problem(
				429,
				"too-many-sessions",
				`${failure.limit} sessions are open; commit or roll one back, or retry when one expires.`,
				{ limit: failure.limit },
				{ "retry-after": String(failure.retry_after_s) },
			);
		case "too-many-staged-rows":
			return new Problem(
				413,
				"too-many-staged-rows",
				`A session may stage at most ${failure.limit} rows; this would make ${failure.rows}. Commit it, and stage the rest in a new session.`,
				{ rows: failure.rows, limit: failure.limit },
			);
		case "database-unavailable":
			return new Problem(
				503,
				"database-unavailable",
				failure.committed === "no"
					? `The database is unavailable or overloaded for now, and nothing was written; retry in ${failure.retry_after_s} s.`
					: failure.committed === "yes"
						? "The write was applied (its Idempotency-Key is recorded), but the connection to the database failed before its answer came back: read what it wrote."
						: "The connection to the database failed while this write ran, so it may or may not have been applied: send it again with the same Idempotency-Key, or without one read before sending it again.",
				{ committed: failure.committed },
				{ "retry-after": String(failure.retry_after_s) },
			);
	}
}

/** An error as the problem it is, when it is the engine's; any other error as it is. */
export const asProblem = (error: unknown): unknown => (error instanceof EngineError ? problemOf(error.failure) : error);

/** A problem of a request that asked for a dry run says so, whichever step found it. */
export function withDryRun(thrown: unknown, body: unknown): unknown {
	const error = asProblem(thrown);
	if (!(error instanceof Problem) || (body as { dry_run?: unknown } | null)?.dry_run !== true) return error;
	return new Problem(error.status, error.type, error.detail, { ...error.extensions, dry_run: true }, error.headers);
}
