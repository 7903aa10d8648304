// Service routes: health, the token's scope, the OpenAPI document's reference page, and the web viewer.
import { createRoute, z } from "@hono/zod-openapi";
import { Scalar } from "@scalar/hono-api-reference";
import { Api } from "../http/api";
import { auth } from "../http/auth";
import { recordDatabase } from "../http/database";
import { AUTH, json } from "../http/responses";
import { viewer } from "../viewer/page";

const Health = z
	.object({
		status: z.enum(["ok", "unavailable"]),
		database: z.enum(["ok", "error"]),
		migrations: z.string().nullable().openapi({ description: "The latest migration applied." }),
		detail: z.string().optional(),
	})
	.openapi("Health");

const reference = Scalar({ url: "/openapi.json", pageTitle: "userdata API" });

const html = (description: string) => ({ description, content: { "text/html": { schema: z.string() } } });

export const service = new Api()
	.route("/", viewer)
	.openapi(
		createRoute({
			method: "get",
			path: "/docs",
			operationId: "docs",
			tags: ["service"],
			summary: "The interactive API reference (this document)",
			security: [],
			responses: { 200: html("The reference page") },
		}),
		async (c, next) => (await reference(c as never, next)) ?? c.notFound(),
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
				...AUTH,
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
				503: json(Health, "The database or its schema is not ready"),
			},
		}),
		async (c) => {
			try {
				const results = await c.env.DB.batch<{ name: string }>([
					c.env.DB.prepare("SELECT name FROM d1_migrations ORDER BY id DESC LIMIT 1"),
					c.env.DB.prepare("SELECT 1 FROM userdata LIMIT 0"),
					c.env.DB.prepare("SELECT 1 FROM problem LIMIT 0"),
				]);
				recordDatabase(c, {
					duration: results.reduce((ms, r) => ms + (r.meta.duration ?? 0), 0),
					rows_read: results.reduce((n, r) => n + (r.meta.rows_read ?? 0), 0),
					rows_written: 0,
					statements: results.length,
				});
				const latest = results[0].results[0]?.name ?? null;
				return c.json({ status: "ok" as const, database: "ok" as const, migrations: latest }, 200);
			} catch (error) {
				return c.json(
					{
						status: "unavailable" as const,
						database: "error" as const,
						migrations: null,
						detail: `The database or its schema is not ready; run the migrations (npm start does). ${(error as Error).message}`,
					},
					503,
				);
			}
		},
	);
