// Markdown to Lit templates. Text only ever reaches the DOM through Lit bindings (escaped); no raw HTML is rendered,
// links are kept only for http(s) and mailto, and images become their alt text (the canvas loads nothing from outside).
import { html, nothing } from 'lit';

const SAFE_URL = /^(https?:|mailto:)/i;

export function markdown(src) {
  const lines = String(src).replace(/\r\n?/g, '\n').split('\n');
  const blocks = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (/^\s*$/.test(line)) { i++; continue; }
    const fence = line.match(/^```\s*([\w+-]*)\s*$/);
    if (fence) {
      const body = [];
      i++;
      while (i < lines.length && !/^```\s*$/.test(lines[i])) body.push(lines[i++]);
      i++;
      blocks.push(html`<pre><code>${body.join('\n')}</code></pre>`);
      continue;
    }
    const h = line.match(/^(#{1,6})\s+(.*)$/);
    if (h) {
      const level = h[1].length, content = inline(h[2]);
      blocks.push(level === 1 ? html`<h1>${content}</h1>` : level === 2 ? html`<h2>${content}</h2>` : level === 3 ? html`<h3>${content}</h3>` : html`<h4>${content}</h4>`);
      i++;
      continue;
    }
    if (/^\s*>/.test(line)) {
      const body = [];
      while (i < lines.length && /^\s*>/.test(lines[i])) body.push(lines[i++].replace(/^\s*>\s?/, ''));
      blocks.push(html`<blockquote>${markdown(body.join('\n'))}</blockquote>`);
      continue;
    }
    const item = /^\s*([-*+]|\d+[.)])\s+/;
    if (item.test(line)) {
      const ordered = /^\s*\d/.test(line);
      const items = [];
      while (i < lines.length && item.test(lines[i])) items.push(lines[i++].replace(item, ''));
      const lis = items.map(t => html`<li>${inline(t)}</li>`);
      blocks.push(ordered ? html`<ol>${lis}</ol>` : html`<ul>${lis}</ul>`);
      continue;
    }
    const para = [];
    while (i < lines.length && !/^\s*$/.test(lines[i]) && !/^(#{1,6}\s|```|\s*>|\s*([-*+]|\d+[.)])\s)/.test(lines[i])) para.push(lines[i++]);
    if (para.length === 0) { para.push(lines[i++]); }
    // a line ending in two spaces or a backslash is a hard break (CommonMark); other line ends are soft (a space)
    const parts = [];
    para.forEach((l, k) => {
      const hard = / {2,}$|\\$/.test(l) && k < para.length - 1;
      parts.push(inline(hard ? l.replace(/ {2,}$|\\$/, '') : l), hard ? html`<br>` : k < para.length - 1 ? ' ' : '');
    });
    blocks.push(html`<p>${parts}</p>`);
  }
  return blocks;
}

const INLINE = /(`[^`]+`)|(\*\*[^*]+\*\*|__[^_]+__)|(\*[^*\s][^*]*\*|_[^_\s][^_]*_)|(!?\[[^\]]*\]\([^)\s]*\))|(~~[^~]+~~)|(\\[\\`*_{}\[\]()#+\-.!|~=<>])|(==[^=]+==)|(\[\^[^\]\s]+\])/;

export function inline(text) {
  const out = [];
  let rest = String(text);
  while (rest.length) {
    const m = rest.match(INLINE);
    if (!m) { out.push(rest); break; }
    if (m.index > 0) out.push(rest.slice(0, m.index));
    const t = m[0];
    if (m[1]) out.push(html`<code>${t.slice(1, -1)}</code>`);
    else if (m[2]) out.push(html`<strong>${inline(t.slice(2, -2))}</strong>`);
    else if (m[3]) out.push(html`<em>${inline(t.slice(1, -1))}</em>`);
    else if (m[4]) {
      const lm = t.match(/^(!?)\[([^\]]*)\]\(([^)\s]*)\)$/);
      if (lm[1]) out.push(lm[2] ? `[image: ${lm[2]}]` : '[image]');
      else if (SAFE_URL.test(lm[3])) out.push(html`<a href=${lm[3]} target="_blank" rel="noopener noreferrer">${inline(lm[2])}</a>`);
      else out.push(inline(lm[2]));
    }
    else if (m[5]) out.push(html`<del>${inline(t.slice(2, -2))}</del>`);
    else if (m[6]) out.push(t.slice(1));
    else if (m[7]) out.push(html`<mark>${inline(t.slice(2, -2))}</mark>`);
    else if (m[8]) out.push(html`<sup>${t.slice(2, -1)}</sup>`);
    rest = rest.slice(m.index + t.length);
  }
  return out.length ? out : nothing;
}
