// The request body limit: 413 over MAX_BODY_BYTES, whether the body declares its size (Content-Length) or streams in
// (chunked), and an oversized streamed body read to its end before the 413 is sent (docs/api.md, "Oversized bodies").
import type { MiddlewareHandler } from "hono";
import { MAX_BODY_BYTES } from "../schemas";
import { Problem } from "./problems";
import { bodyIncomplete } from "./request";

/**
 * How long the rest of a streamed body past the limit is read and dropped before the 413. Answering with the rest
 * unread makes workerd close the connection under the answer, and `wrangler dev`'s proxy then fails the next
 * request it sends on that connection; read to its end, the body leaves the connection clean. A time, not a byte
 * count: a body that ends just past a byte count would leave the same few MiB unread every time.
 */
const DRAIN_MS = 5_000;

const tooLarge = () =>
	new Problem(413, "body-too-large", `The body is over the limit of ${MAX_BODY_BYTES} bytes (32 MiB).`);

export const limitBody: MiddlewareHandler = async (c, next) => {
	const body = c.req.raw.body;
	if (!body) return next();
	const declared = c.req.header("content-length");
	if (declared !== undefined && !c.req.header("transfer-encoding")) {
		// Refused before a byte is read: the client is still sending, so the connection is not reused.
		if (Number.parseInt(declared, 10) > MAX_BODY_BYTES) throw tooLarge();
		return next();
	}
	const reader = body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read().catch(() => {
			throw bodyIncomplete();
		});
		if (done) break;
		size += value.byteLength;
		if (size > MAX_BODY_BYTES) {
			await drain(reader);
			throw tooLarge();
		}
		chunks.push(value);
	}
	c.req.raw = new Request(c.req.raw, { body: new Blob(chunks) });
	return next();
};

/** Read the rest of the body and drop it, for at most DRAIN_MS; then cancel what is left. */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const late = new Promise<"late">((resolve) => {
		timer = setTimeout(() => resolve("late"), DRAIN_MS);
	});
	try {
		for (;;) {
			const result = await Promise.race([reader.read(), late]);
			if (result === "late") break;
			if (result.done) return;
		}
		await reader.cancel();
	} catch {
		// The client went away while we read: there is nothing left to leave unread.
	} finally {
		clearTimeout(timer);
	}
}
