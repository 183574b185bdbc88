// The trusted component catalog, rendered with Lit. Every value from a spec reaches the DOM through a Lit binding
// (text or attribute), never as markup; URLs are checked again here even though the schema already limits them.
import { html, nothing } from 'lit';
import { markdown } from './markdown.js';
import { chart } from './chart.js';
import { directive, Directive } from 'lit/directive.js';

const IMG_SRC = /^(data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+|\/api\/canvas\/[A-Za-z0-9/_.-]+)$/;

/** Renders a components-kind spec. `ui` keeps per-component view state; `send` talks to the hub. */
export function renderSpec(surface, ctx) {
  const spec = surface.spec;
  const byId = new Map(spec.components.map(c => [c.id, c]));
  const rootId = spec.root || spec.components[0].id;
  const seen = new Set();
  const node = (id, group) => {
    const c = byId.get(id);
    if (!c || seen.has(id)) return html`<p class="c-text error">missing component ${id}</p>`;
    seen.add(id);
    const kids = (c.children || []).map(ch => node(ch, c.type === 'columns' && c.scrollGroup ? c.scrollGroup : group));
    const r = RENDER[c.type];
    if (!r) return html`<p class="c-text error">unknown component ${c.type}</p>`;
    return r(c, kids, { ...ctx, surface, group });
  };
  return node(rootId, null);
}

const gapClass = c => c.gap && c.gap !== 'medium' ? `gap-${c.gap}` : '';
const key = (x, c) => `${x.surface.id}/${c.id}`;

const RENDER = {
  stack: (c, kids) => html`<div class="c-stack ${gapClass(c)}" data-component-id=${c.id}>${kids}</div>`,
  row: (c, kids) => html`<div class="c-row ${gapClass(c)}" data-component-id=${c.id}>${kids}</div>`,
  columns: (c, kids) => html`<div class="c-columns ${gapClass(c)}" data-component-id=${c.id} data-scroll-group=${c.scrollGroup || ''}>${kids}</div>`,
  grid: (c, kids, x) => html`<div class="c-grid ${gapClass(c)}" data-component-id=${c.id} ${ref(el => { el.style.gridTemplateColumns = `repeat(${c.columns || 2}, minmax(0,1fr))`; })}>${kids}</div>`,
  split: (c, kids) => {
    const r = c.ratio || 0.5;
    return html`<div class="c-split" data-component-id=${c.id} ${ref(el => {
      if (c.direction === 'vertical') el.style.gridTemplateRows = `${r}fr ${1 - r}fr`; else el.style.gridTemplateColumns = `${r}fr ${1 - r}fr`;
    })}>${kids}</div>`;
  },
  tabs: (c, kids, x) => {
    const k = key(x, c);
    const sel = Math.min(x.ui.get(k) ?? c.selected ?? 0, kids.length - 1);
    return html`<div class="c-tabs" data-component-id=${c.id}><nav role="tablist">${c.labels.map((l, i) =>
      html`<button role="tab" class=${i === sel ? 'on' : ''} @click=${() => { x.ui.set(k, i); x.rerender(); }}>${l}</button>`)}</nav>
      <div role="tabpanel">${kids[sel]}</div></div>`;
  },
  heading: c => {
    const l = c.level || 2;
    return l === 1 ? html`<h1 class="c-heading" data-component-id=${c.id}>${c.text}</h1>` : l === 2 ? html`<h2 class="c-heading" data-component-id=${c.id}>${c.text}</h2>`
      : l === 3 ? html`<h3 class="c-heading" data-component-id=${c.id}>${c.text}</h3>` : html`<h4 class="c-heading" data-component-id=${c.id}>${c.text}</h4>`;
  },
  text: c => html`<p class="c-text ${c.style || ''}" data-component-id=${c.id}>${c.text}</p>`,
  markdown: c => html`<div class="c-markdown" data-component-id=${c.id}>${markdown(c.markdown)}</div>`,
  list: (c, kids, x) => {
    const k = key(x, c);
    const sel = x.ui.get(k) || new Set();
    const click = i => {
      if (!c.selectable || c.selectable === 'none') return;
      const next = c.selectable === 'single' ? new Set(sel.has(i) ? [] : [i]) : new Set(sel);
      if (c.selectable === 'multiple') { if (next.has(i)) next.delete(i); else next.add(i); }
      x.ui.set(k, next);
      x.send({ type: 'select', id: x.surface.id, selection: { component: c.id, items: [...next] } });
      x.rerender();
    };
    const items = c.items.map((t, i) => html`<li class=${sel.has(i) ? 'sel' : ''} @click=${() => click(i)}>${t}</li>`);
    return c.ordered ? html`<ol class="c-list" data-component-id=${c.id}>${items}</ol>` : html`<ul class="c-list" data-component-id=${c.id}>${items}</ul>`;
  },
  keyvalue: c => html`<dl class="c-keyvalue" data-component-id=${c.id}>${c.entries.map(e => html`<dt>${e.key}</dt><dd>${e.value}</dd>`)}</dl>`,
  table: (c, kids, x) => table(c, x),
  code: c => html`<pre class="c-code" data-component-id=${c.id} data-language=${c.language || ''}><code>${c.code}</code></pre>`,
  image: c => html`<figure class="c-image" data-component-id=${c.id}>${IMG_SRC.test(c.src) ? html`<img src=${c.src} alt=${c.alt}>` : html`<span>${c.alt}</span>`}${c.caption ? html`<figcaption>${c.caption}</figcaption>` : nothing}</figure>`,
  diff: (c, kids, x) => diff(c, x),
  chart: c => html`<div data-component-id=${c.id}>${chart(c)}</div>`,
  textinput: c => html`<label class="c-field" data-component-id=${c.id}><span>${c.label}</span>${c.multiline
    ? html`<textarea name=${c.name} placeholder=${c.placeholder || ''} ?required=${c.required}>${c.value || ''}</textarea>`
    : html`<input name=${c.name} placeholder=${c.placeholder || ''} .value=${c.value || ''} ?required=${c.required}>`}</label>`,
  date: c => html`<label class="c-field" data-component-id=${c.id}><span>${c.label}</span><input type="date" name=${c.name} .value=${c.value || ''} ?required=${c.required}></label>`,
  choice: c => {
    const vals = new Set([].concat(c.value || []));
    return html`<label class="c-field" data-component-id=${c.id}><span>${c.label}</span><select name=${c.name} ?multiple=${c.multiple}>
      ${c.options.map(o => html`<option value=${o.value} ?selected=${vals.has(o.value)}>${o.label}</option>`)}</select></label>`;
  },
  form: (c, kids, x) => html`<form class="c-form" data-component-id=${c.id} @submit=${e => {
      e.preventDefault();
      const values = {};
      for (const el of e.target.elements) {
        if (!el.name) continue;
        values[el.name] = el.multiple ? [...el.selectedOptions].map(o => o.value) : el.value;
      }
      x.send({ type: 'action', id: x.surface.id, intent: c.submit.action.intent, parameters: { ...(c.submit.action.parameters || {}), ...values } });
    }}>${kids}<button type="submit">${c.submit.label}</button></form>`,
  button: (c, kids, x) => html`<button class="c-button ${c.style || 'primary'}" data-component-id=${c.id}
      @click=${() => x.send({ type: 'action', id: x.surface.id, intent: c.action.intent, parameters: c.action.parameters || {} })}>${c.label}</button>`,
};

// A tiny element-callback directive: sets layout styles through the CSSOM (the page's CSP forbids style attributes).
class RefDirective extends Directive {
  update(part, [fn]) { fn(part.element); return undefined; }
  render() { return nothing; }
}
const ref = directive(RefDirective);

function table(c, x) {
  const k = key(x, c);
  const st = x.ui.get(k) || { filter: '', sort: c.sort ? { ...c.sort } : null, sel: new Set() };
  x.ui.set(k, st);
  let rows = c.rows.map((r, i) => ({ r, i }));
  if (c.filterable && st.filter) {
    const f = st.filter.toLowerCase();
    rows = rows.filter(({ r }) => c.columns.some(col => String(r[col.key] ?? '').toLowerCase().includes(f)));
  }
  if (st.sort) {
    const col = c.columns.find(cc => cc.key === st.sort.key);
    const num = col && col.type === 'number';
    const dir = st.sort.direction === 'desc' ? -1 : 1;
    rows.sort((a, b) => {
      const va = a.r[st.sort.key], vb = b.r[st.sort.key];
      if (va == null) return 1; if (vb == null) return -1;
      return (num ? Number(va) - Number(vb) : String(va).localeCompare(String(vb), undefined, { numeric: true })) * dir;
    });
  }
  const sortBy = colKey => {
    if (!c.sortable) return;
    st.sort = st.sort && st.sort.key === colKey ? { key: colKey, direction: st.sort.direction === 'asc' ? 'desc' : 'asc' } : { key: colKey, direction: 'asc' };
    x.rerender();
  };
  const select = i => {
    if (!c.selectable || c.selectable === 'none') return;
    if (c.selectable === 'single') st.sel = new Set(st.sel.has(i) ? [] : [i]);
    else if (st.sel.has(i)) st.sel.delete(i); else st.sel.add(i);
    x.send({ type: 'select', id: x.surface.id, selection: { component: c.id, rows: [...st.sel] } });
    x.rerender();
  };
  const arrow = colKey => st.sort && st.sort.key === colKey ? (st.sort.direction === 'desc' ? ' ▼' : ' ▲') : '';
  return html`<div data-component-id=${c.id}>
    ${c.filterable ? html`<input class="table-filter" placeholder="Filter…" aria-label="Filter rows" .value=${st.filter}
        @input=${e => { st.filter = e.target.value; x.rerender(); }}>` : nothing}
    <table class="c-table"><thead><tr>${c.columns.map(col => html`<th data-key=${col.key} @click=${() => sortBy(col.key)}>${col.label}${arrow(col.key)}</th>`)}</tr></thead>
    <tbody>${rows.map(({ r, i }) => html`<tr class=${st.sel.has(i) ? 'sel' : ''} @click=${() => select(i)}>${c.columns.map(col => {
      const v = r[col.key];
      return html`<td class=${col.type === 'number' ? 'num' : ''}>${v == null ? '' : String(v)}</td>`;
    })}</tr>`)}</tbody></table></div>`;
}

// A document pane: its own text with changes highlighted, notes marked, and (when annotatable) a note bar for the
// current selection. Offsets count the document's own text (same + added segments), as the hub stores them.
function diff(c, x) {
  const k = key(x, c);
  const st = x.ui.get(k) || {};
  x.ui.set(k, st);
  const notes = c.annotations || [];
  const pieces = [];
  let off = 0;
  for (const s of c.segments) {
    if (s.op === 'removed') { pieces.push(html`<span class="removed">${s.text}</span>`); continue; }
    const cuts = new Set([0, s.text.length]);
    for (const n of notes) for (const b of [n.start - off, n.end - off]) if (b > 0 && b < s.text.length) cuts.add(b);
    const sorted = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i + 1 < sorted.length; i++) {
      const a = sorted[i], b = sorted[i + 1], abs = off + a;
      const note = notes.find(n => n.start <= abs && abs < n.end);
      const cls = s.op === 'added' ? 'added' : 'same';
      const span = html`<span class=${cls} data-o=${abs}>${s.text.slice(a, b)}</span>`;
      pieces.push(note ? html`<mark title=${note.note} data-note=${note.id}>${span}</mark>` : span);
    }
    off += s.text.length;
  }
  const onUp = e => {
    if (!c.annotatable) return;
    const r = selectionOffsets(e.currentTarget);
    if (r) r.quote = c.segments.filter(s => s.op !== 'removed').map(s => s.text).join('').slice(r.start, r.end);
    if (r) { st.pending = r; x.rerender(); requestAnimationFrame(() => e.currentTarget.closest('.c-diff')?.querySelector('.note-bar input')?.focus()); }
  };
  const save = e => {
    e.preventDefault();
    const input = e.target.querySelector('input');
    const note = input.value.trim();
    if (!note || !st.pending) return;
    x.send({ type: 'annotate', id: x.surface.id, component: c.id, start: st.pending.start, end: st.pending.end, quote: st.pending.quote, note });
    st.pending = null;
    x.rerender();
  };
  return html`<section class="c-diff" data-component-id=${c.id}>
    ${c.title ? html`<h3>${c.title}</h3>` : nothing}
    ${c.annotatable && st.pending ? html`<form class="note-bar" @submit=${save}><input name="note" aria-label="Note" placeholder=${'Note on “' + st.pending.quote.slice(0, 40) + '”'}>
        <button type="submit">Add note</button><button type="button" @click=${() => { st.pending = null; x.rerender(); }}>Cancel</button></form>` : nothing}
    <div class="scroll" data-scroll-group=${x.group || ''} @scroll=${e => x.syncScroll(e.currentTarget)}>
      <div class="doc-text" @mouseup=${onUp} @keyup=${onUp}>${pieces}</div>
    </div>
    ${notes.length ? html`<ol class="notes">${notes.map(n => html`<li data-note=${n.id}><q>${n.quote}</q> — ${n.note}
        <button class="c-button secondary" title="Remove note" @click=${() => x.send({ type: 'unannotate', id: x.surface.id, component: c.id, annotation: n.id })}>×</button></li>`)}</ol>` : nothing}
  </section>`;
}

/** The selected span of a document pane as document offsets, or null when nothing (or something outside) is selected. */
export function selectionOffsets(container) {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) return null;
  // Offsets count the document's own text: everything in the pane before the boundary, minus removed runs.
  const pos = (node, offset) => {
    const r = document.createRange();
    r.setStart(container, 0);
    r.setEnd(node, offset);
    const frag = r.cloneContents();
    frag.querySelectorAll('.removed').forEach(e => e.remove());
    return frag.textContent.length;
  };
  const start = pos(range.startContainer, range.startOffset), end = pos(range.endContainer, range.endOffset);
  if (start == null || end == null || end <= start) return null;
  return { start, end, quote: sel.toString().slice(0, 10000) };
}
