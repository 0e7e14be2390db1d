package dev.prooflane.actions.report;

/** The report's inline style sheet: no external fonts, images or scripts. */
final class HtmlStyle {
  private HtmlStyle() {}

  static final String CSS =
      """
      :root{--fg:#1f2328;--muted:#59636e;--border:#d1d9e0;--bg:#f6f8fa;--card:#fff;
        --PASS:#1a7f37;--FAIL:#cf222e;--ERROR:#bc4c00;--INCONCLUSIVE:#9a6700;--SKIPPED:#6e7781}
      *{box-sizing:border-box}
      body{margin:0;background:var(--bg);color:var(--fg);
        font:14px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Helvetica,Arial,sans-serif}
      code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
      main{max-width:1180px;margin:0 auto;padding:0 24px 48px}
      header.run{color:#fff;padding:22px 24px 18px;margin-bottom:20px}
      header.run .inner{max-width:1132px;margin:0 auto;display:flex;gap:28px;align-items:flex-start;
        justify-content:space-between;flex-wrap:wrap}
      header.run.PASS{background:var(--PASS)}header.run.FAIL{background:var(--FAIL)}
      header.run.ERROR{background:var(--ERROR)}header.run.INCONCLUSIVE{background:var(--INCONCLUSIVE)}
      .verdict{font-size:30px;font-weight:700;letter-spacing:.04em}
      .skill{font-size:17px;font-weight:600;opacity:.95}
      .message{margin-top:6px;max-width:720px;opacity:.95}
      dl.meta{display:grid;grid-template-columns:auto 1fr;gap:2px 14px;margin:0;font-size:13px}
      dl.meta dt{opacity:.8}dl.meta dd{margin:0;font-weight:600}
      .stats{display:flex;gap:10px;margin-top:12px;flex-wrap:wrap}
      .stat{background:rgba(255,255,255,.18);border-radius:999px;padding:2px 12px;font-size:13px}
      section.card{background:var(--card);border:1px solid var(--border);border-radius:8px;
        padding:16px 20px;margin-bottom:18px}
      section.card>h2{font-size:16px;margin:0 0 12px;display:flex;gap:8px;align-items:center}
      section.failures{border-left:4px solid var(--FAIL)}
      .pill{display:inline-block;border-radius:999px;padding:0 9px;font-size:11.5px;font-weight:700;
        color:#fff;line-height:20px;letter-spacing:.03em;background:var(--SKIPPED)}
      .pill.PASS{background:var(--PASS)}.pill.FAIL{background:var(--FAIL)}
      .pill.ERROR{background:var(--ERROR)}.pill.INCONCLUSIVE{background:var(--INCONCLUSIVE)}
      .pill.sandbox{background:#8250df}.pill.baseline{background:#57606a}
      .pill.keyed{background:#8250df}.pill.unkeyed{background:#57606a}
      .failure{border-top:1px solid var(--border);padding:12px 0}
      .failure:first-of-type{border-top:0;padding-top:0}
      .failure h3,.step h3{font-size:14px;margin:0 0 6px;display:flex;gap:8px;align-items:center;
        flex-wrap:wrap}
      .muted{color:var(--muted)}
      table{border-collapse:collapse;width:100%;margin:6px 0 10px}
      th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--border);vertical-align:top}
      th{font-size:12px;color:var(--muted);font-weight:600;background:var(--bg)}
      td.path{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12.5px;white-space:nowrap}
      tr.failed td{background:#ffebe9}
      th.narrow,td.narrow{width:1%;white-space:nowrap}
      table.assertions td.mono,table.diff td.sandbox,table.diff td.baseline{width:26%}
      table.assertions td.mono pre{margin:0}
      pre{background:var(--bg);border:1px solid var(--border);border-radius:6px;padding:8px 10px;
        margin:6px 0;overflow:auto;max-height:360px;white-space:pre-wrap;word-break:break-word}
      pre.log{background:#1f2328;color:#e6edf3;border-color:#1f2328}
      pre.log .err{color:#ff8182}
      .timeline .row{display:grid;grid-template-columns:260px 80px 1fr 80px;gap:10px;
        align-items:center;padding:3px 0;border-bottom:1px dashed #eaeef2}
      .timeline .id{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
      .timeline .track{position:relative;height:14px;background:var(--bg);border-radius:3px}
      .timeline .bar{position:absolute;top:0;height:14px;border-radius:3px;min-width:3px;
        background:var(--SKIPPED)}
      .bar.PASS{background:var(--PASS)}.bar.FAIL{background:var(--FAIL)}
      .bar.ERROR{background:var(--ERROR)}.bar.INCONCLUSIVE{background:var(--INCONCLUSIVE)}
      .timeline .dur{text-align:right;color:var(--muted);font-variant-numeric:tabular-nums}
      details{border:1px solid var(--border);border-radius:6px;margin:8px 0;background:var(--card)}
      details>summary{cursor:pointer;padding:7px 10px;list-style-position:inside}
      details[open]>summary{border-bottom:1px solid var(--border)}
      details>.body{padding:8px 12px}
      details.step.failed{border-color:var(--FAIL)}
      .cols{display:grid;grid-template-columns:1fr 1fr;gap:12px}
      .cols h4{margin:4px 0;font-size:12px;color:var(--muted);text-transform:uppercase;
        letter-spacing:.05em}
      .diff td.sandbox{background:#fbefff}.diff td.baseline{background:#f6f8fa}
      ul.proof{margin:0 0 8px;padding-left:18px}
      footer{color:var(--muted);font-size:12.5px;border-top:1px solid var(--border);padding-top:12px}
      footer code{color:var(--fg)}
      """;
}
