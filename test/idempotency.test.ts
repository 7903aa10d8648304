// Idempotency-Key (API.md § Retries): a repeat answers the first success again and writes nothing.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import worker from "../src/index";
import { call, clearTable, json, table } from "./client";

const send = (path: string, key: string, init: Parameters<typeof call>[1] = {}) =>
	call(path, { ...init, headers: { ...init.headers, "idempotency-key": key } });

const keys = async () =>
	((await env.DB.prepare("SELECT count(*) AS n FROM idempotency_key").first()) as { n: number }).n;

beforeEach(async () => {
	await clearTable();
	await env.DB.batch(
		["idempotency_part", "idempotency_result", "idempotency_key"].map((t) => env.DB.prepare(`DELETE FROM ${t}`)),
	);
});

describe("Idempotency-Key", () => {
	it("answers a repeat with the first answer, byte for byte, marked as a replay, and writes nothing", async () => {
		const body = { user_id: "Brad", user_data: "Brad's data" };
		const first = await send("/users", "k-1", { method: "POST", body });
		expect(first.status).toBe(201);
		expect(first.headers.get("idempotent-replayed")).toBeNull();
		const text = await first.text();
		const before = await table();
		const again = await send("/users", "k-1", { method: "POST", body });
		expect(again.status).toBe(201);
		expect(again.headers.get("idempotent-replayed")).toBe("true");
		expect(await again.text()).toBe(text);
		for (const name of ["etag", "location", "content-type"])
			expect(again.headers.get(name)).toBe(first.headers.get(name));
		expect(again.headers.get("x-request-id")).not.toBe(first.headers.get("x-request-id"));
		expect(await table()).toEqual(before);
		// Without the key the same request conflicts: it would write again.
		expect((await call("/users", { method: "POST", body })).status).toBe(409);
	});

	it("refuses the same key with another request (422), and an ill-formed key (400)", async () => {
		await send("/users", "k-2", { method: "POST", body: { user_id: "a" } });
		for (const [path, init] of [
			["/users", { method: "POST", body: { user_id: "b" } }],
			["/users?on_conflict=ignore", { method: "POST", body: { user_id: "a" } }],
			["/users/a", { method: "PUT", body: { user_id: "a" } }],
		] as const) {
			const r = await send(path, "k-2", init);
			expect(r.status).toBe(422);
			expect((await r.json<{ type: string }>()).type).toBe("/problems/idempotency-key-reused");
		}
		for (const key of ["", "x".repeat(256), "tab\there"]) {
			const r = await send("/users", key, { method: "POST", body: { user_id: "c" } });
			expect(r.status).toBe(400);
		}
		expect((await table()).map((r) => r.user_id)).toEqual(["a"]);
	});

	it("records nothing for a failed request: its retry runs again", async () => {
		await call("/users", { method: "POST", body: { user_id: "Brad" } });
		const failed = await send("/users", "k-3", { method: "POST", body: { user_id: "Brad" } });
		expect(failed.status).toBe(409);
		expect(await keys()).toBe(0);
		await call("/users/Brad", { method: "DELETE" });
		const retried = await send("/users", "k-3", { method: "POST", body: { user_id: "Brad" } });
		expect(retried.status).toBe(201);
		expect(retried.headers.get("idempotent-replayed")).toBeNull();
	});

	it("writes once for 20 concurrent identical requests with one key, and gives all 20 the same answer", async () => {
		const body = { operations: [{ op: "insert", rows: [{ user_id: "once", user_data: "x" }] }, { op: "select" }] };
		const answers = await Promise.all(
			Array.from({ length: 20 }, () => send("/transactions", "k-race", { method: "POST", body })),
		);
		const texts = await Promise.all(answers.map((r) => r.text()));
		expect(answers.map((r) => r.status)).toEqual(Array(20).fill(200));
		expect(new Set(texts).size).toBe(1);
		expect(answers.filter((r) => r.headers.get("idempotent-replayed") === "true")).toHaveLength(19);
		expect(await table()).toHaveLength(1);
	});

	it("covers every write: PUT, PATCH, DELETE, a mass write, transactions and the session routes", async () => {
		const twice = async (path: string, method: string, key: string, body?: unknown) => {
			const a = await send(path, key, { method, body });
			const b = await send(path, key, { method, body });
			expect(b.status).toBe(a.status);
			expect(b.headers.get("idempotent-replayed")).toBe("true");
			const text = await a.text();
			expect(await b.text()).toBe(text);
			return { status: a.status, text };
		};
		expect((await twice("/users/Zoe", "PUT", "p", { user_data: "1" })).status).toBe(201);
		expect((await twice("/users/Zoe", "PATCH", "q", { user_data: "2" })).status).toBe(200);
		expect((await twice("/users?user_id_prefix=Z", "PATCH", "r", { user_data: "3" })).status).toBe(200);
		expect((await twice("/users/Zoe", "DELETE", "s")).status).toBe(204);
		expect(await table()).toEqual([]);

		const opened = await twice("/sessions", "POST", "o", { ttl_s: 600 });
		const { session_id } = JSON.parse(opened.text);
		const stage = { operations: [{ op: "insert", rows: [{ user_id: "staged" }] }] };
		await twice(`/sessions/${session_id}/operations`, "POST", "t", stage);
		// A repeated stage stages once.
		expect((await json(`/sessions/${session_id}`)).body).toMatchObject({ operations: 1, rows: 1 });
		await twice(`/sessions/${session_id}/commit`, "POST", "u");
		expect((await table()).map((r) => r.user_id)).toEqual(["staged"]);
		// Only the session routes that opened one session: one open.
		expect(((await env.DB.prepare("SELECT count(*) AS n FROM session").first()) as { n: number }).n).toBe(1);
	});

	it("answers 409 at once for a key whose first request committed without its answer being kept", async () => {
		const body = JSON.stringify({ user_id: "lost" });
		const print = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`POST /users\n${body}`));
		const hex = Array.from(new Uint8Array(print), (b) => b.toString(16).padStart(2, "0")).join("");
		await env.DB.prepare(
			"INSERT INTO idempotency_key (key, fingerprint, created_at, expires_at) VALUES ('k-lost', ?, '2026-01-01T00:00:00.000Z', '2999-01-01T00:00:00.000Z')",
		)
			.bind(hex)
			.run();
		const r = await send("/users", "k-lost", { method: "POST", body });
		expect(r.status).toBe(409);
		expect(r.headers.get("retry-after")).toBe("1");
		expect((await r.json<{ type: string }>()).type).toBe("/problems/idempotency-key-in-use");
		expect(await table()).toEqual([]);
	});

	it("keeps a key 24 hours: the scheduled handler removes it, and the key is new again", async () => {
		await send("/users", "k-old", { method: "POST", body: { user_id: "a" } });
		await env.DB.prepare("UPDATE idempotency_key SET expires_at = '2000-01-01T00:00:00.000Z'").run();
		const ctx = createExecutionContext();
		await worker.scheduled(createScheduledController(), env, ctx);
		await waitOnExecutionContext(ctx);
		expect(await keys()).toBe(0);
		for (const kept of ["idempotency_part", "idempotency_result"]) {
			expect(((await env.DB.prepare(`SELECT count(*) AS n FROM ${kept}`).first()) as { n: number }).n).toBe(0);
		}
		expect((await send("/users", "k-old", { method: "POST", body: { user_id: "b" } })).status).toBe(201);
	});

	it("replays a 100,000-row insert's answer (several megabytes) in full", async () => {
		const rows = Array.from({ length: 100_000 }, (_, i) => ({ user_id: `r${i}`, user_data: `data ${i}` }));
		const first = await send("/users", "k-big", { method: "POST", body: rows });
		expect(first.status).toBe(201);
		const text = await first.text();
		expect(text.length).toBeGreaterThan(5_000_000);
		const again = await send("/users", "k-big", { method: "POST", body: rows });
		expect(again.headers.get("idempotent-replayed")).toBe("true");
		expect(await again.text()).toBe(text);
	});
});
