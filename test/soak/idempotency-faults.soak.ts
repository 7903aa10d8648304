// Found by the soak, kept so it stays fixed: a transient D1 fault in the Idempotency-Key middleware's own batches
// (looking the key up, saving the first answer) was a 500, not a retry or the contract's 503 (API.md § Retries).
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { clearTable, handle, request, table } from "../client";
import { type Fault, faulty, type Moment, nth } from "../faults";

const body = { user_id: "Brad", user_data: "Brad's data" };
const post = (db: D1Database, key: string) =>
	handle(request("/users", { method: "POST", body, headers: { "idempotency-key": key } }), { ...env, DB: db });

beforeEach(async () => {
	await clearTable();
	await env.DB.batch(["idempotency_part", "idempotency_key"].map((t) => env.DB.prepare(`DELETE FROM ${t}`)));
});

// A keyed POST /users makes three round trips: 1 looks the key up, 2 writes (claiming the key), 3 saves the answer.
describe.each([
	[1, "lost", "before"],
	[1, "overloaded", "before"],
	[3, "reset", "before"],
	[3, "lost", "after"],
] as [number, Fault, Moment][])("a keyed POST /users, round trip %i: %s %s", (call, fault, moment) => {
	it("answers 503 database-unavailable (or its success), never a 500", async () => {
		const { db, trips } = faulty(env.DB, { fault, moment, when: nth(call) });
		const res = await post(db, `k-${call}-${fault}-${moment}`);
		const text = await res.text();
		expect(trips.find((t) => t.fault)?.sql.join(" ")).toMatch(/idempotency/);
		expect(res.status, text).not.toBe(500);
		if (res.status === 503) expect(JSON.parse(text)).toMatchObject({ type: "/problems/database-unavailable" });
		// A fault before the write leaves it undone, or retried and done; a fault after it, done.
		expect(await table()).toHaveLength(call === 1 && res.status === 503 ? 0 : 1);
		if (res.status < 300) expect(res.status).toBe(201);
	});
});
