// Qualibot SDR console: plain ES module, no build step.
// Rule: every text that comes from a visitor (or the server) goes into the page with textContent, never as HTML.
import { TEXTS, format } from './i18n.js';

const TOKEN_KEY = 'qualibot.sdr.token';
const LANG_KEY = 'qualibot.sdr.lang';

const state = {
  lang: initialLang(),
  // Kept across reloads and restarts until it expires (8 h); SDR_TOKEN_SECRET must then be set, else a restart signs out.
  token: localStorage.getItem(TOKEN_KEY),
  me: null,
  view: 'queued',
  lists: { queued: [], live: [], closed: [] },
  query: '',
  selectedId: null,
  /** The lead last opened on purpose: late answers for another one are dropped. */
  wanted: null,
  detail: null,
  seenLines: new Set(),
  events: null,
  audio: null,
  unseen: 0,
  /** Visitor messages not read yet, per handoff: a chat the SDR does not have open raises its own alert. */
  unread: new Map(),
  typingSentAt: 0,
  typingTimer: null,
  /** Canned replies per visitor language (CANNED_REPLIES), and the picker's current choices. */
  canned: { fr: [], en: [] },
  picker: { open: false, items: [], active: 0 },
};

/**
 * The console's views over the server's three lists: what an SDR triages by.
 * `queued` keeps its name (visitors waiting, nobody assigned); callback tasks and my own chats have their own.
 */
const VIEWS = {
  queued: { list: 'queued', keep: (item) => !item.callback },
  callbacks: { list: 'queued', keep: (item) => item.callback },
  mine: { list: 'live', keep: (item) => item.sdrId === state.me?.id },
  live: { list: 'live', keep: () => true },
  closed: { list: 'closed', keep: () => true },
};

const $ = (id) => document.getElementById(id);

// ---------------------------------------------------------------- i18n

function initialLang() {
  const saved = localStorage.getItem(LANG_KEY);
  if (saved && Object.hasOwn(TEXTS, saved)) return saved;
  const browser = (navigator.language || 'en').slice(0, 2).toLowerCase();
  return Object.hasOwn(TEXTS, browser) ? browser : 'en';
}

/** The catalogue's message in the page's language, ICU placeholders filled (see i18n.js). */
function t(key, values = {}) {
  return format(state.lang, key, values);
}

function applyLang() {
  document.documentElement.lang = state.lang;
  renderTitle();
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const button of document.querySelectorAll('.lang-btn')) button.setAttribute('aria-pressed', String(button.dataset.lang === state.lang));
  $('composer-text').placeholder = t('composerPlaceholder');
  $('search').placeholder = t('searchPlaceholder');
  $('search').setAttribute('aria-label', t('search'));
  renderConnection();
  renderList();
  if (state.detail) renderDetail();
}

// ---------------------------------------------------------------- DOM helpers

/** Creates an element; string children become text nodes (never parsed as HTML). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name === 'dataset') Object.assign(node.dataset, value);
    // Through CSSOM: the page's CSP forbids inline style attributes.
    else if (name === 'style') Object.assign(node.style, value);
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function formatDuration(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  const h = Math.floor(m / 60);
  return `${h} h ${String(m % 60).padStart(2, '0')}`;
}

/** 24-hour in both languages (screen readers then read "14:05", never "2:05 PM" in French). */
function formatTime(iso) {
  return new Date(iso).toLocaleTimeString(state.lang === 'fr' ? 'fr-FR' : 'en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

/** Bot lines are markdown (bold names, links): shown as plain text, links as "text (url)". */
function plainText(markdown) {
  return String(markdown)
    .replace(/\[([^\]]+)\]\((\S+?)\)/g, '$1 ($2)')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|\s)[*_](\S[^*_]*?)[*_](?=\s|$|[.,;:!?])/g, '$1$2');
}

function levelLabel(value) {
  const key = `level_${value}`;
  return TEXTS[state.lang][key] ? t(key) : humanize(value);
}

function dimensionLabel(dimension) {
  return TEXTS[state.lang][`dim_${dimension}`] ? t(`dim_${dimension}`) : humanize(dimension);
}

/** The queue line in the console's language, from the facts' levels (never the server's machine summary). */
function levelsSummary(levels) {
  return levels.map((level) => `${dimensionLabel(level.dimension)} : ${levelLabel(level.value)}`).join(' · ');
}

function humanize(value) {
  return String(value).replace(/_/g, ' ');
}

/** A toast; with `open`, it is a button that opens the handoff it is about (and stays longer). */
function toast(message, kind = 'info', open) {
  const node = open
    ? el('button', { type: 'button', class: `toast toast-${kind} toast-action`, onclick: () => { node.remove(); void openHandoff(open); } }, message, el('span', { class: 'toast-hint' }, t('openIt')))
    : el('div', { class: `toast toast-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, message);
  $('toasts').append(node);
  const lasts = open ? 12_000 : 4500;
  setTimeout(() => node.classList.add('toast-hide'), lasts);
  setTimeout(() => node.remove(), lasts + 500);
}

// ---------------------------------------------------------------- API

class ApiError extends Error {
  constructor(status, body) {
    super(body?.message || `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

async function api(method, path, body) {
  const headers = { accept: 'application/json' };
  if (state.token) headers.authorization = `Bearer ${state.token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = await response.json().catch(() => null);
  if (response.status === 401 && path !== '/api/sdr/login') {
    logout();
    throw new ApiError(401, data);
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

// ---------------------------------------------------------------- session

async function login(event) {
  event.preventDefault();
  unlockAudio();
  const error = $('login-error');
  error.hidden = true;
  try {
    const result = await api('POST', '/api/sdr/login', { email: $('login-email').value, password: $('login-password').value });
    state.token = result.token;
    state.me = result.sdr;
    localStorage.setItem(TOKEN_KEY, result.token);
    $('login-password').value = '';
    await enterApp();
  } catch (failure) {
    error.textContent = failure.status === 429 ? t('loginThrottled') : t('loginFailed');
    error.hidden = false;
  }
}

function logout() {
  state.token = null;
  state.me = null;
  localStorage.removeItem(TOKEN_KEY);
  state.events?.close();
  state.events = null;
  state.detail = null;
  state.selectedId = null;
  state.wanted = null;
  showLogin();
}

function showLogin() {
  $('app-view').hidden = true;
  $('logout').hidden = true;
  $('me').hidden = true;
  $('login-view').hidden = false;
  renderConnection();
  $('login-email').focus();
}

async function enterApp() {
  $('login-view').hidden = true;
  $('app-view').hidden = false;
  $('logout').hidden = false;
  $('me').hidden = false;
  $('me').textContent = state.me?.name ?? '';
  selectView(state.view);
  await refreshLists();
  connectStream();
  state.canned = await api('GET', '/api/sdr/canned-replies').catch(() => ({ fr: [], en: [] }));
}

// ---------------------------------------------------------------- live stream (SSE)

function connectStream() {
  state.events?.close();
  const events = new EventSource(`/api/sdr/stream?token=${encodeURIComponent(state.token)}`);
  state.events = events;
  events.addEventListener('open', () => {
    $('connection').dataset.state = 'on';
    renderConnection();
    // Whatever changed while disconnected.
    void refreshLists();
    if (state.selectedId) void openHandoff(state.selectedId, { keepScroll: true });
  });
  events.addEventListener('error', () => {
    $('connection').dataset.state = 'off';
    renderConnection();
    // EventSource retries on its own; an expired session (8 h) must go back to the login screen instead.
    void api('GET', '/api/sdr/me').catch(() => undefined);
  });
  events.addEventListener('queue', (message) => onQueueEvent(JSON.parse(message.data)));
  events.addEventListener('message', (message) => onMessageEvent(JSON.parse(message.data)));
  events.addEventListener('visitor-left', (message) => {
    const event = JSON.parse(message.data);
    if (event.handoffId === state.selectedId) $('visitor-left').hidden = false;
  });
  events.addEventListener('typing', (message) => onVisitorTyping(JSON.parse(message.data)));
  events.addEventListener('visitor-returned', (message) => onVisitorReturned(JSON.parse(message.data)));
}

function renderConnection() {
  const on = $('connection').dataset.state === 'on';
  $('connection-label').textContent = state.token ? (on ? t('connected') : t('disconnected')) : '';
}

function onQueueEvent(event) {
  if (event.change === 'created') alertNewLead(event.handoff);
  scheduleRefresh(event.handoff.id === state.selectedId);
}

let refreshTimer = null;
let refreshDetail = false;
/** Several queue events often arrive together (claim + notice): one refresh for the burst. */
function scheduleRefresh(detailToo) {
  refreshDetail ||= detailToo;
  if (refreshTimer) return;
  refreshTimer = setTimeout(() => {
    refreshTimer = null;
    void refreshLists();
    if (refreshDetail && state.selectedId) void openHandoff(state.selectedId, { keepScroll: true });
    refreshDetail = false;
  }, 150);
}

function onMessageEvent(event) {
  const open = event.handoffId === state.selectedId && state.detail;
  if (open) {
    appendLine(event);
    if (event.from === 'visitor') $('typing').hidden = true;
  }
  // Only visitors' words in my own live chats call for me (bot lines and my own do not).
  if (event.from !== 'visitor' || !isMineId(event.handoffId)) return;
  if (open && !document.hidden) return;
  markUnread(event.handoffId);
}

function isMineId(id) {
  return state.lists.live.some((item) => item.id === id && item.sdrId === state.me?.id);
}

function markUnread(id) {
  state.unread.set(id, (state.unread.get(id) ?? 0) + 1);
  beep();
  renderTitle();
  renderList();
}

function onVisitorTyping(event) {
  if (event.handoffId !== state.selectedId) return;
  const indicator = $('typing');
  indicator.hidden = false;
  clearTimeout(state.typingTimer);
  // Typing is told every 2 s while it lasts: a little longer than that and it has stopped.
  state.typingTimer = setTimeout(() => (indicator.hidden = true), 4000);
}

function onVisitorReturned(event) {
  beep();
  toast(t('visitorReturned', { text: event.text.slice(0, 80) }), 'alert', event.handoffId);
  state.unread.set(event.handoffId, (state.unread.get(event.handoffId) ?? 0) + 1);
  renderTitle();
  scheduleRefresh(event.handoffId === state.selectedId);
}

// ---------------------------------------------------------------- alerts

function unlockAudio() {
  if (state.audio) return;
  const Context = window.AudioContext || window.webkitAudioContext;
  if (Context) state.audio = new Context();
}

function beep() {
  const audio = state.audio;
  if (!audio) return;
  void audio.resume?.();
  const start = audio.currentTime;
  for (const [offset, frequency] of [
    [0, 880],
    [0.18, 1320],
  ]) {
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.25, start + offset + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.15);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(start + offset);
    oscillator.stop(start + offset + 0.16);
  }
}

function alertNewLead(handoff) {
  beep();
  const who = visitorName(handoff.visitor);
  toast(t('newLead', { summary: `${handoff.score} — ${who} — ${t(`reason_${handoff.reason}`)}` }), 'alert', handoff.id);
  document.body.classList.add('flash');
  setTimeout(() => document.body.classList.remove('flash'), 1600);
  if (document.hidden) state.unseen += 1;
  renderTitle();
}

/** "(3) Qualibot — …": new leads while the tab was hidden plus unread visitor messages. */
function renderTitle() {
  const unread = [...state.unread.values()].reduce((sum, count) => sum + count, 0) + state.unseen;
  document.title = `${unread ? `(${unread}) ` : ''}Qualibot — ${t('title')}`;
}

document.addEventListener('visibilitychange', () => {
  if (document.hidden) return;
  state.unseen = 0;
  // Back on the tab: the chat in front of the SDR is read now.
  if (state.selectedId) state.unread.delete(state.selectedId);
  renderTitle();
  renderList();
});

// ---------------------------------------------------------------- lists

async function refreshLists() {
  if (!state.token) return;
  try {
    const [queued, live, closed] = await Promise.all(['queued', 'live', 'closed'].map((view) => api('GET', `/api/sdr/handoffs?status=${view}`)));
    state.lists = { queued, live, closed };
    renderList();
  } catch (failure) {
    if (failure.status !== 401) toast(t('error', { message: failure.message }), 'error');
  }
}

function selectView(view) {
  state.view = view;
  for (const tab of document.querySelectorAll('.tab')) tab.setAttribute('aria-selected', String(tab.dataset.view === view));
  renderList();
}

function itemsOf(view) {
  const { list, keep } = VIEWS[view];
  return (state.lists[list] ?? []).filter(keep);
}

/** Search by name, company, email, phone, the visitor's words, the summary and who holds it. */
function matches(item, query) {
  if (!query) return true;
  const visitor = item.visitor ?? {};
  const haystack = [visitor.name, visitor.jobTitle, visitor.company, visitor.email, visitor.phone, visitor.words, item.summary, levelsSummary(item.levels ?? []), item.sdrName].filter(Boolean).join(' ');
  return fold(haystack).includes(fold(query));
}

function fold(text) {
  return String(text).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

function renderList() {
  for (const view of Object.keys(VIEWS)) {
    const count = document.querySelector(`[data-count="${view}"]`);
    if (count) count.textContent = String(itemsOf(view).length);
    const unread = document.querySelector(`[data-unread="${view}"]`);
    if (unread) {
      const total = itemsOf(view).reduce((sum, item) => sum + (state.unread.get(item.id) ?? 0), 0);
      unread.hidden = total === 0;
      unread.textContent = String(total);
    }
  }
  const items = itemsOf(state.view).filter((item) => matches(item, state.query.trim()));
  const list = $('handoff-list');
  list.replaceChildren(...items.map(renderItem));
  const empty = $('list-empty');
  empty.hidden = items.length > 0;
  empty.textContent = state.query.trim() ? t('noMatch') : t(`empty${state.view[0].toUpperCase()}${state.view.slice(1)}`);
  tick();
}

/** Who the visitor is: their name or contact, with the job title they gave; the title alone rather than "anonymous". */
function visitorName(visitor = {}) {
  const who = visitor.name || visitor.email || visitor.phone;
  if (who && visitor.jobTitle) return `${who} (${visitor.jobTitle})`;
  return who || (visitor.jobTitle ? capitalize(visitor.jobTitle) : t('anonymous'));
}

function capitalize(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Waiting times, anchored once on the client clock: every view of one handoff then shows the same time. */
function waitingNode(item, attrs = {}) {
  const ticking = item.status === 'queued' || item.status === 'expired';
  return el('span', { ...attrs, dataset: { since: String(Date.now() - item.waitingSeconds * 1000), seconds: String(item.waitingSeconds), ticking: String(ticking) } });
}

function renderItem(item) {
  const waiting = waitingNode(item, { class: 'waiting' });
  const unread = state.unread.get(item.id) ?? 0;
  const company = [item.visitor?.company, item.visitor?.headcount !== undefined ? t('employees', { count: item.visitor.headcount }) : null].filter(Boolean).join(', ');
  const presence = item.status === 'closed' || item.status === 'released' ? null : el('span', { class: `presence presence-${item.online ? 'on' : 'off'}`, title: t(item.online ? 'online' : 'offline') }, t(item.online ? 'online' : 'offline'));
  const meta = [
    el('span', { class: `badge badge-${item.reason}` }, t(`reason_${item.reason}`)),
    el('span', { class: `badge badge-status-${item.status}` }, t(`status_${item.status}`)),
    ...(item.visitorGone ? [el('span', { class: 'badge badge-gone' }, t('visitorGone'))] : []),
    waiting,
  ];
  const footer = item.sdrName
    ? el('div', { class: 'item-footer muted small' }, t('heldBy', { name: item.sdrName }))
    : item.suggestedSdr
      ? el('div', { class: 'item-footer muted small' }, t('suggested', { name: item.suggestedSdr.name }))
      : null;
  return el(
    'li',
    {},
    el(
      'button',
      {
        type: 'button',
        class: `handoff-item${item.id === state.selectedId ? ' selected' : ''}`,
        dataset: { id: item.id, status: item.status },
        onclick: () => void openHandoff(item.id),
      },
      el('span', { class: `score score-${item.tier}` }, String(item.score)),
      el(
        'span',
        { class: 'item-main' },
        el('span', { class: 'item-who' }, el('strong', {}, visitorName(item.visitor)), company ? ` · ${company}` : '', presence ? ' ' : '', presence),
        el('span', { class: 'item-summary' }, levelsSummary(item.levels ?? []) || item.summary),
        el('span', { class: 'item-meta' }, meta),
        footer,
      ),
      unread ? el('span', { class: 'unread', 'aria-label': t('unread', { count: unread }) }, String(unread)) : null,
    ),
  );
}

/** Waiting times tick every second. */
function tick() {
  for (const node of document.querySelectorAll('[data-since]')) {
    const live = node.dataset.ticking === 'true';
    const seconds = live ? (Date.now() - Number(node.dataset.since)) / 1000 : Number(node.dataset.seconds);
    node.textContent = t(live ? 'waiting' : 'waited', { time: formatDuration(seconds) });
  }
}

// ---------------------------------------------------------------- detail

async function openHandoff(id, options = {}) {
  // A refresh (keepScroll) is for the lead on screen; any other open makes its lead the one the SDR wants.
  if (!options.keepScroll) state.wanted = id;
  try {
    const detail = await api('GET', `/api/sdr/handoffs/${encodeURIComponent(id)}`);
    // A lead that answers after the SDR clicked another one must not take the screen back.
    if (state.wanted !== null && state.wanted !== id) return;
    const changed = state.selectedId !== id;
    state.selectedId = id;
    state.detail = detail;
    if (!document.hidden) state.unread.delete(id);
    renderTitle();
    if (changed) $('typing').hidden = true;
    $('visitor-left').hidden = detail.online !== false || detail.status === 'closed' || detail.status === 'released';
    renderDetail(options);
    renderList();
  } catch (failure) {
    if (failure.status !== 401) toast(t('error', { message: failure.message }), 'error');
  }
}

function renderDetail(options = {}) {
  const detail = state.detail;
  const packet = detail.packet ?? {};
  $('detail-empty').hidden = true;
  $('lead').hidden = false;
  $('lead').dataset.status = detail.status;

  const ring = $('lead-score');
  ring.className = `score-ring score-${detail.tier}`;
  ring.replaceChildren(el('strong', {}, String(detail.score)), el('small', {}, '/100'));
  $('lead-heading').textContent = headline(packet);
  const chips = [
    el('span', { class: `badge badge-${detail.reason}` }, t(`reason_${detail.reason}`)),
    el('span', { class: `badge badge-tier-${detail.tier}` }, t(`tier_${detail.tier}`)),
    el('span', { class: `badge badge-status-${detail.status}` }, t(`status_${detail.status}`)),
    waitingNode(detail, { class: 'waiting muted' }),
  ];
  if (detail.sdrName) chips.push(el('span', { class: 'muted' }, t('heldBy', { name: detail.sdrName })));
  $('lead-chips').replaceChildren(...chips);
  renderVerdict(detail);
  renderNotes(detail.notes ?? []);
  renderActions(detail);
  renderTranscript(packet.transcript ?? [], options);
  renderFacts(packet);
  renderReasons(packet.reasons ?? []);
  renderKnockouts(packet.knockouts ?? []);
  renderDisputes(packet);
  renderCallback(packet.callback, packet);
  renderKv($('contact'), [
    [t('nameLabel'), packet.contact?.name],
    [t('jobTitleLabel'), packet.contact?.jobTitle],
    [t('emailLabel'), packet.contact?.email],
    [t('phoneLabel'), packet.contact?.phone],
    [t('websiteLabel'), packet.contact?.website],
  ], t('unknownContact'));
  renderEnrichment(packet);
  renderKv($('page-context'), Object.entries(packet.pageContext ?? {}).map(([key, value]) => [humanize(key), value]), t('noContext'));
  $('playbook').textContent = packet.playbook ? t('playbook', { id: packet.playbook.id, version: packet.playbook.version }) : '';
  tick();
}

/** On a closed lead: the outcome and the SDR's note, as they closed it. */
function renderVerdict(detail) {
  const block = $('verdict');
  block.hidden = !detail.outcome;
  if (!detail.outcome) return;
  renderKv($('verdict-kv'), [
    [t('outcome'), t(`outcome_${detail.outcome}`)],
    [t('closeReason'), detail.outcomeReason],
    [t('closedAtLabel'), detail.closedAt ? `${new Date(detail.closedAt).toLocaleDateString(state.lang === 'fr' ? 'fr-FR' : 'en-GB')} ${formatTime(detail.closedAt)}` : undefined],
    [t('heldByLabel'), detail.sdrName],
    [t('visitorRating'), detail.rating ? t('ratingValue', { rating: detail.rating }) : undefined],
  ]);
}

/** The team's internal notes, with author and time; never part of the conversation. */
function renderNotes(notes) {
  const list = $('notes');
  if (notes.length === 0) return list.replaceChildren(el('li', { class: 'muted small' }, t('noNotes')));
  const day = (iso) => new Date(iso).toLocaleDateString(state.lang === 'fr' ? 'fr-FR' : 'en-GB');
  list.replaceChildren(
    ...notes.map((note) =>
      el('li', { class: 'note' }, el('p', { class: 'note-text' }, note.text), el('small', { class: 'muted' }, t('noteBy', { author: note.author, time: `${day(note.createdAt)} ${formatTime(note.createdAt)}` }))),
    ),
  );
}

async function addNote(event) {
  event.preventDefault();
  const input = $('note-text');
  const text = input.value.trim();
  if (!text || !state.selectedId) return;
  input.disabled = true;
  try {
    const note = await api('POST', `/api/sdr/handoffs/${encodeURIComponent(state.selectedId)}/notes`, { text });
    input.value = '';
    state.detail.notes = [...(state.detail.notes ?? []), note];
    renderNotes(state.detail.notes);
  } catch (failure) {
    toast(t('error', { message: failure.message }), 'error');
  } finally {
    input.disabled = false;
    input.focus();
  }
}

// ---------------------------------------------------------------- canned replies

/** The canned replies in the visitor's language, filtered by what follows "/" (id or label). */
function cannedChoices(query) {
  const locale = state.detail?.locale ?? state.detail?.packet?.locale ?? 'fr';
  const needle = fold(query);
  return (state.canned[locale] ?? []).filter((reply) => !needle || fold(reply.id).includes(needle) || fold(reply.label).includes(needle));
}

function openPicker(items) {
  state.picker = { open: true, items, active: 0 };
  renderPicker();
}

function closePicker() {
  state.picker = { open: false, items: [], active: 0 };
  renderPicker();
}

function renderPicker() {
  const list = $('canned-list');
  const { open, items, active } = state.picker;
  list.hidden = !open;
  $('canned-btn').setAttribute('aria-expanded', String(open));
  if (!open) {
    $('composer-text').removeAttribute('aria-activedescendant');
    return list.replaceChildren();
  }
  if (items.length === 0) return list.replaceChildren(el('li', { class: 'muted small', role: 'option', 'aria-disabled': 'true' }, t('noCanned')));
  list.replaceChildren(
    ...items.map((reply, index) =>
      el(
        'li',
        { id: `canned-${index}`, role: 'option', 'aria-selected': String(index === active), dataset: { id: reply.id }, onmousedown: (event) => event.preventDefault(), onclick: () => insertCanned(reply) },
        el('strong', {}, reply.label),
        el('span', { class: 'canned-id' }, ` /${reply.id}`),
        el('span', { class: 'canned-text' }, reply.text),
      ),
    ),
  );
  $('composer-text').setAttribute('aria-activedescendant', `canned-${active}`);
  list.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
}

/** The reply goes into the box (replacing a "/word" being typed), to be edited or sent. */
function insertCanned(reply) {
  const input = $('composer-text');
  input.value = /^\/\S*$/.test(input.value.trim()) || input.value.trim() === '' ? reply.text : `${input.value.replace(/\s*$/, ' ')}${reply.text}`;
  closePicker();
  input.focus();
  input.setSelectionRange(input.value.length, input.value.length);
}

function onComposerInput() {
  sendTyping();
  const match = /^\/(\S*)$/.exec($('composer-text').value);
  if (match) openPicker(cannedChoices(match[1]));
  else if (state.picker.open) closePicker();
}

/** Keys while the list is open: ↑ ↓ choose, Enter or Tab insert, Escape closes. */
function onComposerKeys(event) {
  const { open, items, active } = state.picker;
  if (open && items.length > 0 && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
    event.preventDefault();
    state.picker.active = (active + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
    return renderPicker();
  }
  if (open && items.length > 0 && (event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey) {
    event.preventDefault();
    return insertCanned(items[active]);
  }
  if (open && event.key === 'Escape') {
    event.preventDefault();
    event.stopPropagation();
    return closePicker();
  }
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    $('composer').requestSubmit();
  }
}

/** Who the lead is, as far as we know: name or contact, company details, channel and language. */
function headline(packet) {
  const company = (packet.facts ?? []).find((fact) => fact.dimension === 'company');
  const who = visitorName(packet.contact ?? {});
  const about = [company?.sector, company?.headcount ? t('employees', { count: company.headcount }) : null, packet.channel, packet.locale?.toUpperCase()];
  return [who, ...about].filter(Boolean).join(' · ');
}

function isMine(detail) {
  return detail.status === 'live' && detail.sdrId === state.me?.id;
}

function renderActions(detail) {
  const actions = [];
  if (detail.status === 'queued' || detail.status === 'expired') {
    actions.push(el('button', { type: 'button', class: 'btn btn-primary', id: 'claim-btn', onclick: claim }, t('claim')));
    actions.push(el('button', { type: 'button', class: 'btn btn-ghost', onclick: openCloseDialog }, t('close')));
  } else if (isMine(detail)) {
    actions.push(el('button', { type: 'button', class: 'btn btn-secondary', id: 'release-btn', onclick: release }, t('release')));
    actions.push(el('button', { type: 'button', class: 'btn btn-primary', id: 'close-btn', onclick: openCloseDialog }, t('close')));
  } else if (detail.outcome) {
    actions.push(el('span', { class: 'badge badge-outcome' }, t(`outcome_${detail.outcome}`)));
  }
  $('lead-actions').replaceChildren(...actions);

  const composer = $('composer');
  const hint = $('composer-hint');
  composer.hidden = !isMine(detail);
  $('canned-hint').hidden = !isMine(detail);
  if (!isMine(detail)) closePicker();
  hint.hidden = false;
  if (isMine(detail)) hint.textContent = t('heldByYou');
  else if (detail.status === 'live') hint.textContent = t('notHolder', { name: detail.sdrName ?? '' });
  else if (detail.status === 'queued' || detail.status === 'expired') hint.textContent = t('claimFirst');
  else hint.textContent = t('readOnly');
}

function lineKey(line) {
  return `${line.from}|${line.at}|${line.text}`;
}

function renderTranscript(lines, options) {
  const list = $('transcript');
  const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  state.seenLines = new Set();
  list.replaceChildren();
  for (const line of lines) appendLine(line, { scroll: false });
  if (!options.keepScroll || nearBottom) list.scrollTop = list.scrollHeight;
}

function appendLine(line, options = { scroll: true }) {
  const key = lineKey(line);
  if (state.seenLines.has(key)) return;
  state.seenLines.add(key);
  const who = line.from === 'sdr' ? line.author || t('from_sdr') : t(`from_${line.from}`);
  const list = $('transcript');
  list.append(
    el(
      'li',
      { class: `line line-${line.from}` },
      el('div', { class: 'line-meta' }, el('span', { class: 'line-author' }, who), el('time', { datetime: line.at }, formatTime(line.at))),
      el('div', { class: 'bubble' }, line.from === 'visitor' ? line.text : plainText(line.text)),
    ),
  );
  if (options.scroll) list.scrollTop = list.scrollHeight;
}

function renderFacts(packet) {
  const facts = packet.facts ?? [];
  const list = $('facts');
  if (facts.length === 0) {
    list.replaceChildren(el('li', { class: 'muted' }, t('noFacts')));
    return;
  }
  const pointsByDimension = new Map((packet.reasons ?? []).filter((reason) => reason.dimension).map((reason) => [reason.dimension, reason.points]));
  list.replaceChildren(
    ...facts.map((fact) => {
      const confidence = Math.round((fact.confidence ?? 0) * 100);
      const label = dimensionLabel(fact.dimension);
      const points = pointsByDimension.get(fact.dimension);
      return el(
        'li',
        { class: 'fact', dataset: { dimension: fact.dimension } },
        el(
          'div',
          { class: 'fact-head' },
          el('span', { class: 'fact-dimension' }, label),
          el('span', { class: 'fact-value' }, levelLabel(fact.value)),
          fact.uncertain ? el('span', { class: 'badge badge-warn' }, t('uncertain')) : null,
          points !== undefined ? el('span', { class: 'fact-points' }, t('points', { points })) : null,
        ),
        el('blockquote', { class: 'evidence', title: t('evidence') }, fact.evidence),
        el(
          'div',
          { class: 'confidence' },
          el('span', { class: 'bar' }, el('span', { class: 'bar-fill', style: { width: `${confidence}%` } })),
          el('span', { class: 'muted small' }, t('confidence', { value: confidence }), ' · ', fact.source === 'enrichment' ? t('sourceEnrichment', { adapter: t(`adapter_${fact.provenance?.adapter}`), domain: fact.provenance?.domain ?? '' }) : fact.source),
        ),
      );
    }),
  );
}

/** A score rule in words: the dimension and level it scores when it has them, its id otherwise. */
function ruleLabel(reason) {
  const key = `rule_${reason.rule}`;
  if (TEXTS[state.lang][key]) return t(key);
  const [dimension, level] = String(reason.rule).split(':');
  if (reason.dimension && dimension === reason.dimension && level) return `${dimensionLabel(dimension)} — ${levelLabel(level)}`;
  return humanize(reason.rule);
}

function renderReasons(reasons) {
  $('reasons').replaceChildren(
    ...reasons.map((reason) =>
      el(
        'tr',
        { class: reason.points > 0 ? 'positive' : '' },
        el('td', { class: 'rule' }, ruleLabel(reason)),
        el('td', { class: 'points' }, reason.points > 0 ? `+${reason.points}` : String(reason.points)),
        el('td', {}, el('div', {}, reason.detail), reason.evidence ? el('div', { class: 'muted small quote' }, `« ${reason.evidence} »`) : null),
      ),
    ),
  );
}

/** What the rules and the model read differently (a knockout only one saw, a fact read two ways), side by side. */
function renderDisputes(packet) {
  const reading = (r) => {
    const who = t(r.source === 'llm' ? 'readingModel' : 'readingRules');
    const what = r.value === 'seen' ? t('readingSeen') : r.value === 'not seen' ? t('readingNotSeen') : r.value.replace(/_/g, ' ');
    return el('span', {}, `${who} : ${what}`, r.evidence ? el('span', { class: 'quote' }, ` ${r.evidence}`) : '');
  };
  const items = [
    ...(packet.disputedKnockouts ?? []).map((dispute) => ({ title: dispute.description, readings: dispute.readings })),
    ...(packet.contradictions ?? []).filter((c) => Array.isArray(c.readings)).map((c) => ({ title: c.dimension, readings: c.readings })),
  ];
  $('disputes-block').hidden = items.length === 0;
  $('disputes').replaceChildren(...items.map((item) => el('li', {}, el('strong', {}, item.title), ' — ', ...item.readings.flatMap((r, i) => (i ? [' · ', reading(r)] : [reading(r)])))));
}

/** What was looked up about the company (#19): who said it, and where the visitor's own words differ. */
function renderEnrichment(packet) {
  const found = packet.enrichment;
  $('enrichment-block').hidden = !found;
  if (!found) return;
  const adapterName = (adapter) => t(`adapter_${adapter}`);
  const company = found.company ?? {};
  const kind = found.disposable ? t('domainDisposable') : found.freeMail ? t('domainFreeMail') : t('domainCompany');
  const owner = packet.accountOwner ? [packet.accountOwner.sdr?.name, packet.accountOwner.email].filter(Boolean).join(' — ') : undefined;
  renderKv($('enrichment'), found.status === 'pending'
    ? [[t('domainLabel'), t('enrichmentPending', { domain: found.domain })]]
    : [
        [t('domainLabel'), `${found.domain} · ${kind}`],
        [t('companyNameLabel'), company.name],
        [t('employeesLabel'), company.employees],
        [t('sectorLabel'), company.sector],
        [t('existingCustomerLabel'), company.existingCustomer === undefined ? undefined : t(company.existingCustomer ? 'yes' : 'no')],
        [t('accountOwnerLabel'), owner],
      ]);
  const answered = (found.provenance ?? []).map((item) => adapterName(item.adapter));
  const notes = [
    ...(found.lookedUpAt ? [t('lookedUpBy', { adapters: answered.join(', '), when: `${new Date(found.lookedUpAt).toLocaleDateString(state.lang === 'fr' ? 'fr-FR' : 'en-GB')} ${formatTime(found.lookedUpAt)}` })] : []),
    ...((found.failures ?? []).length ? [t('lookupFailed', { adapters: found.failures.map((item) => adapterName(item.adapter)).join(', ') })] : []),
  ];
  const disagreements = (found.disagreements ?? []).map((item) =>
    el('li', { class: 'badge-warn' }, t('disagreement', { field: t(item.field === 'employees' ? 'employeesLabel' : 'sectorLabel'), visitor: item.visitor, enrichment: item.enrichment, adapter: adapterName(item.adapter) })),
  );
  $('enrichment-notes').replaceChildren(...disagreements, ...notes.map((note) => el('li', { class: 'muted' }, note)));
}

function renderKnockouts(knockouts) {
  $('knockouts-block').hidden = knockouts.length === 0;
  $('knockouts').replaceChildren(...knockouts.map((hit) => el('li', {}, el('strong', {}, hit.description), ' — ', el('span', { class: 'quote' }, hit.evidence))));
}

function renderCallback(callback, packet) {
  $('callback-block').hidden = !callback;
  if (!callback) return;
  const meeting = packet.meeting;
  const booking = packet.booking;
  renderKv($('callback'), [
    [t('cause'), t(`cause_${callback.cause}`)],
    [t('callbackStatus'), meeting ? t('booking_booked') : t(`callback_${callback.status}`)],
    [t('preferredTime'), callback.preferredTime],
    [t('bookingLink'), callback.bookingUrl],
    // In-chat booking: the meeting the visitor booked, or why the calendar could not offer slots.
    [t('meetingWhen'), meeting ? `${new Date(meeting.start).toLocaleDateString(state.lang === 'fr' ? 'fr-FR' : 'en-GB', { weekday: 'short', day: 'numeric', month: 'short' })} ${formatTime(meeting.start)}–${formatTime(meeting.end)}` : undefined],
    [t('meetingWith'), meeting?.calendar],
    [t('meetingInvitee'), meeting?.attendee],
    [t('meetingJoin'), meeting?.joinUrl],
    [t('bookingState'), !meeting && booking ? t(`booking_${booking.status}`) + (booking.error ? ` (${booking.error})` : '') : undefined],
  ]);
}

function renderKv(target, pairs, emptyText) {
  const present = pairs.filter(([, value]) => value !== undefined && value !== null && value !== '');
  if (present.length === 0 && emptyText) {
    target.replaceChildren(el('dd', { class: 'muted' }, emptyText));
    return;
  }
  target.replaceChildren(...present.flatMap(([key, value]) => [el('dt', {}, key), el('dd', {}, String(value))]));
}

// ---------------------------------------------------------------- actions

async function claim() {
  const id = state.selectedId;
  try {
    await api('POST', `/api/sdr/handoffs/${encodeURIComponent(id)}/claim`);
    toast(t('claimed'), 'success');
    selectView('mine');
  } catch (failure) {
    toast(failure.status === 409 ? t('claimConflict', { message: failure.message }) : t('error', { message: failure.message }), 'error');
  }
  await Promise.all([refreshLists(), openHandoff(id)]);
  $('composer-text').focus();
}

async function release() {
  const id = state.selectedId;
  try {
    await api('POST', `/api/sdr/handoffs/${encodeURIComponent(id)}/release`);
    toast(t('released'), 'success');
  } catch (failure) {
    toast(t('error', { message: failure.message }), 'error');
  }
  await Promise.all([refreshLists(), openHandoff(id)]);
}

/** The playbook's rejection reasons and dimensions, loaded once for the close dialog. */
let feedbackOptions;

async function openCloseDialog() {
  $('close-form').reset();
  feedbackOptions ??= await api('GET', '/api/sdr/feedback-options').catch(() => ({ rejectionReasons: [], dimensions: [] }));
  const facts = new Map((state.detail?.packet?.facts ?? []).map((fact) => [fact.dimension, fact.value]));
  $('rejection-reason').replaceChildren(...feedbackOptions.rejectionReasons.map((reason) => el('option', { value: reason.id }, reason.label[state.lang] ?? reason.id)));
  $('missing-signals').replaceChildren(
    ...feedbackOptions.dimensions.map((dimension) => el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'missing', value: dimension.id }), ` ${dimension.id}`)),
  );
  $('corrections').replaceChildren(
    ...feedbackOptions.dimensions.map((dimension) =>
      el(
        'label',
        { class: 'correction' },
        el('span', {}, `${dimension.id}${facts.has(dimension.id) ? ` (${facts.get(dimension.id)})` : ''}`),
        el(
          'select',
          { name: 'correction', 'data-dimension': dimension.id },
          el('option', { value: '' }, t('correctLevel')),
          ...dimension.levels.filter((level) => level.id !== facts.get(dimension.id)).map((level) => el('option', { value: level.id, title: level.description }, level.id)),
        ),
      ),
    ),
  );
  showRejectionReason();
  $('close-dialog').showModal();
}

function showRejectionReason() {
  $('rejection-reason-field').hidden = new FormData($('close-form')).get('outcome') !== 'rejected';
}

async function submitClose(event) {
  event.preventDefault();
  const outcome = new FormData($('close-form')).get('outcome');
  if (!outcome) return;
  const reason = $('close-reason').value.trim();
  const id = state.selectedId;
  const form = new FormData($('close-form'));
  const missingSignals = form.getAll('missing').map(String);
  const corrections = [...document.querySelectorAll('#corrections select')].filter((select) => select.value).map((select) => ({ dimension: select.dataset.dimension, level: select.value }));
  const body = {
    outcome,
    ...(reason ? { reason } : {}),
    ...(outcome === 'rejected' && $('rejection-reason').value ? { rejectionReason: $('rejection-reason').value } : {}),
    ...(missingSignals.length ? { missingSignals } : {}),
    ...(corrections.length ? { corrections } : {}),
  };
  $('close-dialog').close();
  try {
    await api('POST', `/api/sdr/handoffs/${encodeURIComponent(id)}/close`, body);
    toast(t('closed', { outcome: t(`outcome_${outcome}`) }), 'success');
  } catch (failure) {
    toast(t('error', { message: failure.message }), 'error');
  }
  await Promise.all([refreshLists(), openHandoff(id)]);
}

/** Tells the visitor the SDR is writing, at most every 3 s while they type. */
function sendTyping() {
  if (!state.detail || !isMine(state.detail) || Date.now() - state.typingSentAt < 3000) return;
  state.typingSentAt = Date.now();
  void api('POST', `/api/sdr/handoffs/${encodeURIComponent(state.selectedId)}/typing`).catch(() => undefined);
}

/** Keyboard use without a mouse; listed in the console's shortcut help and the README. */
function onShortcut(event) {
  const target = event.target;
  const typing = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target?.isContentEditable;
  if (event.key === 'Escape' && typing) return target.blur();
  if (typing || event.ctrlKey || event.metaKey || event.altKey || !state.token || $('close-dialog').open) return;
  const views = Object.keys(VIEWS);
  if (event.key === '/') {
    event.preventDefault();
    $('search').focus();
  } else if (event.key === 'j' || event.key === 'k') {
    const items = [...document.querySelectorAll('.handoff-item')];
    if (items.length === 0) return;
    const at = items.findIndex((item) => item.dataset.id === state.selectedId);
    const next = items[Math.min(items.length - 1, Math.max(0, at + (event.key === 'j' ? 1 : -1)))] ?? items[0];
    next.focus();
    void openHandoff(next.dataset.id);
  } else if (/^[1-5]$/.test(event.key)) {
    selectView(views[Number(event.key) - 1]);
  } else if (event.key === 'c' && $('claim-btn')) {
    void claim();
  } else if (event.key === 'r' && !$('composer').hidden) {
    event.preventDefault();
    $('composer-text').focus();
  } else if (event.key === '?') {
    $('shortcuts').open = !$('shortcuts').open;
  }
}

async function sendMessage(event) {
  event.preventDefault();
  const input = $('composer-text');
  const text = input.value.trim();
  if (!text) return;
  input.disabled = true;
  try {
    const result = await api('POST', `/api/sdr/handoffs/${encodeURIComponent(state.selectedId)}/messages`, { text });
    input.value = '';
    appendLine({ from: 'sdr', author: state.me?.name, text, at: result.at });
  } catch (failure) {
    toast(t('error', { message: failure.message }), 'error');
  } finally {
    input.disabled = false;
    input.focus();
  }
}

// ---------------------------------------------------------------- start

function wire() {
  $('login-form').addEventListener('submit', login);
  $('logout').addEventListener('click', logout);
  $('composer').addEventListener('submit', sendMessage);
  $('composer-text').addEventListener('keydown', onComposerKeys);
  $('composer-text').addEventListener('input', onComposerInput);
  // Focus leaving the reply box closes the picker, unless it went to the button or came back (the button refocuses it).
  $('composer-text').addEventListener('blur', () => setTimeout(() => ![$('canned-btn'), $('composer-text')].includes(document.activeElement) && closePicker(), 150));
  $('canned-btn').addEventListener('click', () => {
    if (state.picker.open) return closePicker();
    openPicker(cannedChoices(''));
    $('composer-text').focus();
  });
  $('note-form').addEventListener('submit', addNote);
  $('search').addEventListener('input', () => {
    state.query = $('search').value;
    renderList();
  });
  document.addEventListener('keydown', onShortcut);
  $('close-form').addEventListener('submit', submitClose);
  $('close-form').addEventListener('change', showRejectionReason);
  $('close-cancel').addEventListener('click', () => $('close-dialog').close());
  for (const tab of document.querySelectorAll('.tab')) tab.addEventListener('click', () => selectView(tab.dataset.view));
  for (const button of document.querySelectorAll('.lang-btn')) {
    button.addEventListener('click', () => {
      state.lang = button.dataset.lang;
      localStorage.setItem(LANG_KEY, state.lang);
      applyLang();
    });
  }
  // Any click may unlock audio (browsers only allow sound after a user gesture).
  document.addEventListener('pointerdown', unlockAudio, { once: true });
  setInterval(tick, 1000);
}

async function boot() {
  wire();
  applyLang();
  if (!state.token) return showLogin();
  try {
    state.me = (await api('GET', '/api/sdr/me')).sdr;
    await enterApp();
  } catch {
    showLogin();
  }
}

void boot();
