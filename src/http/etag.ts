// Strong ETags derived from a row's whole content.
import type { Row } from "../db/schema";

export async function etag(row: Row): Promise<string> {
	const bytes = new TextEncoder().encode(JSON.stringify([row.user_id, row.user_data, row.time_stamp]));
	const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
	return `"${btoa(String.fromCharCode(...hash.slice(0, 18)))
		.replaceAll("+", "-")
		.replaceAll("/", "_")}"`;
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
