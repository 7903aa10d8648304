// Packs many values into JSON arrays that each stay within one D1 bound value's size.

/** Production D1 refuses a bound string over 1 MB (local D1 allows 2 MB): stay under it. */
export const MAX_VALUE_BYTES = 1_000_000;

const NON_ASCII = /[^\0-\x7f]/;

/** UTF-8 length of a string without encoding it. */
export function utf8Length(s: string): number {
	// A native scan first: most chunks are ASCII, and then the length is the count of characters.
	if (!NON_ASCII.test(s)) return s.length;
	let bytes = s.length;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c >= 0x80) bytes += c >= 0x800 && (c < 0xd800 || c > 0xdfff) ? 2 : 1;
	}
	return bytes;
}

/** One JSON array text of `count` values. */
export type Chunk = { json: string; count: number };

/**
 * Split `values` into JSON array texts of at most `maxBytes` UTF-8 bytes each, in order.
 * Whole slices are stringified at once (one JSON.stringify per chunk, not per value), each slice
 * sized from the bytes per value of the last; a slice that comes out too large is cut and redone.
 * Every value must fit alone; a single row is at most a few kilobytes.
 */
export function jsonChunks(values: readonly unknown[], maxBytes = MAX_VALUE_BYTES): Chunk[] {
	const chunks: Chunk[] = [];
	if (values.length === 0) return chunks;
	/** All that remain if they should fit, else a little under the limit, so that a slice seldom needs redoing. */
	const next = (bytesPerValue: number, remaining: number) =>
		remaining * bytesPerValue <= maxBytes ? remaining : Math.max(1, Math.floor((maxBytes * 0.97) / bytesPerValue));
	// The first slice is sized from a sample (the rows of a body are mostly alike), the others from the last slice.
	const sample = values.slice(0, 64);
	let take = next(utf8Length(JSON.stringify(sample)) / sample.length, values.length);
	for (let start = 0; start < values.length; ) {
		let count = Math.min(take, values.length - start);
		let text = JSON.stringify(values.slice(start, start + count));
		let bytes = utf8Length(text);
		while (bytes > maxBytes) {
			if (count === 1) throw new RangeError(`one value is ${bytes} bytes of JSON, over ${maxBytes}`);
			count = Math.max(1, Math.min(count - 1, Math.floor((count * maxBytes) / bytes)));
			text = JSON.stringify(values.slice(start, start + count));
			bytes = utf8Length(text);
		}
		chunks.push({ json: text, count });
		start += count;
		take = next(bytes / count, values.length - start);
	}
	return chunks;
}
