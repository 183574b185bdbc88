// The canvas: one full-screen plane of surfaces, an always-present input line, a WebSocket to the hub.
// Every operation is a message to the hub (which applies it, records undo, and broadcasts the new state).
import { html, render, nothing } from 'lit';
import { renderSpec } from './components.js';
import { layout } from './layout.js';

const plane = document.getElementById('plane');
const shelfEl = document.getElementById('shelf');
const line = document.getElementById('line');
const statusEl = document.getElementById('status');
const params = new URLSearchParams(location.search);
const session = /^[A-Za-z0-9_-]{1,64}$/.test(params.get('session') || '') ? params.get('session') : 'main';
const bench = params.has('bench');

// The token arrives in the fragment (never sent to a server, never in logs); keep it for this tab only.
(function takeToken() {
  const m = location.hash.match(/token=([A-Za-z0-9_.~-]+)/);
  if (m) {
    sessionStorage.setItem('clay.token', m[1]);
    history.replaceState(null, '', location.pathname + location.search);
  }
})();
const token = () => sessionStorage.getItem('clay.token');

let state = { version: 0, surfaces: [] };
let ws = null, retry = 300, zoom = 1;
const ui = new Map();
let drag = null;

function send(msg) {
  if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(msg));
  else toast('Not connected to Clay; retrying…');
}
const op = (name, id, extra = {}) => send({ type: 'op', op: name, id, ...extra });

function connect() {
  const t = token();
  ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/canvas/ws?session=${session}${t ? '&token=' + encodeURIComponent(t) : ''}`);
  ws.onopen = () => { retry = 300; statusEl.textContent = 'connected'; };
  ws.onclose = () => { statusEl.textContent = 'reconnecting…'; setTimeout(connect, retry); retry = Math.min(retry * 2, 5000); };
  ws.onmessage = ev => {
    let m;
    try { m = JSON.parse(ev.data); } catch { return; }
    if (m.type === 'state') apply(m);
    else if (m.type === 'error') toast(m.message + (m.fix ? ' — ' + m.fix : ''));
  };
}

function apply(m) {
  const received = performance.now();
  const before = new Set(state.surfaces.map(s => s.id));
  const animated = ['morph', 'transform', 'merge', 'undo', 'dismiss', 'recede'].includes(m.op);
  state = m;
  const update = () => draw();
  if (animated && document.startViewTransition && !document.hidden) {
    document.body.dataset.transitioning = '1';
    const t = document.startViewTransition(update);
    t.finished.finally(() => { delete document.body.dataset.transitioning; });
  } else update();
  if (bench) {
    const fresh = m.surfaces.filter(s => !before.has(s.id)).map(s => s.id);
    requestAnimationFrame(() => requestAnimationFrame(() => {
      send({ type: 'painted', version: m.version, surfaces: fresh, renderMs: performance.now() - received });
      if (performance.memory) send({ type: 'metrics', version: m.version, surfaces: m.surfaces.length,
        heap: performance.memory.usedJSHeapSize, nodes: document.getElementsByTagName('*').length });
    }));
  }
}

function draw() {
  // layout in the plane's own (unzoomed) size: zooming scales what is there, it does not re-flow it
  const { boxes, shelf } = layout(state.surfaces, plane.clientWidth || innerWidth, plane.clientHeight || innerHeight - 56);
  const shown = state.surfaces.filter(s => boxes.has(s.id));
  render(html`${shown.length === 0 ? html`<div class="empty">Ask for something below.</div>` : nothing}
    ${shown.map(s => surfaceView(s, boxes.get(s.id)))}`, plane);
  document.body.classList.toggle('has-shelf', shelf.length > 0);
  const shelved = shelf.map(id => state.surfaces.find(s => s.id === id));
  render(html`${shelved.map(s => html`<button data-surface-id=${s.id} @click=${() => op('focus', s.id)}>${s.spec.title}</button>`)}`, shelfEl);
  for (const s of shown) {
    const el = plane.querySelector(`[data-surface-id="${s.id}"]`);
    const b = boxes.get(s.id);
    Object.assign(el.style, { left: b.x + 'px', top: b.y + 'px', width: b.w + 'px', height: b.h + 'px', viewTransitionName: 'surface-' + s.id });
  }
  document.body.dataset.version = String(state.version);
  document.body.dataset.canUndo = String(!!state.canUndo);
}

const rerender = () => draw();

function surfaceView(s, box) {
  let body;
  try {
    body = s.spec.kind === 'html'
      ? html`<iframe sandbox="allow-scripts" referrerpolicy="no-referrer" loading="eager" title=${s.spec.title} src=${s.frame}></iframe>`
      : renderSpec(s, { send, ui, rerender, syncScroll });
  } catch (e) {
    body = html`<p class="c-text error">This surface could not be drawn: ${String(e && e.message || e)}</p>`;
  }
  const cls = `surface ${s.presence} kind-${s.spec.kind} ${(s.spec.related || []).includes('error') ? 'error' : ''}`;
  return html`<section class=${cls} data-surface-id=${s.id} tabindex="-1" aria-label=${s.spec.title}
      @pointerdown=${e => { if (!e.target.closest('header')) maybeFocus(s); }}>
    <header @pointerdown=${e => startDrag(e, s)}>
      <h2>${s.spec.title}</h2>
      ${hasRows(s) ? html`<button title="Show differently (T)" data-act="transform" @click=${() => op('transform', s.id, { presentation: nextPresentation(s) })}>⇄</button>` : nothing}
      ${hasDocuments(s) ? html`<button title="Export Markdown" data-act="export-md" @click=${() => send({ type: 'export', id: s.id, format: 'md' })}>MD</button>
        <button title="Export HTML" data-act="export-html" @click=${() => send({ type: 'export', id: s.id, format: 'html' })}>HTML</button>
        <button title="Export PDF" data-act="export-pdf" @click=${() => send({ type: 'export', id: s.id, format: 'pdf' })}>PDF</button>` : nothing}
      <button title="Recede (Esc)" data-act="recede" @click=${() => op('recede', s.id)}>–</button>
      <button title="Dismiss (Del)" data-act="dismiss" @click=${() => op('dismiss', s.id)}>×</button>
    </header>
    <div class="body">${body}</div>
  </section>`;
}

function maybeFocus(s) { if (s.presence !== 'focused') op('focus', s.id); }
const hasRows = s => s.spec.kind === 'components' && s.spec.components.some(c => c.type === 'table' || c.type === 'chart' || (c.type === 'list' && (s.spec.related || []).some(r => r.startsWith('data:'))));
const hasDocuments = s => s.spec.kind === 'components' && s.spec.components.some(c => c.type === 'diff');
function nextPresentation(s) {
  const types = new Set(s.spec.components.map(c => c.type));
  if (types.has('table')) return 'chart';
  const chartC = s.spec.components.find(c => c.type === 'chart');
  if (chartC) return (typeof chartC.vegaLite.mark === 'string' ? chartC.vegaLite.mark : chartC.vegaLite.mark.type) === 'bar' ? 'line' : 'list';
  return 'table';
}

// Synchronized scrolling: panes sharing a scroll group within a surface keep the same relative position. A pane
// moved by the sync remembers where it was put, so the scroll event that move causes is recognised as its echo and
// not passed on; any other scroll, however soon after, is the user's and is followed (no timing guess involved).
function syncScroll(el) {
  if (!el.dataset.scrollGroup) return;
  if (el._syncedTo !== undefined) {
    const echo = Math.abs(el.scrollTop - el._syncedTo) < 1;
    el._syncedTo = undefined;
    if (echo) return;
  }
  const surfaceEl = el.closest('.surface');
  const max = el.scrollHeight - el.clientHeight;
  const ratio = max > 0 ? el.scrollTop / max : 0;
  for (const other of surfaceEl.querySelectorAll(`.scroll[data-scroll-group="${CSS.escape(el.dataset.scrollGroup)}"]`)) {
    if (other === el) continue;
    const before = other.scrollTop;
    other.scrollTop = ratio * (other.scrollHeight - other.clientHeight);
    // only a pane that really moved fires a scroll event to ignore
    other._syncedTo = Math.abs(other.scrollTop - before) >= 1 ? other.scrollTop : undefined;
  }
}

// Gestures: drag a surface by its header onto another to merge; flick it sideways to dismiss.
function startDrag(e, s) {
  if (e.button !== 0 || e.target.closest('button')) return;
  const el = e.currentTarget.closest('.surface');
  drag = { s, el, x0: e.clientX, y0: e.clientY, t0: performance.now(), target: null, moved: false };
  el.setPointerCapture(e.pointerId);
  el.addEventListener('pointermove', moveDrag);
  el.addEventListener('pointerup', endDrag, { once: true });
}
function moveDrag(e) {
  if (!drag) return;
  const dx = e.clientX - drag.x0, dy = e.clientY - drag.y0;
  if (!drag.moved && Math.hypot(dx, dy) < 6) return;
  drag.moved = true;
  drag.el.classList.add('dragging');
  drag.el.style.transform = `translate(${dx / zoom}px, ${dy / zoom}px)`;
  drag.el.style.pointerEvents = 'none';
  const under = document.elementFromPoint(e.clientX, e.clientY)?.closest('.surface');
  drag.el.style.pointerEvents = '';
  plane.querySelectorAll('.drop-target').forEach(x => x.classList.remove('drop-target'));
  drag.target = under && under !== drag.el ? under.dataset.surfaceId : null;
  if (drag.target) under.classList.add('drop-target');
}
function endDrag(e) {
  const d = drag;
  drag = null;
  if (!d) return;
  d.el.removeEventListener('pointermove', moveDrag);
  d.el.classList.remove('dragging');
  d.el.style.transform = '';
  plane.querySelectorAll('.drop-target').forEach(x => x.classList.remove('drop-target'));
  const dx = e.clientX - d.x0, dt = Math.max(1, performance.now() - d.t0);
  if (d.target) op('merge', d.target, { other: d.s.id });
  else if (Math.abs(dx) > 160 && Math.abs(dx) / dt > 0.6) op('dismiss', d.s.id);
  else if (!d.moved) maybeFocus(d.s);
}

// Zoom: ctrl+wheel (and trackpad pinch, which browsers report as ctrl+wheel) and two-finger pinch on a touch screen
// scale the plane.
const canvasEl = document.getElementById('canvas');
function setZoom(z) {
  zoom = Math.min(2.5, Math.max(0.4, z));
  plane.style.transform = `scale(${zoom})`;
  document.body.dataset.zoom = zoom.toFixed(2);
}
canvasEl.addEventListener('wheel', e => {
  if (!e.ctrlKey) return;
  e.preventDefault();
  setZoom(zoom * Math.exp(-e.deltaY * 0.002));
}, { passive: false });
const touches = new Map();
let pinch = null;
const spread = () => { const [a, b] = [...touches.values()]; return Math.hypot(a.x - b.x, a.y - b.y); };
canvasEl.addEventListener('pointerdown', e => {
  if (e.pointerType !== 'touch') return;
  touches.set(e.pointerId, { x: e.clientX, y: e.clientY });
  if (touches.size === 2) pinch = { d0: spread(), z0: zoom };
});
canvasEl.addEventListener('pointermove', e => {
  if (!touches.has(e.pointerId)) return;
  touches.set(e.pointerId, { x: e.clientX, y: e.clientY });
  if (pinch && touches.size === 2 && pinch.d0 > 0) setZoom(pinch.z0 * spread() / pinch.d0);
});
for (const type of ['pointerup', 'pointercancel']) canvasEl.addEventListener(type, e => { touches.delete(e.pointerId); if (touches.size < 2) pinch = null; });

// Keyboard first.
const focused = () => state.surfaces.find(s => s.presence === 'focused');
function cycle(dir) {
  const live = state.surfaces.filter(s => s.presence !== 'receded');
  if (!live.length) return;
  const i = live.indexOf(focused());
  op('focus', live[(i + dir + live.length) % live.length].id);
}
document.addEventListener('keydown', e => {
  const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement;
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z' && !typing) { e.preventDefault(); op('undo'); return; }
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') { e.preventDefault(); line.focus(); return; }
  if (typing) { if (e.key === 'Escape') e.target.blur(); return; }
  const f = focused();
  if (e.key === '/') { e.preventDefault(); line.focus(); }
  else if (e.altKey && e.key === 'ArrowRight') { e.preventDefault(); cycle(1); }
  else if (e.altKey && e.key === 'ArrowLeft') { e.preventDefault(); cycle(-1); }
  else if (!f) return;
  else if (e.key === 'Escape') op('recede', f.id);
  else if (e.key === 'Delete' || e.key === 'Backspace') op('dismiss', f.id);
  else if (e.key === 't' || e.key === 'T') op('transform', f.id, { presentation: nextPresentation(f) });
  else if (e.key === 'm' || e.key === 'M') {
    const other = [...state.surfaces].filter(s => s !== f && s.presence !== 'receded').sort((a, b) => b.touched - a.touched)[0];
    if (other) op('merge', f.id, { other: other.id });
  }
});

document.getElementById('ask').addEventListener('submit', e => {
  e.preventDefault();
  const text = line.value.trim();
  if (!text) return;
  send({ type: 'utterance', text });
  line.value = '';
});

let toastTimer;
function toast(text) {
  let el = document.querySelector('.toast');
  if (!el) { el = document.createElement('div'); el.className = 'toast'; el.setAttribute('role', 'alert'); document.body.append(el); }
  el.textContent = text;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => el.remove(), 6000);
}

addEventListener('resize', () => draw());
draw();
connect();
line.focus();
