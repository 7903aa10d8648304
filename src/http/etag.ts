// Strong ETags derived from a row's whole content.
import type { Row } from "../db/schema";

const encoder = new TextEncoder();
const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** The first 18 bytes of the SHA-256 of the row's three columns, in base64url (24 characters, no padding). */
export async function etag(row: Row): Promise<string> {
	const bytes = encoder.encode(JSON.stringify([row.user_id, row.user_data, row.time_stamp]));
	const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
	// By hand, three bytes to four characters: btoa over a spread copy and two replaceAll cost more on every GET.
	let tag = '"';
	for (let i = 0; i < 18; i += 3) {
		const n = (hash[i] << 16) | (hash[i + 1] << 8) | hash[i + 2];
		tag += BASE64URL[n >>> 18] + BASE64URL[(n >>> 12) & 63] + BASE64URL[(n >>> 6) & 63] + BASE64URL[n & 63];
	}
	return `${tag}"`;
}

/**
 * Whether an If-None-Match (weak comparison) or If-Match (strong comparison, RFC 9110 13.1.1)
 * header names `tag`, or is `*`.
 */
export function matchesEtag(header: string, tag: string, comparison: "weak" | "strong"): boolean {
	return header
		.split(",")
		.map((t) => t.trim())
		.some((t) => t === "*" || t === tag || (comparison === "weak" && t === `W/${tag}`));
}
