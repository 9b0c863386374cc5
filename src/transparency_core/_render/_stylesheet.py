"""The stylesheet of the HTML page: screen, phone, print, light and dark, no network.

Every rule is scoped to ``.transparency-report`` or the page's own classes (``tr-``), so
a company's extra CSS, written after it, can override any of it. The company colour is
the custom property ``--tr-accent``; fonts are the reader's system fonts, nothing is
fetched. Colours meet WCAG AA (``tests/test_render_page.py`` computes every pair): body
text 17:1 and secondary text 8:1 on white, 15:1 and 9:1 in the dark scheme; the
company colour is only ever text on white (its validator asks 4.5:1 of it there), and
the dark scheme lightens it so that it still reads.
"""

from __future__ import annotations

__all__ = ["STYLESHEET"]

STYLESHEET = """\
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: var(--tr-page, #f4f5f7); }
.transparency-report {
  --tr-bg: #ffffff; --tr-fg: #1a1c1e; --tr-muted: #4a5058; --tr-rule: #d4d8dd;
  --tr-stripe: #f5f7f9; --tr-link: var(--tr-accent);
  --tr-page: #f4f5f7;
  box-sizing: border-box; max-width: 68rem; margin: 0 auto; padding: 2rem 2.5rem 3rem;
  background: var(--tr-bg); color: var(--tr-fg);
  font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    "Noto Sans", "Liberation Sans", sans-serif;
  overflow-wrap: break-word;
}
.transparency-report *, .transparency-report *::before, .transparency-report *::after {
  box-sizing: inherit;
}
.tr-header { border-top: 0.4rem solid var(--tr-accent); padding-top: 1.25rem; }
.tr-brand { display: flex; align-items: center; gap: 1rem; flex-wrap: wrap; }
.tr-logo { max-height: 3rem; max-width: 12rem; width: auto; height: auto; }
.transparency-report h1 { font-size: 2rem; line-height: 1.2; margin: 0; }
.tr-subtitle { font-size: 1.2rem; margin: 0.5rem 0 0; }
.tr-period, .tr-released { color: var(--tr-muted); margin: 0.25rem 0 0; }
.transparency-report h2 { font-size: 1.35rem; line-height: 1.3; margin: 0 0 0.5rem; }
.transparency-report a { color: var(--tr-link); text-underline-offset: 0.15em; }
.transparency-report a:focus-visible, .tr-scroll:focus-visible {
  outline: 3px solid var(--tr-link); outline-offset: 2px;
}
.tr-contents { margin: 2rem 0; padding: 1rem 1.25rem; border: 1px solid var(--tr-rule);
  border-inline-start: 0.25rem solid var(--tr-accent); border-radius: 0.25rem; }
.tr-contents h2 { font-size: 1rem; text-transform: uppercase; letter-spacing: 0.05em; }
.tr-contents ol { margin: 0; padding-inline-start: 1.25rem; }
.tr-contents li { margin: 0.2rem 0; }
.tr-section { margin: 2.5rem 0 0; padding-top: 1.5rem; border-top: 1px solid var(--tr-rule); }
.tr-section > p { max-width: 46rem; }
.tr-scroll { max-width: 100%; overflow-x: auto; margin: 1rem 0; }
.tr-table { border-collapse: collapse; font-size: 0.95rem; min-width: 100%; }
.tr-table th, .tr-table td { padding: 0.5rem 0.75rem; border-bottom: 1px solid var(--tr-rule);
  vertical-align: top; text-align: start; }
.tr-table thead th { font-size: 0.85rem; font-weight: 600; color: var(--tr-muted);
  border-bottom: 2px solid var(--tr-fg); vertical-align: bottom; min-width: 7.5rem; }
.tr-table thead th:first-child { min-width: 0; }
.tr-table tbody th { font-weight: 600; white-space: nowrap; position: sticky;
  inset-inline-start: 0; background: var(--tr-bg); }
.tr-table tbody tr:nth-child(even) th, .tr-table tbody tr:nth-child(even) td {
  background: var(--tr-stripe); }
.tr-table .num { text-align: end; font-variant-numeric: tabular-nums lining-nums;
  white-space: nowrap; }
.tr-table thead .num { white-space: normal; }
.tr-definitions { margin: 1rem 0 0; max-width: 46rem; font-size: 0.92rem; }
.tr-definitions dt { font-weight: 600; margin-top: 0.75rem; }
.tr-definitions dd { margin: 0.15rem 0 0; color: var(--tr-muted); }
.tr-figure { margin: 1.5rem 0 0; }
.tr-figure .tr-scroll { margin: 0; }
.tr-chart { display: block; width: 100%; min-width: 36rem; max-width: 48rem; height: auto; }
.tr-chart text { fill: var(--tr-fg); }
.tr-chart .tr-background { fill: var(--tr-bg); }
.tr-chart .tr-part { fill: var(--tr-accent); }
.tr-chart .tr-outline { stroke: var(--tr-accent); }
.tr-chart .tr-hatch { stroke: var(--tr-accent); }
.tr-chart .tr-whole { fill: var(--tr-bg); }
.tr-chart .tr-axis { stroke: var(--tr-muted); }
@media (max-width: 40rem) {
  .transparency-report { padding: 1.25rem 1rem 2rem; }
  .transparency-report h1 { font-size: 1.6rem; }
  .tr-table th, .tr-table td { padding: 0.4rem 0.5rem; }
}
@media (prefers-color-scheme: dark) {
  body { background: #0b0c0e; }
  .transparency-report {
    --tr-bg: #16181b; --tr-fg: #eceef1; --tr-muted: #b8bec6; --tr-rule: #3a3f45;
    --tr-stripe: #1f2226; --tr-link: color-mix(in srgb, var(--tr-accent) 35%, #ffffff);
  }
  .tr-chart .tr-part { fill: var(--tr-link); }
  .tr-chart .tr-outline, .tr-chart .tr-hatch { stroke: var(--tr-link); }
  .tr-header { border-top-color: var(--tr-link); }
  .tr-contents { border-inline-start-color: var(--tr-link); }
}
@page { size: A4; margin: 16mm 14mm 18mm; }
@media print {
  body { background: #ffffff; }
  .transparency-report {
    --tr-bg: #ffffff; --tr-fg: #000000; --tr-muted: #333333; --tr-rule: #999999;
    --tr-stripe: #f2f2f2; --tr-link: #000000;
    max-width: none; margin: 0; padding: 0; font-size: 10pt;
  }
  .transparency-report a { text-decoration: none; }
  .tr-table-section { break-before: page; }
  .tr-section { border-top: 0; }
  .transparency-report h2, .tr-figure, .tr-chart, .tr-definitions div { break-inside: avoid; }
  .transparency-report h2 { break-after: avoid; }
  .tr-scroll { overflow: visible; }
  .tr-table { font-size: 9pt; }
  .tr-table thead { display: table-header-group; }
  .tr-table tr { break-inside: avoid; }
  .tr-table tbody th { position: static; }
  .tr-chart { min-width: 0; max-width: 100%; }
  .tr-definitions { max-width: none; columns: 2; column-gap: 8mm; font-size: 8.5pt; }
  .tr-definitions dt { margin-top: 0; }
  .tr-definitions div { padding-bottom: 0.6em; }
}
"""
