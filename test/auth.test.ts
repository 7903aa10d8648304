// Bearer tokens: read and write scopes, several tokens per scope, open service routes.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../src/index";
import { call, json, READ, WRITE } from "./client";

describe("auth", () => {
	it("401 without a token or with a wrong one, with WWW-Authenticate, as problem+json", async () => {
		for (const token of [null, "wrong", "", `${WRITE}x`, WRITE.slice(0, -1)]) {
			const res = await call("/users", { token });
			expect(res.status, String(token)).toBe(401);
			expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
			expect(res.headers.get("content-type")).toBe("application/problem+json");
			expect(await res.text()).not.toContain(WRITE);
		}
		const basic = await call("/users", { token: null, headers: { authorization: `Basic ${btoa("a:b")}` } });
		expect(basic.status).toBe(401);
	});

	it("the read token reads; it may not write (403)", async () => {
		expect((await call("/users", { token: READ })).status).toBe(200);
		expect((await call("/users/nobody", { token: READ })).status).toBe(404);
		for (const [method, path, body] of [
			["POST", "/users", { user_id: "r" }],
			["PUT", "/users/r", { user_data: "x" }],
			["PATCH", "/users/r", { user_data: "x" }],
			["PATCH", "/users?all=true", { user_data: "x" }],
			["DELETE", "/users/r", undefined],
			["DELETE", "/users?all=true", undefined],
			["POST", "/transactions", { operations: [{ op: "select" }] }],
		] as const) {
			const r = await json(path, { method, body, token: READ });
			expect(r.status, `${method} ${path}`).toBe(403);
			expect(r.body.status).toBe(403);
		}
	});

	it("the write token reads and writes; every token of a comma-separated list works", async () => {
		expect((await json("/users", { method: "POST", body: { user_id: "w1" } })).status).toBe(201);
		expect(
			(await json("/users", { method: "POST", body: { user_id: "w2" }, token: "test-write-token-2" })).status,
		).toBe(201);
		expect((await call("/users", { token: "test-write-token-2" })).status).toBe(200);
	});

	it("a 401 comes before anything else is looked at", async () => {
		const res = await call("/users", { method: "POST", token: null, body: "{not json" });
		expect(res.status).toBe(401);
	});

	it("/healthz needs no token and reports the latest migration", async () => {
		const r = await json("/healthz", { token: null });
		expect(r.status).toBe(200);
		expect(r.body).toEqual({ status: "ok", database: "ok", migrations: "0004_idempotency_results.sql" });
	});

	it("every answer carries a D1 bookmark; sending it back reads at least that fresh", async () => {
		const write = await call("/users", { method: "POST", body: { user_id: "fresh" } });
		const bookmark = write.headers.get("x-d1-bookmark");
		expect(bookmark).toBeTruthy();
		const read = await json("/users/fresh", { token: READ, headers: { "x-d1-bookmark": bookmark as string } });
		expect(read.status).toBe(200);
		expect(read.res.headers.get("x-d1-bookmark")).toBeTruthy();
	});

	it("a malformed bookmark is never a 5xx", async () => {
		const r = await json("/users", { token: READ, headers: { "x-d1-bookmark": "not a bookmark" } });
		expect(r.status).toBeLessThan(500);
	});

	it("with no token configured, refuses every request and says why (fail closed)", async () => {
		for (const tokens of [{}, { READ_TOKEN: "", WRITE_TOKEN: " , " }]) {
			for (const [method, token] of [
				["GET", READ],
				["POST", WRITE],
				["GET", ""],
			]) {
				const res = await app.request(
					"/users",
					{ method, headers: { authorization: `Bearer ${token}` } },
					{ DB: env.DB, ...tokens },
				);
				expect(res.status).toBe(503);
				const problem = await res.json<any>();
				expect(problem.detail).toMatch(/no API token configured/);
			}
		}
		const health = await app.request("/healthz", {}, { DB: env.DB });
		expect(health.status).toBe(200);
	});
});
