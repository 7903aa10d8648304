// Disagreements the model-based test found between the sessions contract (API.md § Sessions) and the service,
// each shrunk to its least reproduction, kept so they stay fixed.
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { call, clearTable, json } from "./client";

const updates = (n: number) =>
	Array.from({ length: n }, (_, i) => ({ op: "update", rows: [{ user_id: `u${i}`, user_data: "v" }] }));

const open = async () => {
	const r = await json("/sessions", { method: "POST" });
	expect(r.status).toBe(201);
	return r.body.session_id as string;
};
const stage = async (id: string, operations: unknown[]) => {
	const r = await json(`/sessions/${id}/operations`, { method: "POST", body: { operations } });
	expect(r.status).toBe(200);
};
const commit = (id: string) => json(`/sessions/${id}/commit`, { method: "POST" });

beforeEach(async () => {
	await clearTable();
	await env.DB.batch(
		["session", "session_operation", "session_row", "session_user"].map((t) => env.DB.prepare(`DELETE FROM ${t}`)),
	);
});

describe("a session's failure names the failing operation as a commit now would", () => {
	it("in the pending view, counting the staged selects", async () => {
		const id = await open();
		await stage(id, [{ op: "select" }, { op: "expect", user_id: "Brad" }]);
		const expected = { status: 409, type: "/problems/expectation-failed", operation: 1, user_ids: ["Brad"] };
		expect((await commit(id)).body).toMatchObject(expected);
		// The view once numbered the operations without the select: operation 0.
		expect((await json(`/sessions/${id}/users`)).body).toMatchObject(expected);
	});

	// A commit plans the fast form when its statements and a compact replay's fit the budget, but counts the
	// session's guard and state statements once where the replay batch runs them again (src/engine/run.ts plan()
	// against execute()). Statements fast + compact = 45 or 46 (the limit 50, less the load and the saved answer):
	// the fast form fails, the replay does not fit, and the failure goes unnamed.
	it("at a commit near the statement budget: the missing ids of an update", async () => {
		await call("/users", { method: "POST", body: Array.from({ length: 10 }, (_, i) => ({ user_id: `u${i}` })) });
		const id = await open();
		// Eleven updates (2 + 2 statements each), a select (1 + 1): 46.
		await stage(id, [
			{ op: "select" },
			...updates(10),
			{ op: "update", rows: [{ user_id: "nobody", user_data: "v" }] },
		]);
		// Once answered user_ids [] ("Some users operation 11 updates do not exist; send fewer operations…").
		expect((await commit(id)).body).toMatchObject({ status: 404, operation: 11, user_ids: ["nobody"] });
	});

	it("at a commit near the statement budget: the operation and the existing ids of an insert", async () => {
		await call("/users", {
			method: "POST",
			body: [...Array.from({ length: 10 }, (_, i) => ({ user_id: `u${i}` })), { user_id: "Brad" }],
		});
		const id = await open();
		// Ten updates (2 + 2 each), a select (1 + 1), an insert (1 + 2): 45.
		await stage(id, [...updates(10), { op: "select" }, { op: "insert", rows: [{ user_id: "Brad" }] }]);
		// Once answered 409 already-exists with user_ids [] and no operation at all.
		expect((await commit(id)).body).toMatchObject({ status: 409, operation: 11, user_ids: ["Brad"] });
	});
});
