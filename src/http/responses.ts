// The answers routes declare: problems by status with their `type`s, and the response headers.
import { z } from "@hono/zod-openapi";
import { MAX_BODY_BYTES, MAX_OPERATIONS, MAX_ROWS, Row } from "../schemas";
import { PROBLEM_TYPE } from "./problems";

/** A response header as OpenAPI declares it. */
export const header = (description: string, required = false) => ({
	description,
	required,
	schema: { type: "string" as const },
});

export const Problem = z
	.object({
		type: z.string().openapi({ description: "/problems/<name>: what went wrong, for a program." }),
		title: z.string(),
		status: z.number().int(),
		detail: z.string().openapi({ description: "What went wrong, for a person." }),
		errors: z
			.array(z.object({ path: z.string(), message: z.string() }))
			.optional()
			.openapi({ description: "Every validation error (up to 100)." }),
		user_ids: z.array(z.string()).optional().openapi({ description: "The ids that conflict or are missing." }),
		operation: z.number().int().optional().openapi({ description: "The index of the failing operation." }),
		actual: Row.nullable().optional().openapi({ description: "An expect operation's row as it is (null: absent)." }),
		dry_run: z.literal(true).optional().openapi({ description: "The problem of a dry run." }),
		statements: z.number().int().optional().openapi({ description: "D1 statements the request needs." }),
		limit: z.number().int().optional().openapi({ description: "The limit that was exceeded." }),
		line: z.number().int().optional().openapi({ description: "The body's line that does not parse." }),
		rows: z.number().int().optional().openapi({ description: "Rows the export selects." }),
		committed: z.enum(["no", "unknown", "yes"]).optional().openapi({
			description:
				"database-unavailable: whether the request's write may have been applied. `unknown`: send it again with the same Idempotency-Key (it is applied at most once, and answered if it was), or read first; `yes`: applied, with a key, but its answer cannot be rebuilt.",
		}),
	})
	.openapi("Problem");

/** What a write answers with the rows it changed, or an insert with return=minimal. */
export const Count = z.object({ count: z.number().int() }).openapi("Count");

/** A transaction's (or a session commit's) results: {count} for a write or expect, {data} for a select. */
export const OperationResults = z.array(z.union([Count, z.object({ data: z.array(Row) })]));
/** What a dry run answers when every operation would succeed. */
export const DryRun = z.object({ dry_run: z.literal(true), ok: z.literal(true) }).openapi("DryRunVerdict");

type Headers = Record<string, ReturnType<typeof header>>;

/** The problem `type`s a declared answer carries, so that src/http/api.ts can add the ones every write may answer. */
export const TYPES = Symbol("problem types");

/** A problem+json answer with `status`, whose `type` is one of `types`. */
export function problem(status: number, types: readonly string[], description: string, headers: Headers = {}) {
	return {
		[TYPES]: { types, description, headers },
		description: `${description} (${types.join(", ")})`,
		headers,
		content: {
			[PROBLEM_TYPE]: {
				schema: Problem.extend({
					type: z.enum(types.map((t) => `/problems/${t}`) as [string, ...string[]]),
					status: z.literal(status),
				}),
			},
		},
	};
}

export const BOOKMARK = { "x-d1-bookmark": header("A D1 bookmark: send it back to read at least this fresh.") };
export const ETAG = { ETag: header("The row's strong ETag.", true) };

/** A JSON answer. */
export const json = <T extends z.ZodType>(schema: T, description: string, headers: Headers = {}) => ({
	description,
	headers: { ...BOOKMARK, ...headers },
	content: { "application/json": { schema } },
});

const CHALLENGE = { "WWW-Authenticate": header('Bearer realm="userdata", with error= when a token was sent.', true) };

const UNAUTHORIZED = problem(401, ["unauthorized"], "No bearer token, or not a valid one", CHALLENGE);

/** What every route behind a token can answer before it runs. */
export const TOKEN_AUTH = {
	401: UNAUTHORIZED,
	503: problem(503, ["no-tokens-configured"], "The service has no token configured, so it refuses every request"),
};
/** And a route that uses the database, which may be unavailable for now. */
export const AUTH = {
	401: UNAUTHORIZED,
	503: problem(
		503,
		["no-tokens-configured", "database-unavailable"],
		"No token is configured, or the database is unavailable or overloaded for now",
		{ "Retry-After": header("database-unavailable: seconds to wait before trying again.") },
	),
};
/** And a route that writes. */
export const WRITE_AUTH = {
	...AUTH,
	403: problem(403, ["forbidden"], "The token has the read scope only", CHALLENGE),
};

const QUERY_TYPES = ["invalid-query", "unknown-parameter", "repeated-parameter", "invalid-bookmark"] as const;
export const BAD_QUERY = { 400: problem(400, QUERY_TYPES, "A query parameter or header is malformed") };

/** What a route with a body can answer about it. */
export const BAD_BODY = {
	400: problem(
		400,
		[...QUERY_TYPES, "malformed-json", "malformed-ndjson", "malformed-csv", "malformed-encoding", "body-incomplete"],
		"The body does not parse, or a query parameter or header is malformed",
	),
	413: problem(
		413,
		["body-too-large", "too-many-rows", "too-many-operations", "too-many-statements", "filter-too-large"],
		`Over ${MAX_BODY_BYTES} bytes, ${MAX_ROWS} rows, ${MAX_OPERATIONS} operations or D1's statements per request`,
	),
	415: problem(415, ["unsupported-media-type"], "A Content-Type this route does not take"),
	422: problem(422, ["invalid-body", "invalid-path"], "Well-formed but invalid"),
};

/** A path's user_id that breaks the row's rules. */
export const BAD_PATH = { 422: problem(422, ["invalid-path"], "The path's user_id breaks the id rule") };

export const NOT_FOUND = { 404: problem(404, ["not-found"], "The row(s) named do not exist") };
export const CHANGED = { 412: problem(412, ["precondition-failed"], "If-Match does not match the row's ETag") };
