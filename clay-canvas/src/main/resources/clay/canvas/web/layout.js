// The layout engine: where each surface goes, from focus, recency and relatedness. Pure function of its inputs.
// - The focused surface (or the most recent one) gets the main area; alone it gets the whole canvas.
// - The others fill a side grid, surfaces related to the focused one (sharing a `related` topic) first, then by recency.
// - Receded surfaces, and those that no longer fit at a readable size, go to the shelf.
const GAP = 12;
const MIN_TILE_H = 150;

export function layout(surfaces, width, height) {
  const boxes = new Map();
  const shelf = [];
  const live = surfaces.filter(s => s.presence !== 'receded');
  surfaces.filter(s => s.presence === 'receded').forEach(s => shelf.push(s.id));
  if (live.length === 0) return { boxes, shelf };
  const byRecency = [...live].sort((a, b) => b.touched - a.touched);
  const main = live.find(s => s.presence === 'focused') || byRecency[0];
  const topics = new Set(main.spec.related || []);
  const related = s => (s.spec.related || []).some(t => topics.has(t));
  const others = byRecency.filter(s => s !== main).sort((a, b) => (related(b) - related(a)) || (b.touched - a.touched));
  if (others.length === 0) {
    boxes.set(main.id, { x: GAP, y: GAP, w: width - 2 * GAP, h: height - 2 * GAP });
    return { boxes, shelf };
  }
  const large = width >= 1800;
  const mainShare = large ? 0.56 : others.length === 1 ? 0.6 : 0.64;
  const mw = Math.round((width - 3 * GAP) * mainShare);
  boxes.set(main.id, { x: GAP, y: GAP, w: mw, h: height - 2 * GAP });
  const sx = 2 * GAP + mw, sw = width - sx - GAP;
  const cols = large && others.length > 3 ? 2 : 1;
  const rowsFit = Math.max(1, Math.floor((height - GAP) / (MIN_TILE_H + GAP)));
  const capacity = rowsFit * cols;
  const shown = others.slice(0, capacity);
  others.slice(capacity).forEach(s => shelf.push(s.id));
  const rows = Math.ceil(shown.length / cols);
  const th = Math.floor((height - GAP * (rows + 1)) / rows);
  const tw = Math.floor((sw - GAP * (cols - 1)) / cols);
  shown.forEach((s, i) => {
    const r = Math.floor(i / cols), c = i % cols;
    boxes.set(s.id, { x: sx + c * (tw + GAP), y: GAP + r * (th + GAP), w: tw, h: th });
  });
  return { boxes, shelf };
}
