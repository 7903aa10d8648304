// Conditional requests: strong ETags, If-None-Match → 304, If-Match → 412 checked inside the write's batch.
import { beforeEach, describe, expect, it } from "vitest";
import { call, clearTable, json, READ, table } from "./client";

beforeEach(async () => {
	await clearTable();
	await json("/users", { method: "POST", body: { user_id: "Brad", user_data: "Brad's data" } });
});

const etagOf = async (id = "Brad") => (await call(`/users/${id}`, { token: READ })).headers.get("etag") as string;

describe("ETag", () => {
	it("is strong, carried by every row answer, and changes with every write, even of the same data", async () => {
		const first = await etagOf();
		expect(first).toMatch(/^"[A-Za-z0-9_-]+"$/);
		const patched = await json("/users/Brad", { method: "PATCH", body: { user_data: "Brad's data" } });
		const second = patched.res.headers.get("etag");
		expect(second).not.toBe(first);
		expect(await etagOf()).toBe(second);
		const put = await json("/users/Brad", { method: "PUT", body: { user_data: "Brad's data" } });
		expect(put.res.headers.get("etag")).not.toBe(second);
	});

	it("every update of a row moves its time_stamp forward, even twice in one millisecond", async () => {
		const stamps = [(await table())[0].time_stamp];
		for (let i = 0; i < 20; i++) {
			stamps.push((await json("/users/Brad", { method: "PATCH", body: { user_data: "x" } })).body.time_stamp);
		}
		for (let i = 1; i < stamps.length; i++)
			expect(stamps[i] > stamps[i - 1], `${stamps[i - 1]} → ${stamps[i]}`).toBe(true);
	});

	it("If-None-Match: 304 while unchanged, 200 once changed; weak and list forms match", async () => {
		const tag = await etagOf();
		for (const header of [tag, `W/${tag}`, `"other", ${tag}`, "*"]) {
			const res = await call("/users/Brad", { token: READ, headers: { "if-none-match": header } });
			expect(res.status, header).toBe(304);
			expect(res.headers.get("etag")).toBe(tag);
		}
		await json("/users/Brad", { method: "PATCH", body: { user_data: "new" } });
		expect((await call("/users/Brad", { token: READ, headers: { "if-none-match": tag } })).status).toBe(200);
	});
});

describe("If-Match", () => {
	it("PATCH, PUT and DELETE succeed with the current ETag", async () => {
		let tag = await etagOf();
		const patched = await json("/users/Brad", {
			method: "PATCH",
			body: { user_data: "a" },
			headers: { "if-match": tag },
		});
		expect(patched.status).toBe(200);
		tag = patched.res.headers.get("etag") as string;
		const put = await json("/users/Brad", { method: "PUT", body: { user_data: "b" }, headers: { "if-match": tag } });
		expect(put.status).toBe(200);
		tag = put.res.headers.get("etag") as string;
		expect((await call("/users/Brad", { method: "DELETE", headers: { "if-match": tag } })).status).toBe(204);
		expect(await table()).toEqual([]);
	});

	it("412 with a stale, weak or unknown ETag, and nothing changes", async () => {
		const stale = await etagOf();
		await json("/users/Brad", { method: "PATCH", body: { user_data: "moved on" } });
		const before = await table();
		for (const tag of [stale, `W/${await etagOf()}`, '"nonsense"']) {
			for (const [method, body] of [
				["PATCH", { user_data: "lost update" }],
				["PUT", { user_data: "lost update" }],
				["DELETE", undefined],
			] as const) {
				const r = await json("/users/Brad", { method, body, headers: { "if-match": tag } });
				expect(r.status, `${method} ${tag}`).toBe(412);
				expect(r.body).toMatchObject({ status: 412, user_ids: ["Brad"] });
			}
		}
		expect(await table()).toEqual(before);
	});

	it("If-Match: * needs the row to exist", async () => {
		expect(
			(await json("/users/Nobody", { method: "PUT", body: { user_data: "x" }, headers: { "if-match": "*" } })).status,
		).toBe(412);
		expect(
			(await json("/users/Brad", { method: "PUT", body: { user_data: "x" }, headers: { "if-match": "*" } })).status,
		).toBe(200);
		expect((await table()).map((r) => r.user_id)).toEqual(["Brad"]);
	});

	it("50 concurrent PATCHes with the same If-Match: exactly one 200 and 49 × 412", async () => {
		const tag = await etagOf();
		const answers = await Promise.all(
			Array.from({ length: 50 }, (_, i) =>
				json("/users/Brad", { method: "PATCH", body: { user_data: `writer ${i}` }, headers: { "if-match": tag } }),
			),
		);
		const statuses = answers.map((a) => a.status);
		expect(statuses.filter((s) => s === 200)).toHaveLength(1);
		expect(statuses.filter((s) => s === 412)).toHaveLength(49);
		const winner = answers.find((a) => a.status === 200);
		expect((await table())[0].user_data).toBe(winner?.body.user_data);
	});

	it("the same race on DELETE: one 204, the rest 412", async () => {
		const tag = await etagOf();
		const statuses = await Promise.all(
			Array.from({ length: 20 }, () =>
				call("/users/Brad", { method: "DELETE", headers: { "if-match": tag } }).then((r) => r.status),
			),
		);
		expect(statuses.filter((s) => s === 204)).toHaveLength(1);
		expect(statuses.filter((s) => s === 412)).toHaveLength(19);
	});
});
