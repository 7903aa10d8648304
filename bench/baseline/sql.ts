// The baseline's bulk SQL and its chunking, apart from index.ts so that `npm run bench:sql` can time the same
// statements (a Worker's main module may export only handlers).

/** Production D1 refuses a bound string over 1 MB: one JSON parameter per chunk stays under it. */
const MAX_VALUE_BYTES = 1_000_000;
export const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ','now')";
export const COLUMNS = "user_id, user_data, time_stamp";
export const INSERT = `INSERT INTO userdata (${COLUMNS}) SELECT value ->> 0, value ->> 1, ${NOW} FROM json_each(?)`;
export const UPDATE = `UPDATE userdata SET user_data = j.value ->> 1, time_stamp = ${NOW}
	FROM json_each(?) AS j WHERE userdata.user_id = j.value ->> 0`;

function utf8Length(s: string): number {
	let bytes = s.length;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c >= 0x80) bytes += c >= 0x800 && (c < 0xd800 || c > 0xdfff) ? 2 : 1;
	}
	return bytes;
}

/** `[user_id, user_data]` pairs as JSON arrays of at most MAX_VALUE_BYTES each. */
export function chunks(rows: { user_id: string; user_data?: string | null }[]): string[] {
	const out: string[] = [];
	let parts: string[] = [];
	let size = 2;
	for (const row of rows) {
		const text = JSON.stringify([row.user_id, row.user_data ?? null]);
		const bytes = utf8Length(text);
		if (parts.length > 0 && size + 1 + bytes > MAX_VALUE_BYTES) {
			out.push(`[${parts.join(",")}]`);
			parts = [];
			size = 2;
		}
		size += bytes + 1;
		parts.push(text);
	}
	if (parts.length > 0) out.push(`[${parts.join(",")}]`);
	return out;
}
