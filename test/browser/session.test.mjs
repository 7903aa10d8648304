// The tutorial's Session in the viewer, in a real browser against the real service: rows pending in a session while
// another tab on the committed table (the tutorial's SQLite viewer) shows none of them, then commit() and rollback().
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launch } from "./chromium.mjs";
import { call, eventually, expectClean, openViewer, READ, shownIds, textOf, WRITE } from "./viewer.mjs";

const SCREENSHOT = "/tmp/viewer-session.png";

/** The tutorial's rows: three added one by one, then three more. */
const TUTORIAL = [
	{ user_id: "Brad", user_data: "Brad's data" },
	{ user_id: "Larry", user_data: "Larry's data" },
	{ user_id: "Jane", user_data: "Jane's data" },
	{ user_id: "Barbra", user_data: "Barbra's data" },
	{ user_id: "Jessa", user_data: "Jessa's data" },
	{ user_id: "Ed", user_data: "Ed's data" },
];
const BY_USER_ID = ["Barbra", "Brad", "Ed", "Jane", "Jessa", "Larry"];
/** The session's view after its three staged operations: each row with its mark, in user_id order. */
const MARKS = [
	["Barbra", ""],
	["Brad", "deleted"],
	["Ed", ""],
	["Jane", ""],
	["Jessa", "changed"],
	["Larry", "deleted"],
];

let browser;

/** Every file of the browser tests shares one service: this one starts, and leaves, with an empty table. */
async function emptyTable() {
	const response = await call("/users?all=true", { method: "DELETE" });
	if (response.status !== 200)
		throw new Error(`emptying the table answered ${response.status}: ${await response.text()}`);
}

beforeAll(async () => {
	await emptyTable();
	browser = await launch();
});

afterAll(async () => {
	await browser?.close();
	await emptyTable();
});

/** Each shown row's id and its mark ("" for none), in the order shown. */
const shownMarks = (page) =>
	page.$$eval("#rows tr[data-user-id]", (rows) =>
		rows.map((row) => [row.getAttribute("data-user-id"), row.querySelector("td.pending")?.textContent ?? null]),
	);

/** The session panel's count. */
const staged = (n) => `${n} staged operation${n === 1 ? "" : "s"}`;

const sessionOf = (page) => page.evaluate(() => sessionStorage.getItem("userdata.session"));

const committedIds = async () => (await (await call("/users")).json()).data.map((row) => row.user_id);

describe("a session in the viewer, as the tutorial's Session", () => {
	/** The tab that works in sessions, and a second one on the committed table, with no session. */
	let mine;
	let other;
	/** The non-2xx answers the tests provoke in `mine`, in order. */
	const expected = [];
	let sessionId;

	/** Add a row with the add form, as a person would, and wait for the count of staged operations to be `count`. */
	async function add(row, count) {
		await mine.page.fill('#add input[name="user_id"]', row.user_id);
		await mine.page.fill('#add input[name="user_data"]', row.user_data);
		await mine.page.press('#add input[name="user_data"]', "Enter");
		await eventually(async () => expect(await textOf(mine.page, "#session-count")).toBe(staged(count)));
		await eventually(async () => expect(await shownIds(mine.page)).toContain(row.user_id));
	}

	/**
	 * Start a session with its button, and wait for the page to show the session's view: each step waits for what
	 * a person would see before the next, so no answer arrives for a page that has moved on.
	 */
	async function startSession() {
		await mine.page.getByRole("button", { name: "Start a session" }).click();
		await eventually(async () => expect(await textOf(mine.page, "#session-count")).toBe(staged(0)));
		await mine.page.locator("#pending-head").waitFor({ state: "visible" });
		sessionId = await sessionOf(mine.page);
	}

	/** Show the other tab's table again, with its Apply button. */
	const refreshOther = () => other.page.click('#filters button[type="submit"]');

	test("a write token is offered a session; a read token is not", async () => {
		mine = await openViewer(browser, `#token=${WRITE}`);
		await eventually(async () => expect(await textOf(mine.page, "#summary")).toBe("No rows match."));
		expect(await mine.page.isVisible("#session-start")).toBe(true);
		expect(await mine.page.isVisible("#session-commit")).toBe(false);
		expect(await mine.page.isVisible("#session-rollback")).toBe(false);
		expect(await mine.page.isVisible("#pending-head")).toBe(false);

		const reader = await openViewer(browser, `#token=${READ}`);
		await eventually(async () => expect(await textOf(reader.page, "#summary")).toBe("No rows match."));
		expect(await reader.page.isVisible("#session")).toBe(false);
		expectClean(reader.record);
		await reader.close();
	});

	test("Start a session opens one and remembers it in the tab", async () => {
		await startSession();
		expect(await textOf(mine.page, "#notice")).toBe(
			"Session started: adds, edits and deletes are staged in it until Commit.",
		);
		expect(await mine.page.isVisible("#session-start")).toBe(false);
		expect(await mine.page.getByRole("button", { name: "Commit" }).isVisible()).toBe(true);
		expect(await mine.page.getByRole("button", { name: "Roll back" }).isVisible()).toBe(true);
		expect(await textOf(mine.page, "#add-title")).toBe("Add a row to the session");
		// The keyboard goes where the work goes on: to the new row's user_id.
		expect(await mine.page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("user_id");
		expect(sessionId).toMatch(/^[0-9a-f]{32}$/);
		const session = await (await call(`/sessions/${encodeURIComponent(sessionId)}`)).json();
		expect(session).toMatchObject({ session_id: sessionId, state: "open", operations: 0 });
	});

	test("adds are staged, not written: the session's table shows them marked new, with the count", async () => {
		for (const [i, row] of TUTORIAL.slice(0, 3).entries()) {
			await add(row, i + 1);
			expect(await textOf(mine.page, "#notice")).toBe(`Staged adding '${row.user_id}'.`);
			expect(await committedIds()).toEqual([]);
		}
		for (const [i, row] of TUTORIAL.slice(3).entries()) await add(row, i + 4);
		expect(await shownMarks(mine.page)).toEqual(BY_USER_ID.map((id) => [id, "new"]));
		expect(await textOf(mine.page, "#summary")).toBe("Rows 1–6 of 6");
		expect(await textOf(mine.page, "#session-count")).toBe("6 staged operations");
		expect(await mine.page.isVisible("#pending-head")).toBe(true);
		expect(await textOf(mine.page, 'tr[data-user-id="Jane"] td.user_data')).toBe("Jane's data");
		const session = await (await call(`/sessions/${encodeURIComponent(sessionId)}`)).json();
		expect(session).toMatchObject({ state: "open", operations: 6 });
		expect(await committedIds()).toEqual([]);
	});

	test("a second tab, on the committed table, shows none of them", async () => {
		other = await openViewer(browser, `#token=${WRITE}`);
		await eventually(async () => expect(await textOf(other.page, "#summary")).toBe("No rows match."));
		expect(await shownIds(other.page)).toEqual([]);
		expect(await other.page.isVisible("#session-start")).toBe(true);
	});

	test("Commit writes them all: both tabs show the six rows", async () => {
		await mine.page.getByRole("button", { name: "Commit" }).click();
		await eventually(async () => expect(await textOf(mine.page, "#notice")).toBe("Committed 6 operations."));
		await eventually(async () => expect(await shownMarks(mine.page)).toEqual(BY_USER_ID.map((id) => [id, null])));
		expect(await mine.page.isVisible("#pending-head")).toBe(false);
		expect(await mine.page.isVisible("#session-start")).toBe(true);
		expect(await mine.page.evaluate(() => document.activeElement?.id)).toBe("session-start");
		expect(await mine.page.isVisible("#session-count")).toBe(false);
		expect(await sessionOf(mine.page)).toBeNull();
		expect(await textOf(mine.page, "#summary")).toBe("Rows 1–6 of 6");

		await refreshOther();
		await eventually(async () => expect(await shownIds(other.page)).toEqual(BY_USER_ID));
		expect(await committedIds()).toEqual(BY_USER_ID);
		const session = await (await call(`/sessions/${encodeURIComponent(sessionId)}`)).json();
		expect(session.state).toBe("committed");
	});

	test("a session deleting Brad and Larry and editing Jessa marks them deleted and changed", async () => {
		await startSession();

		await mine.page.click('button[aria-label="Delete Brad"]');
		await eventually(async () => expect(await textOf(mine.page, "#session-count")).toBe("1 staged operation"));
		expect(await textOf(mine.page, "#notice")).toBe("Staged deleting 'Brad'.");
		await mine.page.locator('tr[data-user-id="Brad"][data-pending="deleted"]').waitFor();
		await mine.page.click('button[aria-label="Delete Larry"]');
		await eventually(async () => expect(await textOf(mine.page, "#session-count")).toBe("2 staged operations"));
		await mine.page.locator('tr[data-user-id="Larry"][data-pending="deleted"]').waitFor();

		await mine.page.click('button[aria-label="Edit Jessa"]');
		const input = mine.page.locator('input[aria-label="user_data of Jessa"]');
		await input.waitFor({ state: "visible" });
		expect(await input.inputValue()).toBe("Jessa's data");
		await input.fill("Jessa's staged data");
		await input.press("Enter");
		await eventually(async () => expect(await textOf(mine.page, "#session-count")).toBe("3 staged operations"));
		expect(await textOf(mine.page, "#notice")).toBe("Staged editing 'Jessa'.");

		await eventually(async () => expect(await shownMarks(mine.page)).toEqual(MARKS));
		expect(await textOf(mine.page, 'tr[data-user-id="Jessa"] td.user_data')).toBe("Jessa's staged data");
		expect(await textOf(mine.page, "#summary")).toBe("Rows 1–4 of 4 · 2 deleted");
		// A deleted row is struck through, and offers nothing more to stage.
		const struck = await mine.page
			.locator('tr[data-user-id="Brad"] td.user_data')
			.evaluate((td) => getComputedStyle(td).textDecorationLine);
		expect(struck).toBe("line-through");
		expect(await mine.page.locator('tr[data-user-id="Brad"] button').count()).toBe(0);
		await mine.page.screenshot({ path: SCREENSHOT, fullPage: true });

		// Nothing is written: the other tab still shows the committed rows.
		await refreshOther();
		await eventually(async () => expect(await shownIds(other.page)).toEqual(BY_USER_ID));
		expect(await textOf(other.page, 'tr[data-user-id="Jessa"] td.user_data')).toBe("Jessa's data");
		expect(await committedIds()).toEqual(BY_USER_ID);
	});

	test("a reload returns to the open session", async () => {
		await mine.page.reload();
		await eventually(async () => expect(await textOf(mine.page, "#session-count")).toBe("3 staged operations"));
		expect(await sessionOf(mine.page)).toBe(sessionId);
		await eventually(async () => expect(await shownMarks(mine.page)).toEqual(MARKS));
	});

	test("deleted rows show on the page of the order where they fall, whatever the order", async () => {
		await mine.page.fill('input[name="limit"]', "2");
		await mine.page.press('input[name="limit"]', "Enter");
		const pages = [];
		await eventually(async () =>
			expect(await shownMarks(mine.page)).toEqual([
				["Barbra", ""],
				["Brad", "deleted"],
				["Ed", ""],
			]),
		);
		pages.push(await shownMarks(mine.page));
		while (!(await mine.page.isDisabled("#next"))) {
			const before = JSON.stringify(await shownMarks(mine.page));
			await mine.page.click("#next");
			await eventually(async () => expect(JSON.stringify(await shownMarks(mine.page))).not.toBe(before));
			pages.push(await shownMarks(mine.page));
		}
		// Each row once, on one page, in order: the session's four, and the two it deletes in their places.
		expect(pages.flat()).toEqual(MARKS);
		await mine.page.fill('input[name="limit"]', "25");
		await mine.page.selectOption('select[name="order"]', "-user_id");
		await eventually(async () => expect(await shownMarks(mine.page)).toEqual([...MARKS].reverse()));
		// By time_stamp the edit moves Jessa to the end; it is shown there, changed, and nowhere as deleted.
		await mine.page.selectOption('select[name="order"]', "time_stamp");
		await eventually(async () => {
			const shown = await shownMarks(mine.page);
			expect(shown.at(-1)).toEqual(["Jessa", "changed"]);
			expect(
				shown
					.filter(([, mark]) => mark === "deleted")
					.map(([id]) => id)
					.sort(),
			).toEqual(["Brad", "Larry"]);
			expect(shown.map(([id]) => id).sort()).toEqual(BY_USER_ID);
		});
		await mine.page.selectOption('select[name="order"]', "user_id");
		await eventually(async () => expect(await shownIds(mine.page)).toEqual(BY_USER_ID));
	});

	test("the Text view shows the session's rows in the tutorial's layout", async () => {
		const expected = await (await call(`/sessions/${encodeURIComponent(sessionId)}/users?format=text`)).text();
		expect(
			expected
				.split("\n")
				.filter(Boolean)
				.map((line) => /^user_id=(\S+)/.exec(line)[1]),
		).toEqual(["Barbra", "Ed", "Jane", "Jessa"]);
		expect(expected).toMatch(/^user_id=Jessa {3}user_data=Jessa's staged data {3}time_stamp=/m);
		await mine.page.check('input[name="view"][value="text"]');
		await eventually(async () => expect(await mine.page.locator("#text").textContent()).toBe(expected));
		expect(await textOf(mine.page, "#summary")).toBe("Rows 1–4 of 4");
		await mine.page.check('input[name="view"][value="table"]');
		// The table keeps its rows while hidden: it is shown again once the new page is in.
		await mine.page.locator("#table").waitFor({ state: "visible" });
		expect(await shownMarks(mine.page)).toEqual(MARKS);
	});

	test("Roll back discards it all: Brad and Larry are there, unmarked, and Jessa as she was", async () => {
		const asked = [];
		mine.page.once("dialog", (dialog) => {
			asked.push(dialog.message());
			dialog.accept();
		});
		await mine.page.getByRole("button", { name: "Roll back" }).click();
		await eventually(async () => expect(await textOf(mine.page, "#notice")).toBe("Rolled back: nothing was written."));
		expect(asked).toEqual(["Roll back: discard 3 staged operations?"]);
		await eventually(async () => expect(await shownMarks(mine.page)).toEqual(BY_USER_ID.map((id) => [id, null])));
		expect(await textOf(mine.page, 'tr[data-user-id="Jessa"] td.user_data')).toBe("Jessa's data");
		expect(await mine.page.isVisible("#session-start")).toBe(true);
		expect(await sessionOf(mine.page)).toBeNull();
		expect((await call(`/sessions/${encodeURIComponent(sessionId)}`)).status).toBe(404);
		expect(await committedIds()).toEqual(BY_USER_ID);
	});

	test("a reload with a session that is gone drops it quietly", async () => {
		await mine.page.evaluate((id) => sessionStorage.setItem("userdata.session", id), sessionId);
		await mine.page.reload();
		await eventually(async () => expect(await shownIds(mine.page)).toEqual(BY_USER_ID));
		expect(await mine.page.isVisible("#problem")).toBe(false);
		expect(await mine.page.isVisible("#session-start")).toBe(true);
		expect(await sessionOf(mine.page)).toBeNull();
		expected.push(`404 GET /sessions/${sessionId}`);
	});

	test("a commit that would fail now shows the 409 and leaves the session open", async () => {
		await startSession();
		await add({ user_id: "Zed", user_data: "Zed's data" }, 1);
		// Another writer adds the same id before the commit: the session's insert meets the table as it is now.
		expect(
			(await call("/users", { method: "POST", body: { user_id: "Zed", user_data: "written elsewhere" } })).status,
		).toBe(201);
		// The session's view is what a commit now would make: there is none, and the page says why.
		await mine.page.click('#filters button[type="submit"]');
		await mine.page.locator("#problem").waitFor({ state: "visible" });
		expect(await textOf(mine.page, "#problem-status")).toBe("409 Conflict");
		expect(await textOf(mine.page, "#problem-detail")).toMatch(/^Showing the session \(staged operation 1\): .*Zed/);
		expect(await textOf(mine.page, "#rows")).toBe("The session's view cannot be shown now.");
		expected.push(`409 GET /sessions/${sessionId}/users?order=user_id&limit=25&count=exact`);
		await mine.page.click("#problem-close");
		await mine.page.getByRole("button", { name: "Commit" }).click();
		await mine.page.locator("#problem").waitFor({ state: "visible" });
		expect(await textOf(mine.page, "#problem-status")).toBe("409 Conflict");
		expect(await textOf(mine.page, "#problem-detail")).toMatch(/^Committing \(staged operation 1\): .*Zed/);
		expected.push(`409 POST /sessions/${sessionId}/commit`);
		expect(await textOf(mine.page, "#session-count")).toBe("1 staged operation");
		expect(await sessionOf(mine.page)).toBe(sessionId);
		expect((await (await call(`/users/Zed`)).json()).user_data).toBe("written elsewhere");

		mine.page.once("dialog", (dialog) => dialog.accept());
		await mine.page.getByRole("button", { name: "Roll back" }).click();
		await eventually(async () => expect(await textOf(mine.page, "#notice")).toBe("Rolled back: nothing was written."));
		expect(await mine.page.isVisible("#problem")).toBe(false);
		await eventually(async () =>
			expect(await shownMarks(mine.page)).toEqual([...BY_USER_ID, "Zed"].map((id) => [id, null])),
		);
		expect(await textOf(mine.page, 'tr[data-user-id="Zed"] td.user_data')).toBe("written elsewhere");
		expect((await call("/users/Zed", { method: "DELETE" })).status).toBe(204);
	});

	test("a session rolled back elsewhere: the next change shows the 404, and the committed table is back", async () => {
		await startSession();
		expect((await call(`/sessions/${encodeURIComponent(sessionId)}`, { method: "DELETE" })).status).toBe(204);
		await mine.page.click('button[aria-label="Delete Ed"]');
		await mine.page.locator("#problem").waitFor({ state: "visible" });
		expect(await textOf(mine.page, "#problem-status")).toMatch(/^404 /);
		expect(await textOf(mine.page, "#problem-detail")).toMatch(
			/^Staging the delete of 'Ed'; the session is over, so the table shows the committed rows again: /,
		);
		expected.push(`404 POST /sessions/${sessionId}/operations`);
		await eventually(async () => expect(await mine.page.isVisible("#session-start")).toBe(true));
		await eventually(async () => expect(await shownMarks(mine.page)).toEqual(BY_USER_ID.map((id) => [id, null])));
		expect(await sessionOf(mine.page)).toBeNull();
		expect(await committedIds()).toEqual(BY_USER_ID);
	});

	test("both tabs kept the console clean over the whole run", async () => {
		expectClean(mine.record, expected);
		expectClean(other.record);
		await mine.close();
		await other.close();
	});
});
