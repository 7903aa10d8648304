// Sessions (API.md § Sessions): open, stage, the pending view, commit, roll back, expiry and the limits.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { MAX_OPEN_SESSIONS, VIEW_OVERHEAD } from "../src/engine/sessions";
import worker from "../src/index";
import { call, clearTable, json, READ, statements, table } from "./client";

const open = async (body?: unknown) => {
	const r = await json("/sessions", { method: "POST", body });
	expect(r.status).toBe(201);
	return r.body.session_id as string;
};
const stage = (id: string, operations: unknown[]) =>
	json(`/sessions/${id}/operations`, { method: "POST", body: { operations } });
const view = async (id: string, query = "") => json(`/sessions/${id}/users${query}`);
const ids = (r: { body: { data: { user_id: string }[] } }) => r.body.data.map((row) => row.user_id);
const commit = (id: string, query = "") => json(`/sessions/${id}/commit${query}`, { method: "POST" });

async function scheduled() {
	const ctx = createExecutionContext();
	await worker.scheduled(createScheduledController(), env, ctx);
	await waitOnExecutionContext(ctx);
}

const count = async (from: string) =>
	((await env.DB.prepare(`SELECT count(*) AS n FROM ${from}`).first()) as { n: number }).n;

beforeEach(async () => {
	await clearTable();
	await env.DB.batch(
		["session", "session_operation", "session_row", "session_user"].map((t) => env.DB.prepare(`DELETE FROM ${t}`)),
	);
});

describe("a session", () => {
	it("opens with a random id, a Location and a ttl", async () => {
		const r = await json("/sessions", { method: "POST", body: { ttl_s: 600 } });
		expect(r.status).toBe(201);
		expect(r.body).toMatchObject({ state: "open", ttl_s: 600, operations: 0, rows: 0 });
		expect(r.body.session_id).toMatch(/^[0-9a-f]{32}$/);
		expect(r.res.headers.get("location")).toBe(`/sessions/${r.body.session_id}`);
		const lifetime = Date.parse(r.body.expires_at) - Date.parse(r.body.created_at);
		expect(lifetime).toBeGreaterThanOrEqual(599_000);
		expect(lifetime).toBeLessThanOrEqual(601_000);
		const plain = await json("/sessions", { method: "POST" });
		expect(plain.body.ttl_s).toBe(3600);
		expect(plain.body.session_id).not.toBe(r.body.session_id);
		for (const ttl_s of [59, 86_401, 1.5, "60"]) {
			expect((await json("/sessions", { method: "POST", body: { ttl_s } })).status).toBe(422);
		}
	});

	it("stages without applying; its view shows the pending rows, GET /users does not", async () => {
		await call("/users", { method: "POST", body: [{ user_id: "Old", user_data: "old" }] });
		const id = await open();
		let s = await stage(id, [{ op: "insert", rows: [{ user_id: "Brad", user_data: "Brad's data" }] }]);
		expect(s.status).toBe(200);
		expect(s.body).toMatchObject({ operations: 1, rows: 1 });
		s = await stage(id, [
			{ op: "insert", rows: [{ user_id: "Larry" }, { user_id: "Jane", user_data: "J" }] },
			{ op: "update", rows: [{ user_id: "Old", user_data: "new" }] },
		]);
		expect(s.body).toMatchObject({ operations: 3, rows: 4 });
		expect((await json("/users")).body.data.map((r: { user_id: string }) => r.user_id)).toEqual(["Old"]);
		const pending = await view(id, "?count=exact");
		expect(pending.status).toBe(200);
		expect(ids(pending)).toEqual(["Brad", "Jane", "Larry", "Old"]);
		expect(pending.body.total).toBe(4);
		expect(pending.body.data.find((r: { user_id: string }) => r.user_id === "Old").user_data).toBe("new");
		// Filters, order, pages and formats as GET /users has them.
		expect(ids(await view(id, "?user_id_prefix=J"))).toEqual(["Jane"]);
		expect(ids(await view(id, "?order=-user_id&limit=2"))).toEqual(["Old", "Larry"]);
		const first = await view(id, "?limit=2");
		const second = await view(id, `?limit=2&cursor=${encodeURIComponent(first.body.next_cursor)}`);
		expect(ids(second)).toEqual(["Larry", "Old"]);
		const text = await call(`/sessions/${id}/users?format=csv&columns=user_id,user_data`);
		expect(await text.text()).toContain("Jane,J\r\n");
		// The scratch tables are empty again, and the table unchanged.
		expect(await count("pending")).toBe(0);
		expect(await count("pending_base")).toBe(0);
		expect(await table()).toHaveLength(1);

		const done = await commit(id);
		expect(done.status).toBe(200);
		expect(done.body).toEqual({ state: "committed", results: [{ count: 1 }, { count: 2 }, { count: 1 }] });
		expect((await table()).map((r) => r.user_id)).toEqual(["Brad", "Jane", "Larry", "Old"]);
		// Idempotent: the same answer, nothing changed.
		const before = await table();
		expect(await commit(id)).toMatchObject({ status: 200, body: done.body });
		expect(await table()).toEqual(before);
		expect((await json(`/sessions/${id}`)).body.state).toBe("committed");
		// Staging into it is 409; rolling it back too.
		expect((await stage(id, [{ op: "delete", user_ids: ["Brad"] }])).body).toMatchObject({
			status: 409,
			type: "/problems/session-committed",
		});
		expect((await json(`/sessions/${id}`, { method: "DELETE" })).status).toBe(409);
	});

	it("rolls back: nothing applied, and the session is 404 everywhere", async () => {
		await call("/users", { method: "POST", body: [{ user_id: "Brad" }, { user_id: "Larry" }, { user_id: "Jane" }] });
		const id = await open();
		await stage(id, [{ op: "delete", user_ids: ["Brad", "Larry"] }]);
		expect(ids(await view(id))).toEqual(["Jane"]);
		expect((await call(`/sessions/${id}`, { method: "DELETE" })).status).toBe(204);
		expect((await table()).map((r) => r.user_id)).toEqual(["Brad", "Jane", "Larry"]);
		for (const [method, path] of [
			["GET", ""],
			["GET", "/users"],
			["POST", "/commit"],
			["DELETE", ""],
		]) {
			const r = await json(`/sessions/${id}${path}`, { method });
			expect(r.status).toBe(404);
			expect(r.body.type).toBe("/problems/session-not-found");
		}
		expect((await stage(id, [{ op: "select" }])).status).toBe(404);
		expect((await json("/sessions/nonesuch")).status).toBe(404);
	});

	it("validates what it stages now: a 4xx stages nothing", async () => {
		const id = await open();
		const bad = [
			[[{ op: "insert", rows: [{ user_id: "a", time_stamp: "x" }] }], 422],
			[[{ op: "delete", user_ids: ["a", "a"] }], 409],
			[[{ op: "select" }, { op: "delete_where", where: {} }], 422],
			[[], 422],
		] as const;
		for (const [operations, status] of bad) {
			const r = await stage(id, [...operations]);
			expect(r.status).toBe(status);
		}
		const unfiltered = await stage(id, [{ op: "select" }, { op: "delete_where", where: {} }]);
		expect(unfiltered.body).toMatchObject({ type: "/problems/unfiltered-mass-write", operation: 1 });
		expect((await json(`/sessions/${id}`)).body).toMatchObject({ operations: 0, rows: 0 });
		expect(
			(
				await json(`/sessions/${id}/operations`, {
					method: "POST",
					body: { operations: [{ op: "select" }], dry_run: true },
				})
			).status,
		).toBe(422);
	});

	it("is optimistic: operations meet the table as it is at commit, and a failed commit changes nothing", async () => {
		await call("/users", { method: "POST", body: [{ user_id: "Brad", user_data: "v1" }] });
		const id = await open();
		await stage(id, [
			{ op: "expect", user_id: "Brad", user_data: "v1" },
			{ op: "update", rows: [{ user_id: "Brad", user_data: "v2" }] },
			{ op: "insert", rows: [{ user_id: "Larry" }] },
		]);
		// Another writer changes Brad: the view and the commit both see that the expectation fails now.
		await call("/users/Brad", { method: "PATCH", body: { user_data: "other" } });
		const seen = await view(id);
		expect(seen.status).toBe(409);
		expect(seen.body).toMatchObject({ type: "/problems/expectation-failed", operation: 0 });
		const before = await table();
		const failed = await commit(id);
		expect(failed.body).toMatchObject({ status: 409, type: "/problems/expectation-failed", operation: 0 });
		expect(await table()).toEqual(before);
		expect((await json(`/sessions/${id}`)).body).toMatchObject({ state: "open", operations: 3 });
		// Put Brad back: the same session commits.
		await call("/users/Brad", { method: "PATCH", body: { user_data: "v1" } });
		expect((await commit(id, "?dry_run=true")).body).toEqual({ dry_run: true, ok: true });
		expect((await json(`/sessions/${id}`)).body.state).toBe("open");
		expect((await commit(id)).body.results).toEqual([{ count: 0 }, { count: 1 }, { count: 1 }]);
		expect((await table()).map((r) => [r.user_id, r.user_data])).toEqual([
			["Brad", "v2"],
			["Larry", null],
		]);
	});

	it("names the failing operation by its index in the session's whole list", async () => {
		await call("/users", { method: "POST", body: [{ user_id: "Brad" }] });
		const id = await open();
		await stage(id, [{ op: "insert", rows: [{ user_id: "a" }] }]);
		await stage(id, [{ op: "select" }, { op: "insert", rows: [{ user_id: "b" }, { user_id: "Brad" }] }]);
		const r = await commit(id);
		expect(r.body).toMatchObject({ status: 409, operation: 2, user_ids: ["Brad"] });
		const dry = await commit(id, "?dry_run=true");
		expect(dry.body).toMatchObject({ status: 409, operation: 2, dry_run: true });
		const missing = await open();
		await stage(missing, [{ op: "delete", user_ids: ["nobody"] }]);
		expect((await commit(missing)).body).toMatchObject({ status: 404, type: "/problems/not-found", operation: 0 });
		expect((await view(missing)).body).toMatchObject({ status: 404, user_ids: ["nobody"] });
	});

	it("applies mass writes in the view to the rows as the earlier operations left them", async () => {
		await call("/users", {
			method: "POST",
			body: [
				{ user_id: "a", user_data: "x" },
				{ user_id: "b", user_data: "y" },
			],
		});
		const id = await open();
		await stage(id, [
			{ op: "update", rows: [{ user_id: "b", user_data: "x" }] },
			{ op: "insert", rows: [{ user_id: "c", user_data: "x" }] },
			{ op: "update_where", where: { user_data: "x" }, set: { user_data: "z" } },
			{ op: "delete_where", where: { user_id: ["a"] } },
			{ op: "upsert", rows: [{ user_id: "d", user_data: "z" }] },
		]);
		const pending = await view(id);
		expect(pending.body.data.map((r: { user_id: string; user_data: string }) => [r.user_id, r.user_data])).toEqual([
			["b", "z"],
			["c", "z"],
			["d", "z"],
		]);
		const committed = await commit(id);
		expect(committed.body.results).toEqual([{ count: 1 }, { count: 1 }, { count: 3 }, { count: 1 }, { count: 1 }]);
		const rows = (await table()).map((r) => ({ user_id: r.user_id, user_data: r.user_data, time_stamp: r.time_stamp }));
		expect(rows.map((r) => [r.user_id, r.user_data])).toEqual(
			pending.body.data.map((r: { user_id: string; user_data: string }) => [r.user_id, r.user_data]),
		);
	});

	it("needs the write scope for every route, reads included", async () => {
		const id = await open();
		for (const [method, path] of [
			["POST", "/sessions"],
			["GET", `/sessions/${id}`],
			["GET", `/sessions/${id}/users`],
		]) {
			expect((await call(path, { method, token: READ })).status).toBe(403);
			expect((await call(path, { method, token: null })).status).toBe(401);
		}
	});
});

describe("session limits", () => {
	it(`refuses staging whose pending view would pass the statement budget (413), and commits what fits`, async () => {
		const id = await open();
		// Each insert costs 2 statements in compact form: (50 - overhead) / 2 of them fit.
		const fits = Math.floor((50 - VIEW_OVERHEAD) / 2);
		for (let i = 0; i < fits; i++) {
			expect((await stage(id, [{ op: "insert", rows: [{ user_id: `u${i}` }] }])).status).toBe(200);
		}
		expect((await view(id)).body.data).toHaveLength(fits);
		const over = await stage(id, [{ op: "insert", rows: [{ user_id: "one-more" }] }]);
		expect(over.status).toBe(413);
		expect(over.body).toMatchObject({ type: "/problems/too-many-statements", limit: 50 });
		// On the paid plan, D1_QUERY_LIMIT raises the budget.
		const paid = async (path: string, method = "POST", body?: object) => {
			const ctx = createExecutionContext();
			const headers: Record<string, string> = { authorization: "Bearer test-write-token" };
			if (body) headers["content-type"] = "application/json";
			const res = await worker.fetch(
				new Request(`http://userdata.test${path}`, { method, headers, body: body && JSON.stringify(body) }),
				{ ...env, D1_QUERY_LIMIT: "100" },
				ctx,
			);
			await waitOnExecutionContext(ctx);
			return res;
		};
		const more = await paid(`/sessions/${id}/operations`, "POST", {
			operations: [{ op: "insert", rows: [{ user_id: "one-more" }] }],
		});
		expect(more.status).toBe(200);
		expect((await view(id)).status).toBe(413);
		expect((await paid(`/sessions/${id}/users`, "GET")).status).toBe(200);
		expect((await paid(`/sessions/${id}/commit`)).status).toBe(200);
		expect(await table()).toHaveLength(fits + 1);
	});

	it("reports D1's figures for every session route in Server-Timing", async () => {
		const opened = await json("/sessions", { method: "POST" });
		const id = opened.body.session_id;
		const answers = [
			opened.res,
			(await stage(id, [{ op: "insert", rows: [{ user_id: "a" }] }])).res,
			(await json(`/sessions/${id}`)).res,
			(await view(id)).res,
			(await commit(id, "?dry_run=true")).res,
			(await commit(id)).res,
		];
		const rolled = await open();
		answers.push(await call(`/sessions/${rolled}`, { method: "DELETE" }));
		for (const res of answers) expect(statements(res)).toBeGreaterThan(0);
		// A dry run of a committed session says it would commit (again, changing nothing).
		expect((await commit(id, "?dry_run=true")).body).toEqual({ dry_run: true, ok: true });
	});

	it(`refuses a session past ${MAX_OPEN_SESSIONS} open with 429 and Retry-After`, async () => {
		const now = Date.now();
		const values = Array.from({ length: MAX_OPEN_SESSIONS }, (_, i) => [
			`full${i}`,
			new Date(now).toISOString(),
			new Date(now + 30_000 + i * 1000).toISOString(),
		]);
		const json_ = JSON.stringify(values);
		await env.DB.prepare(
			"INSERT INTO session (session_id, state, created_at, expires_at, ttl_s, operations, rows, statements) SELECT value ->> 0, 'open', value ->> 1, value ->> 2, 60, 0, 0, 0 FROM json_each(?)",
		)
			.bind(json_)
			.run();
		const r = await json("/sessions", { method: "POST" });
		expect(r.status).toBe(429);
		expect(r.body.type).toBe("/problems/too-many-sessions");
		const retry = Number(r.res.headers.get("retry-after"));
		expect(retry).toBeGreaterThanOrEqual(1);
		expect(retry).toBeLessThanOrEqual(31);
		// A committed or rolled-back session does not count.
		await env.DB.prepare("UPDATE session SET state = 'rolled_back' WHERE session_id = 'full0'").run();
		expect((await json("/sessions", { method: "POST" })).status).toBe(201);
	});

	it("treats an expired session as gone at once, and the scheduled handler removes it and its rows", async () => {
		const id = await open({ ttl_s: 60 });
		await stage(id, [{ op: "insert", rows: Array.from({ length: 1000 }, (_, i) => ({ user_id: `e${i}` })) }]);
		const kept = await open();
		await stage(kept, [{ op: "insert", rows: [{ user_id: "kept" }] }]);
		const done = await open();
		await stage(done, [{ op: "insert", rows: [{ user_id: "done" }] }]);
		await commit(done);
		await env.DB.prepare("UPDATE session SET expires_at = '2000-01-01T00:00:00.000Z' WHERE session_id = ?")
			.bind(id)
			.run();
		expect((await json(`/sessions/${id}`)).status).toBe(404);
		expect((await stage(id, [{ op: "select" }])).status).toBe(404);
		expect(await count("session_row")).toBe(1002);
		expect(await count("session_user")).toBe(1002);
		await scheduled();
		// The expired session and its rows are gone; the committed one's staged work too, its answer kept.
		expect(await count("session_row")).toBe(1);
		expect(await count("session_user")).toBe(1);
		expect(await count(`session WHERE session_id = '${id}'`)).toBe(0);
		expect((await commit(done)).status).toBe(200);
		expect((await json(`/sessions/${kept}`)).body).toMatchObject({ state: "open", rows: 1 });
		expect(ids(await view(kept))).toEqual(["done", "kept"]);
	});
});
