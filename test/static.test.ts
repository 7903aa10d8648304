// The files the Worker serves from its static assets (wrangler.toml [assets]), loaded by the pool as wrangler dev loads them.
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call } from "./client";

/** Through the pool's loopback to the Worker's entry, as a browser's request arrives (the assets router included). */
const get = (path: string, headers: Record<string, string> = {}) =>
	exports.default.fetch(new Request(`http://userdata.test${path}`, { headers }));

describe("static assets", () => {
	it("GET /docs/scalar.js is the pinned Scalar bundle, through the Worker's middleware", async () => {
		const res = await get("/docs/scalar.js");
		expect(res.status).toBe(200);
		expect(res.headers.get("content-type")).toMatch(/^text\/javascript/);
		expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
		expect(res.headers.get("x-content-type-options")).toBe("nosniff");
		expect(res.headers.get("etag")).toMatch(/^"[0-9a-f]+"$/);
		const body = await res.text();
		expect(body.length).toBeGreaterThan(4_000_000);
		expect(body).toContain("createApiReference");
	});

	it("GET /viewer.js is the viewer's script", async () => {
		const res = await get("/viewer.js");
		expect(res.status).toBe(200);
		expect(res.headers.get("content-type")).toMatch(/^text\/javascript/);
		expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
		expect(await res.text()).toMatch(/^\/\/ @ts-check\n/);
	});

	it("answers 304 to a matching If-None-Match, still with the request id", async () => {
		const etag = (await get("/viewer.js")).headers.get("etag")!;
		const res = await get("/viewer.js", { "if-none-match": etag });
		expect(res.status).toBe(304);
		expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
		expect(await res.text()).toBe("");
	});

	it("the pages load their scripts from this origin under a CSP that allows nothing else", async () => {
		for (const [path, script] of [
			["/docs", "/docs/scalar.js"],
			["/", "/viewer.js"],
		]) {
			const res = await call(path, { token: null });
			expect(res.status).toBe(200);
			const csp = res.headers.get("content-security-policy") ?? "";
			const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
			expect(nonce, path).toBeTruthy();
			expect(csp).toContain("default-src 'none'");
			expect(csp).toContain("connect-src 'self'");
			const html = await res.text();
			expect(html).toContain(`nonce="${nonce}" src="${script}"`);
			expect(html, path).not.toMatch(/(src|href)="(https?:)?\/\//);
		}
	});
});
