// Generated clients: types from openapi-typescript (default options) and openapi-fetch drive the tutorial against
// the running service, with no casts; the generated types must match the live document.
import { readFile } from "node:fs/promises";
import createClient from "openapi-fetch";
import { beforeAll, expect, inject, it } from "vitest";
import { clientTypes, TYPES_PATH } from "../../scripts/client-types.mjs";
import type { paths } from "./userdata-api";

const base = inject("base");
const P = `cl-${Date.now().toString(36)}-`;
// The media-type parameter picks the JSON answers (rows and problems) out of those the document lists.
const client = createClient<paths, "application/json" | "application/problem+json">({
	baseUrl: base,
	headers: { authorization: `Bearer ${inject("write")}` },
});

beforeAll(async () => {
	await client.DELETE("/users", { params: { query: { user_id_prefix: P } } });
});

it("the generated types are those of the live document (npm run client:types to update them)", async () => {
	expect(await clientTypes(base)).toBe(await readFile(TYPES_PATH, "utf8"));
});

it("drives the tutorial: bulk insert, filtered list, bulk update by primary key, dry run, filtered delete", async () => {
	const added = await client.POST("/users", {
		body: [
			{ user_id: `${P}Brad`, user_data: "Brad's data" },
			{ user_id: `${P}Larry`, user_data: "Data for Larry" },
			{ user_id: `${P}Jane`, user_data: "More data" },
		],
	});
	expect(added.response.status).toBe(201);

	const listed = await client.GET("/users", { params: { query: { user_id_prefix: P, count: "exact" } } });
	expect(listed.data?.total).toBe(3);
	expect(listed.data?.data.map((row) => row.user_id)).toEqual([`${P}Brad`, `${P}Jane`, `${P}Larry`]);

	const text = await createClient<paths, "text/plain">({
		baseUrl: base,
		headers: { authorization: `Bearer ${inject("read")}` },
	}).GET("/users", { params: { query: { user_id_prefix: P, format: "text" } }, parseAs: "text" });
	expect(text.data?.split("\n")[0]).toMatch(/^user_id=cl-\S+Braduser_data=Brad.s data/);

	const updated = await client.PATCH("/users", {
		body: [
			{ user_id: `${P}Brad`, user_data: "bulk data for Brad" },
			{ user_id: `${P}Larry`, user_data: "Larry's  bulk data" },
		],
	});
	expect(updated.data?.count).toBe(2);

	const missing = await client.PATCH("/users", { body: [{ user_id: `${P}Nobody`, user_data: "x" }] });
	expect(missing.response.status).toBe(404);
	expect(missing.error?.user_ids).toEqual([`${P}Nobody`]);

	const dryRun = await client.POST("/transactions", {
		body: {
			dry_run: true,
			operations: [
				{ op: "delete", user_ids: [`${P}Larry`] },
				{ op: "expect", user_id: `${P}Brad` },
			],
		},
	});
	expect(dryRun.data).toEqual({ dry_run: true, ok: true });

	const failed = await client.POST("/transactions", {
		body: { dry_run: true, operations: [{ op: "expect", user_id: `${P}Ed` }] },
	});
	expect(failed.error).toMatchObject({ status: 409, operation: 0, dry_run: true });

	const deleted = await client.DELETE("/users", { params: { query: { user_id_prefix: P, user_data: "More data" } } });
	expect(deleted.data?.count).toBe(1);

	const one = await client.GET("/users/{user_id}", { params: { path: { user_id: `${P}Brad` } } });
	expect(one.data?.user_data).toBe("bulk data for Brad");
	expect(one.response.headers.get("etag")).toMatch(/^"/);
});
