// A Vega-Lite subset drawn as SVG: mark bar, line or point; x nominal/ordinal/temporal/quantitative; y quantitative,
// optionally aggregated (sum, mean, count, min, max) per x; color splits series. Values reach the DOM only as text.
import { html, svg } from 'lit';

const W = 640, H = 320, M = { l: 52, r: 16, t: 16, b: 46 };
const PALETTE = ['#7aa2ff', '#f7b267', '#6fd3a8', '#f08080', '#c3a6ff', '#ffd166'];

function aggregate(rows, xf, yf, agg) {
  const groups = new Map();
  for (const r of rows) {
    const k = r[xf];
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(Number(r[yf]));
  }
  const out = [];
  for (const [k, vs] of groups) {
    const nums = vs.filter(v => Number.isFinite(v));
    let v;
    switch (agg) {
      case 'count': v = vs.length; break;
      case 'mean': v = nums.reduce((a, b) => a + b, 0) / Math.max(1, nums.length); break;
      case 'min': v = Math.min(...nums); break;
      case 'max': v = Math.max(...nums); break;
      default: v = nums.reduce((a, b) => a + b, 0);
    }
    out.push({ x: k, y: v });
  }
  return out;
}

export function chart(spec) {
  const vl = spec.vegaLite;
  const mark = typeof vl.mark === 'string' ? vl.mark : vl.mark.type;
  const rows = vl.data.values;
  const xf = vl.encoding.x.field, yf = vl.encoding.y.field, cf = vl.encoding.color?.field;
  const agg = vl.encoding.y.aggregate || (mark === 'bar' ? 'sum' : null);
  const seriesKeys = cf ? [...new Set(rows.map(r => r[cf]))] : [null];
  const series = seriesKeys.map(key => {
    const sub = cf ? rows.filter(r => r[cf] === key) : rows;
    return { key, points: agg ? aggregate(sub, xf, yf, agg) : sub.map(r => ({ x: r[xf], y: Number(r[yf]) })) };
  });
  const quantX = vl.encoding.x.type === 'quantitative';
  const xs = quantX ? null : [...new Set(series.flatMap(s => s.points.map(p => p.x)))];
  const allY = series.flatMap(s => s.points.map(p => p.y)).filter(Number.isFinite);
  const yMin = Math.min(0, ...allY), yMax = Math.max(1e-9, ...allY);
  const allX = quantX ? series.flatMap(s => s.points.map(p => Number(p.x))) : [];
  const xMin = quantX ? Math.min(...allX) : 0, xMax = quantX ? Math.max(...allX) : 1;
  const pw = W - M.l - M.r, ph = H - M.t - M.b;
  const band = xs ? pw / Math.max(1, xs.length) : 0;
  const sx = x => quantX ? M.l + (xMax === xMin ? pw / 2 : (Number(x) - xMin) / (xMax - xMin) * pw) : M.l + xs.indexOf(x) * band + band / 2;
  const sy = y => M.t + ph - (y - yMin) / (yMax - yMin) * ph;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map(f => yMin + f * (yMax - yMin));
  const fmt = v => Math.abs(v) >= 1000 ? v.toFixed(0) : Number(v.toFixed(2)).toString();
  const bw = band * 0.7 / series.length;
  const marks = series.map((s, si) => {
    const color = PALETTE[si % PALETTE.length];
    const pts = s.points.filter(p => Number.isFinite(p.y));
    if (mark === 'bar') return pts.map(p => svg`<rect class="bar" fill=${color} x=${sx(p.x) - band * 0.35 + si * bw} y=${Math.min(sy(p.y), sy(0))} width=${Math.max(1, bw)} height=${Math.abs(sy(0) - sy(p.y))}><title>${String(p.x)}: ${fmt(p.y)}</title></rect>`);
    const dots = pts.map(p => svg`<circle class="dot" fill=${color} cx=${sx(p.x)} cy=${sy(p.y)} r="3.5"><title>${String(p.x)}: ${fmt(p.y)}</title></circle>`);
    if (mark === 'point') return dots;
    const d = pts.map((p, i) => `${i ? 'L' : 'M'}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join('');
    return [svg`<path class="line" stroke=${color} d=${d}></path>`, dots];
  });
  const xLabels = xs ? xs.map(x => svg`<text x=${sx(x)} y=${H - M.b + 16} text-anchor="middle">${String(x).slice(0, 12)}</text>`)
    : [0, 0.5, 1].map(f => svg`<text x=${M.l + f * pw} y=${H - M.b + 16} text-anchor="middle">${fmt(xMin + f * (xMax - xMin))}</text>`);
  return html`<figure class="c-chart" data-mark=${mark}>
    ${spec.title || vl.title ? html`<figcaption>${spec.title || vl.title}</figcaption>` : ''}
    <svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${spec.title || vl.title || 'chart'}>
      ${ticks.map(t => svg`<line class="axis" x1=${M.l} x2=${W - M.r} y1=${sy(t)} y2=${sy(t)}></line><text x=${M.l - 6} y=${sy(t) + 4} text-anchor="end">${fmt(t)}</text>`)}
      ${marks}
      ${xLabels}
      <text x=${M.l + pw / 2} y=${H - 6} text-anchor="middle">${vl.encoding.x.title || xf}</text>
      <text transform="rotate(-90)" x=${-(M.t + ph / 2)} y="12" text-anchor="middle">${vl.encoding.y.title || yf}</text>
    </svg></figure>`;
}
