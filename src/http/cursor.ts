// Opaque keyset cursors: where the last page ended, in which order.
import { z } from "@hono/zod-openapi";
import type { Keyset } from "../engine/filters";
import { ORDERS, type Order } from "../schemas";
import { Problem } from "./problems";

const Cursor = z.strictObject({ o: z.enum(ORDERS), u: z.string(), t: z.string() });

const toBase64Url = (s: string) =>
	btoa(String.fromCharCode(...new TextEncoder().encode(s)))
		.replaceAll("+", "-")
		.replaceAll("/", "_")
		.replace(/=+$/, "");

export function encodeCursor(order: Order, last: Keyset): string {
	return toBase64Url(JSON.stringify({ o: order, u: last.user_id, t: last.time_stamp }));
}

export function decodeCursor(cursor: string, order: Order): Keyset {
	let value: unknown;
	try {
		const binary = atob(cursor.replaceAll("-", "+").replaceAll("_", "/"));
		value = JSON.parse(
			new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(
				Uint8Array.from(binary, (ch) => ch.charCodeAt(0)),
			),
		);
	} catch {
		throw new Problem(400, "invalid-cursor", "The cursor is malformed; pass back next_cursor exactly as received.");
	}
	const parsed = Cursor.safeParse(value);
	if (!parsed.success)
		throw new Problem(400, "invalid-cursor", "The cursor is malformed; pass back next_cursor exactly as received.");
	if (parsed.data.o !== order) {
		throw new Problem(400, "invalid-cursor", `The cursor belongs to order=${parsed.data.o}, not order=${order}.`);
	}
	return { user_id: parsed.data.u, time_stamp: parsed.data.t };
}
