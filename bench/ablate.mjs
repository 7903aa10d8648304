// What the gap is made of, measured: variants of the service with one cost removed each (in a private copy
// of src/, never in the repository), each against the baseline in the same run. `node bench/ablate.mjs`.
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bulk, bulkBodies, load, median, ordered, pointId, seed } from "./measure.mjs";
import { snapshot, startBaseline, startService, stopAll } from "./servers.mjs";

/** Each variant: [file, text to find, replacement]; a variant whose text is no longer in src/ fails loudly. */
const VARIANTS = {
	"as is": [],
	"no id guards (insert, update)": [
		[
			"src/engine/statements.ts",
			/const idGuards = \([^)]*\) =>\s*jsonChunks\(ids\)\.map\(\(chunk\) => idGuard\(kind, chunk, operation\)\);/,
			"const idGuards = (_k: string, _i: string[], _o: number): Statement[] => [];",
		],
	],
	"no row validation (zod, duplicates)": [
		["src/routes/users.ts", /parse(Rows)?\(z\.array\(NewRow\)\.min\(1\), body, [^)]*\)/, "(body as any)"],
		["src/routes/users.ts", /parse(Rows)?\(z\.array\(RowUpdate\)\.min\(1\), body, [^)]*\)/, "(body as any)"],
		["src/routes/users.ts", /rejectDuplicates\(rows\.map\(\(r\) => r\.user_id\)\);/g, ""],
	],
	"no request log line": [["src/index.ts", /console\.log\(\s*JSON\.stringify/, "(() => {})(JSON.stringify"]],
	"no auth": [["src/index.ts", /const api = \[auth, /, "const api = ["]],
};
VARIANTS["all of the above"] = Object.values(VARIANTS).flat();

function variantCopy(base, name, edits) {
	const dir = `${base}-${name.replaceAll(/\W+/g, "-")}`;
	const copied = (path) => !/state-|\.wrangler|\.log$/.test(path.slice(base.length));
	cpSync(base, dir, { recursive: true, verbatimSymlinks: true, filter: copied });
	for (const [file, find, replace] of edits) {
		const path = join(dir, file);
		const text = readFileSync(path, "utf8");
		if (!find.test(text)) throw new Error(`variant "${name}": ${find} is no longer in ${file}`);
		find.lastIndex = 0;
		writeFileSync(path, text.replace(find, replace));
	}
	return dir;
}

const REPS = Number(process.env.REPS ?? 3);
const ROWS = 100_000;
const POINTS = 10_000;

const base = snapshot();
const dirs = [];
try {
	const baseline = await startBaseline(base, 8811, 8813);
	await seed(baseline, 0, POINTS, pointId);
	const bodies = bulkBodies(ROWS);
	const table = [];
	const only = process.argv.slice(2);
	for (const [name, edits] of Object.entries(VARIANTS).filter(([n]) => only.length === 0 || only.includes(n))) {
		const dir = variantCopy(base, name, edits);
		dirs.push(dir);
		const service = await startService(dir, 8814, 8815);
		await seed(service, 0, POINTS, pointId);
		const servers = [service, baseline];
		const ratios = {};
		const note = (key, ratio) => {
			ratios[key] = [...(ratios[key] ?? []), ratio];
		};
		for (let rep = 0; rep < REPS; rep++) {
			for (const op of ["insert", "update", "delete"]) {
				const [s, b] = [await bulk(service, op, ROWS, bodies), await bulk(baseline, op, ROWS, bodies)];
				note(`${op} 100k`, s.rowsPerSec / b.rowsPerSec);
			}
			for (const op of ["get", "patch"]) {
				const r = {};
				for (const server of ordered(servers, rep)) {
					r[server.name] = await load(server, op, { connections: 16, seconds: 3, rows: POINTS });
				}
				note(`${op} req/s`, r.service.reqPerSec / r.baseline.reqPerSec);
			}
		}
		const row = Object.fromEntries(Object.entries(ratios).map(([k, v]) => [k, median(v).toFixed(2)]));
		console.log(name.padEnd(36), JSON.stringify(row));
		table.push({ variant: name, ...row });
		await service.stop();
	}
	console.table(table);
} finally {
	await stopAll(base);
	for (const dir of dirs) await stopAll(dir);
}
