/*
 * Qualibot website widget loader. Embed with one tag:
 *   <script src="https://bot.example.com/widget.js" data-locale="fr" data-title="…"
 *           data-color="#4f46e5" data-privacy-url="https://…" async></script>
 * Draws the launcher only. The chat panel, Web Chat and the connection load when the visitor
 * opens it, and nothing is written to the visitor's device before that.
 * Any element with a data-qualibot-open attribute opens the chat too; so does window.Qualibot.open().
 */
(function () {
  'use strict';
  if (window.Qualibot) return; // embedded twice

  var CONFIG = __QUALIBOT_CONFIG__;
  var KEY_VISITOR = 'qualibot.visitor';
  var KEY_PAGES = 'qualibot.pages';
  var KEY_LANDING = 'qualibot.landing';
  var KEY_OPEN = 'qualibot.open';
  var UTM_KEYS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'];

  var script = document.currentScript || document.querySelector('script[src*="/widget.js"]');
  var data = (script && script.dataset) || {};
  var serverOrigin = new URL(script ? script.src : '/', location.href).origin;
  var language = /^fr/i.test(data.locale || document.documentElement.lang || navigator.language || '') ? 'fr' : 'en';
  var locale = language === 'fr' ? 'fr-FR' : 'en-US';
  var T = CONFIG.texts[language];
  var title = data.title || T.title;
  var color = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(data.color || '') ? data.color : '#4f46e5';
  var privacyUrl = /^https?:\/\//i.test(data.privacyUrl || '') ? data.privacyUrl : CONFIG.privacyUrl;

  // ---- storage: only touched once the visitor has opened the chat ----------------------------
  function read(area, key) {
    try { return window[area].getItem(key); } catch (e) { return null; }
  }
  function write(area, key, value) {
    try { window[area].setItem(key, value); } catch (e) { /* storage blocked: the chat still works */ }
  }

  // ---- page context --------------------------------------------------------------------------
  var openedBefore = !!read('localStorage', KEY_VISITOR);
  var pagesViewed = 1;
  if (openedBefore) {
    pagesViewed = (parseInt(read('sessionStorage', KEY_PAGES), 10) || 0) + 1;
    write('sessionStorage', KEY_PAGES, String(pagesViewed));
  }
  var KEY_PRICING = 'qualibot.pricing';
  var visitedPricing = isPricing();
  window.addEventListener('hashchange', function () {
    visitedPricing = visitedPricing || isPricing();
    if (visitedPricing && read('sessionStorage', KEY_OPEN)) write('sessionStorage', KEY_PRICING, '1');
  });

  function isPricing() {
    return /pric|tarif|prix/i.test(location.pathname + location.hash);
  }

  function currentLanding() {
    var params = new URLSearchParams(location.search);
    var landing = { referrer: document.referrer || undefined };
    UTM_KEYS.forEach(function (key) { if (params.get(key)) landing[key] = params.get(key); });
    return landing;
  }

  /** The landing page's referrer and UTM parameters, remembered for the visit once the chat was opened. */
  function landing() {
    try { return JSON.parse(read('sessionStorage', KEY_LANDING)) || currentLanding(); } catch (e) { return currentLanding(); }
  }

  function persistVisit() {
    write('sessionStorage', KEY_OPEN, '1');
    if (!read('sessionStorage', KEY_PAGES)) write('sessionStorage', KEY_PAGES, String(pagesViewed));
    if (!read('sessionStorage', KEY_LANDING)) write('sessionStorage', KEY_LANDING, JSON.stringify(currentLanding()));
    if (visitedPricing) write('sessionStorage', KEY_PRICING, '1');
  }

  function pageContext() {
    var context = landing();
    context.pageUrl = location.href;
    context.pageTitle = document.title;
    context.pagesViewed = pagesViewed;
    if (visitedPricing || read('sessionStorage', KEY_PRICING)) context.visitedPricing = true;
    // The visitor's time zone: meeting times offered in the chat are shown on their clock.
    try { context.timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { /* older browsers: the team's zone */ }
    return context;
  }

  // ---- styles --------------------------------------------------------------------------------
  var textOnColor = contrastText(color);
  var css = [
    '.qb-root{--qb-color:' + color + ';--qb-on-color:' + textOnColor + ';font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}',
    '.qb-root *{box-sizing:border-box}',
    '.qb-launcher{position:fixed;right:24px;bottom:24px;z-index:2147483000;width:60px;height:60px;border:0;border-radius:50%;padding:0;margin:0;cursor:pointer;',
    'background:var(--qb-color);color:var(--qb-on-color);box-shadow:0 8px 24px rgba(15,23,42,.28);display:flex;align-items:center;justify-content:center;transition:transform .15s ease}',
    '.qb-launcher:hover{transform:scale(1.06)}',
    '.qb-root>.qb-badge{position:fixed;right:20px;bottom:68px;top:auto;z-index:2147483001}',
    '.qb-launcher:focus-visible,.qb-close:focus-visible{outline:3px solid var(--qb-color);outline-offset:3px}',
    '.qb-launcher svg{width:28px;height:28px;fill:currentColor}',
    '.qb-panel{position:fixed;right:24px;bottom:100px;z-index:2147483000;width:380px;height:min(640px,calc(100vh - 124px));display:flex;flex-direction:column;',
    'background:#fff;color:#0f172a;border-radius:16px;overflow:hidden;box-shadow:0 18px 48px rgba(15,23,42,.28);font-size:14px;line-height:1.45}',
    '.qb-panel[hidden]{display:none}',
    '.qb-header{display:flex;align-items:center;gap:12px;padding:14px 14px 14px 18px;background:var(--qb-color);color:var(--qb-on-color)}',
    '.qb-header div{flex:1;min-width:0}',
    '.qb-title{margin:0;font-size:16px;font-weight:650;line-height:1.25;color:inherit;outline:none}',
    '.qb-subtitle{margin:2px 0 0;font-size:12.5px;opacity:.85}',
    '.qb-close{flex:none;width:36px;height:36px;border:0;border-radius:50%;background:transparent;color:inherit;cursor:pointer;font-size:24px;line-height:1;padding:0}',
    '.qb-close:hover{background:rgba(255,255,255,.18)}',
    '.qb-notice{margin:0;padding:10px 18px;font-size:12.5px;color:#475569;background:#f8fafc;border-bottom:1px solid #e2e8f0}',
    '.qb-notice a{color:inherit;text-decoration:underline}',
    '.qb-chat{flex:1;min-height:0;position:relative}',
    '.qb-status{position:absolute;inset:0;display:flex;align-items:center;justify-content:center;padding:24px;text-align:center;color:#475569}',
    '.qb-status[hidden]{display:none}',
    '.qb-badge{position:absolute;top:-4px;right:-4px;min-width:22px;height:22px;padding:0 6px;border-radius:11px;background:#b91c1c;color:#fff;font-size:12px;font-weight:700;line-height:22px;text-align:center;box-shadow:0 0 0 2px #fff}',
    '.qb-badge[hidden]{display:none}',
    '.qb-avatar{flex:none;width:36px;height:36px;border-radius:50%;display:flex;align-items:center;justify-content:center;background:var(--qb-on-color);color:var(--qb-color);font-weight:700;font-size:14px}',
    '.qb-avatar[hidden]{display:none}',
    '.qb-end{display:flex;flex-direction:column;gap:8px;align-items:stretch;padding:12px 16px;border-top:1px solid #e2e8f0;background:#f8fafc;color:#334155;font-size:13.5px}',
    '.qb-end[hidden]{display:none}',
    '.qb-end p{margin:0}',
    '.qb-new{border:0;border-radius:8px;padding:10px 14px;background:var(--qb-color);color:var(--qb-on-color);font:inherit;font-weight:600;cursor:pointer}',
    '.qb-new:focus-visible{outline:3px solid var(--qb-color);outline-offset:2px}',
    '.qb-ended .webchat__send-box,.qb-ended .webchat__suggested-actions{display:none}',
    // 16 px at least: mobile browsers zoom into smaller text fields on focus.
    '.qb-chat input,.qb-chat textarea{font-size:16px!important}',
    '@media (max-width:480px){.qb-panel{inset:0;width:auto;height:auto;border-radius:0}.qb-root.qb-open .qb-launcher{display:none}}',
    '@media (prefers-reduced-motion:reduce){.qb-launcher{transition:none}}'
  ].join('');

  /** Black or white, whichever reads better on the brand color (WCAG relative luminance). */
  function contrastText(hex) {
    var h = hex.replace('#', '');
    if (h.length === 3) h = h.replace(/./g, '$&$&');
    var rgb = [0, 2, 4].map(function (i) {
      var c = parseInt(h.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    var luminance = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
    return luminance > 0.4 ? '#0f172a' : '#ffffff';
  }

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === 'text') node.textContent = attributes[name];
      else node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  var CHAT_ICON = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M12 3C6.5 3 2 6.8 2 11.5c0 2.4 1.2 4.6 3.1 6.1-.2 1.5-.9 2.9-2 3.9 2.2 0 4.1-.8 5.5-2 1.1.3 2.2.5 3.4.5 5.5 0 10-3.8 10-8.5S17.5 3 12 3z"/></svg>';
  var CLOSE_ICON = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M18.3 5.7a1 1 0 0 0-1.4 0L12 10.6 7.1 5.7a1 1 0 0 0-1.4 1.4l4.9 4.9-4.9 4.9a1 1 0 1 0 1.4 1.4l4.9-4.9 4.9 4.9a1 1 0 0 0 1.4-1.4L13.4 12l4.9-4.9a1 1 0 0 0 0-1.4z"/></svg>';

  // ---- launcher (the only thing drawn before opening) -----------------------------------------
  var root = el('div', { class: 'qb-root' });
  var launcher = el('button', {
    type: 'button',
    class: 'qb-launcher',
    'aria-label': T.openChat.replace('{title}', title),
    'aria-expanded': 'false',
    'aria-haspopup': 'dialog'
  });
  launcher.innerHTML = CHAT_ICON;
  launcher.addEventListener('click', function () { if (isOpen()) close(); else open(); });
  root.appendChild(launcher);
  var badge = el('span', { class: 'qb-badge', 'aria-hidden': 'true', hidden: '' });
  root.appendChild(badge);
  var pageTitle = document.title;
  var unread = 0;

  /** Messages that arrive while the panel is closed: a count on the launcher and in the page title. */
  function renderUnread() {
    badge.textContent = String(unread);
    badge.hidden = unread === 0;
    var label = T.openChat.replace('{title}', title);
    if (!isOpen()) launcher.setAttribute('aria-label', unread ? label + ' — ' + T.unread.replace('{count}', unread) : label);
    document.title = unread ? '(' + unread + ') ' + pageTitle : pageTitle;
  }

  var panel;
  var heading;
  var subtitle;
  var avatar;
  var endBar;
  var status;
  var chatHost;
  var loading;
  var store;
  var directLine;

  function mount() {
    var style = el('style', { text: css });
    document.head.appendChild(style);
    document.body.appendChild(root);
    document.addEventListener('click', function (event) {
      var target = event.target && event.target.closest && event.target.closest('[data-qualibot-open]');
      if (target) {
        event.preventDefault();
        open();
      }
    });
    if (openedBefore && read('sessionStorage', KEY_OPEN) === '1') open({ focus: false });
  }

  function isOpen() {
    return !!panel && !panel.hidden;
  }

  function buildPanel() {
    heading = el('h2', { id: 'qb-title', class: 'qb-title', tabindex: '-1', text: title });
    subtitle = el('p', { class: 'qb-subtitle', text: T.subtitle });
    avatar = el('span', { class: 'qb-avatar', 'aria-hidden': 'true', hidden: '' });
    endBar = el('div', { class: 'qb-end', hidden: '' }, [
      el('p', { role: 'status', text: T.ended }),
      el('button', { type: 'button', class: 'qb-new', text: T.newConversation })
    ]);
    endBar.querySelector('button').addEventListener('click', newConversation);
    var closeButton = el('button', { type: 'button', class: 'qb-close', 'aria-label': T.closeChat });
    closeButton.innerHTML = CLOSE_ICON.replace('<svg', '<svg width="22" height="22" fill="currentColor"');
    closeButton.addEventListener('click', function () { close(); });
    var privacyLink = el('a', { href: privacyUrl, target: '_blank', rel: 'noopener noreferrer', text: T.privacyLink });
    var notice = el('p', { class: 'qb-notice', id: 'qb-notice' }, [document.createTextNode(T.notice + ' '), privacyLink]);
    status = el('div', { class: 'qb-status', role: 'status', text: T.loading });
    chatHost = el('div', { class: 'qb-chat' }, [status]);
    panel = el('div', { id: 'qb-panel', class: 'qb-panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'qb-title', 'aria-describedby': 'qb-notice', lang: locale, hidden: '' }, [
      el('div', { class: 'qb-header' }, [avatar, el('div', { 'aria-live': 'polite' }, [heading, subtitle]), closeButton]),
      notice,
      chatHost,
      endBar
    ]);
    panel.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && !event.defaultPrevented) {
        event.preventDefault();
        close();
      }
    });
    root.appendChild(panel);
    launcher.setAttribute('aria-controls', 'qb-panel');
  }

  function open(options) {
    var focus = !options || options.focus !== false;
    persistVisit();
    if (!panel) buildPanel();
    panel.hidden = false;
    root.classList.add('qb-open');
    unread = 0;
    renderUnread();
    launcher.setAttribute('aria-expanded', 'true');
    launcher.setAttribute('aria-label', T.closeChat);
    launcher.innerHTML = CLOSE_ICON;
    if (focus) heading.focus();
    startChat().then(function () { if (focus) focusSendBox(); });
  }

  function close() {
    if (!panel || panel.hidden) return;
    var hadFocus = panel.contains(document.activeElement);
    panel.hidden = true;
    root.classList.remove('qb-open');
    write('sessionStorage', KEY_OPEN, '0');
    launcher.setAttribute('aria-expanded', 'false');
    launcher.setAttribute('aria-label', T.openChat.replace('{title}', title));
    launcher.innerHTML = CHAT_ICON;
    if (hadFocus) launcher.focus();
  }

  /** Moves focus to Web Chat's text box once it is drawn, unless the visitor already moved it elsewhere. */
  function focusSendBox() {
    var tries = 0;
    (function attempt() {
      var input = panel.querySelector('[data-id="webchat-sendbox-input"], .webchat__send-box-text-box__input');
      if (input && (document.activeElement === heading || panel.contains(document.activeElement))) return input.focus();
      if (!input && tries++ < 50) setTimeout(attempt, 100);
    })();
  }

  // ---- lazy loading of Web Chat and the connection --------------------------------------------
  var started;

  /**
   * Once the page is idle after load, the browser fetches the chat's scripts into its HTTP cache (nothing is
   * run, nothing stored by us): opening then shows the conversation at once. data-prefetch="false" turns it off.
   */
  function prefetchWhenIdle() {
    if (data.prefetch === 'false') return;
    var idle = window.requestIdleCallback || function (callback) { setTimeout(callback, 1500); };
    var go = function () {
      idle(function () {
        [CONFIG.assets.webchat, CONFIG.assets.directLine].forEach(function (src) {
          document.head.appendChild(el('link', { rel: 'prefetch', as: 'script', href: new URL(src, serverOrigin).href }));
        });
      });
    };
    if (document.readyState === 'complete') go();
    else window.addEventListener('load', go);
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement('script');
      tag.src = new URL(src, serverOrigin).href;
      tag.async = false; // run in insertion order
      tag.onload = resolve;
      tag.onerror = function () { tag.remove(); reject(new Error('failed to load ' + src)); };
      document.head.appendChild(tag);
    });
  }

  function startChat() {
    if (!started) {
      started = Promise.all([
        window.QualibotDirectLine ? null : loadScript(CONFIG.assets.directLine),
        loadScript(CONFIG.assets.webchat)
      ]).then(renderChat, function (error) {
        started = undefined; // the next opening tries again
        status.textContent = T.loadFailed;
        status.hidden = false;
        throw error;
      });
    }
    return started.catch(function () { /* shown in the panel */ });
  }

  var listening = false;

  function renderChat() {
    var WebChat = window.WebChat;
    directLine = window.QualibotDirectLine.createDirectLine({
      baseUrl: serverOrigin,
      locale: locale,
      context: pageContext(),
      visitorToken: read('localStorage', KEY_VISITOR) || undefined,
      onSession: function (session) { write('localStorage', KEY_VISITOR, session.visitorToken); },
      onNotice: showNotice
    });
    if (!listening) {
      listening = true;
      window.addEventListener('online', function () { directLine.reconnectNow(); });
      document.addEventListener('visibilitychange', function () { if (!document.hidden) directLine.reconnectNow(); });
    }
    store = WebChat.createStore({}, function () {
      return function (next) {
        return function (action) {
          if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') onActivity(action.payload.activity);
          return next(action);
        };
      };
    });
    status.hidden = true;
    var host = el('div', { style: 'height:100%' });
    chatHost.appendChild(host);
    WebChat.renderWebChat({
      directLine: directLine,
      store: store,
      locale: locale,
      sendTypingIndicator: true,
      // The human's name is in their message: announce "Message:" rather than "The bot P said:".
      overrideLocalizedStrings: { ACTIVITY_BOT_SAID_ALT: T.botSaid },
      styleOptions: {
        accent: color,
        primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif',
        backgroundColor: '#ffffff',
        bubbleBackground: '#f1f5f9',
        bubbleBorderWidth: 0,
        bubbleBorderRadius: 14,
        bubbleTextColor: '#0f172a',
        bubbleFromUserBackground: color,
        bubbleFromUserTextColor: textOnColor,
        bubbleFromUserBorderWidth: 0,
        bubbleFromUserBorderRadius: 14,
        bubbleMinHeight: 0,
        bubbleMinWidth: 0,
        bubbleMaxWidth: 290,
        botAvatarInitials: title.trim().charAt(0).toUpperCase(),
        botAvatarBackgroundColor: color,
        avatarSize: 32,
        hideUploadButton: true,
        sendBoxBorderTop: 'solid 1px #e2e8f0',
        sendBoxButtonColor: color,
        suggestedActionLayout: 'flow',
        suggestedActionBorderRadius: 18,
        suggestedActionBorderWidth: 1,
        suggestedActionBorderColor: color,
        suggestedActionTextColor: color,
        suggestedActionHeight: 34,
        suggestedActionsStackedLayoutButtonTextWrap: true,
        markdownRenderHTML: false,
        rootHeight: '100%',
        rootWidth: '100%'
      }
    }, host);
  }

  /** Who is talking (header), messages while closed (badge), and the end of a conversation, from what arrives. */
  function onActivity(activity) {
    var role = activity.from && activity.from.role;
    if (role === 'user' || !activity.type) return;
    var marks = (activity.channelData && activity.channelData.qualibot) || {};
    if (activity.type === 'message' && !isOpen()) {
      unread += 1;
      renderUnread();
    }
    if (marks.event === 'joined' || (marks.fromSdr && marks.sdrName)) showHuman(marks.sdrName);
    else if (marks.event === 'released') showBot();
    else if (marks.event === 'closed') showEnd();
  }

  function showHuman(name) {
    if (!name) return;
    heading.textContent = name;
    subtitle.textContent = T.humanSubtitle;
    avatar.textContent = initials(name);
    avatar.hidden = false;
  }

  function showBot() {
    heading.textContent = title;
    subtitle.textContent = T.subtitle;
    avatar.hidden = true;
  }

  /** The conversation is over: no text box leading nowhere, a clear way to start again. */
  function showEnd() {
    showBot();
    panel.classList.add('qb-ended');
    endBar.hidden = false;
  }

  function initials(name) {
    return name.split(/[\s—-]+/).filter(Boolean).slice(0, 2).map(function (word) { return word.charAt(0).toUpperCase(); }).join('');
  }

  /** A fresh conversation with the bot (a new visitor session: the old conversation stays with the team). */
  function newConversation() {
    write('localStorage', KEY_VISITOR, '');
    if (directLine) directLine.end();
    Array.prototype.slice.call(chatHost.children).forEach(function (node) { if (node !== status) node.remove(); });
    panel.classList.remove('qb-ended');
    endBar.hidden = true;
    store = undefined;
    renderChat();
    focusSendBox();
  }

  var NOTICE_TEXTS = { rate_limited: 'rateLimited', message_too_large: 'messageTooLarge', conversation_full: 'conversationFull', origin_not_allowed: 'unavailable' };

  /** Server refusals shown politely in Web Chat's notification bar (they fade after a while). */
  function showNotice(notice) {
    var text = T[NOTICE_TEXTS[notice.code] || 'sendFailed'];
    if (notice.code === 'origin_not_allowed') {
      status.textContent = text;
      status.hidden = false;
      return;
    }
    if (!store) return;
    var id = 'qualibot-' + notice.code;
    store.dispatch({ type: 'WEB_CHAT/SET_NOTIFICATION', payload: { id: id, level: 'warn', message: text } });
    setTimeout(function () { store.dispatch({ type: 'WEB_CHAT/DISMISS_NOTIFICATION', payload: { id: id } }); }, Math.max(6000, notice.retryAfterMs || 0));
  }

  window.Qualibot = { open: open, close: close, version: CONFIG.version };
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
  prefetchWhenIdle();
})();
