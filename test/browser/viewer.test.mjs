// The web viewer in a real browser (Debian's chromium via playwright-core) against the real service under `wrangler dev`
// (test/browser/service.mjs starts it).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launch } from "./chromium.mjs";
import {
	base,
	call,
	eventually,
	expectClean,
	openViewer,
	READ,
	shownIds,
	textOf,
	viewerBase,
	WRITE,
} from "./viewer.mjs";

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

let browser;

beforeAll(async () => {
	const seeded = await call("/users", { method: "POST", body: SEED });
	if (seeded.status !== 201) throw new Error(`seeding answered ${seeded.status}: ${await seeded.text()}`);
	browser = await launch();
});

afterAll(async () => {
	await browser?.close();
});

describe("the viewer with a write token", () => {
	let page;
	let record;
	let close;

	test("GET / needs no token and allows only its own script and inline style", async () => {
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
		expect(html.match(/<script[^>]*>/g)).toEqual([`<script type="module" nonce="${nonce}" src="/viewer.js">`]);
		expect(html).toContain(`<style nonce="${nonce}">`);
		expect(html).not.toMatch(/<(script|link)[^>]+(src|href)="https?:/);
		const script = await fetch(`${base}/viewer.js`);
		expect(script.status).toBe(200);
		expect(script.headers.get("content-type")).toMatch(/^text\/javascript/);
		expect(script.headers.get("x-request-id")).toBeTruthy();
	});

	test("opens with the token from the address, removes it from there and lists the rows", async () => {
		({ page, record, close } = await openViewer(browser, `#token=${WRITE}`));
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

	test("the add form has the contract's limits, from the service's schemas", async () => {
		const addInput = (name) => page.locator(`#add input[name="${name}"]`);
		expect(await addInput("user_id").getAttribute("maxlength")).toBe("32");
		expect(await addInput("user_data").getAttribute("maxlength")).toBe("640");
		expect(await page.getAttribute('#filters input[name="limit"]', "max")).toBe("1000");
		// Typed one key at a time, as a person would: the 33rd character and after do not go in.
		const typed = "abcdefghijklmnopqrstuvwxyz0123456789ABCD";
		await addInput("user_id").pressSequentially(typed);
		expect(await addInput("user_id").inputValue()).toBe(typed.slice(0, 32));
		await addInput("user_data").fill("at the limit");
		await addInput("user_data").press("Enter");
		await eventually(async () => expect(await shownIds(page)).toContain(typed.slice(0, 32)));
		expect((await (await call(`/users/${typed.slice(0, 32)}`)).json()).user_data).toBe("at the limit");
		// The service refuses one more character, so the form's limit is exactly the contract's.
		const over = await call("/users", { method: "POST", body: { user_id: typed.slice(0, 33), user_data: "x" } });
		expect(over.status).toBe(422);
		expect((await over.json()).errors).toEqual([{ path: "user_id", message: "must be 1 to 32 characters" }]);
		expect((await call(`/users/${typed.slice(0, 32)}`, { method: "DELETE" })).status).toBe(204);
	});

	test("edits user_data with If-Match", async () => {
		await page.click('button[aria-label="Edit Zoë / 1"]');
		const input = page.locator('input[aria-label="user_data of Zoë / 1"]');
		await input.waitFor({ state: "visible" });
		expect(await input.inputValue()).toBe("added in the browser");
		expect(await input.getAttribute("maxlength")).toBe("640");
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

	test("keeps the token out of the address, and the console clean over the whole run", async () => {
		expect(page.url()).not.toContain(WRITE);
		// The two failures the tests above provoke, and nothing else (the scope comes from GET /auth, which succeeds).
		expectClean(record, ["409 POST /users", "412 PATCH /users/Larry"]);
		await close();
	});
});

describe("the viewer with other tokens", () => {
	test("a read token lists rows but offers no writes", async () => {
		const { page, record, close } = await openViewer(browser, `#token=${READ}`);
		await eventually(async () => expect(await shownIds(page)).toContain("Brad"));
		expect(await textOf(page, "#scope")).toBe("read only");
		expect(await page.isVisible("#add")).toBe(false);
		expect(await page.isVisible("#session")).toBe(false);
		expect(await page.locator("#rows button").count()).toBe(0);
		expectClean(record);
		await close();
	});

	test("a wrong token shows the 401 detail, then the token field takes a good one", async () => {
		const { page, record, close } = await openViewer(browser, "#token=not-a-token");
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
		expectClean(record, ["401 GET /auth"]);
		await close();
	});

	test("with no token it asks for one", async () => {
		const { page, record, close } = await openViewer(browser);
		await page.locator("#token").waitFor({ state: "visible" });
		expect(await page.evaluate(() => document.activeElement?.id)).toBe("token");
		expect(await page.isVisible("#main")).toBe(false);
		expectClean(record);
		await close();
	});
});
