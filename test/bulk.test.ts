// Bulk writes at real sizes: 100,000 rows in one request, atomically, within D1's limits.
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { clearTable, json, statements, table } from "./client";

const N = 100_000;
const id = (i: number) => `user-${String(i).padStart(6, "0")}`;

async function count(where = "1") {
	const row = await env.DB.prepare(`SELECT count(*) AS n FROM userdata WHERE ${where}`).first<{ n: number }>();
	return row?.n ?? 0;
}

beforeEach(clearTable);

describe("100,000 rows in one request", () => {
	it("POST inserts them all, PATCH updates them all by primary key, a filtered DELETE removes them all", async () => {
		const rows = Array.from({ length: N }, (_, i) => ({ user_id: id(i), user_data: `bulk data ${i}` }));
		const inserted = await json("/users?return=minimal", { method: "POST", body: rows });
		expect(inserted).toMatchObject({ status: 201, body: { count: N } });
		expect(statements(inserted.res)).toBeLessThanOrEqual(50);
		expect(await count()).toBe(N);

		const updates = rows.map((r) => ({ user_id: r.user_id, user_data: `Mass update ${r.user_id}` }));
		const updated = await json("/users", { method: "PATCH", body: updates });
		expect(updated).toMatchObject({ status: 200, body: { count: N } });
		expect(statements(updated.res)).toBeLessThanOrEqual(50);
		expect(await count("user_data LIKE 'Mass update %'")).toBe(N);

		const deleted = await json("/users?user_id_prefix=user-", { method: "DELETE" });
		expect(deleted).toMatchObject({ status: 200, body: { count: N } });
		expect(await count()).toBe(0);
	});

	it("a 100,000-row PATCH with one missing id at the very end is 404 and changes nothing", async () => {
		const rows = Array.from({ length: N }, (_, i) => ({ user_id: id(i), user_data: "before" }));
		await json("/users?return=minimal", { method: "POST", body: rows });
		const updates = rows.map((r, i) => ({ user_id: i === N - 1 ? "missing-id" : r.user_id, user_data: "after" }));
		const r = await json("/users", { method: "PATCH", body: updates });
		expect(r.status).toBe(404);
		expect(r.body.user_ids).toEqual(["missing-id"]);
		// The fast batch and its replay in compact form (which names the id) together stay within the budget.
		expect(statements(r.res)).toBeLessThanOrEqual(50);
		expect(await count("user_data = 'before'")).toBe(N);
	});

	it("a 100,000-row POST whose last row exists already is 409 and inserts nothing", async () => {
		await json("/users", { method: "POST", body: { user_id: id(N - 1), user_data: "first" } });
		const rows = Array.from({ length: N }, (_, i) => ({ user_id: id(i), user_data: "x" }));
		const r = await json("/users", { method: "POST", body: rows });
		expect(r.status).toBe(409);
		expect(r.body.user_ids).toEqual([id(N - 1)]);
		expect(statements(r.res)).toBeLessThanOrEqual(50);
		expect(await count()).toBe(1);
	});

	it("more than 100,000 rows is 413", async () => {
		const rows = Array.from({ length: N + 1 }, (_, i) => ({ user_id: id(i) }));
		const r = await json("/users", { method: "POST", body: rows });
		expect(r.status).toBe(413);
		expect(await count()).toBe(0);
	});
});

describe("wide rows span many statements", () => {
	// 4,000 rows of 640 four-byte characters: ~10 MB of JSON, far past one bound value (1 MB here, 2 MB in local D1).
	const wide = "🎉".repeat(640);

	it("inserts, updates and deletes them atomically across chunks", async () => {
		const rows = Array.from({ length: 4000 }, (_, i) => ({ user_id: id(i), user_data: wide }));
		expect((await json("/users?return=minimal", { method: "POST", body: rows })).body).toEqual({ count: 4000 });
		expect(await count("length(user_data) = 640")).toBe(4000);

		const updates = rows.map((r) => ({ user_id: r.user_id, user_data: `${wide.slice(0, -2)}é` }));
		expect((await json("/users", { method: "PATCH", body: updates })).body).toEqual({ count: 4000 });

		// A later chunk fails: the earlier chunks of the same request must not stay written.
		const failing = [...updates.map((r) => ({ ...r, user_data: "partial?" })), { user_id: "absent", user_data: "x" }];
		expect((await json("/users", { method: "PATCH", body: failing })).status).toBe(404);
		expect(await count("user_data = 'partial?'")).toBe(0);

		const r = await json("/transactions", {
			method: "POST",
			body: { operations: [{ op: "delete", user_ids: rows.map((x) => x.user_id) }] },
		});
		expect(r.body.results).toEqual([{ count: 4000 }]);
		expect(await count()).toBe(0);
	});

	it("a missing id in any chunk is 404 naming exactly the missing ids, at most 100, and changes nothing", async () => {
		const rows = Array.from({ length: 4000 }, (_, i) => ({ user_id: id(i), user_data: wide }));
		await json("/users?return=minimal", { method: "POST", body: rows });
		const before = await table();
		// ~380 rows fill a chunk of the UPDATE: ids missing in the first, a middle and the last chunk, and in several.
		const cases: [number[], string[]][] = [
			[
				[0, 1],
				["gone-0", "gone-1"],
			],
			[[1900], ["gone-1900"]],
			[[3999], ["gone-3999"]],
			// Ids missing far apart: the check that names them takes the ids alone, all 4,000 in one chunk.
			[
				[5, 2000, 3998],
				["gone-5", "gone-2000", "gone-3998"],
			],
		];
		for (const [gaps, missing] of cases) {
			const updates = rows.map((r, i) => ({ user_id: gaps.includes(i) ? `gone-${i}` : r.user_id, user_data: "new" }));
			const r = await json("/users", { method: "PATCH", body: updates });
			expect(r).toMatchObject({ status: 404, body: { type: "/problems/not-found", user_ids: missing } });
			expect(await table()).toEqual(before);
		}
		const many = rows.map((r, i) => ({ user_id: i < 300 ? `gone-${i}` : r.user_id, user_data: "new" }));
		const r = await json("/users", { method: "PATCH", body: many });
		expect(r.status).toBe(404);
		expect(r.body.user_ids).toHaveLength(100);
		expect(r.body.detail).toContain("100+ users ('gone-0', 'gone-1', 'gone-2', 'gone-3', 'gone-4', …)");
		expect(await table()).toEqual(before);
	});

	it("an update too big to check after every chunk within 50 statements checks its ids up front instead", async () => {
		// 12,000 rows of 2.5 KB (a 31 MB body) are 32 chunks: 64 statements with a check after each, 33 with one check first.
		const rows = Array.from({ length: 12_000 }, (_, i) => ({ user_id: id(i), user_data: wide }));
		expect((await json("/users?return=minimal", { method: "POST", body: rows })).body).toEqual({ count: 12_000 });
		const updates = rows.map((r) => ({ user_id: r.user_id, user_data: `${wide.slice(0, -2)}é` }));
		const updated = await json("/users", { method: "PATCH", body: updates });
		expect(updated).toMatchObject({ status: 200, body: { count: 12_000 } });
		expect(statements(updated.res)).toBeGreaterThan(32);
		expect(statements(updated.res)).toBeLessThanOrEqual(50);
		expect(await count("user_data LIKE '%é'")).toBe(12_000);

		const failing = updates.map((u, i) => ({
			user_id: i === 11_000 ? "absent" : u.user_id,
			user_data: `${wide.slice(0, -2)}ü`,
		}));
		const failed = await json("/users", { method: "PATCH", body: failing });
		expect(failed).toMatchObject({ status: 404, body: { user_ids: ["absent"] } });
		expect(statements(failed.res)).toBeGreaterThan(32);
		expect(await count("user_data LIKE '%ü'")).toBe(0);
	});

	it("51 rows and more work like 50: no statement binds a parameter per row", async () => {
		for (const n of [50, 51, 101, 1001]) {
			await clearTable();
			const rows = Array.from({ length: n }, (_, i) => ({ user_id: id(i), user_data: "x" }));
			expect((await json("/users", { method: "POST", body: rows })).body.count).toBe(n);
			expect((await json("/users", { method: "PATCH", body: rows })).body.count).toBe(n);
			const ids = rows.map((r) => r.user_id);
			const del = await json("/transactions", {
				method: "POST",
				body: { operations: [{ op: "delete", user_ids: ids }] },
			});
			expect(del.body.results[0].count).toBe(n);
		}
	});
});
