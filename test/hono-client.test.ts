// hono/client: hc<AppType> types every call from the route declarations; the tutorial's calls type-check and run.
import { hc } from "hono/client";
import { beforeEach, expect, it } from "vitest";
import type { AppType } from "../src/index";
import { clearTable, handle, WRITE } from "./client";

const client = hc<AppType>("http://userdata.test", {
	fetch: (input: RequestInfo | URL, init?: RequestInit) => handle(new Request(input, init)),
	headers: { authorization: `Bearer ${WRITE}` },
});

beforeEach(clearTable);

it("drives the tutorial with typed calls: bulk insert, filtered list, bulk update by primary key, dry run, filtered delete", async () => {
	const added = await client.users.$post({
		query: {},
		header: {},
		json: [
			{ user_id: "Brad", user_data: "Brad's data" },
			{ user_id: "Larry", user_data: "Data for Larry" },
			{ user_id: "Jane", user_data: "More data" },
		],
	});
	expect(added.status).toBe(201);

	const listed = await client.users.$get({ query: { user_id_prefix: "J", count: "exact" }, header: {} });
	if (listed.status !== 200) throw new Error(`list answered ${listed.status}`);
	const page = await listed.json();
	// The route also answers NDJSON, CSV and text; JSON is what this call asked for.
	if (typeof page === "string" || page instanceof Response) throw new Error("expected a JSON page");
	expect(page.total).toBe(1);
	expect(page.data.map((row) => row.user_id)).toEqual(["Jane"]);

	const updated = await client.users.$patch({
		query: {},
		header: {},
		json: [
			{ user_id: "Brad", user_data: "bulk data for Brad" },
			{ user_id: "Larry", user_data: "Larry's  bulk data" },
		],
	});
	expect(await updated.json()).toEqual({ count: 2 });

	const dryRun = await client.transactions.$post({
		query: {},
		header: {},
		json: {
			dry_run: true,
			operations: [
				{ op: "delete", user_ids: ["Larry"] },
				{ op: "expect", user_id: "Brad" },
			],
		},
	});
	expect(await dryRun.json()).toEqual({ dry_run: true, ok: true });

	const deleted = await client.users.$delete({ query: { user_data: "More data" }, header: {} });
	expect(await deleted.json()).toEqual({ count: 1 });

	const one = await client.users[":user_id"].$get({ param: { user_id: "Brad" }, query: {}, header: {} });
	if (one.status !== 200) throw new Error(`get answered ${one.status}`);
	expect((await one.json()).user_data).toBe("bulk data for Brad");
});

it("drives a session with typed calls: open, stage, the pending view, commit", async () => {
	const opened = await client.sessions.$post({ query: {}, header: {}, json: { ttl_s: 600 } });
	if (opened.status !== 201) throw new Error(`open answered ${opened.status}`);
	const { session_id } = await opened.json();
	const session = client.sessions[":session_id"];
	const staged = await session.operations.$post({
		param: { session_id },
		query: {},
		header: {},
		json: { operations: [{ op: "insert", rows: [{ user_id: "Brad", user_data: "Brad's data" }] }] },
	});
	if (staged.status !== 200) throw new Error(`stage answered ${staged.status}`);
	expect((await staged.json()).operations).toBe(1);

	const pending = await session.users.$get({ param: { session_id }, query: { count: "exact" }, header: {} });
	if (pending.status !== 200) throw new Error(`view answered ${pending.status}`);
	const page = await pending.json();
	if (typeof page === "string" || page instanceof Response) throw new Error("expected a JSON page");
	expect(page.data.map((row) => row.user_id)).toEqual(["Brad"]);

	const committed = await session.commit.$post({ param: { session_id }, query: {}, header: {} });
	if (committed.status !== 200) throw new Error(`commit answered ${committed.status}`);
	const answer = await committed.json();
	if ("dry_run" in answer) throw new Error("expected the commit's results");
	expect(answer).toEqual({ state: "committed", results: [{ count: 1 }] });
});
