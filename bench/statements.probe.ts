// D1's own time for the SQL of a 100,000-row bulk write, statement shape by statement shape, on the real local D1
// of the test pool (no HTTP, no Worker code timed): `npm run bench:sql`. Prints medians of D1's `meta.duration`
// summed over each batch. The shapes are the service's own builders (fast and compact form) and the baseline's SQL.
import { env } from "cloudflare:workers";
import { it } from "vitest";
import { type BuildOptions, buildStatements, type EngineOperation } from "../src/engine/statements";
import { chunks, INSERT, UPDATE } from "./baseline/sql";

const N = 100_000;
const REPS = 5;
const rows = (data: string) =>
	Array.from({ length: N }, (_, i) => ({ user_id: `bulk-${String(i).padStart(7, "0")}`, user_data: `${data} ${i}` }));

async function time(statements: D1PreparedStatement[]): Promise<number> {
	const results = await env.DB.batch(statements);
	return results.reduce((ms, r) => ms + r.meta.duration, 0);
}

const service = (operation: EngineOperation, options: BuildOptions) =>
	buildStatements(operation, 0, options).map((s) => env.DB.prepare(s.sql).bind(...s.params));
const baseline = (sql: string, data: string) => chunks(rows(data)).map((chunk) => env.DB.prepare(sql).bind(chunk));
const clear = () => env.DB.prepare("DELETE FROM userdata").run();
/** The table holding the rows an update names. */
const seeded = async () => {
	await clear();
	await time(service({ op: "insert", rows: rows("seed") }, {}));
};

it("times the SQL of each form of a 100,000-row insert and update", async () => {
	const shapes: Record<string, { before: () => Promise<unknown>; statements: () => D1PreparedStatement[] }> = {
		"insert, service fast form (the primary key checks)": {
			before: clear,
			statements: () => service({ op: "insert", rows: rows("bulk data") }, {}),
		},
		"insert, service compact form (EXISTS guards first)": {
			before: clear,
			statements: () => service({ op: "insert", rows: rows("bulk data") }, { compact: true }),
		},
		"insert, baseline": { before: clear, statements: () => baseline(INSERT, "bulk data") },
		"update, service fast form (changes() after each chunk)": {
			before: seeded,
			statements: () => service({ op: "update", rows: rows("updated"), missing: "error" }, {}),
		},
		"update, service compact form (NOT EXISTS guards first)": {
			before: seeded,
			statements: () => service({ op: "update", rows: rows("updated"), missing: "error" }, { compact: true }),
		},
		"update, baseline": { before: seeded, statements: () => baseline(UPDATE, "updated") },
	};
	const ms: Record<string, number[]> = Object.fromEntries(Object.keys(shapes).map((name) => [name, []]));
	for (let rep = 0; rep < REPS; rep++) {
		for (const [name, shape] of Object.entries(shapes)) {
			await shape.before();
			ms[name].push(await time(shape.statements()));
		}
	}
	const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
	console.log(`D1 time of the batch, ${N.toLocaleString("en-US")} rows, median of ${REPS} (min–max):`);
	for (const [name, xs] of Object.entries(ms)) {
		console.log(
			`  ${name.padEnd(56)} ${median(xs).toFixed(0).padStart(4)} ms (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`,
		);
	}
}, 300_000);
