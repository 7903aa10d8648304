// The viewer's stylesheet, inlined under the page's CSP nonce: compact, readable, light and dark.
export const style = `
:root {
	color-scheme: light dark;
	--fg: #1d2125; --muted: #5f6b76; --bg: #fff; --panel: #f4f6f8; --line: #d9dee3;
	--accent: #0b63c5; --danger: #b42318; --danger-bg: #fdecea; --ok: #1a7f37; --stripe: #fafbfc;
	font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
@media (prefers-color-scheme: dark) {
	:root {
		--fg: #e6e9ec; --muted: #9aa5b1; --bg: #15181b; --panel: #1e2226; --line: #333a41;
		--accent: #6cb0ff; --danger: #ff8a80; --danger-bg: #3a1d1b; --ok: #5fd17a; --stripe: #1a1d21;
	}
}
* { box-sizing: border-box; }
body { margin: 0; color: var(--fg); background: var(--bg); }
header { display: flex; align-items: center; gap: 12px; padding: 8px 16px; border-bottom: 1px solid var(--line); background: var(--panel); }
h1 { font-size: 16px; margin: 0; }
header nav { margin-left: auto; display: flex; gap: 12px; align-items: center; }
a { color: var(--accent); }
main, #login, #problem { margin: 12px 16px; }
[hidden] { display: none !important; }
form { display: flex; flex-wrap: wrap; align-items: end; gap: 8px 12px; }
label { display: flex; flex-direction: column; gap: 2px; font-size: 12px; color: var(--muted); }
input, select, button, textarea { font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: 4px; padding: 4px 8px; }
input[type="number"] { width: 6em; }
button { cursor: pointer; background: var(--panel); }
button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
button.danger { color: var(--danger); }
button:disabled { cursor: default; opacity: 0.5; }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
fieldset { border: 0; margin: 0; padding: 0; display: flex; gap: 0; }
fieldset legend { font-size: 12px; color: var(--muted); padding: 0; margin-bottom: 2px; }
fieldset label { flex-direction: row; align-items: center; gap: 4px; font-size: 14px; color: var(--fg); border: 1px solid var(--line); padding: 4px 8px; }
fieldset label:first-of-type { border-radius: 4px 0 0 4px; }
fieldset label:last-of-type { border-radius: 0 4px 4px 0; border-left: 0; }
fieldset label:has(input:checked) { background: var(--panel); font-weight: 600; }
.panel { padding: 8px 12px; background: var(--panel); border: 1px solid var(--line); border-radius: 6px; margin-bottom: 8px; }
.panel h2 { font-size: 12px; font-weight: 600; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); margin: 0 8px 0 0; align-self: center; }
.badge { font-size: 12px; padding: 1px 8px; border-radius: 10px; border: 1px solid var(--line); color: var(--muted); }
.badge.write { color: var(--ok); border-color: var(--ok); }
.bar { display: flex; align-items: center; gap: 8px; margin: 8px 0; }
.bar #summary { margin-right: auto; color: var(--muted); }
#notice { color: var(--ok); }
#problem { border: 1px solid var(--danger); background: var(--danger-bg); color: var(--fg); border-radius: 6px; padding: 8px 12px; display: flex; gap: 12px; align-items: start; }
#problem .status { color: var(--danger); font-weight: 600; white-space: nowrap; }
#problem ul { margin: 4px 0 0; padding-left: 18px; }
#problem > div { flex: 1; }
#problem code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
table { width: 100%; border-collapse: collapse; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid var(--line); }
th { position: sticky; top: 0; background: var(--panel); font-family: system-ui, sans-serif; font-size: 12px; color: var(--muted); }
tbody tr:nth-child(even) { background: var(--stripe); }
td.user_id { white-space: pre; }
td.user_data { white-space: pre-wrap; overflow-wrap: anywhere; width: 60%; }
td.time_stamp { white-space: nowrap; color: var(--muted); }
td.actions { white-space: nowrap; text-align: right; }
td.actions button { padding: 1px 8px; font-size: 12px; font-family: system-ui, sans-serif; }
td .null { color: var(--muted); font-style: italic; }
td form { flex-wrap: nowrap; }
td form input { flex: 1; font-family: inherit; }
td form button { font-family: system-ui, sans-serif; }
#session { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; }
#session.open { border-color: var(--accent); box-shadow: inset 3px 0 var(--accent); }
#session-state { color: var(--muted); flex: 1 1 24em; }
#session.open #session-state { color: var(--fg); }
#session .count { font-weight: 600; }
#session .hint-inline { font-size: 12px; color: var(--muted); }
td.pending { white-space: nowrap; width: 1%; }
.mark { font-family: system-ui, sans-serif; font-size: 11px; font-weight: 600; padding: 0 6px; border: 1px solid currentColor; border-radius: 8px; }
.mark.new { color: var(--ok); }
.mark.changed { color: var(--accent); }
.mark.deleted { color: var(--danger); }
tr.new td.pending { box-shadow: inset 3px 0 var(--ok); }
tr.changed td.pending { box-shadow: inset 3px 0 var(--accent); }
tr.deleted td.pending { box-shadow: inset 3px 0 var(--danger); }
tr.deleted td:not(.pending):not(.actions) { text-decoration: line-through; color: var(--muted); }
.empty { color: var(--muted); text-align: center; padding: 16px; }
pre#text { margin: 0; padding: 8px 12px; background: var(--panel); border: 1px solid var(--line); border-radius: 6px; overflow: auto; font-size: 13px; }
.hint { font-size: 12px; color: var(--muted); margin: 4px 0 0; flex-basis: 100%; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
kbd { font-family: inherit; border: 1px solid var(--line); border-radius: 3px; padding: 0 4px; }
`;
