// The web viewer in a real browser (Debian's chromium via playwright-core) against the real service under `wrangler dev`.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const WRANGLER = join(ROOT, "node_modules", "wrangler", "bin", "wrangler.js");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const HOST = "127.0.0.1";
/** The ports this test may use (the service and wrangler's inspector); other suites and `npm start` use others. */
const PORTS = Array.from({ length: 10 }, (_, i) => 8820 + i);
const READ = "viewer-test-read-token";
const WRITE = "viewer-test-write-token";
const SCREENSHOT = "/tmp/viewer.png";
const SCREENSHOT_TEXT = "/tmp/viewer-text.png";

const SEED = [
	{ user_id: "Brad", user_data: "Brad's data" },
	{ user_id: "Larry", user_data: "Larry's data" },
	{ user_id: "Jane", user_data: "Jane's data" },
	{ user_id: "Barbra", user_data: "Barbra's data" },
	{ user_id: "Jessa", user_data: "Jessa's data" },
	{ user_id: "Ed", user_data: "Ed's data" },
	{ user_id: "Nil", user_data: null },
	// Markup and URL-special characters: must show as text and travel percent-encoded.
	{ user_id: "a b/c?#%é", user_data: '<img src=x onerror="window.pwned=1"> & <b>bold</b>' },
];
const BY_USER_ID = ["Barbra", "Brad", "Ed", "Jane", "Jessa", "Larry", "Nil", "a b/c?#%é"];

let base;
/** What the browser opens: localhost, as in the URL `npm start` prints. */
let viewerBase;
let server;
let persistDir;
let browser;
const serverOutput = [];

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

const wranglerLog = () => serverOutput.join("").split("\n").slice(-40).join("\n");

async function waitUntilHealthy() {
	const deadline = Date.now() + 120_000;
	while (Date.now() < deadline) {
		if (server.exitCode !== null || server.signalCode !== null) {
			throw new Error(`wrangler dev exited early:\n${wranglerLog()}`);
		}
		try {
			const response = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) });
			if (response.status === 200) return;
		} catch {}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`/healthz did not answer 200 within 120 s:\n${wranglerLog()}`);
}

/** Stop the wrangler process group this test started: SIGTERM, then SIGKILL after 10 s. */
async function stopServer() {
	if (!server || server.exitCode !== null || server.signalCode !== null) return;
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

/** A request to the service, as a client other than the browser would make it. */
function call(path, { method = "GET", body, token = WRITE } = {}) {
	const headers = { authorization: `Bearer ${token}` };
	if (body !== undefined) headers["content-type"] = "application/json";
	return fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

const eventually = (check) => vi.waitFor(check, { timeout: 15_000, interval: 50 });

const shownIds = (page) =>
	page.$$eval("#rows tr[data-user-id]", (rows) => rows.map((row) => row.getAttribute("data-user-id")));

const textOf = (page, selector) => page.locator(selector).textContent();

/** A fresh tab on the viewer; every CSP violation and script error in it is recorded. */
async function openViewer(hash = "") {
	const page = await browser.newPage();
	const errors = [];
	page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
	page.on("console", (message) => {
		// Chrome logs every non-2xx fetch ("Failed to load resource"); the viewer expects some (401, 412, 422).
		if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
			errors.push(message.text());
		}
	});
	await page.goto(`${viewerBase}/${hash}`);
	return { page, errors };
}

beforeAll(async () => {
	const [port, inspectorPort] = await twoFreePorts();
	base = `http://${HOST}:${port}`;
	viewerBase = `http://localhost:${port}`;
	persistDir = mkdtempSync(join(tmpdir(), "userdata-viewer-"));
	const env = { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" };
	const migrate = spawnSync(
		process.execPath,
		[WRANGLER, "d1", "migrations", "apply", "userdata", "--local", "--persist-to", persistDir],
		{ cwd: ROOT, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
	);
	if (migrate.status !== 0) throw new Error(`migrations failed:\n${migrate.stdout}\n${migrate.stderr}`);

	server = spawn(
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
	// Should this process end without afterAll (killed test worker), take the wrangler group down with it.
	process.once("exit", () => {
		try {
			process.kill(-server.pid, "SIGKILL");
		} catch {}
	});
	server.stdout.on("data", (chunk) => serverOutput.push(String(chunk)));
	server.stderr.on("data", (chunk) => serverOutput.push(String(chunk)));
	await waitUntilHealthy();

	const seeded = await call("/users", { method: "POST", body: SEED });
	if (seeded.status !== 201) throw new Error(`seeding answered ${seeded.status}: ${await seeded.text()}`);

	browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
	});
});

afterAll(async () => {
	await browser?.close();
	await stopServer();
	if (persistDir) rmSync(persistDir, { recursive: true, force: true });
});

describe("the viewer with a write token", () => {
	let page;
	let errors;

	test("GET / needs no token and allows only its own inline script and style", async () => {
		const response = await fetch(`${base}/`);
		expect(response.status).toBe(200);
		expect(response.headers.get("content-type")).toMatch(/^text\/html/);
		expect(response.headers.get("cache-control")).toBe("no-store");
		const csp = response.headers.get("content-security-policy");
		expect(csp.replace(/'nonce-[^']+'/g, "'nonce-…'")).toBe(
			"default-src 'none'; script-src 'nonce-…'; style-src 'nonce-…'; connect-src 'self'; img-src data:; " +
				"form-action 'none'; base-uri 'none'; frame-ancestors 'none'; require-trusted-types-for 'script'; trusted-types 'none'",
		);
		const nonce = /'nonce-([^']+)'/.exec(csp)[1];
		const html = await response.text();
		expect(html).toContain(`<script nonce="${nonce}">`);
		expect(html).toContain(`<style nonce="${nonce}">`);
		expect(html).not.toMatch(/<(script|link)[^>]+(src|href)="https?:/);
	});

	test("opens with the token from the address, removes it from there and lists the rows", async () => {
		({ page, errors } = await openViewer(`#token=${WRITE}`));
		await eventually(async () => expect(await shownIds(page)).toEqual(BY_USER_ID));
		expect(page.url()).toBe(`${viewerBase}/`);
		expect(await page.evaluate(() => sessionStorage.getItem("userdata.token"))).toBe(WRITE);
		expect(await textOf(page, "#scope")).toBe("read + write");
		expect(await textOf(page, "#summary")).toBe("Rows 1–8 of 8");
		// The time_stamp column shows the database's ISO time.
		expect(await textOf(page, 'tr[data-user-id="Brad"] td.time_stamp')).toMatch(
			/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/,
		);
	});

	test("shows data as text, never as markup", async () => {
		const row = page.locator("#rows tr").filter({ hasText: "a b/c?#%é" });
		expect(await row.locator("td.user_data").textContent()).toBe(SEED[7].user_data);
		expect(await page.locator("#rows img, #rows b").count()).toBe(0);
		expect(await page.evaluate(() => window.pwned)).toBeUndefined();
		expect(await textOf(page, 'tr[data-user-id="Nil"] td.user_data')).toBe("null");
	});

	test("filters by user_id_prefix and q, and orders", async () => {
		await page.fill('input[name="user_id_prefix"]', "B");
		await eventually(async () => expect(await shownIds(page)).toEqual(["Barbra", "Brad"]));
		expect(await textOf(page, "#summary")).toBe("Rows 1–2 of 2");
		await page.fill('input[name="user_id_prefix"]', "");
		await page.fill('input[name="q"]', "LARRY");
		await eventually(async () => expect(await shownIds(page)).toEqual(["Larry"]));
		await page.fill('input[name="q"]', "");
		await page.selectOption('select[name="order"]', "-user_id");
		await eventually(async () => expect(await shownIds(page)).toEqual([...BY_USER_ID].reverse()));
		await page.selectOption('select[name="order"]', "user_id");
		await eventually(async () => expect(await shownIds(page)).toEqual(BY_USER_ID));
	});

	test("pages with Next page, Previous page and First page", async () => {
		await page.fill('input[name="limit"]', "3");
		await page.press('input[name="limit"]', "Enter");
		await eventually(async () => expect(await shownIds(page)).toEqual(BY_USER_ID.slice(0, 3)));
		expect(await textOf(page, "#summary")).toBe("Rows 1–3 of 8");
		await page.click("#next");
		await eventually(async () => expect(await shownIds(page)).toEqual(BY_USER_ID.slice(3, 6)));
		expect(await textOf(page, "#summary")).toBe("Rows 4–6 of 8");
		await page.click("#next");
		await eventually(async () => expect(await shownIds(page)).toEqual(BY_USER_ID.slice(6)));
		expect(await textOf(page, "#summary")).toBe("Rows 7–8 of 8");
		expect(await page.isDisabled("#next")).toBe(true);
		await page.click("#previous");
		await eventually(async () => expect(await shownIds(page)).toEqual(BY_USER_ID.slice(3, 6)));
		await page.click("#first");
		await eventually(async () => expect(await shownIds(page)).toEqual(BY_USER_ID.slice(0, 3)));
	});

	test("shows the tutorial's text layout, page by page", async () => {
		const expected = await (await call("/users?limit=3&format=text")).text();
		expect(expected).toMatch(/^user_id=Brad {4}user_data=Brad's data {11}time_stamp=[A-Z][a-z]+ \d\d \d\d:\d\d$/m);
		await page.check('input[name="view"][value="text"]');
		await eventually(async () => expect(await page.locator("#text").textContent()).toBe(expected));
		expect(await page.isVisible("#table")).toBe(false);
		await page.click("#next");
		await eventually(async () =>
			expect(await page.locator("#text").textContent()).toMatch(/^user_id=Jane {4}user_data=/),
		);
		expect(await textOf(page, "#summary")).toBe("Rows 4–6 of 8");
		await page.screenshot({ path: SCREENSHOT_TEXT });
		await page.check('input[name="view"][value="table"]');
		await page.fill('input[name="limit"]', "25");
		await eventually(async () => expect(await shownIds(page)).toEqual(BY_USER_ID));
	});

	test("adds a row, and shows the 409 detail for an id that exists", async () => {
		await page.fill('#add input[name="user_id"]', "Zoë / 1");
		await page.fill('#add input[name="user_data"]', "added in the browser");
		await page.press('#add input[name="user_data"]', "Enter");
		await eventually(async () => expect(await shownIds(page)).toContain("Zoë / 1"));
		expect(await textOf(page, "#notice")).toBe("Added 'Zoë / 1'.");
		const stored = await call(`/users/${encodeURIComponent("Zoë / 1")}`);
		expect((await stored.json()).user_data).toBe("added in the browser");

		await page.fill('#add input[name="user_id"]', "Brad");
		await page.click('#add button[type="submit"]');
		await page.locator("#problem").waitFor({ state: "visible" });
		expect(await textOf(page, "#problem-status")).toBe("409 Conflict");
		expect(await textOf(page, "#problem-detail")).toMatch(/^Adding 'Brad': .*Brad/);
		await page.click("#problem-close");
		await page.fill('#add input[name="user_id"]', "");
	});

	test("edits user_data with If-Match", async () => {
		await page.click('button[aria-label="Edit Zoë / 1"]');
		const input = page.locator('input[aria-label="user_data of Zoë / 1"]');
		await input.waitFor({ state: "visible" });
		expect(await input.inputValue()).toBe("added in the browser");
		await input.fill("edited in the browser");
		await input.press("Enter");
		await eventually(async () =>
			expect(await page.locator('tr[data-user-id="Zoë / 1"] td.user_data').textContent()).toBe("edited in the browser"),
		);
		expect(await textOf(page, "#notice")).toBe("Saved 'Zoë / 1'.");
		expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Edit Zoë / 1");
		expect((await (await call(`/users/${encodeURIComponent("Zoë / 1")}`)).json()).user_data).toBe(
			"edited in the browser",
		);
	});

	test("a stale edit shows the 412 detail and changes nothing", async () => {
		await page.click('button[aria-label="Edit Larry"]');
		const input = page.locator('input[aria-label="user_data of Larry"]');
		await input.waitFor({ state: "visible" });
		// Someone else changes the row after the viewer read its ETag.
		expect((await call("/users/Larry", { method: "PATCH", body: { user_data: "changed elsewhere" } })).status).toBe(
			200,
		);
		await input.fill("my stale edit");
		await input.press("Enter");
		await page.locator("#problem").waitFor({ state: "visible" });
		expect(await textOf(page, "#problem-status")).toBe("412 Precondition Failed");
		expect(await textOf(page, "#problem-detail")).toBe(
			"Saving 'Larry': User 'Larry' has changed since the ETag in If-Match was issued; read it again.",
		);
		expect((await (await call("/users/Larry")).json()).user_data).toBe("changed elsewhere");
		await page.screenshot({ path: SCREENSHOT, fullPage: true });
		await input.press("Escape");
		expect(await page.locator('input[aria-label="user_data of Larry"]').count()).toBe(0);
	});

	test("deletes a row after confirming", async () => {
		page.once("dialog", (dialog) => dialog.accept());
		await page.click('button[aria-label="Delete Zoë / 1"]');
		await eventually(async () => expect(await shownIds(page)).not.toContain("Zoë / 1"));
		expect(await textOf(page, "#notice")).toBe("Deleted 'Zoë / 1'.");
		expect((await call(`/users/${encodeURIComponent("Zoë / 1")}`)).status).toBe(404);
	});

	test("keeps the token out of the address and breaks no CSP rule", async () => {
		expect(page.url()).not.toContain(WRITE);
		expect(errors).toEqual([]);
		await page.close();
	});
});

describe("the viewer with other tokens", () => {
	test("a read token lists rows but offers no writes", async () => {
		const { page, errors } = await openViewer(`#token=${READ}`);
		await eventually(async () => expect(await shownIds(page)).toContain("Brad"));
		expect(await textOf(page, "#scope")).toBe("read only");
		expect(await page.isVisible("#add")).toBe(false);
		expect(await page.locator("#rows button").count()).toBe(0);
		expect(errors).toEqual([]);
		await page.close();
	});

	test("a wrong token shows the 401 detail, then the token field takes a good one", async () => {
		const { page, errors } = await openViewer("#token=not-a-token");
		await page.locator("#problem").waitFor({ state: "visible" });
		expect(await textOf(page, "#problem-status")).toBe("401 Unauthorized");
		expect(await textOf(page, "#problem-detail")).toBe("The token was refused: The bearer token is not valid.");
		expect(page.url()).toBe(`${viewerBase}/`);
		expect(await page.evaluate(() => sessionStorage.getItem("userdata.token"))).toBeNull();
		expect(await page.isVisible("#main")).toBe(false);

		await page.fill("#token", WRITE);
		await page.press("#token", "Enter");
		await eventually(async () => expect(await shownIds(page)).toEqual(BY_USER_ID));
		expect(await page.isVisible("#problem")).toBe(false);
		expect(errors).toEqual([]);
		await page.close();
	});

	test("with no token it asks for one", async () => {
		const { page } = await openViewer();
		await page.locator("#token").waitFor({ state: "visible" });
		expect(await page.evaluate(() => document.activeElement?.id)).toBe("token");
		expect(await page.isVisible("#main")).toBe(false);
		await page.close();
	});
});
