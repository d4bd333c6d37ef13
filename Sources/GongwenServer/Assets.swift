/// The page's one stylesheet and one script, served at public paths (no inline code: the CSP forbids it).
enum Assets {
    static let styleSheet = """
        :root { --red: #b3261e; --ink: #1f1f1f; --line: #d9d4cc; --paper: #fbfaf7; --muted: #5f5a52; }
        * { box-sizing: border-box; }
        body { margin: 0; font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif;
               color: var(--ink); background: var(--paper); line-height: 1.6; }
        header.top { display: flex; align-items: center; justify-content: space-between; padding: .6rem 2rem;
                     border-bottom: 3px solid var(--red); background: #fff; }
        header.top .brand { font-family: "FangSong", "STFangsong", "Noto Serif CJK SC", serif; font-size: 1.5rem; color: var(--red);
                            font-weight: bold; text-decoration: none; letter-spacing: .2em; }
        header.top nav a { margin-left: 1.5rem; color: var(--ink); text-decoration: none; }
        header.top nav a:hover { color: var(--red); }
        main { max-width: 1100px; margin: 0 auto; padding: 1rem 2rem 4rem; }
        h1 { font-family: "SimHei", "Noto Sans CJK SC", sans-serif; font-size: 1.6rem; margin: 1rem 0; }
        h2 { font-size: 1.15rem; margin: .2rem 0 .6rem; }
        ol.steps { display: flex; list-style: none; padding: 0; margin: 0 0 1.5rem; counter-reset: step; }
        ol.steps li { flex: 1; padding: .4rem .6rem; border-bottom: 3px solid var(--line); color: var(--muted); counter-increment: step; }
        ol.steps li::before { content: counter(step) ". "; }
        ol.steps li.current { border-color: var(--red); color: var(--ink); font-weight: bold; }
        ol.steps a { color: inherit; }
        .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 1rem; }
        .card, .panel { background: #fff; border: 1px solid var(--line); border-radius: 4px; padding: 1rem 1.2rem; }
        .panel { margin: 1rem 0; }
        .card h2 { color: var(--red); }
        .card .kind, .note { color: var(--muted); font-size: .92rem; }
        ul.fields { padding-left: 1.2rem; font-size: .9rem; }
        button, .button { display: inline-block; background: var(--red); color: #fff; border: 1px solid var(--red); border-radius: 3px;
                          padding: .45rem 1.1rem; font-size: 1rem; cursor: pointer; text-decoration: none; font-family: inherit; }
        button.secondary, .button.secondary { background: #fff; color: var(--red); }
        .button.disabled, button:disabled { background: #eee; color: #999; border-color: #ccc; cursor: default; }
        label { display: block; margin-bottom: .2rem; }
        fieldset label { display: block; margin: .2rem 0; }
        input[type=text], input[type=number], input[type=date], select { font: inherit; padding: .3rem .4rem; border: 1px solid #bbb;
                          border-radius: 3px; min-width: 14rem; }
        .field-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 0 1.5rem; }
        fieldset { border: 1px solid var(--line); margin: 0 0 1rem; }
        .invalid { border-color: var(--red) !important; background: #fff4f3; }
        .field-error { display: block; color: var(--red); font-size: .9rem; }
        .errors { border-left: 4px solid var(--red); background: #fff4f3; padding: .5rem 1rem; margin: 1rem 0; }
        .ok { color: #1e6b30; } .bad { color: var(--red); }
        .panel.ok { border-left: 4px solid #1e6b30; } .panel.bad { border-left: 4px solid var(--red); }
        table { border-collapse: collapse; width: 100%; background: #fff; margin: 1rem 0; }
        th, td { border: 1px solid var(--line); padding: .35rem .6rem; text-align: left; vertical-align: top; }
        th { background: #f3efe8; }
        tr.error td.row { white-space: nowrap; font-variant-numeric: tabular-nums; }
        .actions { display: flex; gap: .8rem; flex-wrap: wrap; align-items: center; }
        .actions form { margin: 0; }
        .navigator { display: flex; gap: 1rem; align-items: center; margin-bottom: .8rem; }
        iframe.preview { width: 100%; height: 80vh; border: 1px solid var(--line); background: #888; }
        progress { width: 100%; height: 1.4rem; }
        pre { white-space: pre-wrap; }
        .report { overflow-x: auto; }
        main:has(> .report) { max-width: 1500px; } /* the decision table needs the room */
        .report table { font-size: .88rem; width: auto; min-width: 100%; }
        .report td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .report th { white-space: nowrap; }
        .report table.decisions td:nth-child(-n+4), .report table.decisions td:nth-child(8),
        .report table.results td:nth-child(-n+6) { white-space: nowrap; }
        .report table.decisions td:nth-child(5) { min-width: 6rem; }
        .report table.decisions td:nth-child(6) { min-width: 8rem; }
        .report table.decisions td:nth-child(7) { min-width: 20rem; }
        .report > p.meta, .report > p.summary { display: none; } /* said in the summary above */
        ul.counts { display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; list-style: none; padding: 0; }
        ul.counts li strong { color: var(--red); }
        """

    static let script = """
        'use strict';
        document.addEventListener('DOMContentLoaded', function () {
          var bar = document.getElementById('progress');
          if (bar && bar.dataset.events && window.EventSource) {
            var text = document.getElementById('progress-text');
            var source = new EventSource(bar.dataset.events);
            source.addEventListener('progress', function (e) {
              var d = JSON.parse(e.data);
              bar.max = Math.max(d.total, 1);
              bar.value = d.done;
              if (text) { text.textContent = d.done + ' / ' + Math.max(d.total, 1); }
            });
            source.addEventListener('end', function () { source.close(); window.location.reload(); });
          }
          document.querySelectorAll('form[data-confirm]').forEach(function (form) {
            form.addEventListener('submit', function (e) { if (!window.confirm(form.dataset.confirm)) { e.preventDefault(); } });
          });
        });
        """
}
