// The Worker: middleware, routes, and the one place errors become problem+json.
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { timing } from "hono/timing";
import type { AppEnv } from "./env";
import { auth } from "./http/auth";
import { cors } from "./http/cors";
import { database, reportDatabase } from "./http/database";
import { Problem, problemResponse } from "./http/problems";
import { service } from "./routes/service";
import { transactions } from "./routes/transactions";
import { users } from "./routes/users";
import { MAX_BODY_BYTES } from "./schemas";

const limitBody = bodyLimit({
	maxSize: MAX_BODY_BYTES,
	onError: () => {
		throw new Problem(413, "body-too-large", `The body is over the limit of ${MAX_BODY_BYTES} bytes (32 MiB).`);
	},
});

const api = [auth, limitBody, database] as const;

const app = new Hono<AppEnv>()
	.use(requestId())
	.use(timing({ total: true, crossOrigin: false }))
	.use(secureHeaders())
	.use(cors)
	.use(async (c, next) => {
		const started = Date.now();
		await next();
		reportDatabase(c);
		// One line per request; never headers, bodies or query values (they may hold tokens or data).
		console.log(
			JSON.stringify({
				request_id: c.var.requestId,
				method: c.req.method,
				path: new URL(c.req.url).pathname,
				status: c.res.status,
				ms: Date.now() - started,
				db: c.var.dbMeta,
			}),
		);
	})
	.route("/", service)
	// What the bearer token may do, so a client (the viewer) learns its scope without a failing request.
	.get("/auth", auth, (c) => c.json({ scope: c.var.scope }))
	.use("/users/*", ...api) // also matches /users itself
	.use("/transactions", ...api)
	.route("/users", users)
	.route("/transactions", transactions);

app.notFound((c) =>
	problemResponse(c, new Problem(404, "no-route", `There is no route ${c.req.method} ${new URL(c.req.url).pathname}.`)),
);

app.onError((error, c) => {
	if (error instanceof Problem) return problemResponse(c, error);
	if (error instanceof HTTPException) {
		return problemResponse(
			c,
			new Problem(error.status, "http-error", error.message || "The request could not be served."),
		);
	}
	console.error(JSON.stringify({ request_id: c.var.requestId, error: String(error), stack: (error as Error).stack }));
	return problemResponse(
		c,
		new Problem(500, "internal-error", `Something went wrong on our side; quote request id ${c.var.requestId}.`),
	);
});

export type AppType = typeof app;
export default app;
