// The real service under `wrangler dev` for Node-side tests: a free port, a fresh local D1 with the migrations applied, its own tokens.
import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const WRANGLER = join(ROOT, "node_modules", "wrangler", "bin", "wrangler.js");
const HOST = "127.0.0.1";
const HEALTHY_WITHIN_MS = 120_000;
const STOP_GRACE_MS = 10_000;
const ENV = { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" };

/** Ports the system has just handed out as free (port 0), so no fixed range collides with another suite or `npm start`. */
async function freePorts(count) {
	const probes = await Promise.all(
		Array.from(
			{ length: count },
			() =>
				new Promise((resolve, reject) => {
					const probe = createServer();
					probe.once("error", reject);
					probe.listen({ port: 0, host: HOST, exclusive: true }, () => resolve(probe));
				}),
		),
	);
	const ports = probes.map((probe) => probe.address().port);
	await Promise.all(probes.map((probe) => new Promise((resolve) => probe.close(resolve))));
	return ports;
}

const exited = (child) => child.exitCode !== null || child.signalCode !== null;

/** Stop the process group `child` leads (wrangler and its workerd): SIGTERM, then SIGKILL after a grace period. */
async function stopGroup(child) {
	if (exited(child)) return;
	const gone = new Promise((resolve) => child.once("exit", resolve));
	try {
		process.kill(-child.pid, "SIGTERM");
	} catch {
		return;
	}
	const timeout = new Promise((resolve) => setTimeout(() => resolve("timeout"), STOP_GRACE_MS));
	if ((await Promise.race([gone, timeout])) === "timeout") {
		try {
			process.kill(-child.pid, "SIGKILL");
		} catch {}
		await gone;
	}
}

/**
 * Start the service and wait until `GET /healthz` answers 200. Resolves to `{ base, read, write, stop, restart }`:
 * the base URL, a read token, a write token, and `stop()`, which ends the processes this call started
 * and removes its temporary state; `restart()`, which restarts the processes on the same state. The tokens
 * come from a temporary env file, so a developer's `.dev.vars` plays no part.
 */
export async function startService() {
	const state = await mkdtemp(join(tmpdir(), "userdata-node-"));
	const persist = join(state, "d1");
	const envFile = join(state, "service.env");
	const read = `node-read-${randomBytes(16).toString("hex")}`;
	const write = `node-write-${randomBytes(16).toString("hex")}`;
	await writeFile(envFile, `READ_TOKEN=${read}\nWRITE_TOKEN=${write}\n`);

	try {
		await promisify(execFile)(
			process.execPath,
			[WRANGLER, "d1", "migrations", "apply", "userdata", "--local", "--persist-to", persist],
			{ cwd: ROOT, env: ENV },
		);
	} catch (error) {
		await rm(state, { recursive: true, force: true });
		throw new Error(`wrangler d1 migrations apply failed:\n${error.stdout}\n${error.stderr}`);
	}

	const [port, inspectorPort] = await freePorts(2);
	const base = `http://${HOST}:${port}`;
	const output = [];
	const launch = () => {
		const child = spawn(
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
				persist,
				"--env-file",
				envFile,
			],
			{ cwd: ROOT, env: ENV, detached: true, stdio: ["ignore", "pipe", "pipe"] },
		);
		child.stdout.on("data", (chunk) => output.push(String(chunk)));
		child.stderr.on("data", (chunk) => output.push(String(chunk)));
		return child;
	};
	let server = launch();
	// Should this process end without stop() (a killed test run), take the wrangler group down with it.
	const killOnExit = () => {
		try {
			process.kill(-server.pid, "SIGKILL");
		} catch {}
	};
	process.once("exit", killOnExit);
	const log = () => output.join("").split("\n").slice(-40).join("\n");

	let stopped;
	const stop = () => {
		stopped ??= (async () => {
			await stopGroup(server);
			process.off("exit", killOnExit);
			await rm(state, { recursive: true, force: true });
		})();
		return stopped;
	};

	const healthy = async () => {
		const deadline = Date.now() + HEALTHY_WITHIN_MS;
		for (;;) {
			if (exited(server)) throw new Error(`wrangler dev exited early:\n${log()}`);
			try {
				const response = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) });
				await response.body?.cancel();
				if (response.status === 200) return;
			} catch {}
			if (Date.now() > deadline) throw new Error(`/healthz did not answer 200 within 120 s:\n${log()}`);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	};

	/** Stop wrangler dev and its workerd, and start them again on the same port and the same local D1. */
	const restart = async () => {
		await stopGroup(server);
		server = launch();
		await healthy();
	};

	try {
		await healthy();
	} catch (error) {
		await stop();
		throw error;
	}
	return { base, read, write, stop, restart };
}
