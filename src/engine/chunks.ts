// Packs many values into JSON arrays that each stay within one D1 bound value's size.

/** Production D1 refuses a bound string over 1 MB (local D1 allows 2 MB): stay under it. */
export const MAX_VALUE_BYTES = 1_000_000;

/** UTF-8 length of a string without encoding it. */
export function utf8Length(s: string): number {
	let bytes = s.length;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c >= 0x80) bytes += c >= 0x800 && (c < 0xd800 || c > 0xdfff) ? 2 : 1;
	}
	return bytes;
}

/**
 * Split `values` into JSON array texts of at most `maxBytes` UTF-8 bytes each, in order.
 * Every value must fit alone; a single row is at most a few kilobytes.
 */
export function jsonChunks(values: readonly unknown[], maxBytes = MAX_VALUE_BYTES): string[] {
	const chunks: string[] = [];
	let parts: string[] = [];
	let size = 2; // the brackets
	for (const value of values) {
		const text = JSON.stringify(value);
		const bytes = utf8Length(text);
		if (parts.length > 0 && size + 1 + bytes > maxBytes) {
			chunks.push(`[${parts.join(",")}]`);
			parts = [];
			size = 2;
		}
		size += (parts.length > 0 ? 1 : 0) + bytes;
		parts.push(text);
	}
	if (parts.length > 0) chunks.push(`[${parts.join(",")}]`);
	return chunks;
}
