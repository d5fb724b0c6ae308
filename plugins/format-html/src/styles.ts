/** The one inline stylesheet of the HTML report (its sha256 goes into the CSP; no style attributes). */
const heat = Array.from({ length: 10 }, (_, i) => `.h${i}{background:rgba(230,85,13,${(i * 0.07).toFixed(2)})}`).join('');

export const STYLES = `
:root{--bg:#ffffff;--fg:#1d2330;--muted:#5b6577;--card:#f4f6fa;--border:#d9dee8;--accent:#2f6fd6;--sym:#7a3db8;--warn:#b35c00;--err:#c0262d;color-scheme:light}
@media (prefers-color-scheme:dark){:root:not([data-theme=light]){--bg:#14171d;--fg:#e4e8ef;--muted:#9aa4b5;--card:#1e232c;--border:#343b48;--accent:#6ea1ff;--sym:#c39bff;--warn:#f0a040;--err:#ff6b70;color-scheme:dark}}
:root[data-theme=dark]{--bg:#14171d;--fg:#e4e8ef;--muted:#9aa4b5;--card:#1e232c;--border:#343b48;--accent:#6ea1ff;--sym:#c39bff;--warn:#f0a040;--err:#ff6b70;color-scheme:dark}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif}
main{max-width:1180px;margin:0 auto;padding:24px}
header.top{display:flex;justify-content:space-between;align-items:flex-start;gap:16px}
h1{font-size:26px;margin:0 0 4px;overflow-wrap:anywhere}
h2{font-size:19px;margin:28px 0 10px;border-bottom:1px solid var(--border);padding-bottom:4px}
h3{font-size:15px;margin:18px 0 8px}
.sub{color:var(--muted);margin:0;overflow-wrap:anywhere}
button#theme-toggle{background:var(--card);color:var(--fg);border:1px solid var(--border);border-radius:6px;padding:6px 10px;cursor:pointer}
.dashboard{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:10px;margin:18px 0}
.card{background:var(--card);border:1px solid var(--border);border-radius:8px;padding:10px 12px}
.card .label{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
.card .value{font-size:21px;font-weight:600;overflow-wrap:anywhere;text-align:left}
.card .value.sym{font-size:14px;font-family:ui-monospace,monospace;color:var(--sym)}
.card .note{color:var(--muted);font-size:12px;overflow-wrap:anywhere}
dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0}
dl.kv dt{color:var(--muted)}
dl.kv dd{margin:0;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%;margin:6px 0 12px}
th,td{text-align:left;padding:3px 8px;border-bottom:1px solid var(--border);vertical-align:top;overflow-wrap:anywhere}
th{background:var(--card);font-weight:600}
.num{text-align:right;font-variant-numeric:tabular-nums}
.sym{color:var(--sym);font-family:ui-monospace,monospace}
.missing{color:var(--muted)}
abbr,[title]{text-decoration:none}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(480px,1fr));gap:14px}
figure{margin:0;background:var(--card);border:1px solid var(--border);border-radius:8px;padding:10px;overflow-x:auto;break-inside:avoid}
figcaption{font-weight:600;margin-bottom:6px}
figure svg{max-width:100%;height:auto}
figure svg text{fill:var(--fg)}
figure svg .role-axis-domain path,figure svg .role-axis-tick path{stroke:var(--muted)}
figure svg .role-axis-grid path{stroke:var(--border)}
.sev-error{color:var(--err);font-weight:600}
.sev-warning{color:var(--warn);font-weight:600}
.note{color:var(--muted);font-size:12px}
.controls{display:flex;gap:10px;align-items:center;margin-bottom:6px;flex-wrap:wrap}
.controls input,.controls select{background:var(--bg);color:var(--fg);border:1px solid var(--border);border-radius:6px;padding:5px 8px}
.controls input{min-width:280px}
.scroller{height:70vh;overflow:auto;border:1px solid var(--border);border-radius:6px}
table.layers{table-layout:fixed;margin:0;font-size:12.5px}
table.layers th{position:sticky;top:0;z-index:1;cursor:pointer;user-select:none;white-space:nowrap}
table.layers th[aria-sort=ascending]::after{content:" \\25B2"}
table.layers th[aria-sort=descending]::after{content:" \\25BC"}
table.layers td{white-space:nowrap;overflow:hidden;text-overflow:ellipsis;height:24px;padding:2px 8px}
table.layers th:nth-child(1){width:60px}table.layers th:nth-child(2){width:25%}table.layers th:nth-child(3){width:9%}table.layers th:nth-child(4){width:14%}table.layers th:nth-child(5){width:12%}
tr.spacer td,tr.spacer{border:0;padding:0}
${heat}
.tree details{margin-left:14px}
.tree>details{margin-left:0}
.tree summary{cursor:pointer}
.tree .leaf{margin-left:28px}
.tree .stats{color:var(--muted);font-size:12px}
.tree .block-name{font-family:ui-monospace,monospace}
footer{color:var(--muted);font-size:12px;margin-top:32px}
@page{size:auto;margin:12mm}
@media print{body{font-size:11px}table.layers{table-layout:auto;font-size:9px}table.layers td{white-space:normal;overflow:visible;height:auto;text-overflow:clip}table.layers th:nth-child(n){width:auto}table.layers td.num{white-space:nowrap;overflow-wrap:normal}main{max-width:none;padding:0}#theme-toggle{display:none}.page{break-before:page}.charts{grid-template-columns:1fr 1fr}.card{break-inside:avoid}.scroller{height:auto;overflow:visible}}
`;
