// Opens a D1 session per request (honouring x-d1-bookmark) and reports the database's own time.
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { setMetric } from "hono/timing";
import { type DatabaseMeta, MAX_STATEMENTS } from "../engine/run";
import type { AppEnv, Bindings } from "../env";
import { Problem } from "./problems";

export const BOOKMARK = "x-d1-bookmark";

export const database = createMiddleware<AppEnv>(async (c, next) => {
	const bookmark = c.req.header(BOOKMARK);
	const read = c.req.method === "GET" || c.req.method === "HEAD";
	let session: D1DatabaseSession;
	try {
		session = c.env.DB.withSession(bookmark ?? (read ? "first-unconstrained" : "first-primary"));
	} catch {
		throw new Problem(400, "invalid-bookmark", `The ${BOOKMARK} header is not a D1 bookmark.`);
	}
	c.set("db", session);
	await next();
	const latest = session.getBookmark();
	if (latest) c.header(BOOKMARK, latest);
});

/** Server-Timing `db`: D1's own time for the request (0 when it made no query) and its figures. */
export function reportDatabase(c: Context<AppEnv>) {
	const meta = c.var.dbMeta ?? { duration: 0, rows_read: 0, rows_written: 0, statements: 0 };
	setMetric(
		c,
		"db",
		meta.duration,
		`D1 ${meta.statements} statements, ${meta.rows_read} rows read, ${meta.rows_written} rows written`,
	);
}

/** Add one batch's D1 figures to the request's, for Server-Timing and the request log. */
export function recordDatabase(c: Context<AppEnv>, meta: DatabaseMeta) {
	const sum = c.var.dbMeta;
	c.set(
		"dbMeta",
		sum
			? {
					duration: sum.duration + meta.duration,
					rows_read: sum.rows_read + meta.rows_read,
					rows_written: sum.rows_written + meta.rows_written,
					statements: sum.statements + meta.statements,
				}
			: meta,
	);
}

/** D1 statements one request may use: 50 on the free plan; D1_QUERY_LIMIT (up to 1,000) on the paid plan. */
export function statementLimit(env: Bindings): number {
	const limit = Number(env.D1_QUERY_LIMIT);
	return Number.isInteger(limit) && limit >= MAX_STATEMENTS && limit <= 1_000 ? limit : MAX_STATEMENTS;
}
