// Auth on every documented route, secrets kept out of logs, limits before work, headers, CORS.
import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { app } from "../src/index";
import { call, handle, json, READ, table, WRITE } from "./client";

type Operation = {
	security?: unknown[];
	requestBody?: { content: Record<string, { example?: unknown }> };
	responses: Record<string, unknown>;
};
type Document = { paths: Record<string, Record<string, Operation>> };

const SECRET_DATA = "secret-user-data-7f3a";

describe("every route of the OpenAPI document, with every kind of token", () => {
	let doc: Document;
	beforeAll(async () => {
		doc = (await json("/openapi.json", { token: null })).body;
		await json("/users", { method: "POST", body: { user_id: "Brad", user_data: "x" } });
	});

	it("documents the contract's routes", () => {
		const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
			Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
		);
		expect(routes.sort()).toEqual(
			[
				"DELETE /users",
				"DELETE /users/{user_id}",
				"GET /auth",
				"GET /docs",
				"GET /docs/scalar.js",
				"GET /healthz",
				"GET /openapi.json",
				"GET /users",
				"GET /users/export",
				"GET /users/{user_id}",
				"PATCH /users",
				"PATCH /users/{user_id}",
				"POST /transactions",
				"POST /users",
				"POST /sessions",
				"GET /sessions/{session_id}",
				"DELETE /sessions/{session_id}",
				"POST /sessions/{session_id}/operations",
				"GET /sessions/{session_id}/users",
				"POST /sessions/{session_id}/commit",
				"PUT /users/{user_id}",
			].sort(),
		);
	});

	it("answers each as the contract says: 401 without or with a wrong token, 403 for a read token's write, never a 5xx", async () => {
		for (const [template, operations] of Object.entries(doc.paths)) {
			for (const [method, op] of Object.entries(operations)) {
				const open = Array.isArray(op.security) && op.security.length === 0;
				// A mass DELETE needs a filter; the mass PATCH example is the array form, which takes none.
				let path =
					template === "/users" && method === "delete" ? "/users?user_id=Brad" : template.replace("{user_id}", "Brad");
				const example = op.requestBody?.content["application/json"]?.example;
				const send = (token: string | null) =>
					call(path, {
						method: method.toUpperCase(),
						token,
						body: example,
					});
				// Every session route needs the write scope, its reads too.
				const read = method === "get" && !template.startsWith("/sessions");
				// The write token's request must be able to succeed: Brad exists, except for the insert of Brad.
				const reset = async () => {
					await json("/users?all=true", { method: "DELETE" });
					if (!(method === "post" && template === "/users"))
						await json("/users/Brad", { method: "PUT", body: { user_data: "x" } });
				};
				await reset();
				if (template.includes("{session_id}")) {
					const session = await json("/sessions", { method: "POST" });
					path = template.replace("{session_id}", session.body.session_id);
				}
				const answers = {
					none: (await send(null)).status,
					wrong: (await send("not-a-token")).status,
					read: (await send(READ)).status,
					write: (await send(WRITE)).status,
				};
				const where = `${method.toUpperCase()} ${template}: ${JSON.stringify(answers)}`;
				if (open) {
					for (const status of Object.values(answers)) expect(status, where).toBe(200);
					continue;
				}
				expect(answers.none, where).toBe(401);
				expect(answers.wrong, where).toBe(401);
				if (read) expect(answers.read, where).toBe(200);
				else expect(answers.read, where).toBe(403);
				expect(answers.write, where).toBeGreaterThanOrEqual(200);
				expect(answers.write, where).toBeLessThan(300);
				expect(Object.keys(op.responses), where).toContain(String(answers.write));
			}
		}
	});
});

describe("secrets stay out of logs and errors", () => {
	afterEach(() => vi.restoreAllMocks());

	it("no token, header or body value appears in any log line or problem", async () => {
		const lines: string[] = [];
		for (const level of ["log", "info", "warn", "error", "debug"] as const) {
			vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
				lines.push(args.map(String).join(" "));
			});
		}
		const answers: string[] = [];
		const requests: [string, Parameters<typeof call>[1]][] = [
			["/users", { method: "POST", body: { user_id: "s1", user_data: SECRET_DATA } }],
			["/users", { method: "POST", body: { user_id: "s1", user_data: SECRET_DATA } }],
			["/users", { method: "POST", body: `{"user_id":"${SECRET_DATA}` }],
			["/users", { token: `${WRITE}-${SECRET_DATA}` }],
			["/users", { token: READ, method: "DELETE" }],
			[`/users?q=${SECRET_DATA}`, { token: READ }],
			["/users/s1", { method: "PATCH", body: { user_data: SECRET_DATA }, headers: { "if-match": `"${SECRET_DATA}"` } }],
			[
				"/transactions",
				{ method: "POST", body: { operations: [{ op: "expect", user_id: "s1", user_data: "other" }] } },
			],
		];
		for (const [path, init] of requests) answers.push(await (await call(path, init)).text());
		expect(lines.length).toBeGreaterThanOrEqual(requests.length);
		for (const line of lines) {
			for (const secret of [READ, WRITE, SECRET_DATA, "Bearer"]) expect(line).not.toContain(secret);
		}
		for (const answer of answers.slice(1)) {
			expect(answer).not.toContain(READ);
			expect(answer).not.toContain(WRITE);
		}
	});
});

describe("limits before work", () => {
	// The rest is read and dropped before the answer: workerd would otherwise close the connection under the 413,
	// and `wrangler dev`'s proxy would fail the next client's request on it (test/node/oversized-body.test.mjs).
	it("a body over 32 MiB sent without Content-Length is refused with 413 once the rest of it is read", async () => {
		const before = await table();
		let sent = 0;
		const chunk = new TextEncoder().encode(`{"user_id":"x${"y".repeat(1000)}"},`);
		const body = new ReadableStream<Uint8Array>({
			start(controller) {
				controller.enqueue(new TextEncoder().encode("["));
			},
			pull(controller) {
				if (sent > 64 * 1024 * 1024) return controller.close();
				sent += chunk.length;
				controller.enqueue(chunk);
			},
		});
		const res = await handle(
			new Request("http://userdata.test/users", {
				method: "POST",
				body,
				headers: { authorization: `Bearer ${WRITE}`, "content-type": "application/json" },
				duplex: "half",
			} as RequestInit),
		);
		expect(res.status).toBe(413);
		expect(sent).toBeGreaterThan(64 * 1024 * 1024);
		expect(await table()).toEqual(before);
	});

	it("a streamed body that never ends is refused with 413 within the few seconds its rest is read", async () => {
		const chunk = new TextEncoder().encode(" ".repeat(1024 * 1024));
		let sent = 0;
		const body = new ReadableStream<Uint8Array>({
			async pull(controller) {
				// Past the limit, a chunk every 50 ms: endless, and no burden on the machine.
				if (sent > 32 * 1024 * 1024) await new Promise((resolve) => setTimeout(resolve, 50));
				sent += chunk.length;
				controller.enqueue(chunk);
			},
		});
		const started = Date.now();
		const res = await handle(
			new Request("http://userdata.test/users", {
				method: "POST",
				body,
				headers: { authorization: `Bearer ${WRITE}`, "content-type": "application/json" },
				duplex: "half",
			} as RequestInit),
		);
		expect(res.status).toBe(413);
		expect(Date.now() - started).toBeLessThan(15_000);
	}, 30_000);

	it("a declared Content-Length over the limit is refused before reading", async () => {
		const res = await call("/users", {
			method: "POST",
			body: "[]",
			headers: { "content-length": String(33 * 1024 * 1024) },
		});
		expect(res.status).toBe(413);
	});
});

describe("headers", () => {
	it("secure headers on every answer, success or problem", async () => {
		for (const res of [
			await call("/users", { token: READ }),
			await call("/users/ghost"),
			await call("/healthz", { token: null }),
		]) {
			expect(res.headers.get("x-content-type-options")).toBe("nosniff");
			expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
			expect(res.headers.get("strict-transport-security")).toMatch(/max-age=/);
		}
	});

	it("CORS is off by default", async () => {
		const res = await call("/users", { token: READ, headers: { origin: "https://app.example" } });
		expect(res.headers.get("access-control-allow-origin")).toBeNull();
	});

	it("CORS_ORIGINS allows exactly the named origins, preflight included", async () => {
		const cors = { ...env, CORS_ORIGINS: "https://app.example, https://admin.example" };
		const preflight = await app.request(
			"/users/Brad",
			{
				method: "OPTIONS",
				headers: {
					origin: "https://app.example",
					"access-control-request-method": "PATCH",
					"access-control-request-headers": "authorization, if-match",
				},
			},
			cors,
		);
		expect(preflight.status).toBe(204);
		expect(preflight.headers.get("access-control-allow-origin")).toBe("https://app.example");
		expect(preflight.headers.get("access-control-allow-methods")).toContain("PATCH");
		const get = await app.request(
			"/users",
			{ headers: { origin: "https://admin.example", authorization: `Bearer ${READ}` } },
			cors,
		);
		expect(get.status).toBe(200);
		expect(get.headers.get("access-control-allow-origin")).toBe("https://admin.example");
		expect(get.headers.get("access-control-expose-headers")).toContain("etag");
		const other = await app.request(
			"/users",
			{ headers: { origin: "https://evil.example", authorization: `Bearer ${READ}` } },
			cors,
		);
		expect(other.headers.get("access-control-allow-origin")).toBeNull();
	});
});
