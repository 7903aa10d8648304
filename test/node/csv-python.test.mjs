// An independent reader: Python's csv module, at its default settings, reads every value of our CSV back.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { CSV_CORPUS } from "../csv-corpus.ts";

const base = inject("base");
const read = inject("read");
const write = inject("write");

const READER = `
import csv, io, json, sys
json.dump(list(csv.reader(io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", newline=""))), sys.stdout)
`;

/** The records `python3`'s csv.reader finds in `bytes`, given to it exactly as the service sent them. */
function pythonCsv(bytes) {
	return new Promise((resolve, reject) => {
		const python = spawn("python3", ["-c", READER], { stdio: ["pipe", "pipe", "pipe"] });
		let stdout = "";
		let stderr = "";
		python.stdout.on("data", (chunk) => {
			stdout += chunk;
		});
		python.stderr.on("data", (chunk) => {
			stderr += chunk;
		});
		python.once("error", reject);
		python.once("close", (code) =>
			code === 0 ? resolve(JSON.parse(stdout)) : reject(new Error(`python3 exited with ${code}:\n${stderr}`)),
		);
		python.stdin.end(bytes);
	});
}

/** The documented formula guard: one leading ' on a value that starts with = + - @ tab CR or '. */
const guarded = (value) => (/^[=+\-@\t\r']/.test(value) ? `'${value}` : value);

// A tag per run keeps these ids apart from any other test's rows in the shared service.
const tag = randomBytes(3).toString("hex");
const seeded = CSV_CORPUS.map(({ user_id, user_data }) => ({ user_id: `${user_id}~${tag}`, user_data }));
const only = new URLSearchParams(seeded.map((row) => ["user_id", row.user_id]));

const get = (path, headers = {}) =>
	fetch(`${base}${path}`, { headers: { authorization: `Bearer ${read}`, ...headers } });

/** The seeded rows as the service stores them (JSON), in user_id order. */
let stored;

beforeAll(async () => {
	const response = await fetch(`${base}/users?return=minimal`, {
		method: "POST",
		headers: { authorization: `Bearer ${write}`, "content-type": "application/json" },
		body: JSON.stringify(seeded),
	});
	expect(response.status, await response.text()).toBe(201);
	stored = (await (await get(`/users?${only}&limit=1000`)).json()).data;
});

describe("Python's csv.reader at its default settings", () => {
	it("the service stored the corpus as sent", () => {
		const sorted = [...seeded].sort((a, b) => Buffer.compare(Buffer.from(a.user_id), Buffer.from(b.user_id)));
		expect(stored.map(({ user_id, user_data }) => ({ user_id, user_data }))).toEqual(sorted);
	});

	const readings = [
		["GET /users?format=csv", `/users?format=csv&${only}&limit=1000`, {}],
		["GET /users with Accept: text/csv", `/users?${only}&limit=1000`, { accept: "text/csv" }],
		["GET /users/export?format=csv", `/users/export?format=csv&${only}`, {}],
	];
	for (const [name, path, headers] of readings) {
		it(`${name}: one record per row, every value back (modulo the formula guard)`, async () => {
			const response = await get(path, headers);
			expect(response.status).toBe(200);
			expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
			const records = await pythonCsv(Buffer.from(await response.arrayBuffer()));
			expect(records[0]).toEqual(["user_id", "user_data", "time_stamp"]);
			expect(records.slice(1)).toEqual(
				stored.map((row) => [guarded(row.user_id), guarded(row.user_data ?? ""), row.time_stamp]),
			);
			expect(records.length - 1).toBe(CSV_CORPUS.length);
		});
	}
});
