// The insights page: filters, one section per chart (Chart.js, served by Qualibot), each with its table and CSV.
import { TEXTS, format } from './i18n.js';

const TOKEN_KEY = 'qualibot.sdr.token'; // the console's session: one sign-in for both pages
const LANG_KEY = 'qualibot.sdr.lang';
const COLORS = ['#2557d6', '#1f9d6b', '#e0892b', '#c2413b', '#7a4fd1', '#3b8fb5'];
const RATE_KEYS = new Set(['ofPrevious', 'acceptanceRate', 'handoffRate']);

const state = { token: sessionStorage.getItem(TOKEN_KEY), lang: pickLang(), data: null, charts: [], whatIfCharts: [], whatIf: null, calibration: null };
const $ = (id) => document.getElementById(id);

function pickLang() {
  const saved = localStorage.getItem(LANG_KEY);
  if (saved && Object.hasOwn(TEXTS, saved)) return saved;
  const browser = (navigator.language || 'en').slice(0, 2).toLowerCase();
  return Object.hasOwn(TEXTS, browser) ? browser : 'en';
}

/** The catalogue's message in the page's language, ICU placeholders filled (see i18n.js). */
function t(key, values = {}) {
  return format(state.lang, key, values);
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) if (child !== undefined && child !== null && child !== false) node.append(child instanceof Node ? child : String(child));
  return node;
}

async function api(path) {
  const response = await fetch(path, { headers: { authorization: `Bearer ${state.token}` } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw Object.assign(new Error(body.message ?? response.statusText), { status: response.status });
  return body;
}

// ---------------------------------------------------------------- formatting

function percent(value) {
  return value === null || value === undefined ? '—' : new Intl.NumberFormat(state.lang, { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

function number(value) {
  return value === null || value === undefined ? '—' : new Intl.NumberFormat(state.lang, { maximumFractionDigits: 2 }).format(value);
}

function reasonLabel(id) {
  return state.data?.labels.rejectionReasons[id]?.[state.lang] ?? id;
}

/** What a table cell shows; the raw value stays in data-value (for the CSV, and for tests). */
function cellText(chartId, key, value, row) {
  if (key === 'stage') return t(`stage_${value}`);
  if (key === 'measure') return t(`measure_${value}`);
  if (key === 'reason') return reasonLabel(value);
  if (RATE_KEYS.has(key) || (key === 'value' && row.measure === 'nobodyAvailableRate')) return percent(value);
  return typeof value === 'number' ? number(value) : value === null ? '—' : String(value);
}

// ---------------------------------------------------------------- charts

function isEmpty(chart) {
  if (chart.id === 'funnel') return !chart.rows[0]?.count;
  if (chart.id === 'timings') return chart.rows.every((row) => !row.count);
  return chart.rows.length === 0;
}

function chartConfig(chart) {
  const bar = (labels, datasets, options = {}) => ({ type: 'bar', data: { labels, datasets }, options: { responsive: true, maintainAspectRatio: false, animation: false, ...options } });
  const rows = chart.rows;
  const rate = (row) => (row.acceptanceRate === null ? null : Math.round(row.acceptanceRate * 1000) / 10);
  switch (chart.id) {
    case 'funnel':
      return bar(rows.map((row) => t(`stage_${row.stage}`)), [{ label: t('col_count'), data: rows.map((row) => row.count), backgroundColor: COLORS[0] }], { indexAxis: 'y' });
    case 'routes':
      return bar(
        rows.map((row) => row.period),
        [
          ...['handoff', 'nurture', 'disqualify'].map((key, index) => ({ label: t(`col_${key}`), data: rows.map((row) => row[key]), backgroundColor: COLORS[index], stack: 'routes' })),
          { type: 'line', label: t('col_knockouts'), data: rows.map((row) => row.knockouts), borderColor: COLORS[3], backgroundColor: COLORS[3] },
        ],
        { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
      );
    case 'calibration':
      return bar(rows.map((row) => row.band), [{ label: `${t('col_acceptanceRate')} (%)`, data: rows.map(rate), backgroundColor: COLORS[1] }], { scales: { y: { min: 0, max: 100 } } });
    case 'dimensions':
      return bar(rows.map((row) => `${row.dimension}: ${row.level}`), [{ label: `${t('col_acceptanceRate')} (%)`, data: rows.map(rate), backgroundColor: COLORS[4] }], { scales: { y: { min: 0, max: 100 } } });
    case 'rejections':
      return bar(rows.map((row) => reasonLabel(row.reason)), [{ label: t('col_count'), data: rows.map((row) => row.count), backgroundColor: COLORS[3] }]);
    case 'missing-signals':
      return bar(rows.map((row) => row.dimension), [{ label: t('col_count'), data: rows.map((row) => row.count), backgroundColor: COLORS[2] }]);
    case 'corrections': {
      const perDimension = new Map();
      for (const row of rows) perDimension.set(row.dimension, (perDimension.get(row.dimension) ?? 0) + row.count);
      return bar([...perDimension.keys()], [{ label: t('col_count'), data: [...perDimension.values()], backgroundColor: COLORS[5] }]);
    }
    case 'versions':
      return bar(
        rows.map((row) => row.playbookVersion || '—'),
        [
          ...['handoff', 'nurture', 'disqualify'].map((key, index) => ({ label: t(`col_${key}`), data: rows.map((row) => row[key]), backgroundColor: COLORS[index], stack: 'routes', yAxisID: 'y' })),
          { type: 'line', label: `${t('col_acceptanceRate')} (%)`, data: rows.map(rate), borderColor: COLORS[4], backgroundColor: COLORS[4], yAxisID: 'rate' },
        ],
        { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true }, rate: { position: 'right', min: 0, max: 100, grid: { drawOnChartArea: false } } } },
      );
    default:
      return undefined;
  }
}

/** Every key of every row (the funnel's handoff step has a split the others do not). */
function columnsOf(rows) {
  return [...new Set(rows.flatMap((row) => Object.keys(row)))];
}

function toCsv(rows) {
  const columns = columnsOf(rows);
  const escape = (value) => {
    let text = value === null || value === undefined ? '' : String(value);
    if (/^[=+\-@\t]/.test(text)) text = `'${text}`; // no spreadsheet formula from a UTM value
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [columns.join(','), ...rows.map((row) => columns.map((column) => escape(row[column])).join(','))].join('\n') + '\n';
}

function download(chart) {
  const url = URL.createObjectURL(new Blob([toCsv(chart.rows)], { type: 'text/csv;charset=utf-8' }));
  const link = el('a', { href: url, download: `qualibot-${chart.id}.csv` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function tableOf(chart) {
  const columns = columnsOf(chart.rows);
  return el(
    'table',
    { id: `table-${chart.id}` },
    el('caption', { class: 'muted' }, t(`chart_${chart.id}`)),
    el('thead', {}, el('tr', {}, columns.map((column) => el('th', { scope: 'col', 'data-key': column }, t(`col_${column}`))))),
    el(
      'tbody',
      {},
      chart.rows.map((row) =>
        el(
          'tr',
          {},
          columns.map((column) => {
            const value = row[column];
            if (value === undefined) return el('td', { 'data-key': column });
            const text = cellText(chart.id, column, value, row);
            return typeof value === 'number' || value === null ? el('td', { 'data-key': column, 'data-value': value === null ? '' : value }, text) : el('td', { 'data-key': column, 'data-raw': value }, text);
          }),
        ),
      ),
    ),
  );
}

function section(chart) {
  const box = el('section', { class: 'card chart', id: `chart-${chart.id}`, 'aria-labelledby': `title-${chart.id}` }, el('h2', { id: `title-${chart.id}` }, t(`chart_${chart.id}`)), el('p', { class: 'muted' }, t(`chart_${chart.id}_hint`)));
  if (isEmpty(chart)) {
    box.append(el('p', { class: 'empty', 'data-empty': chart.id }, t(`chart_${chart.id}_empty`)));
    return box;
  }
  if (chart.summary) box.append(el('p', { class: 'summary', id: `summary-${chart.id}` }, t(`chart_${chart.id}_summary`, Object.fromEntries(Object.entries(chart.summary).map(([key, value]) => [key, percent(value)])))));
  const config = chartConfig(chart);
  if (config) {
    const canvas = el('canvas', { role: 'img', 'aria-label': `${t(`chart_${chart.id}`)}: ${t('table')} ↓` });
    box.append(el('div', { class: 'canvas-box' }, canvas));
    state.charts.push(new window.Chart(canvas, config));
  } else {
    box.append(el('div', { class: 'tiles' }, chart.rows.map((row) => el('div', { class: 'tile' }, el('strong', {}, cellText(chart.id, 'value', row.value, row)), t(`measure_${row.measure}`)))));
  }
  box.append(
    el('details', { open: true }, el('summary', {}, t('table')), tableOf(chart)),
    el('button', { type: 'button', class: 'btn', 'data-csv': chart.id, onclick: () => download(chart) }, t('csv')),
  );
  return box;
}

function render() {
  for (const chart of state.charts) chart.destroy();
  state.charts = [];
  const root = $('charts');
  root.replaceChildren();
  if (!state.data) return;
  const day = (iso, end) => new Date(Date.parse(iso) - (end ? 86_400_000 : 0)).toISOString().slice(0, 10);
  $('status').textContent = t('loaded', { from: day(state.data.filter.from), to: day(state.data.filter.to, true) });
  for (const chart of state.data.charts) root.append(section(chart));
  root.dataset.ready = 'true';
}

// ---------------------------------------------------------------- filters, loading, sign-in

function fillFilters() {
  const form = $('filters');
  for (const [name, values] of Object.entries(state.data.options)) {
    const select = form.elements[name];
    const current = select.value || state.data.filter[name] || '';
    select.replaceChildren(el('option', { value: '' }, t('any')), ...values.map((value) => el('option', { value }, value)));
    select.value = current;
  }
  if (!form.elements.from.value) form.elements.from.value = state.data.filter.from.slice(0, 10);
  if (!form.elements.to.value) form.elements.to.value = new Date(Date.parse(state.data.filter.to) - 86_400_000).toISOString().slice(0, 10);
}

async function load() {
  const query = new URLSearchParams();
  for (const [name, value] of new FormData($('filters'))) if (value) query.set(name, String(value));
  $('status').textContent = t('loading');
  $('charts').dataset.ready = 'false';
  try {
    state.data = await api(`/api/insights?${query}`);
    fillFilters();
    render();
  } catch (error) {
    if (error.status === 401) return showLogin();
    if (error.status === 403) return show('forbidden-view');
    $('status').textContent = t('failed', { message: error.message });
  }
}

// ---------------------------------------------------------------- what-if (a candidate playbook, never deployed from here)

async function runWhatIf(event) {
  event.preventDefault();
  const file = $('whatif-file').files[0];
  const playbook = file ? await file.text() : $('whatif-text').value;
  const query = new URLSearchParams();
  for (const [name, value] of new FormData($('filters'))) if (value && ['from', 'to', 'channel'].includes(name)) query.set(name, String(value));
  $('whatif-error').hidden = true;
  $('whatif-report').replaceChildren(el('p', { class: 'muted' }, t('whatif_running')));
  const response = await fetch(`/api/insights/whatif?${query}`, { method: 'POST', headers: { authorization: `Bearer ${state.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ playbook }) });
  const body = await response.json().catch(() => ({}));
  if (response.status === 401) return showLogin();
  if (!response.ok) {
    $('whatif-report').replaceChildren();
    $('whatif-error').textContent = body.message ?? response.statusText;
    $('whatif-error').hidden = false;
    return;
  }
  state.whatIf = body;
  renderWhatIf();
}

/** A chart of the what-if report and its numbers as a table (the table is what screen readers and tests read). */
function whatIfFigure(id, title, config, headers, rows) {
  const canvas = el('canvas', { role: 'img', 'aria-label': `${title}: ${t('table')} ↓` });
  const table = el(
    'table',
    { id: `whatif-table-${id}` },
    el('caption', { class: 'muted' }, title),
    el('thead', {}, el('tr', {}, headers.map((header) => el('th', { scope: 'col' }, header)))),
    el('tbody', {}, rows.map((row) => el('tr', {}, row.map((cell, index) => (index === 0 ? el('th', { scope: 'row' }, cell) : el('td', { 'data-value': cell }, typeof cell === 'number' ? number(cell) : cell)))))),
  );
  const box = el('div', { class: 'chart', id: `whatif-chart-${id}` }, el('h3', {}, title), el('div', { class: 'canvas-box' }, canvas), el('details', { open: true }, el('summary', {}, t('table')), table));
  // Drawn once the box is in the page (Chart.js measures its parent).
  return { box, draw: () => state.whatIfCharts.push(new window.Chart(canvas, { ...config, options: { responsive: true, maintainAspectRatio: false, animation: false, ...config.options } })) };
}

function whatIfReport(report) {
  const method = { 'scoring-only': 'whatif_method_scoring', 're-extract': 'whatif_method_reextract' }[report.mode] ?? 'whatif_method_none';
  const apart = report.apart;
  const other = Object.values(apart.otherPlaybook).reduce((sum, count) => sum + count, 0);
  const routes = [...new Set(Object.entries(report.matrix).flatMap(([from, row]) => [from, ...Object.keys(row)]))].sort();
  const before = routes.filter((from) => report.matrix[from]);
  // Route matrix: one bar per route today, split by the route the candidate gives.
  const matrix = whatIfFigure(
    'matrix',
    t('whatif_matrix'),
    { type: 'bar', data: { labels: before, datasets: routes.map((to, index) => ({ label: to, data: before.map((from) => report.matrix[from][to] ?? 0), backgroundColor: COLORS[index % COLORS.length], stack: 'after' })) }, options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } } },
    ['', ...routes],
    before.map((from) => [from, ...routes.map((to) => report.matrix[from][to] ?? 0)]),
  );
  // Flips: per change of route, how many leads, split by what sales said about them.
  const verdictOf = (lead) => lead.verdict ?? 'none';
  const changes = [...new Set(report.flipped.map((lead) => `${lead.before} → ${lead.after}`))].sort();
  const verdicts = ['accepted', 'rejected', 'none'].filter((verdict) => report.flipped.some((lead) => verdictOf(lead) === verdict));
  const flipCount = (change, verdict) => report.flipped.filter((lead) => `${lead.before} → ${lead.after}` === change && verdictOf(lead) === verdict).length;
  const flips = whatIfFigure(
    'flips',
    t('whatif_flips'),
    { type: 'bar', data: { labels: changes, datasets: verdicts.map((verdict, index) => ({ label: t(`whatif_verdict_${verdict}`), data: changes.map((change) => flipCount(change, verdict)), backgroundColor: COLORS[[1, 3, 5][index]], stack: 'verdict' })) }, options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } } },
    [t('whatif_change'), ...verdicts.map((verdict) => t(`whatif_verdict_${verdict}`))],
    changes.map((change) => [change, ...verdicts.map((verdict) => flipCount(change, verdict))]),
  );
  // Score shift: mean points per dimension, now and with the candidate.
  const shift = whatIfFigure(
    'shift',
    t('whatif_shift'),
    {
      type: 'bar',
      data: {
        labels: report.scoreShift.map((row) => row.dimension),
        datasets: [
          { label: t('whatif_now'), data: report.scoreShift.map((row) => row.meanBefore), backgroundColor: COLORS[0] },
          { label: t('whatif_candidate'), data: report.scoreShift.map((row) => row.meanAfter), backgroundColor: COLORS[2] },
        ],
      },
      options: { scales: { y: { beginAtZero: true } } },
    },
    [t('col_dimension'), t('whatif_now'), t('whatif_candidate'), t('whatif_changed')],
    report.scoreShift.map((row) => [row.dimension, row.meanBefore, row.meanAfter, row.changed]),
  );
  const figures = report.replayed > 0 ? [matrix, ...(report.flipped.length ? [flips] : []), shift] : [];
  return {
    nodes: [
      el('p', { class: 'whatif-method' }, t(method)),
      report.changes.length ? el('ul', {}, ...report.changes.map((change) => el('li', {}, change))) : '',
      el('p', {}, t('whatif_counts', { leads: report.leads, replayed: report.replayed })),
      el('p', { class: 'muted whatif-apart' }, t('whatif_apart', { faithful: apart.cannotReplayFaithfully, noTranscript: apart.noTranscript, notReproducible: apart.notReproducible, undecided: apart.undecided, other })),
      report.flipped.length ? el('ul', { class: 'whatif-flips' }, ...report.flipSummary.map((line) => el('li', {}, line))) : el('p', {}, t('whatif_no_flip')),
      ...figures.map((figure) => figure.box),
    ],
    draw: () => figures.forEach((figure) => figure.draw()),
  };
}

function renderWhatIf() {
  for (const chart of state.whatIfCharts) chart.destroy();
  state.whatIfCharts = [];
  if (!state.whatIf) return;
  const report = whatIfReport(state.whatIf);
  $('whatif-report').replaceChildren(...report.nodes);
  report.draw();
}

// ---------------------------------------------------------------- calibration (suggestions from the verdicts; never applied from here)

async function runCalibration() {
  const from = $('filters').elements.from.value;
  $('calibration-report').replaceChildren(el('p', { class: 'muted' }, t('calibrate_running')));
  try {
    state.calibration = await api(`/api/insights/calibrate${from ? `?from=${encodeURIComponent(from)}` : ''}`);
    renderCalibration();
  } catch (error) {
    if (error.status === 401) return showLogin();
    $('calibration-report').replaceChildren(el('p', { class: 'error', role: 'alert' }, t('failed', { message: error.message })));
  }
}

function simpleTable(id, headers, rows) {
  return el(
    'table',
    { id },
    el('thead', {}, el('tr', {}, headers.map((header) => el('th', { scope: 'col' }, header)))),
    el('tbody', {}, rows.map((row) => el('tr', {}, row.map((cell, index) => (index === 0 ? el('th', { scope: 'row' }, cell) : el('td', { 'data-value': cell }, typeof cell === 'number' ? number(cell) : cell)))))),
  );
}

function renderCalibration() {
  const body = state.calibration;
  if (!body) return;
  const c = body.calibration;
  const nodes = [el('p', { id: 'calibration-verdicts' }, t('calibrate_verdicts', { verdicts: c.verdicts, minimum: c.minimum }))];
  if (c.tooFew) {
    nodes.push(el('p', { class: 'empty', 'data-empty': 'calibration-suggestions' }, t('calibrate_too_few', { verdicts: c.verdicts, minimum: c.minimum })));
    $('calibration-report').replaceChildren(...nodes);
    return;
  }
  const thresholds = ['handoff', 'warm'].filter((key) => c[key]);
  nodes.push(
    el('h3', {}, t('calibrate_thresholds')),
    simpleTable(
      'calibration-thresholds',
      [t('calibrate_threshold'), t('calibrate_current'), t('calibrate_proposed'), t('calibrate_acceptedKept'), t('calibrate_acceptedLost'), t('calibrate_rejectedAvoided'), t('calibrate_rejectedStillSent'), t('calibrate_gained')],
      thresholds.map((key) => {
        const p = c[key];
        return [t(`calibrate_${key}`), p.current, p.proposed, p.acceptedKept, p.acceptedLost, p.rejectedAvoided, p.rejectedStillSent, t('calibrate_gained_text', { kept: p.acceptedKept - p.currentCounts.acceptedKept, avoided: p.rejectedAvoided - p.currentCounts.rejectedAvoided })];
      }),
    ),
    el('h3', {}, t('calibrate_levels')),
    c.levels.length
      ? simpleTable('calibration-levels', [t('col_dimension'), t('calibrate_higher'), t('calibrate_lower')], c.levels.map((item) => [item.dimension, `${item.higher.level} (${item.higher.points}) ${percent(item.higher.acceptanceRate)} / ${item.higher.judged}`, `${item.lower.level} (${item.lower.points}) ${percent(item.lower.acceptanceRate)} / ${item.lower.judged}`]))
      : el('p', { class: 'muted' }, t('calibrate_none')),
    el('h3', {}, t('calibrate_knockouts')),
    c.overturnedKnockouts.length ? simpleTable('calibration-knockouts', [t('calibrate_knockout'), t('col_accepted')], c.overturnedKnockouts.map((item) => [item.knockout, item.accepted])) : el('p', { class: 'muted' }, t('calibrate_none')),
    el('h3', {}, t('calibrate_corrections')),
    c.corrections.length ? simpleTable('calibration-corrections', [t('col_dimension'), t('col_corrected'), t('col_judged')], c.corrections.map((item) => [item.dimension, item.corrected, item.judged])) : el('p', { class: 'muted' }, t('calibrate_none')),
  );
  if (body.candidate) {
    nodes.push(
      el('p', { class: 'muted' }, t('calibrate_candidate_hint')),
      el('button', { type: 'button', class: 'btn', id: 'calibration-download', onclick: () => downloadText(body.candidate, `${body.playbook.id}.candidate.yaml`, 'application/yaml') }, t('calibrate_download')),
    );
  }
  $('calibration-report').replaceChildren(...nodes);
}

function downloadText(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = el('a', { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function show(view) {
  for (const id of ['login-view', 'forbidden-view', 'app-view']) $(id).hidden = id !== view;
  $('logout').hidden = view === 'login-view';
}

function showLogin() {
  state.token = null;
  sessionStorage.removeItem(TOKEN_KEY);
  show('login-view');
}

async function signIn(event) {
  event.preventDefault();
  const response = await fetch('/api/sdr/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: $('login-email').value, password: $('login-password').value }) });
  if (!response.ok) {
    $('login-error').textContent = t('loginFailed');
    $('login-error').hidden = false;
    return;
  }
  state.token = (await response.json()).token;
  sessionStorage.setItem(TOKEN_KEY, state.token);
  $('login-error').hidden = true;
  await start();
}

async function start() {
  if (!state.token) return showLogin();
  show('app-view');
  await load();
}

function applyLang() {
  document.documentElement.lang = state.lang;
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const button of document.querySelectorAll('.lang-btn')) button.setAttribute('aria-pressed', String(button.dataset.lang === state.lang));
  if (state.data) {
    fillFilters();
    render();
  }
  renderWhatIf();
  renderCalibration();
}

function init() {
  for (const button of document.querySelectorAll('.lang-btn')) {
    button.addEventListener('click', () => {
      state.lang = button.dataset.lang;
      localStorage.setItem(LANG_KEY, state.lang);
      applyLang();
    });
  }
  $('login-form').addEventListener('submit', signIn);
  $('filters').addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });
  $('logout').addEventListener('click', showLogin);
  $('whatif-form').addEventListener('submit', runWhatIf);
  $('calibration-run').addEventListener('click', runCalibration);
  applyLang();
  start();
}

// i18n.js awaits the page's texts, so this module may run after DOMContentLoaded has fired.
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
