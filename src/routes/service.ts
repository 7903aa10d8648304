// Service routes that need no token: the web viewer, health, the OpenAPI document and its reference page.
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { recordDatabase } from "../http/database";
import { docs } from "../viewer/docs";
import { viewer } from "../viewer/page";
import { openApiDocument } from "./openapi";

export const service = new Hono<AppEnv>()
	.route("/", viewer)
	.get("/openapi.json", (c) => c.json(openApiDocument()))
	.route("/docs", docs)
	.get("/healthz", async (c) => {
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
			return c.json({ status: "ok", database: "ok", migrations: latest });
		} catch (error) {
			return c.json(
				{
					status: "unavailable",
					database: "error",
					migrations: null,
					detail: `The database or its schema is not ready; run the migrations (npm start does). ${(error as Error).message}`,
				},
				503,
			);
		}
	});
