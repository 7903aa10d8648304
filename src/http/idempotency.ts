// Idempotency-Key on writes (API.md § Retries): a repeat of a request answers its first success again.
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { type Answer, type Claim, findKey, type KeyRecord, saveKeyAnswer } from "../engine/idempotency";
import type { AppEnv } from "../env";
import { problemOf } from "./failures";
import { Problem } from "./problems";
import { bodyBytes } from "./request";

export const IDEMPOTENCY_KEY = "idempotency-key";
const KEY = /^[\x20-\x7e]{1,255}$/;
const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** The first answer's headers a repeat gets too (the rest are the repeat's own: request id, timing, bookmark). */
const KEPT = ["content-type", "etag", "location", "link", "x-total-count"];
/** How long a repeat waits for a first request still running, and how often it looks. */
const WAIT_MS = 10_000;
const POLL_MS = 100;

const hex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");

/** SHA-256 of the request: method, path, query and body. */
async function fingerprint(c: Context): Promise<string> {
	const url = new URL(c.req.url);
	const head = new TextEncoder().encode(`${c.req.method} ${url.pathname}${url.search}\n`);
	const body = new Uint8Array(await bodyBytes(c));
	const all = new Uint8Array(head.length + body.length);
	all.set(head);
	all.set(body, head.length);
	return hex(await crypto.subtle.digest("SHA-256", all));
}

const gzip = async (bytes: Uint8Array) =>
	new Uint8Array(
		await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip"))).arrayBuffer(),
	);
const gunzip = (bytes: Uint8Array) => new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));

/** The first answer again, marked as a replay. */
function replay(c: Context, answer: Answer): Response {
	const headers = new Headers(answer.headers);
	headers.set("idempotent-replayed", "true");
	// Middleware that ran before this one (request id, timing, secure headers) set theirs on c.header.
	c.res.headers.forEach((value, name) => {
		if (!headers.has(name)) headers.set(name, value);
	});
	const body = answer.status === 204 || answer.status === 304 ? null : gunzip(answer.body);
	return new Response(body, { status: answer.status, headers });
}

/** The answer of a key whose first request is still running, once it has one; 409 if it has none in time. */
async function waitForAnswer(c: Context<AppEnv>, key: string, fingerprint: string, found?: KeyRecord) {
	const deadline = Date.now() + WAIT_MS;
	let record = found;
	for (;;) {
		if (record && record.fingerprint !== fingerprint) {
			throw new Problem(
				422,
				"idempotency-key-reused",
				"This Idempotency-Key was sent with another request (method, path, query or body); use a new key for a new request.",
			);
		}
		if (record?.answer) return replay(c, record.answer);
		// A first request older than the wait has ended: its answer was not kept, and waiting will not bring it.
		const ended = record !== undefined && Date.parse(record.created_at) < Date.now() - WAIT_MS;
		if (ended || Date.now() > deadline) throw problemOf({ kind: "idempotency-key-in-use" });
		await new Promise((resolve) => setTimeout(resolve, POLL_MS));
		record = await findKey(c.var.db, key);
	}
}

/**
 * On a write with an Idempotency-Key: a known key answers its first success again (or 422 for another request
 * with it); a new one is claimed in the batch of the write (src/engine/run.ts), and the answer kept after a success.
 */
export const idempotency = createMiddleware<AppEnv>(async (c, next) => {
	const key = c.req.header(IDEMPOTENCY_KEY);
	if (key === undefined || !WRITES.has(c.req.method)) return next();
	if (!KEY.test(key)) {
		throw new Problem(400, "invalid-idempotency-key", "Idempotency-Key must be 1 to 255 printable ASCII characters.");
	}
	const print = await fingerprint(c);
	const found = await findKey(c.var.db, key);
	// Its first request committed, kept its results, and has no answer saved (it ended before it could, or is
	// saving it now): this request answers again from what its batch kept (src/engine/run.ts).
	const recovering = found !== undefined && !found.answer && found.captured && found.fingerprint === print;
	if (found && !recovering) {
		c.res = await waitForAnswer(c, key, print, found);
		return;
	}
	const claim: Claim = { key, fingerprint: print, claimed: false, raced: false, recovering };
	c.set("claim", claim);
	await next();
	// Claimed meanwhile by a concurrent request with the same key: answer as it does.
	if (claim.raced) {
		c.res = await waitForAnswer(c, key, print);
		return;
	}
	if (recovering) {
		// The answer rebuilt is the first answer, not this request's: a failure on the way there (the row changed
		// since, for a precondition read before the batch) cannot be told to a client whose write was applied.
		// A success without a batch is the route's own replay of the first answer (a committed session's).
		if (c.res.status >= 300) {
			c.res = await waitForAnswer(c, key, print, found);
			return;
		}
		c.res.headers.set("idempotent-replayed", "true");
	} else if (!claim.claimed) return;
	if (c.res.status >= 300) return;
	const headers: Record<string, string> = {};
	for (const name of KEPT) {
		const value = c.res.headers.get(name);
		if (value !== null) headers[name] = value;
	}
	const body = await gzip(new Uint8Array(await c.res.clone().arrayBuffer()));
	try {
		await saveKeyAnswer(c.var.db, key, { status: c.res.status, headers, body });
	} catch (error) {
		// The write is done and this is its answer; a repeat will find the key without one (docs/api.md: the one gap).
		console.error(
			JSON.stringify({ request_id: c.var.requestId, idempotency: "answer not kept", error: String(error) }),
		);
	}
});
