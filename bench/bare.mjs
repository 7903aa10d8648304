// One Worker on the bare runtime: `node bench/bare.mjs '<json>'` serves a bundle wrangler built with Miniflare's API
// (wrangler's own copy of it, so the same workerd as `wrangler dev`), with no wrangler proxy in front; bench/servers.mjs
// starts it in its own process group and stops it with SIGTERM.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const fromWrangler = createRequire(join(ROOT, "node_modules", "wrangler", "package.json"));
const { Miniflare } = await import(fromWrangler.resolve("miniflare"));
const { unstable_getMiniflareWorkerOptions } = await import(fromWrangler.resolve("wrangler"));

/** config: the wrangler.toml; script: its bundle; state: the --persist-to directory wrangler applied the migrations to. */
const { name, config, script, state, port, inspectorPort, vars } = JSON.parse(process.argv[2]);

// What wrangler dev gives Miniflare for this config: compatibility date and flags, module rules, the D1 binding with
// its database id, and [assets] (directory, ASSETS binding, run_worker_first) with the same asset-worker router.
const { workerOptions } = unstable_getMiniflareWorkerOptions(config);
const mf = new Miniflare({
	// Miniflare's entry (with [assets], its asset-router Worker in front of ours) on a port of its own choosing; the
	// bench talks to the Worker itself, on `port` (below).
	host: "127.0.0.1",
	port: 0,
	inspectorPort,
	// wrangler's --persist-to keeps D1 under v3/d1: the same SQLite file the migrations went into.
	d1Persist: join(state, "v3", "d1"),
	// No request.cf from the network (wrangler dev caches one); nothing measured reads it.
	cf: false,
	// The Worker's log lines straight into this process's log file: no line splitting and console.log per line.
	handleRuntimeStdio: (stdout, stderr) => {
		stdout.pipe(process.stdout);
		stderr.pipe(process.stderr);
	},
	workers: [
		{
			...workerOptions,
			name,
			modules: true,
			scriptPath: script,
			modulesRoot: dirname(script),
			bindings: { ...workerOptions.bindings, ...vars },
			// The Worker's own socket: requests reach its fetch handler with no Worker before it. With [assets],
			// Miniflare (and wrangler dev) otherwise route every request through the asset-router Worker first, the
			// local stand-in for the platform's routing, which production does outside the Worker and does not bill
			// to it; in this process it cost the service 0.36-0.76 ms of workerd CPU a request (bench/findings.md).
			// The ASSETS binding still works: the viewer and /docs are served through it as in production.
			unsafeDirectSockets: [{ host: "127.0.0.1", port }],
		},
	],
});
await mf.ready;
console.log(`${name}: ready on http://127.0.0.1:${port}`);

for (const signal of ["SIGTERM", "SIGINT"]) {
	process.on(signal, async () => {
		await mf.dispose();
		process.exit(0);
	});
}
