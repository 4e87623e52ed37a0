// The one escape used by every report: `html` templates escape each interpolated value (text and
// attribute contexts alike) unless it is already-built markup. No other code path emits user text.

/** Markup built by `html` (or `trustedMarkup`): interpolating it does not escape it again. */
export interface SafeHtml {
  readonly safeHtml: string;
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escapes a value for HTML text or a quoted attribute; control characters (except tab/newline) become U+FFFD. */
export function escapeHtml(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return (
    text
      .replace(/[&<>"'`]/g, (char) => ENTITIES[char] ?? char)
      // eslint-disable-next-line no-control-regex -- control characters are exactly what this removes
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\uFFFD')
  );
}

function isSafe(value: unknown): value is SafeHtml {
  return typeof value === 'object' && value !== null && typeof (value as { safeHtml?: unknown }).safeHtml === 'string';
}

/** An interpolated value: escaped text, or markup as is; arrays are joined; null/undefined/false render nothing. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function renderValue(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map((item: HtmlValue) => renderValue(item)).join('');
  if (isSafe(value)) return value.safeHtml;
  return escapeHtml(value);
}

/** Tagged template: the literal parts are markup, every `${value}` is escaped (unless SafeHtml). */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += renderValue(value) + (strings[i + 1] ?? '');
  });
  return { safeHtml: out };
}

/** Joins pieces of markup (escaping any plain strings among them). */
export function joinHtml(parts: readonly HtmlValue[], separator = ''): SafeHtml {
  return { safeHtml: parts.map((part) => renderValue(part)).join(separator) };
}

/** Marks a constant string written in this code (never user data) as markup, e.g. the style sheet. */
export function trustedMarkup(markup: string): SafeHtml {
  return { safeHtml: markup };
}
