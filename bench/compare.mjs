// Two versions of the service against the baseline, in one run, interleaved: did a change move the ratios?
// `node bench/compare.mjs [--reps N] [--sizes 10000,100000] REV [REV]`, where REV is a git revision or `.`
// for the working tree; e.g. `node bench/compare.mjs HEAD~1 .`. Bulk insert, update and delete at each size,
// and the streamed export of 100,000 rows; prints each version's median ratio to the baseline, and the ratios
// of each repetition. Ports 8811 and 8813 (baseline), 8814–8817 (the services and their inspectors).
import { parseArgs } from "node:util";
import { bulk, bulkBodies, exportRows, median, ordered, seed } from "./measure.mjs";
import { snapshot, snapshotAt, startBaseline, startService, stopAll } from "./servers.mjs";

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: { reps: { type: "string", default: "7" }, sizes: { type: "string", default: "10000,100000" } },
});
if (positionals.length < 1 || positionals.length > 2) {
	console.error(
		"usage: node bench/compare.mjs [--reps N] [--sizes 10000,100000] REV [REV]  (REV: a git revision or .)",
	);
	process.exit(2);
}
const REPS = Number(values.reps);
const SIZES = values.sizes.split(",").map(Number);
const EXPORT_ROWS = 100_000;
const log = (text) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${text}`);

try {
	const dirs = positionals.map((rev) => (rev === "." ? snapshot() : snapshotAt(rev)));
	const baseline = await startBaseline(dirs[0], 8811, 8813);
	const services = [];
	for (const [i, dir] of dirs.entries()) {
		const server = await startService(dir, 8814 + i, 8816 + i, `service-${i}`);
		services.push({ ...server, name: positionals[i] });
	}
	const all = [baseline, ...services];
	const ratios = new Map();
	const note = (line, server, ratio) => {
		const key = `${line}  ${server}`;
		ratios.set(key, [...(ratios.get(key) ?? []), ratio]);
	};
	const warm = bulkBodies(1000);
	for (const server of all) for (const op of ["insert", "update", "delete"]) await bulk(server, op, 1000, warm);
	for (const rows of SIZES) {
		const bodies = bulkBodies(rows);
		for (let rep = 0; rep < REPS; rep++) {
			for (const op of ["insert", "update", "delete"]) {
				const rate = {};
				for (const server of ordered(all, rep)) {
					rate[server.name] = (await bulk(server, op, rows, bodies)).rowsPerSec;
				}
				for (const s of services)
					note(`bulk ${op} ${rows.toLocaleString("en-US")}`, s.name, rate[s.name] / rate.baseline);
			}
			log(`bulk, ${rows.toLocaleString("en-US")} rows: repetition ${rep + 1}/${REPS}`);
		}
	}
	for (const server of all) await seed(server, 0, EXPORT_ROWS, (i) => `export-${String(i).padStart(7, "0")}`);
	for (let rep = 0; rep < REPS; rep++) {
		const rate = {};
		for (const server of ordered(all, rep)) {
			rate[server.name] = (await exportRows(server, EXPORT_ROWS)).rowsPerSec;
		}
		for (const s of services)
			note(`export ${EXPORT_ROWS.toLocaleString("en-US")}`, s.name, rate[s.name] / rate.baseline);
	}
	console.log(`\nservice ÷ baseline, median of ${REPS} (each repetition):`);
	for (const [key, xs] of ratios) {
		console.log(`  ${key.padEnd(40)} ${median(xs).toFixed(2)}  (${xs.map((x) => x.toFixed(2)).join(" ")})`);
	}
} finally {
	await stopAll();
}
