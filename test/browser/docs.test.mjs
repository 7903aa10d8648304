// GET /docs in a real browser that can reach nothing but the service: the API reference works offline, under its CSP.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { scalarSource } from "../../scripts/assets.mjs";
import { launch, watchedPage } from "./chromium.mjs";

const SCREENSHOT = "/tmp/docs.png";
const base = inject("base");
const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");

let browser;

beforeAll(async () => {
	browser = await launch();
});

afterAll(async () => {
	await browser?.close();
});

describe("the API reference", () => {
	test("GET /docs is a page that allows only its own scripts and this origin", async () => {
		const response = await fetch(`${base}/docs`);
		expect(response.status).toBe(200);
		expect(response.headers.get("content-type")).toMatch(/^text\/html/);
		expect(response.headers.get("cache-control")).toBe("no-store");
		expect(response.headers.get("x-request-id")).toBeTruthy();
		const csp = response.headers.get("content-security-policy");
		expect(csp.replace(/'nonce-[^']+'/g, "'nonce-…'")).toBe(
			"default-src 'none'; script-src 'nonce-…'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:; " +
				"form-action 'none'; base-uri 'none'; frame-ancestors 'none'",
		);
		const html = await response.text();
		expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
		expect(html).toContain('src="/docs/scalar.js"');
	});

	test("GET /docs/scalar.js is the pinned package's bundle, byte for byte, through the Worker's middleware", async () => {
		const response = await fetch(`${base}/docs/scalar.js`);
		expect(response.status).toBe(200);
		expect(response.headers.get("content-type")).toMatch(/^text\/javascript/);
		expect(response.headers.get("x-request-id")).toBeTruthy();
		expect(response.headers.get("x-content-type-options")).toBe("nosniff");
		expect(sha256(new Uint8Array(await response.arrayBuffer()))).toBe(sha256(readFileSync(scalarSource())));
		const again = await fetch(`${base}/docs/scalar.js`, {
			headers: { "if-none-match": response.headers.get("etag") },
		});
		expect(again.status).toBe(304);
	});

	test("renders every endpoint with every other origin blocked, and breaks no rule", async () => {
		const { paths } = await (await fetch(`${base}/openapi.json`)).json();
		const summaries = Object.values(paths).flatMap((operations) => Object.values(operations).map((op) => op.summary));
		expect(summaries.length).toBeGreaterThan(10);

		const origin = new URL(base).origin;
		const { page, record, close } = await watchedPage(browser, origin);
		const requests = [];
		page.on("request", (request) => requests.push(`${request.method()} ${request.url()}`));
		await page.goto(`${base}/docs`);
		// The sidebar lists every operation by its summary.
		const sidebar = page.locator("aside, nav").first();
		for (const summary of summaries) {
			await expect.poll(() => sidebar.getByText(summary, { exact: true }).first().isVisible()).toBe(true);
		}
		// Scalar renders an operation as it scrolls into view.
		await sidebar.getByText(paths["/transactions"].post.summary, { exact: true }).first().click();
		const card = page.locator(".scalar-card-header-title", { hasText: "/transactions" }).first();
		await expect.poll(() => card.isVisible()).toBe(true);
		// "Request Example for", the method (upper-cased by CSS), the path.
		expect(await card.textContent()).toMatch(/\bpost\s*\/transactions$/i);
		await page.screenshot({ path: SCREENSHOT });

		expect(record.offsite).toEqual([]);
		expect(record.problems).toEqual([]);
		expect(record.answers).toEqual([]);
		expect(requests).toEqual([`GET ${origin}/docs`, `GET ${origin}/docs/scalar.js`, `GET ${origin}/openapi.json`]);
		await close();
	});
});
