// The streamed export: every selected row of a million, page by page, as a paged walk gives them.
import { beforeAll, describe, expect, it } from "vitest";
import { call, json, READ } from "./client";

const N = 1_000_000;
const BATCH = 100_000;
const id = (i: number) => `u${String(i).padStart(7, "0")}`;

describe("GET /users/export", () => {
	beforeAll(async () => {
		for (let start = 0; start < N; start += BATCH) {
			const rows = Array.from({ length: BATCH }, (_, k) => ({
				user_id: id(start + k),
				user_data: `data ${start + k}`,
			}));
			const r = await json("/users?return=minimal", { method: "POST", body: rows });
			expect(r.status).toBe(201);
		}
	});

	it("streams 1,000,000 rows byte for byte as a paged JSON walk gives them", async () => {
		const res = await call("/users/export?format=ndjson", { token: READ });
		expect(res.status).toBe(200);
		expect(res.headers.get("content-type")).toMatch(/^application\/x-ndjson/);
		const reader = (res.body as ReadableStream<Uint8Array>).getReader();
		const decoder = new TextDecoder();
		let exported = "";
		let rows = 0;
		let cursor: string | null = null;
		// Walk the JSON pages and compare each with the next stretch of the export, holding little of either.
		do {
			const page: any = await json(`/users?limit=1000${cursor ? `&cursor=${cursor}` : ""}`, { token: READ });
			const expected = page.body.data.map((row: unknown) => `${JSON.stringify(row)}\n`).join("");
			while (exported.length < expected.length) {
				const chunk = await reader.read();
				if (chunk.done) break;
				exported += decoder.decode(chunk.value, { stream: true });
			}
			expect(exported.slice(0, expected.length) === expected, `page after ${rows} rows`).toBe(true);
			exported = exported.slice(expected.length);
			rows += page.body.data.length;
			cursor = page.body.next_cursor;
		} while (cursor);
		expect(rows).toBe(N);
		expect(exported).toBe("");
		expect((await reader.read()).done).toBe(true);
	});

	it("starts answering before the last page is read", async () => {
		const res = await call("/users/export?format=csv&columns=user_id", { token: READ });
		const reader = (res.body as ReadableStream<Uint8Array>).getReader();
		const first = new TextDecoder().decode((await reader.read()).value);
		expect(first.startsWith("user_id\r\nu0000000\r\n")).toBe(true);
		// A row added after the first page went out, sorting last, is still in the export.
		expect((await json("/users", { method: "POST", body: { user_id: "zzz-late" } })).status).toBe(201);
		let rest = "";
		const decoder = new TextDecoder();
		for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
			rest += decoder.decode(chunk.value, { stream: true });
		expect(rest.endsWith("u0999999\r\nzzz-late\r\n")).toBe(true);
		expect((first + rest).split("\r\n").length - 2).toBe(N + 1);
	});

	it("takes every filter and order, and CSV", async () => {
		const res = await call("/users/export?format=csv&user_id_prefix=u099999&order=-user_id", { token: READ });
		const lines = (await res.text()).trimEnd().split("\r\n");
		expect(lines[0]).toBe("user_id,user_data,time_stamp");
		expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(Array.from({ length: 10 }, (_, i) => id(999_999 - i)));
		const empty = await (await call("/users/export?format=csv&user_id=none", { token: READ })).text();
		expect(empty).toBe("user_id,user_data,time_stamp\r\n");
		expect(await (await call("/users/export?format=ndjson&user_id=none", { token: READ })).text()).toBe("");
	});
});
