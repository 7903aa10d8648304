// POST /transactions: every operation, atomicity, read-your-writes, preconditions, dry runs.
import { beforeEach, describe, expect, it } from "vitest";
import { clearTable, json, READ, statements, table } from "./client";

const tx = (operations: unknown[], extra: Record<string, unknown> = {}) =>
	json("/transactions", { method: "POST", body: { operations, ...extra } });

beforeEach(async () => {
	await clearTable();
	await json("/users", {
		method: "POST",
		body: [
			{ user_id: "Brad", user_data: "Brad's data" },
			{ user_id: "Larry", user_data: "Data for Larry" },
			{ user_id: "Jane", user_data: "More data" },
		],
	});
});

describe("POST /transactions", () => {
	it("runs every kind of operation in order, one result each", async () => {
		const r = await tx([
			{ op: "insert", rows: [{ user_id: "Ed", user_data: "Ed has lots of data" }] },
			{ op: "upsert", rows: [{ user_id: "Ed", user_data: "upserted" }, { user_id: "Jessa" }] },
			{ op: "update", rows: [{ user_id: "Brad", user_data: "Changed data" }] },
			{ op: "update_where", where: { user_id: ["Larry", "Jane"] }, set: { user_data: "Mass update" } },
			{ op: "expect", user_id: "Larry", user_data: "Mass update" },
			{ op: "expect", user_id: "Nobody", exists: false },
			{ op: "delete", user_ids: ["Jessa"] },
			{ op: "delete_where", where: { user_data: "Mass update" } },
			{ op: "select", where: {} },
		]);
		expect(r.status).toBe(200);
		expect(r.body.results).toEqual([
			{ count: 1 },
			{ count: 2 },
			{ count: 1 },
			{ count: 2 },
			{ count: 0 },
			{ count: 0 },
			{ count: 1 },
			{ count: 2 },
			{ data: expect.any(Array) },
		]);
		expect(r.body.results[8].data.map((x: any) => [x.user_id, x.user_data])).toEqual([
			["Brad", "Changed data"],
			["Ed", "upserted"],
		]);
		expect((await table()).map((x) => x.user_id)).toEqual(["Brad", "Ed"]);
	});

	it("a select sees the writes before it (pending rows before commit)", async () => {
		const r = await tx([
			{ op: "insert", rows: [{ user_id: "Barbra", user_data: "Data for Barbra" }] },
			{ op: "select", where: { user_id: ["Barbra"] } },
			{ op: "delete", user_ids: ["Barbra"] },
			{ op: "select", where: { user_id: ["Barbra"] } },
		]);
		expect(r.body.results[1].data).toEqual([
			expect.objectContaining({ user_id: "Barbra", user_data: "Data for Barbra" }),
		]);
		expect(r.body.results[3].data).toEqual([]);
	});

	it("a failing operation rolls back every one before it, and is named", async () => {
		const before = await table();
		const r = await tx([
			{ op: "delete", user_ids: ["Brad", "Larry"] },
			{ op: "insert", rows: [{ user_id: "New" }] },
			{ op: "update", rows: [{ user_id: "Ghost", user_data: "x" }] },
		]);
		expect(r.status).toBe(404);
		expect(r.res.headers.get("content-type")).toBe("application/problem+json");
		expect(r.body).toMatchObject({ status: 404, operation: 2, user_ids: ["Ghost"] });
		expect(await table()).toEqual(before);
	});

	it("update finds its rows as the operations before it left them", async () => {
		const before = await table();
		const inserted = await tx([
			{ op: "insert", rows: [{ user_id: "New" }] },
			{
				op: "update",
				rows: [
					{ user_id: "New", user_data: "x" },
					{ user_id: "Ghost", user_data: "x" },
					{ user_id: "Brad", user_data: "x" },
				],
			},
		]);
		expect(inserted).toMatchObject({ status: 404, body: { operation: 1, user_ids: ["Ghost"] } });
		const deleted = await tx([
			{ op: "delete", user_ids: ["Larry"] },
			{
				op: "update",
				rows: [
					{ user_id: "Jane", user_data: "x" },
					{ user_id: "Larry", user_data: "x" },
				],
			},
		]);
		expect(deleted).toMatchObject({ status: 404, body: { operation: 1, user_ids: ["Larry"] } });
		expect(await table()).toEqual(before);
		const passing = await tx([
			{ op: "insert", rows: [{ user_id: "New" }] },
			{
				op: "update",
				rows: [
					{ user_id: "New", user_data: "x" },
					{ user_id: "Brad", user_data: "x" },
				],
			},
			{ op: "update", rows: [{ user_id: "New", user_data: "y" }] },
		]);
		expect(passing.body.results).toEqual([{ count: 1 }, { count: 2 }, { count: 1 }]);
	});

	it("up to 50 single-row inserts fit one request; a conflict among them is still 409", async () => {
		const inserts = (n: number) =>
			Array.from({ length: n }, (_, i) => ({ op: "insert", rows: [{ user_id: `one-${i}` }] }));
		const ok = await tx(inserts(50));
		expect(ok.status).toBe(200);
		expect(ok.body.results).toHaveLength(50);
		await tx([{ op: "delete_where", where: { user_id_prefix: "one-" } }]);
		const before = await table();
		expect(before).toHaveLength(3);
		expect((await tx(inserts(51))).body).toMatchObject({ status: 413, type: "/problems/too-many-statements" });
		// Naming the existing id would take a guard per insert (60 statements): the 409 says so instead.
		const conflict = await tx([...inserts(29), { op: "insert", rows: [{ user_id: "Brad" }] }]);
		expect(statements(conflict.res)).toBe(30);
		expect(conflict.body).toMatchObject({ status: 409, type: "/problems/already-exists", user_ids: [] });
		expect(conflict.body.detail).toMatch(/fewer operations/);
		const named = await tx([...inserts(20), { op: "insert", rows: [{ user_id: "Brad" }] }]);
		expect(named.body).toMatchObject({ status: 409, operation: 20, user_ids: ["Brad"] });
		expect(statements(named.res)).toBe(42);
		const replayed = await tx([...inserts(5), { op: "insert", rows: [{ user_id: "Brad" }] }]);
		expect(replayed.body).toMatchObject({ status: 409, operation: 5, user_ids: ["Brad"] });
		expect(statements(replayed.res)).toBe(6 + 12);
		const missing = await tx([...inserts(30), { op: "update", rows: [{ user_id: "Ghost", user_data: "x" }] }]);
		expect(missing.body).toMatchObject({ status: 404, type: "/problems/not-found", operation: 30, user_ids: [] });
		expect(statements(missing.res)).toBe(32);
		expect(await table()).toEqual(before);
	});

	it("insert of an existing id fails with 409, even one inserted earlier in the same transaction", async () => {
		const before = await table();
		const r = await tx([
			{ op: "insert", rows: [{ user_id: "Twice" }] },
			{ op: "insert", rows: [{ user_id: "Twice" }] },
		]);
		expect(r.status).toBe(409);
		expect(r.body).toMatchObject({ operation: 1, user_ids: ["Twice"] });
		expect(await table()).toEqual(before);
	});

	it("expect fails the transaction when the row is not as stated, and reports the actual row", async () => {
		const before = await table();
		const cases = [
			[{ op: "expect", user_id: "Brad", exists: false }, "Brad"],
			[{ op: "expect", user_id: "Ghost" }, null],
			[{ op: "expect", user_id: "Brad", user_data: "something else" }, "Brad"],
			[{ op: "expect", user_id: "Brad", user_data: null }, "Brad"],
		] as const;
		for (const [expectOp, actual] of cases) {
			const r = await tx([{ op: "delete", user_ids: ["Larry"] }, expectOp]);
			expect(r.status, JSON.stringify(expectOp)).toBe(409);
			expect(r.body.operation).toBe(1);
			expect(r.body.actual?.user_id ?? null).toBe(actual);
		}
		expect(await table()).toEqual(before);
	});

	it("missing: ignore lets update and delete skip absent ids", async () => {
		const r = await tx([
			{
				op: "update",
				rows: [
					{ user_id: "Ghost", user_data: "x" },
					{ user_id: "Brad", user_data: "y" },
				],
				missing: "ignore",
			},
			{ op: "delete", user_ids: ["Ghost", "Jane"], missing: "ignore" },
		]);
		expect(r.body.results).toEqual([{ count: 1 }, { count: 1 }]);
	});

	it("dry_run answers whether it would succeed, and changes nothing", async () => {
		const before = await table();
		const ok = await tx([{ op: "delete_where", where: { user_data: "More data" } }], { dry_run: true });
		expect(ok).toMatchObject({ status: 200, body: { dry_run: true, ok: true } });
		const failing = await tx(
			[
				{ op: "delete_where", where: { user_id_prefix: "B" } },
				{ op: "expect", user_id: "Brad" },
			],
			{ dry_run: true },
		);
		expect(failing.status).toBe(409);
		expect(failing.body).toMatchObject({ dry_run: true, operation: 1 });
		const missing = await tx([{ op: "update", rows: [{ user_id: "Ghost", user_data: "x" }] }], { dry_run: true });
		expect(missing.body).toMatchObject({ status: 404, dry_run: true, operation: 0, user_ids: ["Ghost"] });
		const updating = await tx([{ op: "update", rows: [{ user_id: "Brad", user_data: "x" }] }], { dry_run: true });
		expect(updating.body).toMatchObject({ dry_run: true, ok: true });
		// Problems found before the batch say dry_run too.
		const invalid = await tx([{ op: "select" }, { op: "insert", rows: [] }], { dry_run: true });
		expect(invalid.body).toMatchObject({ status: 422, dry_run: true, operation: 1 });
		const duplicate = await tx([{ op: "delete", user_ids: ["a", "a"] }], { dry_run: true });
		expect(duplicate.body).toMatchObject({ status: 409, dry_run: true, operation: 0 });
		expect(await table()).toEqual(before);
	});

	it("refuses unfiltered update_where and delete_where without all: true", async () => {
		const before = await table();
		for (const op of [
			{ op: "delete_where", where: {} },
			{ op: "update_where", set: { user_data: "x" } },
		]) {
			const r = await tx([{ op: "select" }, op]);
			expect(r.status).toBe(422);
			expect(r.body.operation).toBe(1);
		}
		expect(await table()).toEqual(before);
		expect((await tx([{ op: "delete_where", all: true }])).body.results).toEqual([{ count: 3 }]);
	});

	it("validates every operation: 422 naming the operation; nothing written", async () => {
		const before = await table();
		const bad = [
			{ op: "insert", rows: [{ user_id: "x", time_stamp: "2020-01-01T00:00:00.000Z" }] },
			{ op: "insert", rows: [] },
			{ op: "update", rows: [{ user_id: "Brad" }] },
			{ op: "delete", user_ids: [""] },
			{ op: "explode" },
			{ op: "select", limit: 0 },
			{ op: "expect", user_id: "Brad", exists: false, user_data: "x" },
		];
		for (const op of bad) {
			const r = await tx([{ op: "insert", rows: [{ user_id: "ok" }] }, op]);
			expect(r.status, JSON.stringify(op)).toBe(422);
			expect(r.body.operation, JSON.stringify(op)).toBe(1);
			expect(r.body.errors.length).toBeGreaterThan(0);
		}
		expect((await tx([])).status).toBe(422);
		expect(await table()).toEqual(before);
	});

	it("needs the write scope even for selects", async () => {
		const r = await json("/transactions", { method: "POST", body: { operations: [{ op: "select" }] }, token: READ });
		expect(r.status).toBe(403);
	});
});
