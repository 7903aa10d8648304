// POST /transactions: many operations, in order, in one atomic D1 batch.
import { Hono } from "hono";
import { run } from "../engine/run";
import type { AppEnv } from "../env";
import { recordDatabase } from "../http/database";
import { Problem } from "../http/problems";
import { checkSize, parse, readBody, readQuery, rejectDuplicates } from "../http/request";
import { type Operation, Transaction } from "../schemas";

const idsOf = (op: Operation): string[] =>
	op.op === "insert" || op.op === "upsert" || op.op === "update"
		? op.rows.map((r) => r.user_id)
		: op.op === "delete"
			? op.user_ids
			: [];

/** The transaction, validated: a validation problem names the operation its first error is in. */
function validate(body: unknown): Transaction {
	try {
		return parse(Transaction, body, "body");
	} catch (error) {
		const path = error instanceof Problem ? error.extensions.errors?.[0]?.path.split(".") : undefined;
		if (error instanceof Problem && path?.[0] === "operations" && /^\d+$/.test(path[1] ?? "")) {
			throw error.at(Number(path[1]));
		}
		throw error;
	}
}

export const transactions = new Hono<AppEnv>().post("/", async (c) => {
	readQuery(c, []);
	const body = await readBody(c);
	try {
		checkSize(body);
		const tx = validate(body);
		tx.operations.forEach((op, i) => {
			rejectDuplicates(idsOf(op), i);
		});
		const { results } = await run(
			c.var.db,
			tx.operations.map((operation) => ({ operation })),
			{ dryRun: tx.dry_run, numbered: true, record: (meta) => recordDatabase(c, meta) },
		);
		if (tx.dry_run) return c.json({ dry_run: true, ok: true });
		return c.json({
			results: results.map((r, i) => (tx.operations[i].op === "select" ? { data: r.data } : { count: r.count })),
		});
	} catch (error) {
		// A dry run's problem says so, whichever step found it.
		if ((body as { dry_run?: unknown })?.dry_run === true && error instanceof Problem) {
			throw new Problem(error.status, error.type, error.detail, { ...error.extensions, dry_run: true }, error.headers);
		}
		throw error;
	}
});
