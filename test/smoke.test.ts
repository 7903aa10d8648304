import { describe, expect, it } from "vitest";
import { json } from "./client";

describe("smoke", () => {
	it("inserts and reads", async () => {
		const r = await json("/users", { method: "POST", body: { user_id: "Brad", user_data: "Brad's data" } });
		expect(r.status).toBe(201);
		const g = await json("/users");
		expect(g.body.data).toHaveLength(1);
	});
});
