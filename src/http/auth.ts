// Bearer-token auth with a read and a write scope; fails closed when no token is configured.
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { Problem } from "./problems";

const encoder = new TextEncoder();
const digest = (token: string) => crypto.subtle.digest("SHA-256", encoder.encode(token));

const tokens = (value: string | undefined) =>
	(value ?? "")
		.split(",")
		.map((t) => t.trim())
		.filter(Boolean);

const digests = new Map<string, Promise<ArrayBuffer[]>>();

/** The configured tokens' digests, computed once per isolate for each configured value. */
function digestsOf(configured: string | undefined): Promise<ArrayBuffer[]> {
	const key = configured ?? "";
	let found = digests.get(key);
	if (!found) {
		found = Promise.all(tokens(key).map(digest));
		digests.set(key, found);
	}
	return found;
}

/** Whether the given token's digest is one of the configured ones, in time that does not depend on where they differ. */
function isOneOf(given: ArrayBuffer, configured: ArrayBuffer[]): boolean {
	let found = false;
	for (const candidate of configured) {
		if (crypto.subtle.timingSafeEqual(given, candidate)) found = true;
	}
	return found;
}

const CHALLENGE = { "www-authenticate": 'Bearer realm="userdata"' };

const READ_METHODS = new Set(["GET", "HEAD"]);

export const auth = createMiddleware<AppEnv>(async (c, next) => {
	// Per isolate, not per request: the configured tokens' digests (their count says whether any is configured).
	const write = await digestsOf(c.env.WRITE_TOKEN);
	const read = await digestsOf(c.env.READ_TOKEN);
	if (read.length === 0 && write.length === 0) {
		throw new Problem(
			503,
			"no-tokens-configured",
			"The service has no API token configured, so it refuses every request. Set READ_TOKEN and WRITE_TOKEN (wrangler secret put, or .dev.vars locally).",
		);
	}
	const match = /^Bearer +([^\s,]+) *$/i.exec(c.req.header("authorization") ?? "");
	if (!match) {
		throw new Problem(401, "unauthorized", "Send the header Authorization: Bearer <token>.", {}, CHALLENGE);
	}
	// One digest of the given token, compared with every configured one.
	const given = await digest(match[1]);
	const canWrite = isOneOf(given, write);
	const canRead = canWrite || isOneOf(given, read);
	if (!canRead) {
		throw new Problem(
			401,
			"unauthorized",
			"The bearer token is not valid.",
			{},
			{
				"www-authenticate": 'Bearer realm="userdata", error="invalid_token"',
			},
		);
	}
	if (!canWrite && !READ_METHODS.has(c.req.method)) throw forbidden("writes need a write token");
	c.set("scope", canWrite ? "write" : "read");
	await next();
});

const forbidden = (what: string) =>
	new Problem(
		403,
		"forbidden",
		`This token has the read scope only; ${what}.`,
		{},
		{ "www-authenticate": 'Bearer realm="userdata", error="insufficient_scope", scope="write"' },
	);

/** After auth: the routes every method of which needs the write scope (sessions, even their reads). */
export const writeScope = createMiddleware<AppEnv>(async (c, next) => {
	if (c.var.scope !== "write") throw forbidden("sessions need a write token, to read them too");
	await next();
});
