/** A small hand-written SVG line chart (linear axes from 0), for the scaling figures. */

export interface Series {
  name: string;
  color: string;
  points: { x: number; y: number }[];
}

const W = 680;
const H = 300;
const M = { left: 60, right: 240, top: 30, bottom: 45 };

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function lineChart(
  title: string,
  xLabel: string,
  yLabel: string,
  series: Series[],
  footnote?: string,
): string {
  const xs = series.flatMap((s) => s.points.map((p) => p.x));
  const ys = series.flatMap((s) => s.points.map((p) => p.y));
  const xMax = Math.max(...xs);
  const yMax = niceCeil(Math.max(...ys) * 1.05);
  // 2·10ᵏ divides in 4 round steps, 1, 2.5, 5 and 10·10ᵏ in 5
  const steps = Math.round(yMax / 10 ** Math.floor(Math.log10(yMax))) === 2 ? 4 : 5;
  const px = (x: number) => M.left + (x / xMax) * (W - M.left - M.right);
  const py = (y: number) => H - M.bottom - (y / yMax) * (H - M.top - M.bottom);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${M.left}" y="18" font-size="13" font-weight="bold">${esc(title)}</text>`,
  ];
  for (let i = 0; i <= steps; i++) {
    const y = (yMax * i) / steps;
    out.push(
      `<line x1="${M.left}" x2="${W - M.right}" y1="${py(y).toFixed(1)}" y2="${py(y).toFixed(1)}" stroke="#ddd"/>`,
      `<text x="${M.left - 6}" y="${(py(y) + 4).toFixed(1)}" text-anchor="end">${fmt(y)}</text>`,
    );
  }
  for (const x of [...new Set(xs)].sort((a, b) => a - b)) {
    out.push(
      `<line x1="${px(x).toFixed(1)}" x2="${px(x).toFixed(1)}" y1="${M.top}" y2="${H - M.bottom}" stroke="#eee"/>`,
      `<text x="${px(x).toFixed(1)}" y="${H - M.bottom + 16}" text-anchor="middle">${x}</text>`,
    );
  }
  out.push(
    `<line x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}" stroke="#333"/>`,
    `<line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${H - M.bottom}" stroke="#333"/>`,
    `<text x="${(M.left + W - M.right) / 2}" y="${H - 8}" text-anchor="middle">${esc(xLabel)}</text>`,
    `<text transform="translate(16 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`,
  );
  series.forEach((s, i) => {
    const pts = s.points.map((p) => `${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(" ");
    out.push(`<polyline points="${pts}" fill="none" stroke="${s.color}" stroke-width="2"/>`);
    for (const p of s.points)
      out.push(`<circle cx="${px(p.x).toFixed(1)}" cy="${py(p.y).toFixed(1)}" r="3.5" fill="${s.color}"/>`);
    const ly = M.top + 10 + i * 20;
    out.push(
      `<line x1="${W - M.right + 12}" x2="${W - M.right + 32}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="2"/>`,
      `<text x="${W - M.right + 38}" y="${ly + 4}">${esc(s.name)}</text>`,
    );
  });
  const notes = footnote ? footnote.split("\n") : [];
  notes.forEach((line, i) =>
    out.push(
      `<text x="${W - M.right + 12}" y="${M.top + 14 + (series.length + i) * 20}" font-size="11">${esc(line)}</text>`,
    ),
  );
  out.push("</svg>");
  return `${out.join("\n")}\n`;
}

function niceCeil(y: number): number {
  if (!(y > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(y));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= y) return m * p;
  return 10 * p;
}

function fmt(y: number): string {
  return Number.isInteger(y) ? String(y) : y.toFixed(1);
}
