// The one escape function and the `html` template that applies it to every interpolated value.
import { describe, expect, it } from 'vitest';
import { escapeHtml, html, joinHtml } from '../../main/engine/report/escape-html.ts';
import { truncate } from '../../main/engine/report/report-format.ts';
import { svgLabel } from '../../main/engine/report/svg-kit.ts';

describe('escapeHtml', () => {
  it('escapes markup and quote characters for text and attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&\`</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt;',
    );
  });

  it('replaces control characters but keeps tabs, newlines and non-ASCII text', () => {
    expect(escapeHtml('a\u0000b\u001bc\td\ne — é 漢')).toBe('a\uFFFDb\uFFFDc\td\ne — é 漢');
  });

  it('renders null and undefined as nothing and numbers as text', () => {
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(undefined)).toBe('');
    expect(escapeHtml(1.5)).toBe('1.5');
  });
});

describe('html template', () => {
  it('escapes every interpolation in text and attribute positions', () => {
    const name = `"><img src=x onerror=alert(1)>`;
    expect(html`<td title="${name}">${name}</td>`.safeHtml).toBe(
      '<td title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</td>',
    );
  });

  it('does not escape nested templates twice, and escapes strings inside arrays', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}${['<x>', inner]}${null}${false}</p>`.safeHtml).toBe(
      '<p><b>&lt;i&gt;</b>&lt;x&gt;<b>&lt;i&gt;</b></p>',
    );
    expect(joinHtml(['<a>', html`<br>`], ' ').safeHtml).toBe('&lt;a&gt; <br>');
  });

  it('treats look-alike plain objects from user data as text', () => {
    const fake = '{"safeHtml":"<script>"}';
    expect(html`${fake}`.safeHtml).toBe('{&quot;safeHtml&quot;:&quot;&lt;script&gt;&quot;}');
  });

  it('truncates raw text before escaping, keeping the full text in an SVG title', () => {
    const name = '</script><script>alert(2)</script>';
    expect(truncate(name, 10)).toBe('</script>…');
    const label = svgLabel(name, 0, 0, { max: 10 }).safeHtml;
    expect(label).toContain('<title>&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;</title>');
    expect(label).toContain('&lt;/script&gt;…</text>');
    expect(label).not.toContain('<script');
  });
});
