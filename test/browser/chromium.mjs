// Debian's chromium through playwright-core, and a record of everything a page should never do.
import { chromium } from "playwright-core";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const launch = () =>
	chromium.launch({
		executablePath: CHROMIUM,
		args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
	});

/** Chrome's console error for an answer that is not 2xx; a fetch that gets one is no error of the page's. */
const FAILED_LOAD = /^Failed to load resource: the server responded with a status of (\d+) /;

/**
 * A new page in its own context, on which every request to an origin other than `origin` is aborted, and recorded:
 * - `offsite`: each such request (none should even be attempted);
 * - `problems`: console errors, page errors, CSP violations (the securitypolicyviolation event), failed requests;
 * - `answers`: every non-2xx answer, as "status METHOD path?query", and Chrome's console error for each.
 */
export async function watchedPage(browser, origin) {
	const context = await browser.newContext();
	const record = { offsite: [], problems: [], answers: [], failedLoads: [] };
	await context.route("**/*", (route) => {
		const url = route.request().url();
		if (new URL(url).origin === origin) return route.continue();
		record.offsite.push(`${route.request().method()} ${url}`);
		return route.abort("blockedbyclient");
	});
	const page = await context.newPage();
	await page.exposeBinding("reportViolation", (_source, violation) => record.problems.push(`CSP: ${violation}`));
	await page.addInitScript(() =>
		document.addEventListener("securitypolicyviolation", (event) =>
			window.reportViolation(
				`${event.effectiveDirective} blocked ${event.blockedURI || "(inline)"} at ${event.sourceFile}:${event.lineNumber}`,
			),
		),
	);
	page.on("pageerror", (error) => record.problems.push(`pageerror: ${error.message}`));
	page.on("console", (message) => {
		if (message.type() !== "error") return;
		const failed = FAILED_LOAD.exec(message.text());
		if (failed) record.failedLoads.push(Number(failed[1]));
		else record.problems.push(`console: ${message.text()}`);
	});
	page.on("requestfailed", (request) =>
		record.problems.push(`request failed: ${request.method()} ${request.url()} ${request.failure()?.errorText}`),
	);
	page.on("response", (response) => {
		if (response.status() < 400) return;
		const url = new URL(response.url());
		record.answers.push(`${response.status()} ${response.request().method()} ${url.pathname}${url.search}`);
	});
	return { page, record, close: () => context.close() };
}
