// Memory of the streamed export: the RSS of the service's workerd while it exports 100,000 and then 1,000,000 rows.
// Part of the full `npm run bench`; alone: `node bench/export-memory.mjs`.
import { pathToFileURL } from "node:url";
import { exportRows, rssKb, seed } from "./measure.mjs";
import { snapshot, startService, stopAll } from "./servers.mjs";

const SIZES = [100_000, 1_000_000];
const SAMPLE_MS = 100;
const id = (i) => `export-${String(i).padStart(7, "0")}`;

/** A fresh service on its own state: RSS idle, then before and at its peak during each export. */
export async function measureExportMemory(dir, log = console.log) {
	const server = await startService(dir, 8814, 8815, "memory");
	try {
		const idleKb = rssKb(server.workerd);
		log(`export memory: fresh service, workerd pid ${server.workerd}, RSS ${Math.round(idleKb / 1024)} MB`);
		const exports = [];
		let seeded = 0;
		for (const rows of SIZES) {
			await seed(server, seeded, rows, id);
			seeded = rows;
			await new Promise((resolve) => setTimeout(resolve, 1000));
			const rssBeforeKb = rssKb(server.workerd);
			let peakKb = rssBeforeKb;
			const sample = () => {
				peakKb = Math.max(peakKb, rssKb(server.workerd));
			};
			const timer = setInterval(sample, SAMPLE_MS);
			let result;
			try {
				result = await exportRows(server, rows);
			} finally {
				clearInterval(timer);
			}
			sample();
			exports.push({ rows, rssBeforeKb, peakKb, ms: result.ms, bytes: result.bytes });
			log(
				`export memory: ${rows.toLocaleString("en-US")} rows, RSS before ${Math.round(rssBeforeKb / 1024)} MB, peak ${Math.round(peakKb / 1024)} MB, ${Math.round(result.ms)} ms`,
			);
		}
		return { idleKb, sampleMs: SAMPLE_MS, exports };
	} finally {
		await server.stop();
	}
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
	const dir = snapshot();
	try {
		console.log(JSON.stringify(await measureExportMemory(dir), null, 2));
	} finally {
		await stopAll(dir);
	}
}
