// Helpers that call the Worker through HTTP, as a client would.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import worker from "../src/index";

export const READ = "test-read-token";
export const WRITE = "test-write-token";

export type Init = { method?: string; body?: unknown; token?: string | null; headers?: Record<string, string> };

/** A request to the Worker; a body that is not a string or bytes is sent as JSON. Uses the write token unless told otherwise. */
export const call = (path: string, init: Init = {}): Promise<Response> => handle(request(path, init));

/** The request `call` sends. */
export function request(path: string, { method = "GET", body, token = WRITE, headers = {} }: Init = {}): Request {
	const h: Record<string, string> = { ...headers };
	if (token !== null) h.authorization = `Bearer ${token}`;
	let payload: string | Uint8Array | undefined;
	if (body !== undefined) {
		payload = typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body);
		h["content-type"] ??= "application/json";
	}
	return new Request(`http://userdata.test${path}`, { method, body: payload, headers: h });
}

/**
 * The Worker's own fetch handler, in workerd, against the real local D1. (Going through the
 * pool's `exports.default` loopback costs more with every request made in a file, which a
 * thousand-page walk cannot afford; the handler and what it does are the same.) `bindings`: other
 * bindings than the pool's, e.g. a D1 with faults (test/faults.ts).
 */
export async function handle(request: Request, bindings: typeof env = env): Promise<Response> {
	const ctx = createExecutionContext();
	const response = await worker.fetch(request, bindings, ctx);
	await waitOnExecutionContext(ctx);
	return response;
}

/** The JSON answer of a request, with its status. */
export async function json<T = any>(
	path: string,
	init: Init = {},
): Promise<{ status: number; body: T; res: Response }> {
	const res = await call(path, init);
	const text = await res.text();
	return { status: res.status, body: text ? JSON.parse(text) : undefined, res };
}

/** Every row, read straight from D1 (not through the service), in user_id order. */
export async function table() {
	const { results } = await env.DB.prepare(
		"SELECT user_id, user_data, time_stamp FROM userdata ORDER BY user_id",
	).all();
	return results as { user_id: string; user_data: string | null; time_stamp: string }[];
}

export async function clearTable() {
	await env.DB.prepare("DELETE FROM userdata").run();
}

/** How many D1 statements the request used, from its Server-Timing header. */
export function statements(res: Response): number {
	const match = /D1 (\d+) statements/.exec(res.headers.get("server-timing") ?? "");
	if (!match) throw new Error(`no D1 figure in Server-Timing: ${res.headers.get("server-timing")}`);
	return Number(match[1]);
}

/** Empty `tables`, then seed rows A ('a') and B ('b') with the same old time_stamp (the fault tests' start). */
export async function seedAB(tables: readonly string[]) {
	await env.DB.batch([
		...tables.map((t) => env.DB.prepare(`DELETE FROM ${t}`)),
		...["A", "B"].map((id) =>
			env.DB.prepare(
				`INSERT INTO userdata (user_id, user_data, time_stamp) VALUES ('${id}', '${id.toLowerCase()}', '2026-01-01T00:00:00.000Z')`,
			),
		),
	]);
}
