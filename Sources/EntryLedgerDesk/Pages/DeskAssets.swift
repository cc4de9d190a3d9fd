/// The desk's style sheet and its one script, served from memory (no files to install).
enum DeskAssets {
    static let css = """
    body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#111;background:#f6f6f3}
    header{background:#1d3557;color:#fff;padding:6px 16px}
    nav{background:#e8ecf1;padding:6px 16px}nav a{margin-right:14px}nav .who{margin:0 12px;color:#333}
    main{padding:8px 16px 40px;max-width:1100px}
    fieldset{border:1px solid #aab;margin:10px 0;padding:6px 10px;background:#fff}legend{font-weight:bold}
    .row{display:flex;flex-wrap:wrap;gap:6px 14px;margin:4px 0}.fld{display:flex;flex-direction:column;min-width:90px}
    .fld label{font-size:12px;color:#333}.blk{display:inline-block;min-width:1.6em;color:#777;font-size:11px}
    .msg{color:#b00020;font-size:12px;max-width:28em}.msg:empty{display:none}.calc{color:#1d3557;font-size:12px}.calc:empty{display:none}
    input.bad,select.bad{border:2px solid #b00020;background:#fff3f3}
    .error{color:#b00020}.hint{color:#444;font-size:12px}.draft{color:#555;font-size:12px}
    table{border-collapse:collapse;background:#fff}td,th{border:1px solid #ccd;padding:3px 8px;text-align:left;font-size:13px}
    .st{font-weight:bold;font-size:12px}.st-logged{color:#8a5a00}.st-released{color:#1b6e20}.st-voided{color:#777}
    code{font-size:12px;word-break:break-all}.inline{display:inline}.button{padding:4px 10px;border:1px solid #1d3557;background:#fff}
    #result{background:#eef8ee;padding:6px 10px}#result:empty{display:none}
    progress{width:300px}
    """

    static let script = #"""
    "use strict";
    (function () {
      const csrf = (document.querySelector('meta[name=csrf]') || {}).content || '';

      // The CSV import: columns mapped once (kept in this browser), every row checked, all or nothing.
      function importPage() {
        const MAP = 'entryledger-desk-csv-mapping';
        const text = document.getElementById('csv'), table = document.getElementById('mapping');
        const saved = JSON.parse(localStorage.getItem(MAP) || '{}');
        function header() {
          const first = (text.value.split(/\r?\n/)[0] || '');
          return first ? first.split(',').map(h => h.replace(/^"|"$/g, '').trim()) : [];
        }
        function draw() {
          table.innerHTML = '';
          for (const name of header()) {
            const tr = document.createElement('tr'), td = document.createElement('td'), sel = document.createElement('select');
            td.textContent = name;
            sel.innerHTML = document.getElementById('targets').innerHTML;
            sel.dataset.column = name;
            if (saved[name]) sel.value = saved[name];
            sel.addEventListener('change', () => { saved[name] = sel.value; localStorage.setItem(MAP, JSON.stringify(saved)); });
            const td2 = document.createElement('td'); td2.append(sel); tr.append(td, td2); table.append(tr);
          }
        }
        text.addEventListener('input', draw);
        document.getElementById('csv-file').addEventListener('change', ev => {
          const f = ev.target.files[0]; if (!f) return;
          f.text().then(t => { text.value = t; draw(); });
        });
        document.getElementById('import-button').addEventListener('click', () => {
          const mapping = {};
          for (const sel of table.querySelectorAll('select')) mapping[sel.dataset.column] = sel.value;
          const progress = document.getElementById('import-progress'), phase = document.getElementById('import-phase');
          const result = document.getElementById('import-result');
          progress.hidden = false; progress.value = 1; phase.textContent = 'sending ' + (text.value.split(/\n/).length - 1) + ' rows';
          result.textContent = '';
          const xhr = new XMLHttpRequest();
          xhr.open('POST', '/api/import');
          xhr.setRequestHeader('Content-Type', 'application/json');
          xhr.setRequestHeader('X-CSRF-Token', csrf);
          xhr.upload.onprogress = e => { if (e.lengthComputable) progress.value = 1 + e.loaded / e.total; };
          xhr.upload.onload = () => { progress.value = 2; phase.textContent = 'checking every row and logging'; };
          xhr.onload = () => {
            progress.value = 3;
            let a = {}; try { a = JSON.parse(xhr.responseText); } catch (e) {}
            const ul = document.createElement('ul');
            if (xhr.status === 200) {
              phase.textContent = 'imported ' + a.imported.length + ' entries in one transaction';
              for (const e of a.imported) { const li = document.createElement('li'); li.textContent = e.entry_number + ' at seq ' + e.seq; ul.append(li); }
            } else {
              phase.textContent = 'nothing was imported: fix these and try again';
              for (const p of a.problems || [xhr.responseText]) { const li = document.createElement('li'); li.className = 'error'; li.textContent = p; ul.append(li); }
            }
            result.append(ul);
          };
          xhr.send(JSON.stringify({ csv: text.value, mapping }));
        });
      }
      const form = document.getElementById('entry');
      if (document.getElementById('csv')) importPage();
      if (!form) return;
      // One draft per clerk: two clerks sharing a browser never see each other's.
      const KEY = 'entryledger-desk-draft-' + ((document.querySelector('meta[name=clerk]') || {}).content || '');
      const touched = new Set();
      let showAll = false, checkTimer = null, saveTimer = null, lastProblems = [];

      function parts(path) { return path.match(/[^.\[\]]+/g); }
      function setPath(obj, path, value) {
        const p = parts(path); let o = obj;
        for (let i = 0; i < p.length - 1; i++) {
          const k = /^\d+$/.test(p[i]) ? Number(p[i]) : p[i];
          if (o[k] === undefined) o[k] = /^\d+$/.test(p[i + 1]) ? [] : {};
          o = o[k];
        }
        const last = p[p.length - 1]; o[/^\d+$/.test(last) ? Number(last) : last] = value;
      }
      function cents(t) {
        t = t.trim().replace(/^\$/, '').replace(/,/g, '');
        if (!/^\d{1,14}(\.\d{1,2})?$/.test(t)) return null;
        const [w, f = ''] = t.split('.'); return Number(w) * 100 + Number((f + '00').slice(0, 2));
      }
      function dollars(c) { return (c / 100).toFixed(2); }
      function fields() { return Array.from(form.querySelectorAll('[data-path]')); }
      function with7501() { return document.getElementById('with-7501').checked; }

      // The entry JSON from the form: empty fields are left out, dollars become cents.
      function collect() {
        const obj = {}, fees = new Map();
        for (const el of fields()) {
          const path = el.dataset.path, kind = el.dataset.kind;
          if (!with7501() && path.indexOf('entry_summary') >= 0) continue;
          if (kind === 'bool') { if (el.checked) setPath(obj, path, true); continue; }
          const v = el.value.trim(); if (v === '') continue;
          if (kind === 'cents' || kind === 'percent') { const c = cents(v); setPath(obj, path, c === null ? v : c); }
          else if (kind === 'fee') {
            const base = path.replace(/\.\d+$/, ''), c = cents(v);
            if (!fees.has(base)) fees.set(base, []);
            fees.get(base).push({ class_code: el.dataset.class, amount_cents: c === null ? v : c });
          }
          else if (kind === 'int') setPath(obj, path, /^\d{1,15}$/.test(v) ? Number(v) : v);
          else if (kind === 'quantity') {
            const base = path.replace(/\.amount$/, '');
            const m = /^(\d{1,15})(?:\.(\d{1,6}))?$/.exec(v);
            if (m) { setPath(obj, base + '.amount', Number(m[1] + (m[2] || ''))); setPath(obj, base + '.scale', (m[2] || '').length); }
            else { setPath(obj, path, v); setPath(obj, base + '.scale', 0); }
          } else setPath(obj, path, v);
        }
        for (const [base, list] of fees) setPath(obj, base, list);
        for (const k of ['parties', 'bills_of_lading']) if (obj[k]) obj[k] = obj[k].filter(x => x);
        for (const l of obj.lines || []) if (l && l.entry_summary && l.entry_summary.chapter_99) l.entry_summary.chapter_99 = l.entry_summary.chapter_99.filter(x => x);
        if (obj.lines) obj.lines.forEach((l, i) => { if (l) l.line_number = i + 1; });
        if (obj.lines) obj.lines = obj.lines.map(l => l || { line_number: 0 });
        return obj;
      }

      // The field a problem belongs beside: its own, or the first field inside the member.
      function fieldFor(path) {
        const all = fields();
        if (path.endsWith('.quantity.scale')) path = path.replace(/scale$/, 'amount');
        for (let p = path; p; p = p.replace(/(\.[^.\[\]]+|\[\d+\])$/, '')) {
          const el = all.find(el => el.dataset.path === p)
            || all.find(el => el.dataset.path.startsWith(p + '.') || el.dataset.path.startsWith(p + '['));
          if (el) return el;
          if (!/(\.[^.\[\]]+|\[\d+\])$/.test(p)) break;
        }
        return null;
      }
      function show(problems) {
        lastProblems = problems;
        const byField = new Map(), loose = [];
        for (const p of problems) {
          const el = p.path ? fieldFor(p.path) : null;
          if (el && (showAll || touched.has(el.dataset.path))) {
            const list = byField.get(el) || []; list.push(p.message); byField.set(el, list);
          } else if (!el && showAll) loose.push((p.path ? p.path + ': ' : '') + p.message);
        }
        for (const el of fields()) {
          const msg = el.parentElement.querySelector('.msg');
          const list = byField.get(el);
          msg.textContent = list ? list.join('; ') : '';
          el.classList.toggle('bad', !!list);
          el.setAttribute('aria-invalid', list ? 'true' : 'false');
        }
        document.getElementById('problems').textContent = loose.join('\n');
      }
      async function post(url, body) {
        const r = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
                                     body: JSON.stringify(body), credentials: 'same-origin' });
        if (r.status === 401) { window.location = '/signin?expired=1'; throw new Error('signed out'); }
        return r;
      }
      async function check() {
        const r = await post('/api/check', { entry: collect() });
        if (!r.ok) return;
        const answer = await r.json();
        show(answer.problems);
        // Figures just filled in may settle problems (the totals): check once more.
        if (fill(answer.computed || {})) scheduleCheck(100);
      }
      function scheduleCheck(delay) { clearTimeout(checkTimer); checkTimer = setTimeout(check, delay || 60); }
      // The figures the ledger computes (duty, MPF, HMF, totals) go into the fields the clerk has
      // not typed in, and beside any the clerk typed differently.
      function fill(computed) {
        for (const span of form.querySelectorAll('.calc')) span.textContent = '';
        let changed = false;
        for (const [path, c] of Object.entries(computed)) {
          const el = byPath(path); if (!el) continue;
          const typed = cents(el.value || '');
          const shown = el.dataset.kind === 'fee' && c === 0 ? '' : dollars(c);
          if (!el.dataset.manual) { if (el.value !== shown) { el.value = shown; changed = true; } }
          else if (typed !== c) el.parentElement.querySelector('.calc').textContent = 'computed ' + dollars(c);
        }
        if (changed) saveLocal();
        return changed;
      }

      // Drafts: every keystroke in this browser, every field left on the desk's server.
      function snapshot() {
        const values = {};
        for (const el of fields()) values[el.dataset.path] = el.dataset.kind === 'bool' ? el.checked : el.value;
        return { values, lines: form.querySelectorAll('#lines .line').length, bills: form.querySelectorAll('#bills .bill').length,
                 with7501: with7501(), touched: Array.from(touched) };
      }
      function saveLocal() { try { localStorage.setItem(KEY, JSON.stringify(snapshot())); } catch (e) {} }
      function saveServer() {
        clearTimeout(saveTimer);
        saveTimer = setTimeout(async () => {
          try { const r = await post('/api/draft', snapshot()); if (r.ok) state('Draft saved on the desk at ' + new Date().toLocaleTimeString()); } catch (e) {}
        }, 200);
      }
      function state(t) { document.getElementById('draft-state').textContent = t; }
      function restore(d) {
        if (!d || !d.values) return false;
        while (form.querySelectorAll('#lines .line').length < (d.lines || 1)) addLine();
        while (form.querySelectorAll('#bills .bill').length < (d.bills || 1)) addBill();
        document.getElementById('with-7501').checked = d.with7501 !== false;
        for (const el of fields()) {
          const v = d.values[el.dataset.path]; if (v === undefined) continue;
          if (el.dataset.kind === 'bool') el.checked = !!v; else el.value = v;
        }
        (d.touched || []).forEach(p => touched.add(p));
        return Object.values(d.values).some(v => v !== '' && v !== false);
      }

      function addFrom(templateId, containerId, selector) {
        const container = document.getElementById(containerId);
        const i = container.querySelectorAll(selector).length;
        const html = document.getElementById(templateId).innerHTML.split('{i}').join(String(i));
        container.insertAdjacentHTML('beforeend', html);
        wire(container.lastElementChild); number();
      }
      function addLine() { addFrom('line-template', 'lines', '.line'); }
      function addBill() { addFrom('bill-template', 'bills', '.bill'); }
      function number() { form.querySelectorAll('#lines .line').forEach((l, i) => { l.querySelector('.lineno').textContent = i + 1; }); }

      // Totals as the clerk types: the lines' values and duties add up; total = duty + fees + taxes.
      function byPath(p) { return fields().find(el => el.dataset.path === p); }
      function totals() {
        let value = 0;
        for (const el of fields()) {
          const c = cents(el.value || '');
          if (c === null) continue;
          if (/^lines\[\d+\]\.value_cents$/.test(el.dataset.path)) value += c;
        }
        const auto = (p, c) => { const el = byPath(p); if (el && !el.dataset.manual) el.value = c ? dollars(c) : ''; };
        auto('cargo_release.estimated_value_cents', value);
      }

      function wire(root) {
        for (const el of root.querySelectorAll('[data-path]')) {
          el.addEventListener('input', ev => {
            if (el.dataset.kind === 'upper') {
              const s = el.selectionStart, e = el.selectionEnd, up = el.value.toUpperCase();
              if (up !== el.value) { el.value = up; el.setSelectionRange(s, e); }
            }
            if (ev.isTrusted) { if (el.value.trim() === '') delete el.dataset.manual; else el.dataset.manual = '1'; }
            totals(); saveLocal();
            if (['cents', 'percent', 'quantity', 'fee'].includes(el.dataset.kind)) scheduleCheck(400);
          });
          el.addEventListener('change', () => { totals(); saveLocal(); });
          el.addEventListener('blur', () => { touched.add(el.dataset.path); totals(); saveLocal(); saveServer(); scheduleCheck(); });
        }
      }

      wire(form);
      number();
      document.getElementById('add-line').addEventListener('click', () => { addLine(); saveLocal(); });
      document.getElementById('add-bill').addEventListener('click', () => { addBill(); saveLocal(); });
      document.getElementById('with-7501').addEventListener('change', () => { saveLocal(); scheduleCheck(); });
      const next = document.getElementById('use-next');
      if (next) next.addEventListener('click', () => {
        const el = byPath('entry_number'); el.value = next.textContent; touched.add('entry_number'); saveLocal(); saveServer(); scheduleCheck();
      });
      document.getElementById('clear').addEventListener('click', () => {
        if (!confirm('Clear the whole form and its drafts?')) return;
        localStorage.removeItem(KEY); post('/api/draft', {}).catch(() => {}); window.location.reload();
      });
      form.addEventListener('submit', async ev => {
        ev.preventDefault();
        showAll = true; fields().forEach(el => touched.add(el.dataset.path));
        const button = document.getElementById('submit'); button.disabled = true;
        try {
          const r = await post('/api/submit', { entry: collect() });
          const answer = await r.json();
          if (!r.ok) { show(answer.problems || []); document.getElementById('result').textContent = ''; return; }
          localStorage.removeItem(KEY);
          const res = document.getElementById('result');
          res.innerHTML = '';
          const p = document.createElement('p');
          p.id = 'logged';
          p.textContent = 'Logged entry ' + answer.entry_number + ' at seq ' + answer.seq + ', record hash ' + answer.hash + '.';
          const a = document.createElement('a'); a.href = '/entries/' + answer.entry_number; a.id = 'open-entry'; a.textContent = 'Open the entry, print its 3461, record its release';
          res.append(p, a);
          form.style.display = 'none';
        } finally { button.disabled = false; }
      });

      let local = null;
      try { local = JSON.parse(localStorage.getItem(KEY) || 'null'); } catch (e) {}
      if (restore(local)) { state('Draft restored from this browser.'); totals(); scheduleCheck(); }
      else fetch('/api/draft', { credentials: 'same-origin' }).then(r => r.json()).then(d => {
        if (restore(d.draft)) { state('Draft restored from the desk.'); totals(); scheduleCheck(); }
      }).catch(() => {});
    })();
    """#
}
