// Service routes: health, the token's scope, the OpenAPI document's reference page, and the web viewer.
import { createRoute, z } from "@hono/zod-openapi";
import { Api, header } from "../http/api";
import { asset } from "../http/assets";
import { auth } from "../http/auth";
import { recordDatabase } from "../http/database";
import { AUTH, json, problem } from "../http/responses";
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
