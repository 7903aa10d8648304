// A keyed write whose batch committed but whose reply from D1 was lost (API.md § Retries): the batch kept its
// results (idempotency_result), so the write is answered from them, in the request itself when D1 comes back
// within its retries, or by the retry with the same key; either way applied once, and the answer is the one a
// healthy D1 gives.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import worker from "../src/index";
import { handle, type Init, json, request, seedAB, table } from "./client";
import { type Chooser, faulty } from "./faults";

type Request = { path: string } & Init;
type Case = { name: string; request: () => Promise<Request> };

const openSession = async () => (await json("/sessions", { method: "POST" })).body.session_id as string;
const staged = async (operations: unknown[]) => {
	const id = await openSession();
	await json(`/sessions/${id}/operations`, { method: "POST", body: { operations } });
	return id;
};
const etagOf = async (id: string) => (await json(`/users/${id}`)).res.headers.get("etag") as string;

const CASES: Case[] = [
	{ name: "POST /users (one row)", request: async () => ({ path: "/users", method: "POST", body: { user_id: "C" } }) },
	{
		name: "POST /users?on_conflict=ignore (one row, present)",
		request: async () => ({
			path: "/users?on_conflict=ignore",
			method: "POST",
			body: { user_id: "A", user_data: "x" },
		}),
	},
	{
		name: "POST /users (bulk)",
		request: async () => ({
			path: "/users",
			method: "POST",
			body: [{ user_id: "C", user_data: "c" }, { user_id: "D" }],
		}),
	},
	{
		name: "POST /users?on_conflict=ignore (bulk, one present)",
		request: async () => ({
			path: "/users?on_conflict=ignore",
			method: "POST",
			body: [{ user_id: "C", user_data: "c" }, { user_id: "A", user_data: "x" }, { user_id: "D" }],
		}),
	},
	{
		name: "POST /users?on_conflict=update (bulk)",
		request: async () => ({
			path: "/users?on_conflict=update",
			method: "POST",
			body: [
				{ user_id: "B", user_data: "b2" },
				{ user_id: "C", user_data: "c" },
			],
		}),
	},
	{
		name: "POST /users?return=minimal (bulk)",
		request: async () => ({ path: "/users?return=minimal", method: "POST", body: [{ user_id: "C" }] }),
	},
	{
		name: "PUT /users/{id} (create)",
		request: async () => ({ path: "/users/C", method: "PUT", body: { user_data: "c" } }),
	},
	{
		name: "PUT /users/{id} (replace)",
		request: async () => ({ path: "/users/A", method: "PUT", body: { user_data: "a2" } }),
	},
	{
		name: "PATCH /users/{id}",
		request: async () => ({ path: "/users/A", method: "PATCH", body: { user_data: "a2" } }),
	},
	{
		name: "PATCH /users/{id} with If-Match",
		request: async () => ({
			path: "/users/A",
			method: "PATCH",
			body: { user_data: "a2" },
			headers: { "if-match": await etagOf("A") },
		}),
	},
	{
		name: "PATCH /users (bulk)",
		request: async () => ({
			path: "/users",
			method: "PATCH",
			body: [
				{ user_id: "A", user_data: "a2" },
				{ user_id: "B", user_data: "b2" },
			],
		}),
	},
	{
		name: "PATCH /users?all=true (mass)",
		request: async () => ({ path: "/users?all=true", method: "PATCH", body: { user_data: "Mass update" } }),
	},
	{ name: "DELETE /users/{id}", request: async () => ({ path: "/users/A", method: "DELETE" }) },
	{
		name: "DELETE /users?user_id_prefix=A (mass)",
		request: async () => ({ path: "/users?user_id_prefix=A", method: "DELETE" }),
	},
	{
		name: "POST /transactions (every operation)",
		request: async () => ({
			path: "/transactions",
			method: "POST",
			body: {
				operations: [
					{ op: "insert", rows: [{ user_id: "C", user_data: "c" }] },
					{ op: "select", where: {}, limit: 10 },
					{ op: "upsert", rows: [{ user_id: "D", user_data: "d" }] },
					{ op: "update", rows: [{ user_id: "A", user_data: "a2" }] },
					{ op: "update_where", where: { user_id_prefix: "B" }, set: { user_data: "b2" } },
					{ op: "expect", user_id: "C", exists: true, user_data: "c" },
					{ op: "select", where: { q: "2" }, limit: 10 },
					{ op: "delete", user_ids: ["D"] },
					{ op: "delete_where", where: { user_id: ["C"] } },
					{ op: "select", where: {}, limit: 1 },
				],
			},
		}),
	},
	{ name: "POST /sessions", request: async () => ({ path: "/sessions", method: "POST", body: { ttl_s: 600 } }) },
	{
		name: "POST /sessions/{id}/operations",
		request: async () => ({
			path: `/sessions/${await openSession()}/operations`,
			method: "POST",
			body: {
				operations: [
					{ op: "insert", rows: [{ user_id: "C" }] },
					{ op: "delete", user_ids: ["A"] },
				],
			},
		}),
	},
	{
		name: "POST /sessions/{id}/commit",
		request: async () => ({
			path: `/sessions/${await staged([
				{ op: "insert", rows: [{ user_id: "C", user_data: "c" }] },
				{ op: "select", where: {}, limit: 10 },
				{ op: "update_where", where: {}, set: { user_data: "z" }, all: true },
			])}/commit`,
			method: "POST",
		}),
	},
	{
		name: "DELETE /sessions/{id}",
		request: async () => ({ path: `/sessions/${await staged([{ op: "delete", user_ids: ["A"] }])}`, method: "DELETE" }),
	},
];

const TABLES = ["userdata", "session", "session_operation", "session_row", "session_user"];
const KEYS = ["idempotency_key", "idempotency_part", "idempotency_result"];

/** Rows A and B, no session, no key. */
const seed = () => seedAB([...TABLES, ...KEYS]);

beforeEach(seed);

/** Time stamps and session ids differ from run to run; everything else must not. */
const normal = (text: string) =>
	text.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, "<time>").replace(/\b[0-9a-f]{32}\b/g, "<session>");

async function state() {
	const { results: sessions } = await env.DB.prepare(
		"SELECT state, operations, rows FROM session ORDER BY created_at",
	).all();
	return normal(JSON.stringify({ rows: await table(), sessions }));
}

const send = async (db: D1Database, { path, ...init }: Request, key: string) => {
	const res = await handle(request(path, { ...init, headers: { ...init.headers, "idempotency-key": key } }), {
		...env,
		DB: db,
	});
	return { res, text: await res.text() };
};

/** The answer and the state a healthy D1 gives, for comparison. */
async function healthy(route: Case) {
	const req = await route.request();
	const { res, text } = await send(env.DB, req, "healthy");
	expect(res.status, text).toBeLessThan(300);
	return { status: res.status, text: normal(text), location: res.headers.get("location"), state: await state() };
}

const CLAIM = /^\s*INSERT INTO "idempotency_key"/;
const claims = (sql: string[]) => sql.some((s) => CLAIM.test(s));

/** The batch that claims the key commits and its reply is lost; then `later` for every round trip after it. */
function lostReply(later: "healthy" | "down"): Chooser {
	let hit = false;
	return ({ sql }) => {
		if (!hit && claims(sql)) {
			hit = true;
			return { fault: "lost", moment: "after" };
		}
		return hit && later === "down" ? { fault: "reset", moment: "before" } : undefined;
	};
}

describe.each(CASES)("$name", (route) => {
	it("answers from what its batch kept when the reply is lost and D1 comes back within the retries", async () => {
		const expected = await healthy(route);
		await seed();
		const req = await route.request();
		const { db, trips } = faulty(env.DB, lostReply("healthy"));
		const { res, text } = await send(db, req, "k");
		expect(res.status, text).toBe(expected.status);
		expect(normal(text)).toBe(expected.text);
		expect(res.headers.get("location") && normal(res.headers.get("location") as string)).toBe(
			expected.location && normal(expected.location),
		);
		expect(res.headers.get("idempotent-replayed")).toBeNull();
		// Applied once: the resend met the claimed key and ran nothing.
		expect(await state()).toBe(expected.state);
		expect(trips.filter((t) => claims(t.sql) && t.sent)).toHaveLength(2);
		// And its answer is the key's: a repeat replays it byte for byte.
		const again = await send(env.DB, req, "k");
		expect(again.res.headers.get("idempotent-replayed")).toBe("true");
		expect(again.text).toBe(text);
	});

	it("after a 503 (D1 down past the retries), the retry with the key answers from what the batch kept", async () => {
		const expected = await healthy(route);
		await seed();
		const req = await route.request();
		const down = await send(faulty(env.DB, lostReply("down")).db, req, "k");
		expect(down.res.status, down.text).toBe(503);
		expect(JSON.parse(down.text)).toMatchObject({ type: "/problems/database-unavailable", committed: "unknown" });
		expect(await state()).toBe(expected.state);
		const retry = await send(env.DB, req, "k");
		expect(retry.res.status, retry.text).toBe(expected.status);
		expect(retry.res.headers.get("idempotent-replayed")).toBe("true");
		expect(normal(retry.text)).toBe(expected.text);
		expect(await state()).toBe(expected.state);
		const again = await send(env.DB, req, "k");
		expect(again.text).toBe(retry.text);
		// A session's commit keeps its answer for a repeated commit, as a healthy one does.
		if (route.name.endsWith("commit")) {
			expect(normal((await json(req.path, { method: "POST" })).res.headers.get("content-type") ?? "")).toContain(
				"json",
			);
			expect(normal(JSON.stringify((await json(req.path, { method: "POST" })).body))).toBe(expected.text);
		}
	});
});

describe("what a batch keeps", () => {
	it("answers a 100,000-row insert in full from it, every row's time_stamp as the table has it", async () => {
		const rows = Array.from({ length: 100_000 }, (_, i) => ({ user_id: `r${i}`, user_data: `data ${i}` }));
		const { db } = faulty(env.DB, lostReply("healthy"));
		const { res, text } = await send(db, { path: "/users", method: "POST", body: rows }, "k-big");
		expect(res.status, text.slice(0, 300)).toBe(201);
		const answer = JSON.parse(text) as { count: number; data: { user_id: string; time_stamp: string }[] };
		expect(answer.count).toBe(100_000);
		// In the request's order, as RETURNING gives them.
		expect(answer.data.map((r) => r.user_id)).toEqual(rows.map((r) => r.user_id));
		const stamps = new Map((await table()).map((r) => [r.user_id, r.time_stamp]));
		expect(stamps.size).toBe(100_002);
		expect(answer.data.every((r) => stamps.get(r.user_id) === r.time_stamp)).toBe(true);
	});

	it("is nothing when the batch and what it would keep do not fit D1's budget: a lost reply is then 503 committed", async () => {
		// 12 single-row updates: 24 statements in the fast form and the claim, 12 more to keep their results, and
		// room for a replay of as many: over 50. Without them, it fits twice, so it is sent again after the fault.
		const operations = Array.from({ length: 12 }, (_, i) => ({
			op: "update",
			rows: [{ user_id: i % 2 ? "A" : "B", user_data: `v${i}` }],
		}));
		const req = { path: "/transactions", method: "POST", body: { operations } };
		const { res, text } = await send(faulty(env.DB, lostReply("healthy")).db, req, "k-full");
		expect(res.status, text).toBe(503);
		expect(JSON.parse(text)).toMatchObject({ committed: "yes" });
		expect(((await env.DB.prepare("SELECT count(*) AS n FROM idempotency_result").first()) as { n: number }).n).toBe(0);
		expect((await table()).map((r) => r.user_data)).toEqual(["v11", "v10"]);
	});
});

describe("a key whose answer was not saved", () => {
	it("answers a session's commit again from the session's own saved answer", async () => {
		const id = await staged([{ op: "insert", rows: [{ user_id: "C" }] }]);
		const req = { path: `/sessions/${id}/commit`, method: "POST" };
		// Every try to save the key's answer fails; the commit and the session's answer went through.
		const saving = /^\s*INSERT OR REPLACE INTO "idempotency_part"/;
		const { db } = faulty(env.DB, ({ sql }) =>
			sql.some((s) => saving.test(s)) ? { fault: "reset", moment: "before" } : undefined,
		);
		const first = await send(db, req, "k-commit");
		expect(first.res.status, first.text).toBe(200);
		expect(((await env.DB.prepare("SELECT count(*) AS n FROM idempotency_part").first()) as { n: number }).n).toBe(0);
		const again = await send(env.DB, req, "k-commit");
		expect(again.res.status, again.text).toBe(200);
		expect(again.res.headers.get("idempotent-replayed")).toBe("true");
		expect(again.text).toBe(first.text);
	});
});

describe("what a batch kept, when the request no longer has its operations", () => {
	it("is no answer (409 idempotency-key-in-use, never a 500) once a committed session's staged work is removed", async () => {
		const id = await staged([{ op: "insert", rows: [{ user_id: "C" }] }]);
		const req = { path: `/sessions/${id}/commit`, method: "POST" };
		expect((await send(faulty(env.DB, lostReply("down")).db, req, "k-gone")).res.status).toBe(503);
		// The scheduled handler removes a committed session's staged operations and rows.
		const ctx = createExecutionContext();
		await worker.scheduled(createScheduledController(), env, ctx);
		await waitOnExecutionContext(ctx);
		// Its first request is over 10 s old, so the repeat does not wait for an answer that will not come.
		await env.DB.prepare("UPDATE idempotency_key SET created_at = '2026-01-01T00:00:00.000Z'").run();
		const again = await send(env.DB, req, "k-gone");
		expect(again.res.status, again.text).toBe(409);
		expect(JSON.parse(again.text)).toMatchObject({ type: "/problems/idempotency-key-in-use" });
		expect((await table()).map((r) => r.user_id)).toEqual(["A", "B", "C"]);
	});
});
