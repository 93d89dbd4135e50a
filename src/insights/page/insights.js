// The insights page: filters, one section per chart (Chart.js, served by Qualibot), each with its table and CSV.
import { TEXTS } from './i18n.js';

const TOKEN_KEY = 'qualibot.sdr.token'; // the console's session: one sign-in for both pages
const LANG_KEY = 'qualibot.sdr.lang';
const COLORS = ['#2557d6', '#1f9d6b', '#e0892b', '#c2413b', '#7a4fd1', '#3b8fb5'];
const RATE_KEYS = new Set(['ofPrevious', 'acceptanceRate']);

const state = { token: sessionStorage.getItem(TOKEN_KEY), lang: pickLang(), data: null, charts: [] };
const $ = (id) => document.getElementById(id);

function pickLang() {
  const saved = localStorage.getItem(LANG_KEY);
  if (saved === 'fr' || saved === 'en') return saved;
  return navigator.language?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

function t(key, values = {}) {
  const text = TEXTS[state.lang][key] ?? TEXTS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (match, name) => (values[name] === undefined ? match : String(values[name])));
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
  $('whatif-report').replaceChildren(...whatIfReport(body));
}

function whatIfReport(report) {
  const method = { 'scoring-only': 'whatif_method_scoring', 're-extract': 'whatif_method_reextract' }[report.mode] ?? 'whatif_method_none';
  const apart = report.apart;
  const other = Object.values(apart.otherPlaybook).reduce((sum, count) => sum + count, 0);
  const labels = [...new Set(Object.entries(report.matrix).flatMap(([from, row]) => [from, ...Object.keys(row)]))].sort();
  const matrix = el('table', { class: 'whatif-matrix' },
    el('thead', {}, el('tr', {}, el('th', {}, ''), ...labels.map((label) => el('th', { scope: 'col' }, label)))),
    el('tbody', {}, ...labels.filter((from) => report.matrix[from]).map((from) => el('tr', {}, el('th', { scope: 'row' }, from), ...labels.map((to) => el('td', {}, String(report.matrix[from][to] ?? 0)))))),
  );
  return [
    el('p', { class: 'whatif-method' }, t(method)),
    report.changes.length ? el('ul', {}, ...report.changes.map((change) => el('li', {}, change))) : '',
    el('p', {}, t('whatif_counts', { leads: report.leads, replayed: report.replayed })),
    el('p', { class: 'muted whatif-apart' }, t('whatif_apart', { faithful: apart.cannotReplayFaithfully, noTranscript: apart.noTranscript, notReproducible: apart.notReproducible, undecided: apart.undecided, other })),
    el('h3', {}, t('whatif_matrix')),
    matrix,
    el('h3', {}, t('whatif_flips')),
    report.flipped.length
      ? el('ul', { class: 'whatif-flips' }, ...report.flipSummary.map((line) => el('li', {}, line)))
      : el('p', {}, t('whatif_no_flip')),
    el('h3', {}, t('whatif_shift')),
    el('ul', {}, ...report.scoreShift.map((shift) => el('li', {}, `${shift.dimension}: ${shift.meanBefore} → ${shift.meanAfter} (${shift.changed})`))),
  ];
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
}

document.addEventListener('DOMContentLoaded', () => {
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
  applyLang();
  start();
});
