// Oversized and broken-off uploads under `wrangler dev`: the uploader gets its answer, and no other client's request
// hangs or gets a 5xx for it (issue 11; docs/api.md, "Oversized bodies"). Node's http, one connection a request.
import { request } from "node:http";
import { describe, expect, inject, it } from "vitest";

const base = new URL(inject("base"));
const WRITE = inject("write");
const P = `ob-${Date.now().toString(36)}-`; // this file's rows; other files share the database
const MiB = 1024 * 1024;
const OVER = 36 * MiB; // over the 32 MiB limit by a few MiB: what the socket buffers between wrangler's proxy and workerd hold
/** Generous: an answer takes milliseconds, the fault held one for 20 s and more. */
const PROMPTLY_MS = 5_000;
/** The fault was a race (the next request met a connection workerd had just closed): each case runs a few rounds. */
const ROUNDS = 4;

let serial = 0;

/** Send one request on its own connection; resolve to its status, or to what went wrong. */
function send({ method, path, headers = {}, body, timeout = PROMPTLY_MS }) {
	return new Promise((resolve) => {
		const req = request({ host: base.hostname, port: base.port, method, path, headers, agent: false, timeout });
		req.on("response", (res) => {
			res.resume();
			res.on("end", () => resolve(res.statusCode));
			res.on("error", (error) => resolve(`error ${error.code ?? error.message}`));
		});
		req.on("timeout", () => {
			req.destroy();
			resolve("timeout");
		});
		req.on("error", (error) => resolve(`error ${error.code ?? error.message}`));
		req.end(body);
	});
}

/** An ordinary request, alternately a read and a one-row insert. */
function ordinary() {
	const n = serial++;
	if (n % 2 === 0) {
		return send({ method: "GET", path: "/users?limit=1", headers: { authorization: `Bearer ${WRITE}` } });
	}
	const body = JSON.stringify({ user_id: `${P}${n}`, user_data: "ordinary" });
	return send({
		method: "POST",
		path: "/users",
		headers: { authorization: `Bearer ${WRITE}`, "content-type": "application/json" },
		body,
	});
}

/**
 * POST /users with a JSON array of `size` bytes, written as fast as the connection takes it: chunked, or with its
 * Content-Length. `abortAt`: the client goes away after that many bytes. `onStreaming` runs once the first bytes are out.
 */
function upload({ size, chunked, abortAt, onStreaming }) {
	return new Promise((resolve) => {
		const headers = { authorization: `Bearer ${WRITE}`, "content-type": "application/json" };
		if (!chunked) headers["content-length"] = String(size);
		const req = request({
			host: base.hostname,
			port: base.port,
			method: "POST",
			path: "/users",
			headers,
			agent: false,
		});
		const row = Buffer.from(`{"user_id":"${P}big","user_data":"${"x".repeat(600)}"},`);
		const chunk = Buffer.concat(Array.from({ length: Math.floor((64 * 1024) / row.length) }, () => row));
		let sent = 0;
		let over = false;
		const finish = (outcome) => {
			if (over) return;
			over = true;
			resolve(outcome);
		};
		req.on("response", (res) => {
			res.resume();
			res.on("end", () => finish({ status: res.statusCode, sent }));
		});
		req.on("error", (error) => finish({ error: error.code ?? error.message, sent }));
		req.write("[");
		sent = 1;
		const pump = () => {
			while (!over && sent < size) {
				if (onStreaming) {
					onStreaming();
					onStreaming = undefined;
				}
				if (abortAt !== undefined && sent >= abortAt) {
					req.destroy();
					return finish({ aborted: true, sent });
				}
				const piece = chunk.subarray(0, Math.min(chunk.length, size - sent));
				sent += piece.length;
				if (!req.write(piece)) return req.once("drain", pump);
			}
			if (!over) req.end();
		};
		pump();
	});
}

/** Five ordinary requests at once. */
const five = () => Promise.all(Array.from({ length: 5 }, ordinary));

/** Five ordinary requests one after another, the first the moment the upload is answered: it is the one that hung. */
async function fiveInTurn() {
	const statuses = [];
	for (let i = 0; i < 5; i++) statuses.push(await ordinary());
	return statuses;
}

/** Each answered promptly and with no 5xx: a status below 500. */
function expectAnswered(statuses) {
	for (const status of statuses) {
		expect(typeof status === "number" && status < 500, `an ordinary request got ${status}`).toBe(true);
	}
}

describe("an oversized or broken-off upload disturbs no other request", () => {
	for (const chunked of [true, false]) {
		it(`a ${OVER / MiB} MiB body ${chunked ? "streamed chunked" : "with Content-Length"}: 413, and 5 requests during it and 5 after answer promptly`, async () => {
			for (let round = 0; round < ROUNDS; round++) {
				let whileStreaming;
				const outcome = await upload({
					size: OVER,
					chunked,
					onStreaming: () => {
						whileStreaming = five();
					},
				});
				expect(outcome).toMatchObject({ status: 413 });
				expectAnswered(await whileStreaming);
				expectAnswered(await fiveInTurn());
			}
		});
	}

	it("a client that goes away mid-upload: the next 5 requests answer promptly", async () => {
		for (const chunked of [true, false, true, false]) {
			const outcome = await upload({ size: OVER, chunked, abortAt: 12 * MiB });
			expect(outcome).toMatchObject({ aborted: true });
			expectAnswered(await fiveInTurn());
		}
	});

	it("a rejected upload wrote nothing", async () => {
		const res = await fetch(`${base.origin}/users?user_id_prefix=${encodeURIComponent(`${P}big`)}`, {
			headers: { authorization: `Bearer ${WRITE}` },
		});
		expect(res.status).toBe(200);
		expect((await res.json()).data).toEqual([]);
	});
});
