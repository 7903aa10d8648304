// Bulk writes at real sizes: 100,000 rows in one request, atomically, within D1's limits.
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { clearTable, json } from "./client";

const N = 100_000;
const id = (i: number) => `user-${String(i).padStart(6, "0")}`;

async function count(where = "1") {
	const row = await env.DB.prepare(`SELECT count(*) AS n FROM userdata WHERE ${where}`).first<{ n: number }>();
	return row?.n ?? 0;
}

/** How many D1 statements the request used, from its Server-Timing header. */
function statements(res: Response): number {
	const match = /D1 (\d+) statements/.exec(res.headers.get("server-timing") ?? "");
	if (!match) throw new Error(`no D1 figure in Server-Timing: ${res.headers.get("server-timing")}`);
	return Number(match[1]);
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
		expect(await count("user_data = 'before'")).toBe(N);
	});

	it("a 100,000-row POST whose last row exists already is 409 and inserts nothing", async () => {
		await json("/users", { method: "POST", body: { user_id: id(N - 1), user_data: "first" } });
		const rows = Array.from({ length: N }, (_, i) => ({ user_id: id(i), user_data: "x" }));
		const r = await json("/users", { method: "POST", body: rows });
		expect(r.status).toBe(409);
		expect(r.body.user_ids).toEqual([id(N - 1)]);
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
