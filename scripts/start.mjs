// `npm start`: local tokens in .dev.vars (created once), local D1 migrations, then `wrangler dev` on $PORT.
// Plain Node, no dependencies. Prints a ready banner (URL, tokens, curl example, viewer URL) once /healthz answers 200.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { constants } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DEV_VARS = join(ROOT, ".dev.vars");
const WRANGLER = join(ROOT, "node_modules", "wrangler", "bin", "wrangler.js");
const DATABASE = "userdata";
const HOST = "127.0.0.1"; // what wrangler binds; http://localhost:PORT reaches it
const POLL_MS = 500;
const SLOW_START_MS = 60_000;

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, text) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
const bold = (text) => paint("1", text);
const say = (text) => console.log(`${paint("36", "[start]")} ${text}`);
const fail = (text) => {
	console.error(`${paint("31", "[start] error:")} ${text}`);
	process.exit(1);
};

function parsePort(value) {
	if (value === undefined || value === "") return 8787;
	const port = Number(value);
	if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`PORT=${value} is not a port number (1–65535).`);
	return port;
}

/** The .dev.vars entries (dotenv syntax: KEY=value, optional quotes, # comments). */
function readDevVars() {
	const vars = {};
	for (const line of readFileSync(DEV_VARS, "utf8").split(/\r?\n/)) {
		const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
		if (!match) continue;
		let value = match[2];
		const quoted = /^(["'`])(.*)\1$/.exec(value);
		value = quoted ? quoted[2] : value.replace(/\s+#.*$/, "");
		vars[match[1]] = value;
	}
	return vars;
}

/** Creates .dev.vars with fresh tokens unless it exists; never overwrites. */
function ensureDevVars() {
	if (existsSync(DEV_VARS)) {
		say(`Using the existing ${DEV_VARS} (delete it to get fresh tokens).`);
		return;
	}
	const token = (prefix) => `${prefix}${randomBytes(32).toString("base64url")}`;
	const content = [
		"# Local secrets for `wrangler dev`, created by `npm start`. Git-ignored; never commit it.",
		"# Each variable may hold several tokens separated by commas. Delete this file to get fresh tokens.",
		`READ_TOKEN=${token("ud_read_")}`,
		`WRITE_TOKEN=${token("ud_write_")}`,
		"",
	].join("\n");
	try {
		writeFileSync(DEV_VARS, content, { flag: "wx", mode: 0o600 }); // wx: fail rather than overwrite
		say(`Created ${DEV_VARS} with fresh random READ_TOKEN and WRITE_TOKEN (git-ignored).`);
	} catch (error) {
		if (error.code !== "EEXIST") fail(`could not create ${DEV_VARS}: ${error.message}`);
	}
}

/** The first token of a (possibly comma-separated) token variable, or null. */
function firstToken(value) {
	return (
		(value ?? "")
			.split(",")
			.map((t) => t.trim())
			.find(Boolean) ?? null
	);
}

function checkPortFree(port) {
	return new Promise((resolve) => {
		const server = createServer();
		server.once("error", (error) => resolve(error.code));
		server.listen({ port, host: HOST, exclusive: true }, () => server.close(() => resolve(null)));
	});
}

function applyMigrations() {
	say(`Applying migrations to the local D1 database "${DATABASE}" (.wrangler/state)…`);
	const result = spawnSync(process.execPath, [WRANGLER, "d1", "migrations", "apply", DATABASE, "--local"], {
		cwd: ROOT,
		// No stdin and CI=true: wrangler takes its default ("yes") instead of asking to confirm.
		stdio: ["ignore", "inherit", "inherit"],
		env: { ...process.env, CI: "true" },
	});
	if (result.error) fail(`could not run wrangler: ${result.error.message}`);
	if (result.status !== 0) {
		fail(`applying the migrations failed (wrangler exited with ${result.status ?? result.signal}); see above.`);
	}
	say("Migrations applied.");
}

function banner(port, vars) {
	const base = `http://localhost:${port}`;
	const read = firstToken(vars.READ_TOKEN);
	const write = firstToken(vars.WRITE_TOKEN);
	const line = "─".repeat(72);
	const lines = [
		"",
		line,
		`${bold("userdata is ready")} on ${bold(base)}`,
		"",
		`  Read token:   ${read ?? "(READ_TOKEN is not set in .dev.vars)"}`,
		`  Write token:  ${write ?? "(WRITE_TOKEN is not set in .dev.vars)"}`,
		"",
		"  Try it:",
		`    curl -H "Authorization: Bearer ${write ?? "<write token>"}" ${base}/users`,
		"",
		"  Viewer (open in a browser):",
		`    ${base}/#token=${read ?? "<read token>"}`,
		"",
		`  Health: ${base}/healthz   API docs: ${base}/docs`,
		"  Local data persists under .wrangler/state between runs; tokens live in .dev.vars.",
		"  Stop with Ctrl-C.",
		line,
		"",
	];
	console.log(lines.join("\n"));
}

async function waitUntilHealthy(port, child, vars) {
	const url = `http://${HOST}:${port}/healthz`;
	const started = Date.now();
	let last = "no answer yet";
	let warned = false;
	while (child.exitCode === null && child.signalCode === null) {
		try {
			const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
			if (response.status === 200) {
				banner(port, vars);
				return;
			}
			last = `${response.status} ${(await response.text()).slice(0, 300)}`;
		} catch (error) {
			last = error.cause?.code ?? error.message;
		}
		if (!warned && Date.now() - started > SLOW_START_MS) {
			warned = true;
			say(`${url} has not answered 200 after ${SLOW_START_MS / 1000} s (last: ${last}); still waiting.`);
		}
		await new Promise((resolve) => setTimeout(resolve, POLL_MS));
	}
}

async function main() {
	const [major] = process.versions.node.split(".").map(Number);
	if (major < 20) fail(`Node ${process.versions.node} is too old; this project needs Node 20 or 22.`);
	if (!existsSync(WRANGLER)) fail("wrangler is not installed in node_modules; run `npm install` first.");
	const port = parsePort(process.env.PORT);

	const busy = await checkPortFree(port);
	if (busy === "EADDRINUSE") {
		fail(
			`port ${port} is already in use (another \`npm start\` or \`wrangler dev\`?). Stop it, or pick another port: PORT=${port + 1} npm start`,
		);
	}
	if (busy) fail(`cannot listen on ${HOST}:${port} (${busy}).`);

	ensureDevVars();
	const vars = readDevVars();
	const missing = ["READ_TOKEN", "WRITE_TOKEN"].filter((name) => !firstToken(vars[name]));
	if (missing.length > 0) {
		say(
			`warning: ${DEV_VARS} has no ${missing.join(" or ")}; the service refuses requests that need them. Add the line(s), or delete the file to have new tokens created.`,
		);
	}

	applyMigrations();

	say(`Starting wrangler dev on port ${port}… (lookup errors for workers.cloudflare.com are harmless offline)`);
	const child = spawn(process.execPath, [WRANGLER, "dev", "--port", String(port), "--ip", HOST], {
		cwd: ROOT,
		stdio: "inherit",
	});
	child.on("error", (error) => fail(`could not start wrangler: ${error.message}`));

	for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
		process.on(signal, () => {
			if (child.exitCode === null && child.signalCode === null) child.kill(signal);
		});
	}
	// If this script dies some other way, do not leave wrangler running.
	process.on("exit", () => {
		if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
	});

	child.on("exit", (code, signal) => {
		if (signal) process.exitCode = 128 + (constants.signals[signal] ?? 0);
		else process.exitCode = code ?? 1;
		if (code !== 0 && !signal) say(`wrangler dev exited with code ${code}; see its output above.`);
		process.exit();
	});

	await waitUntilHealthy(port, child, vars);
}

await main();
