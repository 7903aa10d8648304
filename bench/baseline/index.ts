// The benchmark's baseline: the service's bulk and single-row endpoints with no framework,
// no validation and no ORM, only the fastest D1 statements that stay within production limits.

import { COLUMNS, chunks, INSERT, NOW, UPDATE } from "./sql";

type Env = { DB: D1Database };
type Row = { user_id: string; user_data: string | null; time_stamp: string };

/** Rows per export query: 100,000 rows of ~80 bytes are two queries, far under D1's 50 MB result cap. */
const EXPORT_PAGE = 50_000;

/** Run one statement per chunk in one batch (one transaction): the rows changed, and D1's own time. */
async function write(db: D1Database, sql: string, rows: { user_id: string; user_data?: string | null }[]) {
	const statement = db.prepare(sql);
	const results = await db.batch(chunks(rows).map((chunk) => statement.bind(chunk)));
	return results.reduce((sum, r) => ({ count: sum.count + r.meta.changes, db: sum.db + r.meta.duration }), {
		count: 0,
		db: 0,
	});
}

/** The least string above every string that starts with `prefix`. */
function upperBound(prefix: string): string {
	const points = Array.from(prefix, (ch) => ch.codePointAt(0) as number);
	points.push((points.pop() as number) + 1);
	return String.fromCodePoint(...points);
}

const json = (body: unknown, status = 200) =>
	new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

/** A bulk write's answer, with D1's time in Server-Timing as the service reports it (for the benchmark's CPU figures). */
const counted = ({ count, db }: { count: number; db: number }, status = 200) =>
	new Response(JSON.stringify({ count }), {
		status,
		headers: { "content-type": "application/json", "server-timing": `db;dur=${db}` },
	});

function exportNdjson(db: D1Database): Response {
	const select = db.prepare(`SELECT ${COLUMNS} FROM userdata WHERE user_id > ? ORDER BY user_id LIMIT ${EXPORT_PAGE}`);
	const encoder = new TextEncoder();
	let after = "";
	let done = false;
	const body = new ReadableStream<Uint8Array>(
		{
			async pull(controller) {
				const { results } = done ? { results: [] } : await select.bind(after).all<Row>();
				if (results.length === 0) return controller.close();
				let text = "";
				for (const row of results) text += `${JSON.stringify(row)}\n`;
				controller.enqueue(encoder.encode(text));
				after = results[results.length - 1].user_id;
				done = results.length < EXPORT_PAGE;
			},
		},
		{ highWaterMark: 0 },
	);
	return new Response(body, { headers: { "content-type": "application/x-ndjson; charset=utf-8" } });
}

export default {
	async fetch(request: Request, env: Env): Promise<Response> {
		const url = new URL(request.url);
		const db = env.DB;
		const method = request.method;
		if (url.pathname === "/healthz") return json({ status: "ok" });
		if (url.pathname === "/users") {
			if (method === "POST") return counted(await write(db, INSERT, await request.json()), 201);
			if (method === "PATCH") return counted(await write(db, UPDATE, await request.json()));
			if (method === "DELETE") {
				const prefix = url.searchParams.get("user_id_prefix");
				const { meta } = prefix
					? await db
							.prepare("DELETE FROM userdata WHERE user_id >= ? AND user_id < ?")
							.bind(prefix, upperBound(prefix))
							.run()
					: await db.prepare("DELETE FROM userdata").run();
				return counted({ count: meta.changes, db: meta.duration });
			}
			if (method === "GET") {
				const limit = Number(url.searchParams.get("limit") ?? 100);
				const { results } = await db
					.prepare(`SELECT ${COLUMNS} FROM userdata WHERE user_id > ? ORDER BY user_id LIMIT ?`)
					.bind(url.searchParams.get("cursor") ?? "", limit + 1)
					.all<Row>();
				const data = results.slice(0, limit);
				return json({ data, next_cursor: results.length > limit ? data[data.length - 1].user_id : null });
			}
		}
		if (url.pathname === "/users/export" && method === "GET") return exportNdjson(db);
		if (url.pathname.startsWith("/users/")) {
			const id = decodeURIComponent(url.pathname.slice("/users/".length));
			let row: Row | null;
			if (method === "GET") {
				row = await db.prepare(`SELECT ${COLUMNS} FROM userdata WHERE user_id = ?`).bind(id).first<Row>();
			} else if (method === "PATCH") {
				const { user_data } = (await request.json()) as { user_data: string | null };
				row = await db
					.prepare(`UPDATE userdata SET user_data = ?, time_stamp = ${NOW} WHERE user_id = ? RETURNING ${COLUMNS}`)
					.bind(user_data, id)
					.first<Row>();
			} else {
				return json({ title: "no such route" }, 404);
			}
			return row ? json(row) : json({ title: "not found" }, 404);
		}
		return json({ title: "no such route" }, 404);
	},
} satisfies ExportedHandler<Env>;
