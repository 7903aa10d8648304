// /sessions: the tutorial's Session across requests — open, stage, look at the pending rows, commit or roll back.
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { EngineError } from "../engine/failures";
import { answers, type DatabaseMeta } from "../engine/run";
import { commit, getSession, openSession, pendingView, rollback, saveAnswer, stage } from "../engine/sessions";
import type { AppEnv } from "../env";
import { Api, header, jsonBody } from "../http/api";
import { recordDatabase, statementLimit } from "../http/database";
import { withDryRun } from "../http/failures";
import { BAD_BODY, BAD_QUERY, DryRun, json, OperationResults, problem, WRITE_AUTH } from "../http/responses";
import {
	CommitQuery,
	Headers,
	ListQuery,
	NoQuery,
	OpenSession,
	SESSION_TTL_S,
	Session,
	SessionIdPath,
	Stage,
} from "../schemas";
import { LIST_QUERY_PROBLEMS, listPage, NOT_ACCEPTABLE, PAGE } from "./list";

/** D1's figures of every batch, for Server-Timing and the request log. */
const recorder = (c: Context<AppEnv>) => ({
	record: (meta: DatabaseMeta) => recordDatabase(c, meta),
	claim: c.var.claim,
});

const GONE = { 404: problem(404, ["session-not-found"], "No such session: rolled back, expired, or never opened") };
const SESSION_PATH = "/{session_id}";
const Committed = z
	.object({
		state: z.literal("committed"),
		results: OperationResults.nullable().openapi({
			description:
				"One per staged operation, as POST /transactions answers; null if the first commit's answer was lost (the Worker stopped between committing and saving it).",
		}),
	})
	.openapi("Committed");
const CONFLICTS = ["already-exists", "expectation-failed", "session-changed", "session-committed"];

const openRoute = createRoute({
	method: "post",
	path: "/",
	operationId: "openSession",
	tags: ["sessions"],
	summary: "Open a session",
	description: `It expires ttl_s (${SESSION_TTL_S.min}–${SESSION_TTL_S.max}, default ${SESSION_TTL_S.default}) seconds after its last change.`,
	request: {
		query: NoQuery,
		headers: Headers,
		body: { required: false, content: { "application/json": { schema: OpenSession, example: { ttl_s: 600 } } } },
	},
	responses: {
		201: json(Session, "The new session", { Location: header("The session's path.", true) }),
		...BAD_BODY,
		...WRITE_AUTH,
		429: problem(429, ["too-many-sessions"], "Too many sessions are open", {
			"Retry-After": header("Seconds to wait before trying again.", true),
		}),
	},
});

const stageRoute = createRoute({
	method: "post",
	path: `${SESSION_PATH}/operations`,
	operationId: "stageOperations",
	tags: ["sessions"],
	summary: "Stage operations: validated now, applied at commit",
	request: {
		params: SessionIdPath,
		query: NoQuery,
		headers: Headers,
		body: {
			required: true,
			content: {
				"application/json": {
					schema: Stage,
					example: { operations: [{ op: "insert", rows: [{ user_id: "Brad", user_data: "Brad's data" }] }] },
				},
			},
		},
	},
	responses: {
		200: json(Session, "The session, its counts updated"),
		...BAD_BODY,
		413: problem(
			413,
			[
				"body-too-large",
				"too-many-rows",
				"too-many-operations",
				"too-many-statements",
				"filter-too-large",
				"too-many-staged-rows",
			],
			"Over a request's limits, or more than a session may stage",
		),
		422: problem(422, ["invalid-body", "unfiltered-mass-write"], "Well-formed but invalid"),
		...WRITE_AUTH,
		...GONE,
		409: problem(
			409,
			["duplicate-ids", "session-committed", "session-changed"],
			"An id twice, or the session is committed",
		),
	},
});

const commitRoute = createRoute({
	method: "post",
	path: `${SESSION_PATH}/commit`,
	operationId: "commitSession",
	tags: ["sessions"],
	summary: "Commit: apply every staged operation in order, atomically",
	description:
		"Every precondition is checked now, against the table as it is. A failure changes nothing and leaves the session open; committing a committed session answers the same again.",
	request: { params: SessionIdPath, query: CommitQuery, headers: Headers },
	responses: {
		200: json(z.union([Committed, DryRun]), "The results, one per staged operation, or a dry run's verdict"),
		...BAD_QUERY,
		...WRITE_AUTH,
		404: problem(404, ["session-not-found", "not-found"], "No such session, or a staged operation's row is missing"),
		409: problem(409, CONFLICTS, "A staged operation's precondition fails now"),
	},
});

export const sessions = new Api()
	.openapi(openRoute, async (c) => {
		const body = c.req.valid("json" as never) as z.output<typeof OpenSession> | undefined;
		const opened = await openSession(c.var.db, body?.ttl_s ?? SESSION_TTL_S.default, recorder(c));
		c.header("Location", `/sessions/${opened.session_id}`);
		return c.json(opened, 201);
	})

	.openapi(
		createRoute({
			method: "get",
			path: SESSION_PATH,
			operationId: "getSession",
			tags: ["sessions"],
			summary: "The session: its state and what it has staged",
			request: { params: SessionIdPath, query: NoQuery, headers: Headers },
			responses: { 200: json(Session, "The session"), ...BAD_QUERY, ...WRITE_AUTH, ...GONE },
		}),
		async (c) => c.json(await getSession(c.var.db, c.req.valid("param").session_id, recorder(c)), 200),
	)

	.openapi(stageRoute, async (c) => {
		const { operations } = jsonBody(c, stageRoute);
		const staged = await stage(
			c.var.db,
			c.req.valid("param").session_id,
			operations,
			statementLimit(c.env),
			recorder(c),
		);
		return c.json(staged, 200);
	})

	.openapi(
		createRoute({
			method: "get",
			path: `${SESSION_PATH}/users`,
			operationId: "listSessionUsers",
			tags: ["sessions"],
			summary: "The pending view: the table as it will be if the session commits now",
			description:
				"The committed rows with every staged operation applied in order; every filter, order, page, count and format of GET /users.",
			request: { params: SessionIdPath, query: ListQuery, headers: Headers },
			responses: {
				200: PAGE,
				400: problem(400, [...LIST_QUERY_PROBLEMS], "A query parameter is malformed"),
				...WRITE_AUTH,
				404: problem(404, ["session-not-found", "not-found"], "No such session, or a commit now would miss a row"),
				...NOT_ACCEPTABLE,
				409: problem(409, CONFLICTS, "A commit now would fail"),
				413: problem(413, ["filter-too-large"], "The user_id filter is over 1,000,000 bytes of JSON"),
			},
		}),
		(c) =>
			listPage(c, c.req.valid("query"), (reads) =>
				pendingView(c.var.db, c.req.valid("param").session_id, reads, statementLimit(c.env), recorder(c)),
			),
	)

	.openapi(commitRoute, async (c) => {
		const { session_id } = c.req.valid("param");
		const dryRun = c.req.valid("query").dry_run === "true";
		try {
			const done = await commit(c.var.db, session_id, statementLimit(c.env), { dryRun, ...recorder(c) });
			// A committed session would commit (again, changing nothing): a dry run says so.
			if (dryRun) return c.json({ dry_run: true as const, ok: true as const }, 200);
			// The first commit's answer, again (it was made by JSON.stringify, so it reads back the same).
			if ("replayed" in done) return c.json(JSON.parse(done.replayed) as z.output<typeof Committed>, 200);
			const answer = { state: "committed" as const, results: answers(done.operations, done.results) };
			// The commit is done, so its answer stands even when D1 fails to keep it (a repeat then answers results null).
			await saveAnswer(c.var.db, session_id, JSON.stringify(answer), recorder(c)).catch((error) => {
				if (!(error instanceof EngineError && error.failure.kind === "database-unavailable")) throw error;
			});
			return c.json(answer, 200);
		} catch (error) {
			throw withDryRun(error, { dry_run: dryRun });
		}
	})

	.openapi(
		createRoute({
			method: "delete",
			path: SESSION_PATH,
			operationId: "rollbackSession",
			tags: ["sessions"],
			summary: "Roll back: discard everything staged",
			request: { params: SessionIdPath, query: NoQuery, headers: Headers },
			responses: {
				204: { description: "Rolled back; the session is gone" },
				...BAD_QUERY,
				...WRITE_AUTH,
				...GONE,
				409: problem(409, ["session-committed"], "The session is committed"),
			},
		}),
		async (c) => {
			await rollback(c.var.db, c.req.valid("param").session_id, recorder(c));
			return c.body(null, 204);
		},
	);
