// The Worker: middleware, routes, and the one place errors become problem+json.
import { createRoute, z } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { timing } from "hono/timing";
import { removeExpired } from "./engine/expiry";
import type { Bindings } from "./env";
import { Api } from "./http/api";
import { auth, writeScope } from "./http/auth";
import { limitBody } from "./http/body-limit";
import { cors } from "./http/cors";
import { database, reportDatabase } from "./http/database";
import { asProblem } from "./http/failures";
import { idempotency } from "./http/idempotency";
import { Problem, problemResponse } from "./http/problems";
import { service } from "./routes/service";
import { sessions } from "./routes/sessions";
import { transactions } from "./routes/transactions";
import { users } from "./routes/users";

const api = [auth, limitBody, database, idempotency] as const;

/** The path of a request's URL as `new URL(url).pathname` has it (still percent-encoded), without parsing the URL. */
const pathOf = (url: string) => {
	const start = url.indexOf("/", url.indexOf("//") + 2);
	const query = url.indexOf("?", start);
	return url.slice(start, query < 0 ? undefined : query);
};

const app = new Api();
app
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
				path: pathOf(c.req.url),
				status: c.res.status,
				ms: Date.now() - started,
				db: c.var.dbMeta,
			}),
		);
	})
	.use("/users/*", ...api) // also matches /users itself
	.use("/transactions", ...api)
	.use("/sessions/*", ...api, writeScope);

const routes = app
	.route("/", service)
	.route("/users", users)
	.route("/transactions", transactions)
	.route("/sessions", sessions);

app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
	type: "http",
	scheme: "bearer",
	description: "A read token (GET) or a write token (everything): READ_TOKEN and WRITE_TOKEN.",
});

let document: unknown;

app.openapi(
	createRoute({
		method: "get",
		path: "/openapi.json",
		operationId: "openapi",
		tags: ["service"],
		summary: "This document: OpenAPI 3.1, generated from the route declarations",
		security: [],
		responses: {
			200: { description: "The document", content: { "application/json": { schema: z.object({}).passthrough() } } },
		},
	}),
	(c) => {
		document ??= app.getOpenAPI31Document({
			openapi: "3.1.0",
			info: {
				title: "userdata",
				version: "1.0.0",
				description:
					"The userdata table over HTTPS: every write atomic, every error application/problem+json (RFC 9457).",
				license: { name: "MIT", url: "https://opensource.org/license/mit" },
			},
			servers: [{ url: "http://localhost:8787", description: "npm start (wrangler dev)" }],
			security: [{ bearer: [] }],
			tags: [
				{ name: "rows", description: "The userdata table's rows." },
				{ name: "transactions", description: "Many operations in one atomic batch." },
				{ name: "sessions", description: "A unit of work across requests: stage, look at the pending rows, commit." },
				{ name: "service", description: "Health, scope, this document and its reference page." },
			],
		});
		return c.json(document as Record<string, unknown>, 200);
	},
);

app.notFound((c) =>
	problemResponse(c, new Problem(404, "no-route", `There is no route ${c.req.method} ${new URL(c.req.url).pathname}.`)),
);

app.onError((thrown, c) => {
	const error = asProblem(thrown);
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

export type AppType = typeof routes;
export { app };

export default {
	fetch: app.fetch,
	/** The Cron Trigger (wrangler.toml): remove expired and finished sessions' staged work, a bounded amount a run. */
	async scheduled(_controller, env, ctx) {
		ctx.waitUntil(
			removeExpired(env.DB).then(
				(removed) => console.log(JSON.stringify({ scheduled: "sessions", ...removed })),
				// The next run starts over from what is left; say why this one stopped.
				(error) => console.error(JSON.stringify({ scheduled: "sessions", error: String(error) })),
			),
		);
	},
} satisfies ExportedHandler<Bindings>;
