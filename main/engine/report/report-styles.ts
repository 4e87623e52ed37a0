// The reports' one style sheet: light, print-friendly, system fonts only (nothing is fetched).

/** CSS for every report page. */
export const REPORT_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; padding: 24px 32px 40px; background: #fff; color: #1f2328;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif; }
main { max-width: 1100px; margin: 0 auto; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 1px solid #d0d7de; }
h3 { font-size: 14px; margin: 16px 0 6px; }
p { margin: 6px 0; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace; font-size: 12.5px; }
.muted { color: #59636e; }
.brand { font-size: 12px; letter-spacing: .08em; text-transform: uppercase; color: #0072B2; font-weight: 600; }
header.report { border-bottom: 2px solid #0072B2; padding-bottom: 12px; margin-bottom: 8px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 10px 0 0; }
dl.facts dt { color: #59636e; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 10px; margin: 16px 0 4px; }
.card { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 12px; break-inside: avoid; }
.card .label { font-size: 12px; color: #59636e; }
.card .value { font-size: 20px; font-weight: 600; }
.card .note { font-size: 11.5px; color: #59636e; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; font-size: 13px; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border-bottom: 1px solid #e3e5e8; padding: 4px 8px; text-align: left; vertical-align: top; overflow-wrap: break-word; word-break: normal; }
th { background: #f6f8fa; font-weight: 600; overflow-wrap: normal; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.baseline td { background: #f3f8fc; }
.better { color: #006c4f; }
.worse { color: #b34700; }
.chart { margin: 8px 0; break-inside: avoid; }
.chart svg { display: block; width: 100%; height: auto; }
.chart svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 12px; color: #3d444d; margin: 4px 0 0; }
.legend .key { display: inline-flex; align-items: center; gap: 6px; }
.legend .swatch { display: inline-block; width: 14px; height: 10px; border-radius: 2px; }
.legend .line { display: inline-block; width: 18px; height: 0; border-top: 2px solid; }
ul.warnings { margin: 6px 0; padding-left: 20px; }
ul.warnings li { margin: 2px 0; }
.callout { border-left: 4px solid #D55E00; background: #fdf3ec; padding: 6px 10px; margin: 8px 0; }
.verdict { border: 1px solid #d0d4da; border-left-width: 4px; border-radius: 6px; padding: 8px 12px; margin: 10px 0; }
.verdict ul { margin: 4px 0 0; padding-left: 20px; color: #555; }
.verdict-gil { border-left-color: #D55E00; }
.verdict-partly { border-left-color: #E69F00; }
.verdict-other { border-left-color: #009E73; }
.verdict p { margin: 0; }
.verdict p + p { margin-top: 4px; }
pre.output { white-space: pre-wrap; overflow-wrap: anywhere; background: #f6f8fa; border: 1px solid #e3e5e8; padding: 8px; max-height: none; font-size: 12px; }
pre.output .stderr { color: #b34700; }
footer { margin-top: 32px; font-size: 12px; color: #59636e; border-top: 1px solid #d0d7de; padding-top: 8px; }
@page { size: A4; margin: 12mm; }
@media print {
  body { padding: 0; font-size: 12px; }
  h2, h3 { break-after: avoid-page; }
  h2 + *, h3 + *, h2 + p + *, h3 + p + * { break-before: avoid-page; }
  section { break-inside: auto; }
  .cards { grid-template-columns: repeat(4, 1fr); }
}
`;
