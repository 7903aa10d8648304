// Hand-drawn SVG charts for docs/benchmarks.md: panels of lines on log–log axes, and panels of grouped bars.
const xml = (s) => String(s).replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
const r1 = (n) => Math.round(n * 10) / 10;
const FONT = `font-family="sans-serif" font-size="12"`;

/** A series' look: colour, dashed or not, and its marker. */
export const STYLE = {
	blue: "#1c7ed6",
	orange: "#f08c00",
	green: "#2f9e44",
	purple: "#ae3ec9",
};

/** 1,000 → "1k", 1,000,000 → "1M". */
const short = (n) =>
	n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : n >= 1 ? String(n) : n.toLocaleString("en-US");

function marker(shape, x, y, color) {
	if (shape === "square") return `<rect x="${r1(x - 3.5)}" y="${r1(y - 3.5)}" width="7" height="7" fill="${color}"/>`;
	if (shape === "triangle")
		return `<path d="M${r1(x)},${r1(y - 4.5)} L${r1(x + 4.5)},${r1(y + 3.5)} L${r1(x - 4.5)},${r1(y + 3.5)} Z" fill="${color}"/>`;
	if (shape === "ring")
		return `<circle cx="${r1(x)}" cy="${r1(y)}" r="3.5" fill="white" stroke="${color}" stroke-width="1.5"/>`;
	return `<circle cx="${r1(x)}" cy="${r1(y)}" r="3.5" fill="${color}"/>`;
}

/**
 * A legend of `series` ({ name, color, dash, shape, bar }) flowing in rows from (x, y) within `width`, a series with
 * `newRow` starting a row; its parts and height.
 */
function legend(series, x, y, width) {
	const parts = [];
	let [lx, ly] = [x, y];
	series.forEach((s, i) => {
		const itemWidth = s.name.length * 6.2 + 48;
		if (i > 0 && (s.newRow || lx + itemWidth > x + width)) [lx, ly] = [x, ly + 18];
		if (s.bar) {
			parts.push(`<rect x="${lx}" y="${ly - 9}" width="24" height="10" fill="${s.color}"/>`);
		} else {
			parts.push(
				`<line x1="${lx}" y1="${ly - 4}" x2="${lx + 24}" y2="${ly - 4}" stroke="${s.color}" stroke-width="2"${s.dash ? ' stroke-dasharray="5,3"' : ""}/>`,
				marker(s.shape, lx + 12, ly - 4, s.color),
			);
		}
		parts.push(`<text x="${lx + 30}" y="${ly}">${xml(s.name)}</text>`);
		lx += itemWidth;
	});
	return { parts, height: ly - y + 18 };
}

/**
 * Panels side by side, each a set of series of points ({ x, y, lo, hi }: a median and its min–max) on log–log axes
 * shared by all panels, with a legend below.
 */
/** An SVG's opening: its size, a white ground, the title and the subtitle. */
const heading = (width, height, title, subtitle) => [
	`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ${FONT}>`,
	`<title>${xml(title)}</title>`,
	`<rect width="100%" height="100%" fill="white"/>`,
	`<text x="10" y="20" font-size="14" font-weight="bold">${xml(title)}</text>`,
	`<text x="10" y="38" fill="#555">${xml(subtitle)}</text>`,
];

export function logLogChart({ title, subtitle, xLabel, yLabel, panels, series }) {
	const points = panels.flatMap((p) => p.lines.flatMap((l) => l.points));
	const xs = [...new Set(points.map((p) => p.x))].sort((a, b) => a - b);
	const ys = points.flatMap((p) => [p.y, p.lo ?? p.y, p.hi ?? p.y]).filter((v) => v > 0);
	const [yMin, yMax] = [Math.floor(Math.log10(Math.min(...ys))), Math.ceil(Math.log10(Math.max(...ys)))];
	const [xMin, xMax] = [Math.log10(xs[0]), Math.log10(xs[xs.length - 1])];
	const plot = { width: 240, height: 260 };
	const margin = { left: 62, right: 14, top: 64, bottom: 50 };
	const panelWidth = margin.left + plot.width + margin.right;
	const width = panels.length * panelWidth + 10;
	const key = legend(series, margin.left, margin.top + plot.height + margin.bottom + 6, width - margin.left);
	const height = margin.top + plot.height + margin.bottom + key.height + 16;
	const parts = heading(width, height, title, subtitle);
	panels.forEach((panel, i) => {
		const left = i * panelWidth + margin.left;
		const top = margin.top;
		const pad = 18;
		const x = (v) => left + pad + ((Math.log10(v) - xMin) / (xMax - xMin || 1)) * (plot.width - 2 * pad);
		const y = (v) => top + plot.height - ((Math.log10(v) - yMin) / (yMax - yMin || 1)) * plot.height;
		parts.push(
			`<text x="${left + plot.width / 2}" y="${top - 8}" text-anchor="middle" font-weight="bold">${xml(panel.title)}</text>`,
			`<rect x="${left}" y="${top}" width="${plot.width}" height="${plot.height}" fill="none" stroke="#999"/>`,
		);
		for (let e = yMin; e <= yMax; e++) {
			for (const m of e < yMax ? [1, 2, 5] : [1]) {
				const v = m * 10 ** e;
				const yy = r1(y(v));
				parts.push(
					`<line x1="${left}" y1="${yy}" x2="${left + plot.width}" y2="${yy}" stroke="${m === 1 ? "#ccc" : "#eee"}"/>`,
				);
				if (i === 0 || m === 1)
					parts.push(
						`<text x="${left - 6}" y="${yy + 4}" text-anchor="end" fill="${m === 1 ? "#333" : "#888"}">${short(v)}</text>`,
					);
			}
		}
		for (const v of xs) {
			parts.push(
				`<line x1="${r1(x(v))}" y1="${top}" x2="${r1(x(v))}" y2="${top + plot.height}" stroke="#eee"/>`,
				`<text x="${r1(x(v))}" y="${top + plot.height + 16}" text-anchor="middle">${short(v)}</text>`,
			);
		}
		parts.push(
			`<text x="${left + plot.width / 2}" y="${top + plot.height + 36}" text-anchor="middle" fill="#555">${xml(xLabel)}</text>`,
			`<text transform="translate(${left - 52},${top + plot.height / 2}) rotate(-90)" text-anchor="middle" fill="#555">${xml(yLabel)}</text>`,
		);
		for (const line of panel.lines) {
			const s = series.find((s) => s.name === line.series);
			const pts = [...line.points].sort((a, b) => a.x - b.x);
			parts.push(
				`<polyline fill="none" stroke="${s.color}" stroke-width="2"${s.dash ? ' stroke-dasharray="5,3"' : ""} points="${pts.map((p) => `${r1(x(p.x))},${r1(y(p.y))}`).join(" ")}"/>`,
			);
			for (const p of pts) {
				if (p.lo !== undefined && p.hi !== undefined && p.hi > p.lo)
					parts.push(
						`<line x1="${r1(x(p.x))}" y1="${r1(y(p.lo))}" x2="${r1(x(p.x))}" y2="${r1(y(p.hi))}" stroke="${s.color}" stroke-width="1"/>`,
					);
				parts.push(marker(s.shape, x(p.x), y(p.y), s.color));
			}
		}
	});
	parts.push(...key.parts, "</svg>");
	return `${parts.join("\n")}\n`;
}

/** A round step for a linear axis from 0 to `max` in about five ticks. */
function step(max) {
	const raw = max / 5;
	const power = 10 ** Math.floor(Math.log10(raw));
	return [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw);
}

/**
 * Panels in a grid, each with groups of bars ({ label, bars: [{ series, value, lo, hi }] }) on a linear axis from 0,
 * the median written over each bar and its min–max as a whisker; a legend below.
 */
export function barChart({ title, subtitle, panels, series, columns = 2 }) {
	const plot = { width: 380, height: 200 };
	const margin = { left: 64, right: 16, top: 60, bottom: 48 };
	const panelWidth = margin.left + plot.width + margin.right;
	const panelHeight = margin.top + plot.height + margin.bottom;
	const rows = Math.ceil(panels.length / columns);
	const width = columns * panelWidth + 10;
	const key = legend(series, margin.left, 44 + rows * panelHeight + 4, width - margin.left);
	const height = 44 + rows * panelHeight + key.height + 12;
	const parts = heading(width, height, title, subtitle);
	panels.forEach((panel, i) => {
		const left = (i % columns) * panelWidth + margin.left;
		const top = 44 + Math.floor(i / columns) * panelHeight + margin.top - 30;
		const values = panel.groups.flatMap((g) => g.bars.flatMap((b) => [b.value, b.hi ?? b.value]));
		const tick = step(Math.max(...values) * 1.1);
		const max = Math.ceil((Math.max(...values) * 1.12) / tick) * tick;
		const y = (v) => top + plot.height - (v / max) * plot.height;
		parts.push(
			`<text x="${left + plot.width / 2}" y="${top - 10}" text-anchor="middle" font-weight="bold">${xml(panel.title)}</text>`,
		);
		for (let v = 0; v <= max + tick / 2; v += tick) {
			parts.push(
				`<line x1="${left}" y1="${r1(y(v))}" x2="${left + plot.width}" y2="${r1(y(v))}" stroke="${v === 0 ? "#666" : "#e5e5e5"}"/>`,
				`<text x="${left - 6}" y="${r1(y(v)) + 4}" text-anchor="end" fill="#333">${v.toLocaleString("en-US")}</text>`,
			);
		}
		parts.push(
			`<text transform="translate(${left - 48},${top + plot.height / 2}) rotate(-90)" text-anchor="middle" fill="#555">${xml(panel.unit)}</text>`,
		);
		const groupWidth = plot.width / panel.groups.length;
		panel.groups.forEach((group, g) => {
			const gx = left + g * groupWidth;
			const barWidth = Math.min(34, (groupWidth - 20) / group.bars.length);
			const start = gx + (groupWidth - barWidth * group.bars.length) / 2;
			group.bars.forEach((bar, b) => {
				const s = series.find((s) => s.name === bar.series);
				const bx = start + b * barWidth;
				const cx = r1(bx + barWidth / 2);
				parts.push(
					`<rect x="${r1(bx + 1)}" y="${r1(y(bar.value))}" width="${r1(barWidth - 2)}" height="${r1(y(0) - y(bar.value))}" fill="${s.color}"/>`,
				);
				if (bar.lo !== undefined && bar.hi !== undefined && bar.hi > bar.lo)
					parts.push(
						`<line x1="${cx}" y1="${r1(y(bar.lo))}" x2="${cx}" y2="${r1(y(bar.hi))}" stroke="#222"/>`,
						`<line x1="${cx - 4}" y1="${r1(y(bar.hi))}" x2="${cx + 4}" y2="${r1(y(bar.hi))}" stroke="#222"/>`,
						`<line x1="${cx - 4}" y1="${r1(y(bar.lo))}" x2="${cx + 4}" y2="${r1(y(bar.lo))}" stroke="#222"/>`,
					);
				parts.push(
					`<text x="${cx}" y="${r1(Math.min(y(bar.value), y(bar.hi ?? bar.value)) - 4)}" text-anchor="middle" font-size="10">${Math.round(bar.value).toLocaleString("en-US")}</text>`,
				);
			});
			const [first, second] = group.label;
			parts.push(
				`<text x="${r1(gx + groupWidth / 2)}" y="${top + plot.height + 15}" text-anchor="middle">${xml(first)}</text>`,
				`<text x="${r1(gx + groupWidth / 2)}" y="${top + plot.height + 29}" text-anchor="middle" fill="#555">${xml(second ?? "")}</text>`,
			);
		});
	});
	parts.push(...key.parts, "</svg>");
	return `${parts.join("\n")}\n`;
}
