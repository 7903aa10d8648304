// The zod schemas of every request (bodies, queries, paths, headers) and response row; the route
// declarations in src/routes/ validate with them and publish them as /openapi.json.
import { z } from "@hono/zod-openapi";

/** The contract's body limit; bigger bodies are refused with 413 while they stream in. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;
export const MAX_ROWS = 100_000;
export const MAX_OPERATIONS = 1_000;
export const MAX_LIMIT = 1_000;
export const DEFAULT_LIMIT = 100;
/** The row's limits, in characters (code points, as SQLite's length() and JSON Schema's maxLength count). */
export const USER_ID_MAX = 32;
export const USER_DATA_MAX = 640;

/** Whether `s` has more than `max` code points; a UTF-16 length within `max` settles it without counting. */
function longerThan(s: string, max: number): boolean {
	if (s.length <= max) return false;
	let n = 0;
	for (const _ of s) if (++n > max) return true;
	return false;
}
const LONE_SURROGATE = /\p{Cs}/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

/** What is wrong with a user_id, if anything: the contract's rule, shared by zod and the bulk fast path. */
export function userIdProblem(s: string): string | undefined {
	if (s.length === 0 || longerThan(s, USER_ID_MAX)) return `must be 1 to ${USER_ID_MAX} characters`;
	if (CONTROL.test(s)) return "must not contain control characters (U+0000–U+001F, U+007F)";
	if (LONE_SURROGATE.test(s)) return "must be well-formed Unicode";
}

/** What is wrong with a (non-null) user_data, if anything. */
export function userDataProblem(s: string): string | undefined {
	if (longerThan(s, USER_DATA_MAX)) return `must be at most ${USER_DATA_MAX} characters`;
	if (LONE_SURROGATE.test(s)) return "must be well-formed Unicode";
}

const rule = (problem: (s: string) => string | undefined) => (s: string, ctx: z.RefinementCtx) => {
	const message = problem(s);
	if (message) ctx.addIssue({ code: "custom", message });
};

// The rules as JSON Schema says them (maxLength counts code points); zod checks them with the functions above.
const USER_ID_RULE = {
	minLength: 1,
	maxLength: USER_ID_MAX,
	pattern: "^[^\\u0000-\\u001f\\u007f]*$",
	description: `1–${USER_ID_MAX} characters, no control characters (U+0000–U+001F, U+007F); case-sensitive.`,
};
const USER_DATA_RULE = { maxLength: USER_DATA_MAX, description: `At most ${USER_DATA_MAX} characters, or null.` };

export const UserId = z
	.string()
	.superRefine(rule(userIdProblem))
	.openapi({ ...USER_ID_RULE, example: "Brad" });

export const UserData = z
	.string()
	.superRefine(rule(userDataProblem))
	.openapi(USER_DATA_RULE)
	.nullable()
	.openapi({ example: "Brad's data" });

/** Why a body's unknown field is refused: strict objects refuse every key they do not name. */
export const unknownFieldMessage = (key: string) =>
	key === "time_stamp" ? "time_stamp is set by the database and cannot be sent" : `unknown field '${key}'`;

/** A field that may be left out, meaning `value`. (zod's .default() would publish `default`, which generated clients take for "always present".) */
const withDefault = <T extends z.ZodType>(schema: T, value: z.output<T>, description = "") =>
	schema
		.optional()
		.transform((v) => v ?? value)
		.openapi({ description: `${description}${description ? " " : ""}Default: ${JSON.stringify(value)}.` });

const TIME_STAMP = {
	description: "Set by the database on insert and on every update: ISO 8601 UTC with milliseconds.",
	example: "2026-11-25T15:11:26.123Z",
};

export const Row = z
	.strictObject({
		user_id: z.string().openapi(USER_ID_RULE),
		user_data: z.string().openapi(USER_DATA_RULE).nullable(),
		time_stamp: z.string().openapi({ ...TIME_STAMP, pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$" }),
	})
	.openapi("Row");

export const NewRow = z.strictObject({ user_id: UserId, user_data: UserData.optional() }).openapi("NewRow");
export const RowUpdate = z.strictObject({ user_id: UserId, user_data: UserData }).openapi("RowUpdate");
export const DataOnly = z.strictObject({ user_data: UserData }).openapi("UserData");
/** PUT may repeat the path's user_id in the body; the route checks that it matches. */
export const PutBody = z.strictObject({ user_id: UserId.optional(), user_data: UserData }).openapi("PutBody");

const IsoTime = z
	.string()
	.refine((s) => /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) && !Number.isNaN(Date.parse(s)), {
		message: "must be an ISO 8601 date or time, e.g. 2026-11-25T15:11:26.123Z",
	})
	.transform((s) => new Date(s).toISOString());

export const Filters = z
	.strictObject({
		user_id: z.array(UserId).min(1).max(MAX_ROWS).optional().openapi({ description: "Exactly these ids." }),
		user_id_prefix: z
			.string()
			.min(1)
			.max(128)
			.optional()
			.openapi({ description: "Ids that start with it (case-sensitive, compares bytes)." }),
		user_data: z.string().max(2560).optional().openapi({ description: "user_data equals it." }),
		q: z
			.string()
			.min(1)
			.max(2560)
			.optional()
			.openapi({ description: "user_data contains it, literally; only ASCII A–Z fold case." }),
		updated_after: IsoTime.optional().openapi({ description: "time_stamp after it (exclusive), ISO 8601." }),
		updated_before: IsoTime.optional().openapi({ description: "time_stamp before it (exclusive), ISO 8601." }),
	})
	.openapi("Filters");
export type Filters = z.infer<typeof Filters>;

export const ORDERS = ["user_id", "-user_id", "time_stamp", "-time_stamp"] as const;
export const Order = z.enum(ORDERS);
export type Order = z.infer<typeof Order>;

const Rows = <T extends z.ZodType>(row: T) => z.array(row).min(1).max(MAX_ROWS);
/** The bulk bodies: checked by a plain loop over the same rules first (see src/http/request.ts). */
export const NewRows = Rows(NewRow);
export const RowUpdates = Rows(RowUpdate);
const Missing = withDefault(
	z.enum(["error", "ignore"]),
	"error",
	"What a missing id does: fail the transaction, or nothing.",
);
const All = withDefault(z.boolean(), false, "Required (true) to change every row when where is empty.");
const Where = withDefault(Filters, {});

export const Operation = z
	.discriminatedUnion("op", [
		z.strictObject({ op: z.literal("insert"), rows: NewRows }),
		z.strictObject({ op: z.literal("upsert"), rows: NewRows }),
		z.strictObject({ op: z.literal("update"), rows: RowUpdates, missing: Missing }),
		z.strictObject({ op: z.literal("update_where"), where: Where, set: DataOnly, all: All }),
		z.strictObject({ op: z.literal("delete"), user_ids: Rows(UserId), missing: Missing }),
		z.strictObject({ op: z.literal("delete_where"), where: Where, all: All }),
		z.strictObject({
			op: z.literal("select"),
			where: Where,
			order: withDefault(Order, "user_id"),
			limit: withDefault(z.number().int().min(1).max(MAX_LIMIT), DEFAULT_LIMIT),
		}),
		z
			.strictObject({
				op: z.literal("expect"),
				user_id: UserId,
				exists: withDefault(z.boolean(), true),
				user_data: UserData.optional(),
			})
			.refine((e) => e.exists || e.user_data === undefined, {
				message: "user_data can only be expected of a row that exists",
				path: ["user_data"],
			}),
	])
	.openapi("Operation");
export type Operation = z.infer<typeof Operation>;

export const Transaction = z
	.strictObject({
		operations: z.array(Operation).min(1).max(MAX_OPERATIONS),
		dry_run: withDefault(z.boolean(), false, "Run everything, then roll it all back."),
	})
	.openapi("Transaction");
export type Transaction = z.infer<typeof Transaction>;

// Sessions (API.md § Sessions).

export const SESSION_TTL_S = { min: 60, max: 86_400, default: 3_600 } as const;

export const OpenSession = z
	.strictObject({
		ttl_s: withDefault(
			z.number().int().min(SESSION_TTL_S.min).max(SESSION_TTL_S.max),
			SESSION_TTL_S.default,
			"Seconds the session lives after its last change.",
		),
	})
	.openapi("OpenSession");

/** What a session stages: exactly a transaction's operations. */
export const Stage = z.strictObject({ operations: Transaction.shape.operations }).openapi("Stage");

export const Session = z
	.strictObject({
		session_id: z.string().openapi({ description: "128 random bits, as 32 hex digits.", example: "9f2c…" }),
		state: z.enum(["open", "committed"]),
		created_at: z.string().openapi(TIME_STAMP),
		expires_at: z.string().openapi({ description: "When it expires: ttl_s after its last change, ISO 8601 UTC." }),
		ttl_s: z.number().int(),
		operations: z.number().int().openapi({ description: "Operations staged." }),
		rows: z.number().int().openapi({ description: "Rows (and ids) staged." }),
	})
	.openapi("Session");

// Bodies, as each route declares them.

export const InsertBody = z.union([NewRows, NewRow]);
export const PatchBody = z.union([RowUpdates, DataOnly]);

/** NDJSON and CSV bodies: the same rows as a JSON array, as text. */
export const NdjsonRows = z.string().openapi({
	description: "One JSON row per line; the same meaning as a JSON array of them.",
	example: '{"user_id":"Brad","user_data":"Brad\'s data"}\n{"user_id":"Larry","user_data":"Data for Larry"}\n',
});
export const CsvRows = z.string().openapi({
	description:
		'RFC 4180 with a header line (user_id,user_data): an unquoted empty field is null, "" the empty string; one leading \' is removed.',
	example: "user_id,user_data\r\nBrad,Brad's data\r\n",
});

// Query strings, paths and headers.

export const COLUMNS = ["user_id", "user_data", "time_stamp"] as const;
export type Column = (typeof COLUMNS)[number];

/** `columns=user_id,user_data`: distinct columns, returned in table order. */
const Columns = z
	.string()
	.transform((value, ctx) => {
		const asked = value.split(",");
		const unknown = asked.filter((col) => !(COLUMNS as readonly string[]).includes(col));
		if (unknown.length > 0 || new Set(asked).size !== asked.length) {
			ctx.addIssue({
				code: "custom",
				message: `a comma-separated list of distinct columns of ${COLUMNS.join(", ")}; unknown or repeated: ${unknown.join(", ") || value}`,
			});
			return z.NEVER;
		}
		return COLUMNS.filter((col) => asked.includes(col));
	})
	.openapi({
		type: "string",
		description: `Comma-separated, distinct, of ${COLUMNS.join(", ")}. Default: all.`,
		example: "user_id,user_data",
	});

/** A repeatable parameter (`user_id=a&user_id=b`): one value arrives as a string, several as an array. */
const repeated = <T extends z.ZodType>(item: T) =>
	z.preprocess((v) => (typeof v === "string" ? [v] : v), z.array(item).min(1).max(MAX_ROWS));

const FILTER_QUERY = {
	...Filters.shape,
	user_id: repeated(UserId)
		.optional()
		.openapi({ description: "Exactly these ids; repeat the parameter for several (user_id=a&user_id=b)." }),
};

/** The filters of a query, as the engine takes them. */
export const filtersOf = (query: Partial<Filters>): Filters =>
	Object.fromEntries(Object.entries(query).filter(([key, value]) => key in Filters.shape && value !== undefined));

/** `limit=` in a query string: digits only (no 1e1, no 1.0). */
const Limit = z
	.string()
	.regex(/^\d+$/, "must be a whole number")
	.transform(Number)
	.pipe(z.number().int().min(1).max(MAX_LIMIT))
	.openapi({ type: "integer", minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT });

export const LIST_FORMATS = ["json", "ndjson", "csv", "text"] as const;
export const EXPORT_FORMATS = ["ndjson", "csv"] as const;

export const ListQuery = z.strictObject({
	...FILTER_QUERY,
	order: Order.default("user_id"),
	limit: Limit.optional(),
	cursor: z.string().optional().openapi({ description: "The next_cursor of the page before." }),
	count: z.enum(["exact"]).optional().openapi({ description: "Add the total (total, or X-Total-Count)." }),
	format: z
		.enum(LIST_FORMATS)
		.optional()
		.openapi({ description: "Wins over Accept: json, ndjson, csv or text (the tutorial's layout)." }),
	columns: Columns.optional(),
});

export const ExportQuery = z.strictObject({
	...FILTER_QUERY,
	order: Order.default("user_id"),
	format: z.enum(EXPORT_FORMATS).optional().openapi({ description: "Wins over Accept." }),
	columns: Columns.optional(),
});

/** `all=true` or `all=false`, nothing else. */
const AllQuery = z
	.enum(["true", "false"])
	.default("false")
	.openapi({ description: "Required (true) to change every row with no filter." });

export const MassQuery = z.strictObject({ ...FILTER_QUERY, all: AllQuery });

export const InsertQuery = z.strictObject({
	on_conflict: z
		.enum(["error", "ignore", "update"])
		.default("error")
		.openapi({ description: "An existing id: 409, skip it, or replace its user_data." }),
	return: z
		.enum(["representation", "minimal"])
		.default("representation")
		.openapi({ description: "minimal: a bulk insert answers the count only." }),
});

export const NoQuery = z.strictObject({});

export const CommitQuery = z.strictObject({
	dry_run: z
		.enum(["true", "false"])
		.default("false")
		.openapi({ description: "true: answer whether the commit would succeed, and commit nothing." }),
});

export const SessionIdPath = z.object({
	session_id: z
		.string()
		.min(1)
		.max(64)
		.openapi({ param: { name: "session_id", in: "path" }, example: "2f1d0c8a9b7e6d5c4b3a29181716f5e4" }),
});

export const UserIdPath = z.object({
	user_id: UserId.openapi({ param: { name: "user_id", in: "path" }, example: "Brad" }),
});

const header = (description: string) => z.string().optional().openapi({ description });
export const BookmarkHeader = {
	"x-d1-bookmark": header("A D1 bookmark from an earlier answer: read at least that fresh."),
};
export const IfMatchHeader = z.object({
	...BookmarkHeader,
	"if-match": header("Write only if the row's current ETag is one of these (or *); else 412."),
});
export const IfNoneMatchHeader = z.object({
	...BookmarkHeader,
	"if-none-match": header("304 when the row's ETag is one of these."),
});
export const Headers = z.object(BookmarkHeader);
