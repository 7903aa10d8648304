// Idempotency keys (API.md § Retries): claimed in the batch of the write they belong to, answered again on a repeat.
import { sql } from "drizzle-orm";
import { idempotencyKey, idempotencyPart, idempotencyResult, NOW } from "../db/schema";
import { MAX_VALUE_BYTES } from "./chunks";
import { messageOf } from "./retry";
import { type Database, run } from "./run";
import { type Statement, statement } from "./statements";

/** How long a key is kept. */
export const KEY_TTL_S = 24 * 60 * 60;

/**
 * A request's key: `claimed` once a batch of its writes committed with the key's record in it (later batches of
 * the request leave it out); `raced` when the key was already claimed, by an earlier or concurrent request.
 */
export type Claim = {
	key: string;
	fingerprint: string;
	claimed: boolean;
	raced: boolean;
	/**
	 * The key was claimed by a batch that kept its results, and its answer was lost: the request's first batch that
	 * writes is not sent again but rebuilt from what it kept (src/engine/run.ts).
	 */
	recovering?: boolean;
};

/**
 * The statement that claims the key, saying whether the batch keeps its results (`captured`); a second claim of
 * the same key fails the batch on the primary key.
 */
export function claimStatement({ key, fingerprint }: Claim, captured: boolean): Statement {
	return statement(
		sql`INSERT INTO ${idempotencyKey} (key, fingerprint, created_at, expires_at, captured)
			VALUES (${key}, ${fingerprint}, ${NOW}, strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+' || ${KEY_TTL_S} || ' seconds'), ${captured ? 1 : 0})`,
		-1,
		"write",
	);
}

/** What a claiming batch kept, in order: each row of a statement's result, or its count. */
export type Kept = { operation: number; changes: number | null; row: string | null };

/** The results the batch that claimed the key kept, if it kept them; `fingerprint`: the request that claimed it. */
export async function keptResults(db: Database, key: string): Promise<{ fingerprint?: string; kept?: Kept[] }> {
	const [[record], kept] = (
		await run(db, [], {
			before: [
				statement(sql`SELECT fingerprint, captured FROM ${idempotencyKey} WHERE key = ${key}`, -1, "read"),
				statement(
					sql`SELECT operation, changes, row FROM ${idempotencyResult} WHERE key = ${key} ORDER BY s, i`,
					-1,
					"read",
				),
			],
		})
	).extras as [{ fingerprint: string; captured: number }[], Kept[]];
	return { fingerprint: record?.fingerprint, kept: record?.captured ? kept : undefined };
}

/** Whether `error` is a batch's failure to claim a key that was claimed already. */
export const claimedAlready = (error: unknown) =>
	/UNIQUE constraint failed: idempotency_key\.key/.test(messageOf(error));

export type Answer = { status: number; headers: Record<string, string>; body: Uint8Array };
/**
 * `created_at`: when the first request claimed the key (a repeat waits for its answer only while it may still run);
 * `captured`: its batch kept its results, so that its answer can be rebuilt.
 */
export type KeyRecord = { fingerprint: string; created_at: string; captured: boolean; answer?: Answer };

/** The key's record and, once saved, its first answer (the body still gzipped); undefined for an unknown key. */
export async function findKey(db: Database, key: string): Promise<KeyRecord | undefined> {
	// Through the engine, as every batch: a transient fault is retried, or answered 503.
	const [records, parts] = (
		await run(db, [], {
			before: [
				statement(
					sql`SELECT fingerprint, created_at, captured, status, headers FROM ${idempotencyKey} WHERE key = ${key} AND ${idempotencyKey.expires_at} > ${NOW}`,
					-1,
					"read",
				),
				statement(sql`SELECT bytes FROM ${idempotencyPart} WHERE key = ${key} ORDER BY n`, -1, "read"),
			],
		})
	).extras;
	const record = records[0] as
		| { fingerprint: string; created_at: string; captured: number; status: number | null; headers: string | null }
		| undefined;
	if (!record) return undefined;
	const { fingerprint, created_at } = record;
	const captured = record.captured === 1;
	if (record.status === null) return { fingerprint, created_at, captured };
	const chunks = (parts as { bytes: ArrayBuffer | number[] }[]).map((p) => new Uint8Array(p.bytes));
	const body = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
	let at = 0;
	for (const chunk of chunks) {
		body.set(chunk, at);
		at += chunk.length;
	}
	return {
		fingerprint,
		created_at,
		captured,
		answer: { status: record.status, headers: JSON.parse(record.headers ?? "{}"), body },
	};
}

/** Save the first answer of a claimed key: its status and headers, and its gzipped body in parts. */
export async function saveKeyAnswer(db: Database, key: string, answer: Answer) {
	const parts: Uint8Array[] = [];
	for (let at = 0; at < answer.body.length || parts.length === 0; at += MAX_VALUE_BYTES) {
		parts.push(answer.body.subarray(at, at + MAX_VALUE_BYTES));
	}
	const save = [
		...parts.map((bytes, n) =>
			statement(
				sql`INSERT OR REPLACE INTO ${idempotencyPart} (key, n, bytes) VALUES (${key}, ${n}, ${bytes})`,
				-1,
				"write",
			),
		),
		statement(
			sql`UPDATE ${idempotencyKey} SET status = ${answer.status}, headers = ${JSON.stringify(answer.headers)} WHERE key = ${key}`,
			-1,
			"write",
		),
	];
	// Saving the same answer twice is saving it once: a transient fault is retried whenever it came.
	await run(db, [], { before: save, repeatable: true });
}

/** Statements that remove expired keys, their answers and what their batches kept (the scheduled handler's). */
export const expiredKeys = () => [
	statement(
		sql`DELETE FROM ${idempotencyResult} WHERE key IN (SELECT key FROM ${idempotencyKey} WHERE ${idempotencyKey.expires_at} <= ${NOW})`,
		-1,
		"write",
	),
	statement(
		sql`DELETE FROM ${idempotencyPart} WHERE key IN (SELECT key FROM ${idempotencyKey} WHERE ${idempotencyKey.expires_at} <= ${NOW})`,
		-1,
		"write",
	),
	statement(sql`DELETE FROM ${idempotencyKey} WHERE ${idempotencyKey.expires_at} <= ${NOW}`, -1, "write"),
];
