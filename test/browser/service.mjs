// The browser tests' global setup: the real service under `wrangler dev`, one for every test file, on a fresh database.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const WRANGLER = join(ROOT, "node_modules", "wrangler", "bin", "wrangler.js");
const HOST = "127.0.0.1";
/** The ports these tests may use (the service and wrangler's inspector); other suites and `npm start` use others. */
const PORTS = Array.from({ length: 10 }, (_, i) => 8820 + i);
export const READ = "viewer-test-read-token";
export const WRITE = "viewer-test-write-token";

const freePort = (port) =>
	new Promise((resolve) => {
		const probe = createServer();
		probe.once("error", () => resolve(false));
		probe.listen({ port, host: HOST, exclusive: true }, () => probe.close(() => resolve(true)));
	});

async function twoFreePorts() {
	const found = [];
	for (const port of PORTS) {
		if (found.length < 2 && (await freePort(port))) found.push(port);
	}
	if (found.length < 2) throw new Error(`Need two free ports in ${PORTS[0]}-${PORTS.at(-1)}; found ${found.length}.`);
	return found;
}

async function waitUntilHealthy(server, base, log) {
	const deadline = Date.now() + 120_000;
	while (Date.now() < deadline) {
		if (server.exitCode !== null || server.signalCode !== null) throw new Error(`wrangler dev exited early:\n${log()}`);
		try {
			const response = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) });
			if (response.status === 200) return;
		} catch {}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`/healthz did not answer 200 within 120 s:\n${log()}`);
}

/** Stop the wrangler process group this setup started: SIGTERM, then SIGKILL after 10 s. */
async function stopServer(server) {
	if (server.exitCode !== null || server.signalCode !== null) return;
	const exited = new Promise((resolve) => server.once("exit", resolve));
	try {
		process.kill(-server.pid, "SIGTERM");
	} catch {
		return;
	}
	const timeout = new Promise((resolve) => setTimeout(() => resolve("timeout"), 10_000));
	if ((await Promise.race([exited, timeout])) === "timeout") {
		try {
			process.kill(-server.pid, "SIGKILL");
		} catch {}
	}
}

/** Starts the service; the tests `inject("base")` (127.0.0.1) and `inject("viewerBase")` (localhost, as `npm start` prints). */
export default async function setup(project) {
	const [port, inspectorPort] = await twoFreePorts();
	const persistDir = mkdtempSync(join(tmpdir(), "userdata-browser-"));
	const env = { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" };
	const migrate = spawnSync(
		process.execPath,
		[WRANGLER, "d1", "migrations", "apply", "userdata", "--local", "--persist-to", persistDir],
		{ cwd: ROOT, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
	);
	if (migrate.status !== 0) throw new Error(`migrations failed:\n${migrate.stdout}\n${migrate.stderr}`);

	// `wrangler dev` runs wrangler.toml's [build] command first, which puts the docs bundle in the assets.
	const server = spawn(
		process.execPath,
		[
			WRANGLER,
			"dev",
			"--ip",
			HOST,
			"--port",
			String(port),
			"--inspector-port",
			String(inspectorPort),
			"--persist-to",
			persistDir,
			"--var",
			`READ_TOKEN:${READ}`,
			"--var",
			`WRITE_TOKEN:${WRITE}`,
		],
		{ cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] },
	);
	// Should this process end without the teardown, take the wrangler group down with it.
	const kill = () => {
		try {
			process.kill(-server.pid, "SIGKILL");
		} catch {}
	};
	process.once("exit", kill);
	const output = [];
	server.stdout.on("data", (chunk) => output.push(String(chunk)));
	server.stderr.on("data", (chunk) => output.push(String(chunk)));
	const base = `http://${HOST}:${port}`;
	await waitUntilHealthy(server, base, () => output.join("").split("\n").slice(-40).join("\n"));

	project.provide("base", base);
	project.provide("viewerBase", `http://localhost:${port}`);
	return async () => {
		await stopServer(server);
		process.off("exit", kill);
		rmSync(persistDir, { recursive: true, force: true });
	};
}
