// The zod schemas that validate every request body and query, and describe them in OpenAPI.
import { z } from "@hono/zod-openapi";

/** The contract's body limit; bigger bodies are refused with 413 while they stream in. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;
export const MAX_ROWS = 100_000;
export const MAX_OPERATIONS = 1_000;
export const MAX_LIMIT = 1_000;
export const DEFAULT_LIMIT = 100;
/** The contract's lengths, in characters (code points): user_id 1–32, user_data at most 640. */
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

export const UserId = z.string().superRefine(rule(userIdProblem)).openapi({ example: "Brad" });

export const UserData = z.string().superRefine(rule(userDataProblem)).nullable().openapi({ example: "Brad's data" });

const TIME_STAMP_IS_THE_DATABASES = "time_stamp is set by the database and cannot be sent";

/** Reject `time_stamp` with its own message; every other unknown key is caught by strictness. */
const noTimeStamp = <T extends z.ZodRawShape>(shape: T) =>
	z.strictObject({
		...shape,
		time_stamp: z
			.never(TIME_STAMP_IS_THE_DATABASES)
			.openapi({ type: "null", not: {}, description: `Never sent: ${TIME_STAMP_IS_THE_DATABASES} (422)` })
			.optional(),
	});

export const Row = z
	.object({
		user_id: z.string(),
		user_data: z.string().nullable(),
		time_stamp: z.string().openapi({ example: "2026-11-25T15:11:26.123Z" }),
	})
	.openapi("Row");

export const NewRow = noTimeStamp({ user_id: UserId, user_data: UserData.optional() }).openapi("NewRow");
export const RowUpdate = noTimeStamp({ user_id: UserId, user_data: UserData }).openapi("RowUpdate");
export const DataOnly = noTimeStamp({ user_data: UserData }).openapi("UserData");
/** PUT may repeat the path's user_id in the body; the route checks that it matches. */
export const PutBody = noTimeStamp({ user_id: UserId.optional(), user_data: UserData }).openapi("PutBody");

const IsoTime = z
	.string()
	.refine((s) => /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) && !Number.isNaN(Date.parse(s)), {
		message: "must be an ISO 8601 date or time, e.g. 2026-11-25T15:11:26.123Z",
	})
	.transform((s) => new Date(s).toISOString());

export const Filters = z
	.strictObject({
		user_id: z.array(UserId).min(1).max(MAX_ROWS).optional(),
		user_id_prefix: z.string().min(1).max(128).optional(),
		user_data: z.string().max(2560).optional(),
		q: z.string().min(1).max(2560).optional(),
		updated_after: IsoTime.optional(),
		updated_before: IsoTime.optional(),
	})
	.openapi("Filters");
export type Filters = z.infer<typeof Filters>;

export const ORDERS = ["user_id", "-user_id", "time_stamp", "-time_stamp"] as const;
export const Order = z.enum(ORDERS);
export type Order = z.infer<typeof Order>;

/** `limit=` in a query string: digits only (no 1e1, no 1.0). */
export const Limit = z
	.string()
	.regex(/^\d+$/, "must be a whole number")
	.transform(Number)
	.pipe(z.number().int().min(1).max(MAX_LIMIT));

/** A mass update or delete must name a filter, or say all=true. */
export const isUnfiltered = (where: Filters) => Object.values(where).every((v) => v === undefined);
const UNFILTERED = {
	message: "refusing to change every row without a filter: add a filter, or all: true",
	path: ["all"],
};

const Rows = <T extends z.ZodType>(row: T) => z.array(row).min(1).max(MAX_ROWS);
const Missing = z.enum(["error", "ignore"]).default("error");
const All = z.boolean().default(false);

export const Operation = z
	.discriminatedUnion("op", [
		z.strictObject({ op: z.literal("insert"), rows: Rows(NewRow) }),
		z.strictObject({ op: z.literal("upsert"), rows: Rows(NewRow) }),
		z.strictObject({ op: z.literal("update"), rows: Rows(RowUpdate), missing: Missing }),
		z
			.strictObject({ op: z.literal("update_where"), where: Filters.default({}), set: DataOnly, all: All })
			.refine((o) => o.all || !isUnfiltered(o.where), UNFILTERED),
		z.strictObject({ op: z.literal("delete"), user_ids: Rows(UserId), missing: Missing }),
		z
			.strictObject({ op: z.literal("delete_where"), where: Filters.default({}), all: All })
			.refine((o) => o.all || !isUnfiltered(o.where), UNFILTERED),
		z.strictObject({
			op: z.literal("select"),
			where: Filters.default({}),
			order: Order.default("user_id"),
			limit: z.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
		}),
		z
			.strictObject({
				op: z.literal("expect"),
				user_id: UserId,
				exists: z.boolean().default(true),
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
		operations: z.array(Operation).min(1),
		dry_run: z.boolean().default(false),
	})
	.openapi("Transaction");
export type Transaction = z.infer<typeof Transaction>;
