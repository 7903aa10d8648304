// Opens a D1 session per request (honouring x-d1-bookmark) and reports the database's own time.
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { setMetric } from "hono/timing";
import type { DatabaseMeta } from "../engine/run";
import type { AppEnv } from "../env";
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

/** Put D1's own figures in Server-Timing and the request log. */
export function recordDatabase(c: Context<AppEnv>, meta: DatabaseMeta) {
	setMetric(
		c,
		"db",
		meta.duration,
		`D1 ${meta.statements} statements, ${meta.rows_read} rows read, ${meta.rows_written} rows written`,
	);
	c.set("dbMeta", meta);
}
