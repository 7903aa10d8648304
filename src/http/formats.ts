// Rows as text: the tutorial's __repr__ layout, one line per row.
import type { Row } from "../db/schema";

const MONTHS = [
	"January",
	"February",
	"March",
	"April",
	"May",
	"June",
	"July",
	"August",
	"September",
	"October",
	"November",
	"December",
];

/** Pad to `width` characters (code points), as Python's format spec `:{width}` does. */
const pad = (s: string, width: number) => s + " ".repeat(Math.max(0, width - Array.from(s).length));
const two = (n: number) => String(n).padStart(2, "0");

/** `time_stamp.strftime('%B %d %H:%M')`, in UTC. */
export function tutorialTime(timeStamp: string): string {
	const t = new Date(timeStamp);
	return `${MONTHS[t.getUTCMonth()]} ${two(t.getUTCDate())} ${two(t.getUTCHours())}:${two(t.getUTCMinutes())}`;
}

/** One row as the tutorial's `__repr__` prints it; a null user_data prints as `null`. */
export function textLine(row: Row): string {
	return `user_id=${pad(row.user_id, 8)}user_data=${pad(row.user_data ?? "null", 22)}time_stamp=${tutorialTime(row.time_stamp)}`;
}

export const textRows = (rows: Row[]) => rows.map((row) => `${textLine(row)}\n`).join("");
