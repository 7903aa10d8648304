// GET /: the web viewer, one page over /users with its script (/viewer.js, from the static assets); it needs no
// token to load and asks for one.
import { Hono } from "hono";
import { raw } from "hono/html";
import { NONCE } from "hono/secure-headers";
import type { AppEnv } from "../env";
import { asset } from "../http/assets";
import { MAX_LIMIT, USER_DATA_MAX, USER_ID_MAX } from "../schemas";
import { htmlPage, pagePolicy } from "./policy";
import { style } from "./style";

/** Its inline style runs by nonce too, and no string becomes markup (Trusted Types). */
const contentSecurityPolicy = pagePolicy([NONCE], {
	requireTrustedTypesFor: ["'script'"],
	trustedTypes: ["'none'"],
});

function Page({ nonce }: { nonce: string }) {
	return (
		<html lang="en">
			<head>
				<meta charset="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				<title>userdata viewer</title>
				<link rel="icon" href="data:," />
				<style nonce={nonce}>{raw(style)}</style>
			</head>
			<body>
				<header>
					<h1>userdata</h1>
					<span id="scope" class="badge" hidden></span>
					<nav>
						<a href="/docs">API reference</a>
						<button id="forget" type="button" hidden>
							Change token
						</button>
					</nav>
				</header>
				<noscript>
					<p>The viewer needs JavaScript.</p>
				</noscript>
				<form id="login" class="panel" hidden>
					<label>
						Token
						<input id="token" type="password" autocomplete="off" spellcheck={false} required size={48} />
					</label>
					<button class="primary" type="submit">
						Open
					</button>
					<p class="hint">
						A read or a write token (npm start prints both). It stays in this tab only, in sessionStorage.
					</p>
				</form>
				<div id="problem" role="alert" hidden>
					<div>
						<span id="problem-status" class="status"></span> <span id="problem-detail"></span>
						<ul id="problem-errors"></ul>
					</div>
					<button id="problem-close" type="button" aria-label="Dismiss the error">
						×
					</button>
				</div>
				<main id="main" hidden>
					<form id="filters" class="panel">
						<label>
							user_id_prefix
							<input
								name="user_id_prefix"
								type="search"
								autocomplete="off"
								spellcheck={false}
								placeholder="/ to focus"
							/>
						</label>
						<label>
							q (user_data contains)
							<input name="q" type="search" autocomplete="off" spellcheck={false} />
						</label>
						<label>
							order
							<select name="order">
								<option value="user_id">user_id ↑</option>
								<option value="-user_id">user_id ↓</option>
								<option value="time_stamp">time_stamp ↑</option>
								<option value="-time_stamp">time_stamp ↓</option>
							</select>
						</label>
						<label>
							page size
							<input name="limit" type="number" min="1" max={MAX_LIMIT} value="25" required />
						</label>
						<fieldset>
							<legend>view</legend>
							<label>
								<input type="radio" name="view" value="table" checked /> Table
							</label>
							<label>
								<input type="radio" name="view" value="text" /> Text
							</label>
						</fieldset>
						<button type="submit">Apply</button>
					</form>
					<section id="session" class="panel" aria-labelledby="session-title" hidden>
						<h2 id="session-title">Session</h2>
						<span id="session-state" aria-live="polite">
							Adds, edits and deletes are written at once. In a session they wait for Commit.
						</span>
						<span id="session-count" class="count" aria-live="polite" hidden></span>
						<span id="session-expiry" class="hint-inline" hidden></span>
						<button id="session-start" type="button">
							Start a session
						</button>
						<button id="session-commit" class="primary" type="button" hidden>
							Commit
						</button>
						<button id="session-rollback" class="danger" type="button" hidden>
							Roll back
						</button>
					</section>
					<form id="add" class="panel" hidden>
						<h2 id="add-title">Add a row</h2>
						<label>
							user_id
							<input name="user_id" required maxlength={USER_ID_MAX} autocomplete="off" spellcheck={false} />
						</label>
						<label>
							user_data
							<input name="user_data" size={40} maxlength={USER_DATA_MAX} autocomplete="off" />
						</label>
						<button type="submit">Add</button>
					</form>
					<div class="bar">
						<span id="summary" aria-live="polite"></span>
						<span id="notice" aria-live="polite"></span>
						<button id="first" type="button" disabled>
							First page
						</button>
						<button id="previous" type="button" disabled>
							Previous page
						</button>
						<button id="next" type="button" disabled>
							Next page
						</button>
					</div>
					<table id="table">
						<thead>
							<tr>
								<th scope="col" id="pending-head" hidden>
									pending
								</th>
								<th scope="col">user_id</th>
								<th scope="col">user_data</th>
								<th scope="col">time_stamp</th>
								<th scope="col" id="actions-head" hidden>
									<span class="visually-hidden">actions</span>
								</th>
							</tr>
						</thead>
						<tbody id="rows"></tbody>
					</table>
					<pre id="text" hidden></pre>
				</main>
				<script type="module" nonce={nonce} src="/viewer.js"></script>
			</body>
		</html>
	);
}

export const viewer = new Hono<AppEnv>()
	.get("/", contentSecurityPolicy, (c) => htmlPage(c, (nonce) => <Page nonce={nonce} />))
	.get("/viewer.js", (c) => asset(c));
