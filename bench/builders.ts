// The request-side steps of a 100,000-row bulk write, timed in Node on the service's own pure code, with zod
// and a plain duplicate check for comparison: `npx tsx bench/builders.ts` (node's --cpu-prof works through tsx too).
import { z } from "@hono/zod-openapi";
import { jsonChunks } from "../src/engine/chunks";
import { buildStatements } from "../src/engine/statements";
import { rejectDuplicates, validateBody } from "../src/http/request";
import { NewRow, NewRows, RowUpdate } from "../src/schemas";

const N = 100_000;
const REPS = 7;
type Row = { user_id: string; user_data: string };

const id = (i: number) => `bulk-${String(i).padStart(7, "0")}`;
const body = (data: string) =>
	JSON.stringify(Array.from({ length: N }, (_, i) => ({ user_id: id(i), user_data: `${data} ${i}` })));
const insertBody = body("bulk data for row");
const rows: Row[] = JSON.parse(insertBody);
const updates: Row[] = JSON.parse(body("updated data for row"));

function time(label: string, step: () => unknown) {
	const ms: number[] = [];
	for (let rep = 0; rep < REPS; rep++) {
		const started = performance.now();
		step();
		ms.push(performance.now() - started);
	}
	ms.sort((a, b) => a - b);
	console.log(`${label.padEnd(52)} ${ms[Math.floor(REPS / 2)].toFixed(1).padStart(6)} ms  (median of ${REPS})`);
}

console.log(`${N.toLocaleString("en-US")} rows, Node ${process.versions.node}`);
time("JSON.parse of the request body", () => JSON.parse(insertBody));
time("zod: z.array(NewRow).min(1) (POST)", () => z.array(NewRow).min(1).safeParse(rows));
time("zod: z.array(RowUpdate).min(1) (PATCH)", () => z.array(RowUpdate).min(1).safeParse(updates));
time("validateBody (the service's plain loop, zod on refusal)", () => validateBody(NewRows, rows));
time("rejectDuplicates", () => rejectDuplicates(rows.map((r) => r.user_id)));
time("new Set(ids).size === ids.length (any duplicate check)", () => {
	const ids = rows.map((r) => r.user_id);
	return new Set(ids).size === ids.length;
});
time("jsonChunks of the ids (the guards' input)", () => jsonChunks(rows.map((r) => r.user_id)));
time("jsonChunks of [user_id, user_data] (the writes)", () => jsonChunks(rows.map((r) => [r.user_id, r.user_data])));
time("buildStatements: insert, guards and writes", () => buildStatements({ op: "insert", rows }, 0));
time("buildStatements: update, guards and writes", () =>
	buildStatements({ op: "update", rows: updates, missing: "error" }, 0),
);
