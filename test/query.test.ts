// Filters, orders, keyset pages and counts on GET, PATCH and DELETE /users and in transactions.
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { buildStatements } from "../src/engine/statements";
import { clearTable, json, READ, table } from "./client";

const ids = (r: { body: { data: { user_id: string }[] } }) => r.body.data.map((row) => row.user_id);
const tick = () => new Promise((r) => setTimeout(r, 3));

async function seed() {
	await json("/users", {
		method: "POST",
		body: [
			{ user_id: "Brad", user_data: "bulk data for Brad" },
			{ user_id: "brenda", user_data: "100% sure_thing" },
			{ user_id: "Bruno", user_data: "back\\slash and MIXED Case" },
			{ user_id: "Jane", user_data: "Mass update" },
			{ user_id: "Émile", user_data: "ÉCOLE élève" },
			{ user_id: "Ed", user_data: null },
		],
	});
}

describe("filters", () => {
	beforeEach(async () => {
		await clearTable();
		await seed();
	});

	it("user_id (repeated) selects exactly those ids", async () => {
		expect(ids(await json("/users?user_id=Jane&user_id=Ed&user_id=Nobody", { token: READ }))).toEqual(["Ed", "Jane"]);
	});

	it("user_id_prefix is case-sensitive and works for non-ASCII", async () => {
		expect(ids(await json("/users?user_id_prefix=Br", { token: READ }))).toEqual(["Brad", "Bruno"]);
		expect(ids(await json("/users?user_id_prefix=br", { token: READ }))).toEqual(["brenda"]);
		expect(ids(await json(`/users?user_id_prefix=${encodeURIComponent("É")}`, { token: READ }))).toEqual(["Émile"]);
	});

	it("user_data matches exactly", async () => {
		expect(ids(await json("/users?user_data=Mass%20update", { token: READ }))).toEqual(["Jane"]);
		expect(ids(await json("/users?user_data=mass%20update", { token: READ }))).toEqual([]);
	});

	it("q is a literal substring: % _ and \\ match themselves; A–Z fold case, other letters do not", async () => {
		const q = async (s: string) => ids(await json(`/users?q=${encodeURIComponent(s)}`, { token: READ }));
		expect(await q("%")).toEqual(["brenda"]);
		expect(await q("_")).toEqual(["brenda"]);
		expect(await q("\\")).toEqual(["Bruno"]);
		expect(await q("mixed case")).toEqual(["Bruno"]);
		expect(await q("BULK DATA")).toEqual(["Brad"]);
		expect(await q("école")).toEqual([]);
		expect(await q("ÉCOLE")).toEqual(["Émile"]);
		expect(await q("élève")).toEqual(["Émile"]);
	});

	it("q works past D1's 50-byte LIKE pattern cap", async () => {
		const long = "x".repeat(300);
		await json("/users", { method: "POST", body: { user_id: "Long", user_data: `before ${long} after` } });
		expect(ids(await json(`/users?q=${long}%20AFTER`, { token: READ }))).toEqual(["Long"]);
	});

	it("updated_after and updated_before bound time_stamp", async () => {
		await tick();
		const mark = new Date().toISOString();
		await tick();
		await json("/users/Jane", { method: "PATCH", body: { user_data: "new" } });
		expect(ids(await json(`/users?updated_after=${mark}`, { token: READ }))).toEqual(["Jane"]);
		expect(ids(await json(`/users?updated_before=${mark}`, { token: READ }))).toHaveLength(5);
		// Any ISO 8601 form with an offset is understood.
		const offset = new Date(Date.parse(mark)).toISOString().replace("Z", "+00:00");
		expect(ids(await json(`/users?updated_after=${encodeURIComponent(offset)}`, { token: READ }))).toEqual(["Jane"]);
	});

	it("filters combine with AND, the same on GET, PATCH, DELETE and in transactions", async () => {
		const where = { user_id_prefix: "B", q: "DATA" };
		const query = "user_id_prefix=B&q=DATA";
		expect(ids(await json(`/users?${query}`, { token: READ }))).toEqual(["Brad"]);
		const tx = await json("/transactions", { method: "POST", body: { operations: [{ op: "select", where }] } });
		expect(tx.body.results[0].data.map((r: any) => r.user_id)).toEqual(["Brad"]);
		expect((await json(`/users?${query}`, { method: "PATCH", body: { user_data: "patched data" } })).body).toEqual({
			count: 1,
		});
		const updated = await json("/transactions", {
			method: "POST",
			body: { operations: [{ op: "update_where", where, set: { user_data: "tx data" } }] },
		});
		expect(updated.body.results).toEqual([{ count: 1 }]);
		expect((await json(`/users?${query}`, { method: "DELETE" })).body).toEqual({ count: 1 });
		expect((await table()).map((r) => r.user_id)).not.toContain("Brad");
	});
});

describe("order and keyset pages", () => {
	beforeEach(clearTable);

	it("walks every order page by page, matching one unpaged read", async () => {
		for (let i = 0; i < 5; i++) {
			await json("/users", { method: "POST", body: Array.from({ length: 7 }, (_, j) => ({ user_id: `u${j}-${i}` })) });
			await tick();
		}
		for (const order of ["user_id", "-user_id", "time_stamp", "-time_stamp"]) {
			const all = ids(await json(`/users?order=${order}&limit=1000`, { token: READ }));
			const walked: string[] = [];
			let cursor: string | null = null;
			do {
				const page: any = await json(`/users?order=${order}&limit=4${cursor ? `&cursor=${cursor}` : ""}`, {
					token: READ,
				});
				walked.push(...ids(page));
				cursor = page.body.next_cursor;
			} while (cursor);
			expect(walked, order).toEqual(all);
			expect(all).toHaveLength(35);
		}
		const ascending = await table();
		const byTime = [...ascending].sort((a, b) => (a.time_stamp + a.user_id < b.time_stamp + b.user_id ? -1 : 1));
		expect(ids(await json("/users?order=time_stamp&limit=1000", { token: READ }))).toEqual(
			byTime.map((r) => r.user_id),
		);
	});

	it("count=exact adds the total of the filtered rows, whatever the page", async () => {
		await json("/users", { method: "POST", body: Array.from({ length: 30 }, (_, i) => ({ user_id: `c${i}` })) });
		const r = await json("/users?limit=5&count=exact&user_id_prefix=c1", { token: READ });
		expect(r.body.total).toBe(11);
		expect(r.body.data).toHaveLength(5);
		expect((await json("/users?limit=5", { token: READ })).body.total).toBeUndefined();
	});

	it("a cursor is tamper-evident: any change is a 400", async () => {
		await json("/users", { method: "POST", body: [{ user_id: "a" }, { user_id: "b" }, { user_id: "c" }] });
		const { next_cursor } = (await json("/users?limit=1", { token: READ })).body;
		const [payload, signature] = next_cursor.split(".");
		const forgedPayload = btoa(JSON.stringify({ o: "user_id", u: "b", t: "" })).replace(/=+$/, "");
		for (const forged of [
			`${forgedPayload}.${signature}`,
			`${payload}.${signature.slice(0, -2)}AA`,
			payload,
			`${payload}.${signature}.x`,
			"",
			"%%%",
		]) {
			const r = await json(`/users?limit=1&cursor=${encodeURIComponent(forged)}`, { token: READ });
			expect(r.status, forged).toBe(400);
			expect(r.body.type).toBe("/problems/invalid-cursor");
		}
		expect((await json(`/users?limit=1&cursor=${next_cursor}`, { token: READ })).status).toBe(200);
	});

	it("walking 10,000 rows while others are inserted and updated never skips or repeats a row that stayed", async () => {
		const N = 10_000;
		await json("/users?return=minimal", {
			method: "POST",
			body: Array.from({ length: N }, (_, i) => ({ user_id: `row-${String(i).padStart(5, "0")}`, user_data: "v0" })),
		});
		for (const order of ["user_id", "-user_id", "time_stamp", "-time_stamp"]) {
			const updated = new Set<string>();
			let walking = true;
			const writer = (async () => {
				for (let round = 0; walking; round++) {
					const victims = Array.from(
						{ length: 5 },
						(_, k) => `row-${String((round * 7919 + k * 104729) % N).padStart(5, "0")}`,
					);
					for (const v of victims) updated.add(v);
					await json("/transactions", {
						method: "POST",
						body: {
							operations: [
								{
									op: "insert",
									rows: Array.from({ length: 5 }, (_, k) => ({ user_id: `new-${order}-${round}-${k}` })),
								},
								{ op: "update", rows: [...new Set(victims)].map((user_id) => ({ user_id, user_data: `r${round}` })) },
							],
						},
					});
				}
			})();
			const seen = new Map<string, number>();
			let cursor: string | null = null;
			do {
				const page: any = await json(`/users?order=${order}&limit=250${cursor ? `&cursor=${cursor}` : ""}`, {
					token: READ,
				});
				for (const id of ids(page)) seen.set(id, (seen.get(id) ?? 0) + 1);
				cursor = page.body.next_cursor;
			} while (cursor);
			walking = false;
			await writer;
			expect(updated.size).toBeGreaterThan(0);
			for (let i = 0; i < N; i++) {
				const id = `row-${String(i).padStart(5, "0")}`;
				const times = seen.get(id) ?? 0;
				// In user_id order nothing moves: every row exactly once. In time_stamp order an update
				// moves a row to the newest end, so a row updated during the walk may be met twice
				// (ascending) or not at all (descending); every row that stayed as it was, exactly once.
				if (order.endsWith("user_id") || !updated.has(id)) expect(times, `${order} ${id}`).toBe(1);
				else expect(times, `${order} ${id}`).toBeLessThanOrEqual(2);
			}
			await env.DB.prepare("DELETE FROM userdata WHERE user_id LIKE 'new-%'").run();
		}
	});

	it("every list query is served by an index: no full scan for a page in any order", async () => {
		for (const order of ["user_id", "-user_id", "time_stamp", "-time_stamp"] as const) {
			for (const after of [undefined, { user_id: "m", time_stamp: "2026-01-01T00:00:00.000Z" }]) {
				const [s] = buildStatements({ op: "select", where: {}, order, limit: 101, after }, 0);
				const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${s.sql}`)
					.bind(...s.params)
					.all<{ detail: string }>();
				const details = plan.results.map((r) => r.detail).join(" | ");
				expect(details, `${order} ${after ? "after" : "first"}: ${details}`).toMatch(/USING (COVERING )?INDEX/);
				expect(details).not.toMatch(/TEMP B-TREE/);
			}
		}
	});
});
