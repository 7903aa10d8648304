// Service routes: health, the token's scope, the OpenAPI document's reference page, and the web viewer.
import { createRoute, z } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import { EngineError } from "../engine/failures";
import { run } from "../engine/run";
import { statement } from "../engine/statements";
import { Api, header } from "../http/api";
import { asset } from "../http/assets";
import { auth } from "../http/auth";
import { recordDatabase } from "../http/database";
import { json, problem, TOKEN_AUTH } from "../http/responses";
import { docsPage, docsSecurity } from "../viewer/docs";
import { viewer } from "../viewer/page";

const Health = z
	.object({
		status: z.enum(["ok", "unavailable"]),
		database: z.enum(["ok", "error"]),
		migrations: z.string().nullable().openapi({ description: "The latest migration applied." }),
		detail: z.string().optional(),
	})
	.openapi("Health");

const html = (description: string) => ({ description, content: { "text/html": { schema: z.string() } } });

export const service = new Api()
	.route("/", viewer)
	.openapi(
		createRoute({
			method: "get",
			path: "/docs",
			operationId: "docs",
			tags: ["service"],
			summary: "The interactive API reference (this document), served entirely by this Worker",
			security: [],
			middleware: [docsSecurity] as const,
			responses: { 200: html("The reference page") },
		}),
		(c) => docsPage(c),
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/docs/scalar.js",
			operationId: "docsScript",
			tags: ["service"],
			summary: "The reference page's script: Scalar's pinned standalone bundle, from the static assets",
			security: [],
			responses: {
				200: {
					description: "The bundle",
					headers: { ETag: header("The file's ETag.") },
					content: { "text/javascript": { schema: z.string() } },
				},
				304: {
					description: "Unchanged since the ETag If-None-Match named",
					headers: { ETag: header("The file's ETag.") },
				},
				404: problem(404, ["asset-missing"], "The bundle was not copied into the static assets"),
			},
		}),
		(c) => asset(c),
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/auth",
			operationId: "getScope",
			tags: ["service"],
			summary: "What the bearer token may do: read, or write (which includes read)",
			middleware: [auth] as const,
			responses: {
				200: json(z.object({ scope: z.enum(["read", "write"]) }).openapi("Scope"), "The token's scope"),
				...TOKEN_AUTH,
			},
		}),
		(c) => c.json({ scope: c.var.scope }, 200),
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/healthz",
			operationId: "health",
			tags: ["service"],
			summary: "Health of the service, its database and its schema",
			security: [],
			responses: {
				200: json(Health, "Ready"),
				503: json(Health, "The database or its schema is not ready, or the database is unavailable for now", {
					"Retry-After": header("When the database is unavailable for now: seconds to wait before trying again."),
				}),
			},
		}),
		async (c) => {
			try {
				const { extras } = await run(c.env.DB, [], {
					before: [
						statement(sql`SELECT name FROM d1_migrations ORDER BY id DESC LIMIT 1`, -1, "read"),
						statement(sql`SELECT 1 FROM userdata LIMIT 0`, -1, "read"),
						statement(sql`SELECT 1 FROM problem LIMIT 0`, -1, "read"),
					],
					record: (meta) => recordDatabase(c, meta),
				});
				const latest = (extras[0][0] as { name: string } | undefined)?.name ?? null;
				return c.json({ status: "ok" as const, database: "ok" as const, migrations: latest }, 200);
			} catch (error) {
				const failure = error instanceof EngineError ? error.failure : undefined;
				if (failure?.kind === "database-unavailable") c.header("Retry-After", String(failure.retry_after_s));
				return c.json(
					{
						status: "unavailable" as const,
						database: "error" as const,
						migrations: null,
						detail:
							failure?.kind === "database-unavailable"
								? "The database is unavailable or overloaded for now."
								: `The database or its schema is not ready; run the migrations (npm start does). ${(error as Error).message}`,
					},
					503,
				);
			}
		},
	);
