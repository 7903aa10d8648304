// A session's staged work lives in D1, not in the Worker: it survives a restart of `wrangler dev` (its own instance).
import { afterAll, beforeAll, expect, test } from "vitest";
import { startService } from "./service.mjs";

let service;
beforeAll(async () => {
	service = await startService();
});
afterAll(() => service?.stop());

async function call(path, { method = "GET", body } = {}) {
	const headers = { authorization: `Bearer ${service.write}` };
	if (body !== undefined) headers["content-type"] = "application/json";
	const res = await fetch(`${service.base}${path}`, { method, headers, body: body && JSON.stringify(body) });
	const text = await res.text();
	return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

test("stage, restart wrangler dev, read the pending view, commit", { timeout: 300_000 }, async () => {
	const opened = await call("/sessions", { method: "POST" });
	expect(opened.status).toBe(201);
	const id = opened.body.session_id;
	const rows = Array.from({ length: 1000 }, (_, i) => ({
		user_id: `r${String(i).padStart(4, "0")}`,
		user_data: `d${i}`,
	}));
	expect(
		(await call(`/sessions/${id}/operations`, { method: "POST", body: { operations: [{ op: "insert", rows }] } }))
			.status,
	).toBe(200);
	expect(
		(
			await call(`/sessions/${id}/operations`, {
				method: "POST",
				body: { operations: [{ op: "delete", user_ids: ["r0000"] }] },
			})
		).body,
	).toMatchObject({ operations: 2, rows: 1000 });

	await service.restart();

	expect((await call(`/sessions/${id}`)).body).toMatchObject({ state: "open", operations: 2, rows: 1000 });
	const view = await call(`/sessions/${id}/users?limit=2&count=exact`);
	expect(view.status).toBe(200);
	expect(view.body.total).toBe(999);
	expect(view.body.data.map((r) => r.user_id)).toEqual(["r0001", "r0002"]);
	expect((await call("/users?count=exact&limit=1")).body.total).toBe(0);
	const committed = await call(`/sessions/${id}/commit`, { method: "POST" });
	expect(committed).toMatchObject({
		status: 200,
		body: { state: "committed", results: [{ count: 1000 }, { count: 1 }] },
	});
	expect((await call("/users?count=exact&limit=1")).body.total).toBe(999);
});
