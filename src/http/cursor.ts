// Opaque, signed keyset cursors: where the last page ended, in which order.
import { z } from "@hono/zod-openapi";
import type { Keyset } from "../engine/filters";
import type { Bindings } from "../env";
import { ORDERS, type Order } from "../schemas";
import { Problem } from "./problems";

const Cursor = z.strictObject({ o: z.enum(ORDERS), u: z.string(), t: z.string() });

const encoder = new TextEncoder();

const base64url = (bytes: Uint8Array) =>
	btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(""))
		.replaceAll("+", "-")
		.replaceAll("/", "_")
		.replace(/=+$/, "");

function fromBase64url(text: string): Uint8Array {
	const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
	return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}

const keys = new Map<string, Promise<CryptoKey>>();

/** The HMAC key that signs cursors, derived from the configured tokens (rotating them retires old cursors). */
function signingKey(env: Bindings): Promise<CryptoKey> {
	const secret = `userdata-cursor\u0000${env.WRITE_TOKEN ?? ""}\u0000${env.READ_TOKEN ?? ""}`;
	let key = keys.get(secret);
	if (!key) {
		key = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
			"sign",
			"verify",
		]);
		keys.set(secret, key);
	}
	return key;
}

export async function encodeCursor(env: Bindings, order: Order, last: Keyset): Promise<string> {
	const payload = encoder.encode(JSON.stringify({ o: order, u: last.user_id, t: last.time_stamp }));
	const signature = new Uint8Array(await crypto.subtle.sign("HMAC", await signingKey(env), payload));
	return `${base64url(payload)}.${base64url(signature)}`;
}

const INVALID = "The cursor is not one this service issued; pass back next_cursor exactly as received.";

export async function decodeCursor(env: Bindings, cursor: string, order: Order): Promise<Keyset> {
	let value: unknown;
	try {
		const [payload, signature, ...rest] = cursor.split(".");
		const bytes = fromBase64url(payload);
		const valid =
			rest.length === 0 && (await crypto.subtle.verify("HMAC", await signingKey(env), fromBase64url(signature), bytes));
		if (!valid) throw new Error("bad signature");
		value = JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes));
	} catch {
		throw new Problem(400, "invalid-cursor", INVALID);
	}
	const parsed = Cursor.safeParse(value);
	if (!parsed.success) throw new Problem(400, "invalid-cursor", INVALID);
	if (parsed.data.o !== order) {
		throw new Problem(400, "invalid-cursor", `The cursor belongs to order=${parsed.data.o}, not order=${order}.`);
	}
	return { user_id: parsed.data.u, time_stamp: parsed.data.t };
}
