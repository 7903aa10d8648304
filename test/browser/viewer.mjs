// What the viewer's browser tests share: the service's address and tokens, a client beside the browser, a watched
// tab on the viewer and the checks that it stayed clean.
import { expect, inject, vi } from "vitest";
import { watchedPage } from "./chromium.mjs";

export const base = inject("base");
export const READ = inject("read");
export const WRITE = inject("write");
/** What the browser opens: localhost, as in the URL `npm start` prints. */
export const viewerBase = inject("viewerBase");

/** A request to the service, as a client other than the browser would make it. */
export function call(path, { method = "GET", body, token = WRITE } = {}) {
	const headers = { authorization: `Bearer ${token}` };
	if (body !== undefined) headers["content-type"] = "application/json";
	return fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

export const eventually = (check) => vi.waitFor(check, { timeout: 15_000, interval: 50 });

export const shownIds = (page) =>
	page.$$eval("#rows tr[data-user-id]", (rows) => rows.map((row) => row.getAttribute("data-user-id")));

export const textOf = (page, selector) => page.locator(selector).textContent();

/** A fresh tab on the viewer, in which everything it should never do is recorded (see watchedPage). */
export async function openViewer(browser, hash = "") {
	const watched = await watchedPage(browser, new URL(viewerBase).origin);
	await watched.page.goto(`${viewerBase}/${hash}`);
	return watched;
}

/**
 * Nothing went wrong in the tab: no console or page error, no CSP violation, no failed request, no request to
 * another origin; and the only non-2xx answers are the `expected` ones (Chrome logs each as a console error).
 */
export function expectClean(record, expected = []) {
	expect(record.problems).toEqual([]);
	expect(record.offsite).toEqual([]);
	expect(record.answers).toEqual(expected);
	expect(record.failedLoads).toEqual(expected.map((answer) => Number(answer.split(" ")[0])));
}
