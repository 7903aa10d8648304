// D1's own time for each statement of a session's pending view and commit at 1,000,000 staged rows, on the real
// local D1 of the test pool (no HTTP): `npx vitest run --config bench/probe.config.ts bench/sessions.probe.ts`.
// Beside them, read-only SQL for the same view of an insert-only session: what a view without the scratch would cost.
import { env } from "cloudflare:workers";
import { it } from "vitest";
import type { Database } from "../src/engine/run";
import { commit, openSession, pendingView, stage } from "../src/engine/sessions";

const STAGES = 10;
const ROWS = 100_000;
const COMMITTED = 100_000;
const REPS = 3;
const LIMIT = 50;
const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ','now')";

type Timed = { sql: string; ms: number; read: number; written: number };

/** env.DB itself, noting D1's figures for every statement of every batch it runs. */
function noting(batches: Timed[][]): Database {
	let texts: string[] = [];
	return {
		prepare: (query: string) => {
			texts.push(query);
			return env.DB.prepare(query);
		},
		batch: async <T>(statements: D1PreparedStatement[]) => {
			const sqls = texts.slice(-statements.length);
			texts = [];
			const results = await env.DB.batch<T>(statements);
			batches.push(
				results.map((r, i) => ({
					sql: sqls[i],
					ms: r.meta.duration,
					read: r.meta.rows_read,
					written: r.meta.rows_written,
				})),
			);
			return results;
		},
	} as Database;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const short = (sql: string) => sql.replaceAll(/\s+/g, " ").slice(0, 110);

function print(title: string, runs: Timed[][]) {
	console.log(`\n${title}, D1's time per statement, median of ${runs.length}:`);
	let total = 0;
	runs[0].forEach((s, i) => {
		const ms = median(runs.map((r) => r[i].ms));
		total += ms;
		console.log(`  ${ms.toFixed(0).padStart(5)} ms  read ${s.read}  written ${s.written}  ${short(s.sql)}`);
	});
	console.log(`  ${total.toFixed(0).padStart(5)} ms  in all`);
}

async function timeSql(sql: string, ...params: unknown[]): Promise<Timed> {
	const ms: number[] = [];
	let last: D1Result | undefined;
	for (let rep = 0; rep < REPS; rep++) {
		last = await env.DB.prepare(sql)
			.bind(...params)
			.all();
		ms.push(last.meta.duration);
	}
	return { sql, ms: median(ms), read: last?.meta.rows_read ?? 0, written: last?.meta.rows_written ?? 0 };
}

it("times each statement of a pending view and a commit at 1,000,000 staged rows", async () => {
	await env.DB.prepare(
		`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${COMMITTED - 1})
			INSERT INTO userdata (user_id, user_data, time_stamp)
			SELECT 'point-' || printf('%05d', i), 'seed data ' || i, ${NOW} FROM n`,
	).run();
	const batches: Timed[][] = [];
	const db = noting(batches);
	const { session_id } = await openSession(db, 3600);
	for (let s = 0; s < STAGES; s++) {
		const rows = Array.from({ length: ROWS }, (_, i) => {
			const n = s * ROWS + i;
			return { user_id: `bulk-${String(n).padStart(7, "0")}`, user_data: `bulk data for row ${n}` };
		});
		await stage(db, session_id, [{ op: "insert", rows }], LIMIT);
	}
	const stagedMs = (runs: Timed[][]) => median(runs.map((r) => r.reduce((ms, s) => ms + s.ms, 0)));
	const stageMs = stagedMs(batches.splice(0));
	const page = { op: "select" as const, where: {}, order: "user_id" as const, limit: 101 };
	batches.length = 0;
	for (let rep = 0; rep < REPS; rep++) await pendingView(db, session_id, [page], LIMIT);
	print(`The pending view's first page, ${STAGES * ROWS} rows staged`, batches.splice(0));

	// The same page of an insert-only session, read-only: a conflict check, and base ⊕ staged rows.
	const conflicts = await timeSql(
		`SELECT count(*) AS n FROM session_row AS s WHERE s.session_id = ?
			AND EXISTS (SELECT 1 FROM userdata WHERE userdata.user_id = s.user_id)`,
		session_id,
	);
	// A compound SELECT's ORDER BY … LIMIT: SQLite merges its arms when each can deliver its rows in that order.
	const union = `SELECT user_id, user_data, time_stamp FROM userdata
			UNION ALL SELECT user_id, user_data, ${NOW} FROM session_row WHERE session_id = ?
			ORDER BY user_id LIMIT 101`;
	const plan = async () =>
		(await env.DB.prepare(`EXPLAIN QUERY PLAN ${union}`).bind(session_id).all()).results
			.map((r) => (r as { detail: string }).detail)
			.join("; ");
	const sorted = await timeSql(union, session_id);
	const sortedPlan = await plan();
	const started = Date.now();
	await env.DB.prepare("CREATE INDEX session_row_user ON session_row (session_id, user_id)").run();
	const indexMs = Date.now() - started;
	const merged = await timeSql(union, session_id);
	const mergedPlan = await plan();
	// What the index costs each staging request: 100,000 more rows into another session, with the index there.
	const other = (await openSession(db, 3600)).session_id;
	const more = Array.from({ length: ROWS }, (_, i) => ({
		user_id: `more-${String(i).padStart(7, "0")}`,
		user_data: `bulk data for row ${i}`,
	}));
	batches.length = 0;
	await stage(db, other, [{ op: "insert", rows: more }], LIMIT);
	const indexedStageMs = stagedMs(batches.splice(0));
	console.log("\nRead-only SQL for the same view (an insert-only session), D1's time, median of 3:");
	for (const [name, t] of [
		["any staged id committed since? (the insert guards' question)", conflicts],
		["first page of userdata ⊕ session_row, no index on (session_id, user_id)", sorted],
		["the same with that index (a merge of two ordered scans)", merged],
	] as const) {
		console.log(`  ${t.ms.toFixed(0).padStart(5)} ms  read ${t.read}  ${name}`);
	}
	console.log(`  (building that index over ${STAGES * ROWS} staged rows took ${indexMs} ms of wall time)`);
	console.log(
		`  (staging ${ROWS} rows: ${stageMs.toFixed(0)} ms of D1 time without that index, median of ${STAGES}; ${indexedStageMs.toFixed(0)} ms with it)`,
	);
	console.log(`  plans: without the index: ${sortedPlan}\n         with it: ${mergedPlan}`);
	await env.DB.prepare("DROP INDEX session_row_user").run();

	batches.length = 0;
	await commit(db, session_id, LIMIT);
	print(`The commit of ${STAGES * ROWS} staged rows`, batches.splice(0));
}, 600_000);
