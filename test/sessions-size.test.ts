// A session at the size it exists for: a million staged rows, committed atomically in one batch within D1's limits.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { clearTable, json, statements } from "./client";

const STAGES = 10;
const PER_STAGE = 100_000;
const TOTAL = STAGES * PER_STAGE;
const id = (i: number) => `u${String(i).padStart(7, "0")}`;
const chunk = (k: number, row: (i: number) => object) =>
	Array.from({ length: PER_STAGE }, (_, j) => row(k * PER_STAGE + j));

const parity = (i: number) => (i % 2 === 0 ? "even" : "odd");

const count = async (where = "") =>
	((await env.DB.prepare(`SELECT count(*) AS n FROM userdata ${where}`).first()) as { n: number }).n;

describe(`a session of ${STAGES} stage requests × ${PER_STAGE} rows`, () => {
	let session: string;
	beforeAll(async () => {
		await clearTable();
		session = (await json("/sessions", { method: "POST" })).body.session_id;
		const stage = (operations: unknown[]) =>
			json(`/sessions/${session}/operations`, { method: "POST", body: { operations } });
		for (let k = 0; k < STAGES; k++) {
			const r = await stage([{ op: "insert", rows: chunk(k, (i) => ({ user_id: id(i), user_data: `v1 ${i}` })) }]);
			expect(r.status).toBe(200);
		}
		for (let k = 0; k < STAGES; k++) {
			const r = await stage([
				{ op: "update", rows: chunk(k, (i) => ({ user_id: id(i), user_data: `v2 ${parity(i)} ${i}` })) },
			]);
			expect(r.status).toBe(200);
		}
		// Half of them, by the user_data the updates give them.
		const last = await stage([{ op: "delete_where", where: { q: "even" } }]);
		// The updates name the rows the inserts did: the session holds a million rows, not two.
		expect(last.body).toMatchObject({ operations: 2 * STAGES + 1, rows: TOTAL });
	}, 600_000);

	it("refuses more work than its commit could do in one request (413), staging nothing", async () => {
		const over = await json(`/sessions/${session}/operations`, {
			method: "POST",
			body: { operations: [{ op: "expect", user_id: id(0), exists: false }] },
		});
		expect(over.body).toMatchObject({ status: 413, type: "/problems/too-many-statements" });
		expect((await json(`/sessions/${session}`)).body.operations).toBe(2 * STAGES + 1);
	});

	it("fails the commit on a conflict planted in the last chunk: 409 naming the id; table and session unchanged", async () => {
		const planted = id(TOTAL - 1);
		await env.DB.prepare("INSERT INTO userdata (user_id, user_data) VALUES (?, 'planted')").bind(planted).run();
		const before = await json(`/sessions/${session}`);
		const failed = await json(`/sessions/${session}/commit`, { method: "POST" });
		expect(failed.status).toBe(409);
		expect(failed.body).toMatchObject({ type: "/problems/already-exists", user_ids: [planted], operation: STAGES - 1 });
		expect(await count()).toBe(1);
		expect((await json(`/sessions/${session}`)).body).toEqual(before.body);
		await env.DB.prepare("DELETE FROM userdata WHERE user_id = ?").bind(planted).run();
	}, 600_000);

	it("commits every operation atomically, in one batch within the statement budget", async () => {
		const committed = await json(`/sessions/${session}/commit`, { method: "POST" });
		expect(committed.status).toBe(200);
		expect(statements(committed.res)).toBeLessThanOrEqual(50);
		expect(committed.body.results).toEqual([
			...Array(STAGES).fill({ count: PER_STAGE }),
			...Array(STAGES).fill({ count: PER_STAGE }),
			{ count: TOTAL / 2 },
		]);
		expect(await count()).toBe(TOTAL / 2);
		expect(await count("WHERE user_data LIKE 'v2 odd %'")).toBe(TOTAL / 2);
		const first = (await env.DB.prepare("SELECT * FROM userdata ORDER BY user_id LIMIT 1").first()) as {
			user_id: string;
			user_data: string;
		};
		expect(first).toMatchObject({ user_id: id(1), user_data: "v2 odd 1" });
		await clearTable();
	}, 600_000);
});
