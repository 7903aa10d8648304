// POST /transactions: many operations, in order, in one atomic D1 batch.
import { createRoute, z } from "@hono/zod-openapi";
import { answers, run } from "../engine/run";
import { Api, jsonBody } from "../http/api";
import { recordDatabase, statementLimit } from "../http/database";
import { withDryRun } from "../http/failures";
import { BAD_BODY, DryRun, json, NOT_FOUND, OperationResults, problem, WRITE_AUTH } from "../http/responses";
import { Headers, MAX_OPERATIONS, NoQuery, Transaction } from "../schemas";

const Results = z
	.object({
		results: OperationResults.openapi({
			description: "One per operation: {count} for a write or expect, {data} for a select.",
		}),
	})
	.openapi("Results");

const route = createRoute({
	method: "post",
	path: "/",
	operationId: "runTransaction",
	tags: ["transactions"],
	summary: `Run up to ${MAX_OPERATIONS} operations in order, atomically`,
	description:
		"Every operation takes effect or none does; a select sees the writes before it. dry_run: true runs everything and rolls it back.",
	request: {
		query: NoQuery,
		headers: Headers,
		body: {
			required: true,
			content: {
				"application/json": {
					schema: Transaction,
					example: { operations: [{ op: "select", where: { user_id: ["Brad"] } }] },
				},
			},
		},
	},
	responses: {
		200: json(z.union([Results, DryRun]), "One result per operation, or a dry run's verdict"),
		...BAD_BODY,
		422: problem(
			422,
			["invalid-body", "unfiltered-mass-write"],
			"Well-formed but invalid, or a mass write with no filter",
		),
		...WRITE_AUTH,
		...NOT_FOUND,
		409: problem(
			409,
			["already-exists", "duplicate-ids", "expectation-failed"],
			"An insert conflicts, or an expect fails",
		),
	},
});

export const transactions = new Api().openapi(route, async (c) => {
	const tx = jsonBody(c, route);
	try {
		const { results } = await run(
			c.var.db,
			tx.operations.map((operation) => ({ operation })),
			{
				dryRun: tx.dry_run,
				numbered: true,
				limit: statementLimit(c.env),
				claim: c.var.claim,
				record: (meta) => recordDatabase(c, meta),
			},
		);
		if (tx.dry_run) return c.json({ dry_run: true as const, ok: true as const }, 200);
		return c.json(
			{
				results: answers(
					tx.operations.map((op) => op.op),
					results,
				),
			},
			200,
		);
	} catch (error) {
		throw withDryRun(error, tx);
	}
});
