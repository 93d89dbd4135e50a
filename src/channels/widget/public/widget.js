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
  // The page's or browser's language when the server has texts for it (one entry per locale in CONFIG.texts), else English.
  var wanted = String(data.locale || document.documentElement.lang || navigator.language || '').slice(0, 2).toLowerCase();
  var language = Object.prototype.hasOwnProperty.call(CONFIG.texts, wanted) ? wanted : 'en';
  var locale = language === 'en' ? 'en-US' : language + '-' + language.toUpperCase();
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
    '.qb-chat input,.qb-chat textarea,.qb-end input{font-size:16px!important}',
    // The bot's first words, painted by the loader while Web Chat loads (hidden once Web Chat shows them).
    '.qb-status.qb-preview{inset:0 0 auto 0;display:flex;flex-direction:column;align-items:flex-start;justify-content:flex-start;gap:6px;padding:12px 12px 12px 54px;text-align:left;color:#0f172a;background:#fff;pointer-events:none}',
    '.qb-preview p{margin:0;max-width:290px;padding:8px 12px;border-radius:14px;background:#f1f5f9;font-size:14px;line-height:1.45}',
    '.qb-system{margin:6px auto;padding:2px 12px;max-width:90%;text-align:center;font-size:12.5px;color:#475569}',
    '.qb-sdr-avatar{width:32px;height:32px;border-radius:50%;display:flex;align-items:center;justify-content:center;background:#0f172a;color:#fff;font:700 12px/1 system-ui,sans-serif}',
    '.qb-rating{display:flex;flex-wrap:wrap;align-items:center;gap:4px}',
    '.qb-rating p{flex-basis:100%}',
    '.qb-star{border:1px solid #cbd5e1;border-radius:8px;background:#fff;color:#334155;font:inherit;font-size:18px;line-height:1;padding:6px 9px;cursor:pointer}',
    '.qb-star[aria-pressed="true"]{background:var(--qb-color);color:var(--qb-on-color);border-color:var(--qb-color)}',
    '.qb-star:focus-visible,.qb-transcript button:focus-visible,.qb-transcript input:focus-visible{outline:3px solid var(--qb-color);outline-offset:2px}',
    '.qb-transcript{display:flex;flex-wrap:wrap;gap:6px;align-items:center}',
    '.qb-transcript label{flex-basis:100%}',
    '.qb-transcript input{flex:1;min-width:0;border:1px solid #94a3b8;border-radius:8px;padding:8px 10px;color:#0f172a}',
    '.qb-transcript button{border:1px solid var(--qb-color);border-radius:8px;padding:8px 12px;background:#fff;color:#0f172a;font:inherit;font-weight:600;cursor:pointer}',
    '.qb-feedback{flex-basis:100%;margin:0}',
    '.qb-feedback[data-kind="error"]{color:#b91c1c}',
    '@media (max-width:480px){.qb-panel{inset:0;width:auto;height:auto;border-radius:0}.qb-root.qb-open .qb-launcher{display:none}',
    // A phone keeps the privacy notice to a line or two.
    '.qb-notice{padding:5px 14px;font-size:11.5px;line-height:1.35}.qb-header{padding:10px 10px 10px 14px}}',
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
      buildRating(),
      CONFIG.transcriptByEmail ? buildTranscriptForm() : document.createTextNode(''),
      el('button', { type: 'button', class: 'qb-new', text: T.newConversation })
    ]);
    endBar.querySelector('.qb-new').addEventListener('click', newConversation);
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

  // ---- after the close: an optional rating, and the transcript by e-mail when the server can send it -------
  function afterChat(body) {
    body.token = read('localStorage', KEY_VISITOR) || '';
    return fetch(serverOrigin + '/api/widget/after-chat', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (answer) {
        if (!response.ok) throw new Error((answer.error && answer.error.code) || 'failed');
      });
    });
  }

  function feedbackLine() {
    return el('p', { class: 'qb-feedback', role: 'status', 'aria-live': 'polite' });
  }

  function buildRating() {
    var feedback = feedbackLine();
    var stars = [1, 2, 3, 4, 5].map(function (n) {
      var star = el('button', { type: 'button', class: 'qb-star', 'aria-pressed': 'false', 'aria-label': T.rateStar.replace('{n}', n), 'data-rating': String(n), text: '★' });
      star.addEventListener('click', function () {
        afterChat({ rating: n }).then(function () {
          stars.forEach(function (other, index) { other.setAttribute('aria-pressed', String(index < n)); });
          feedback.dataset.kind = 'ok';
          feedback.textContent = T.rated;
        }, function () {
          feedback.dataset.kind = 'error';
          feedback.textContent = T.sendFailed;
        });
      });
      return star;
    });
    return el('div', { class: 'qb-rating', role: 'group', 'aria-label': T.rateQuestion }, [el('p', { text: T.rateQuestion })].concat(stars, [feedback]));
  }

  var MAIL_ERRORS = { invalid_email: 'invalidEmail', address_refused: 'addressRefused', too_many_transcripts: 'tooManyTranscripts' };

  function buildTranscriptForm() {
    var input = el('input', { type: 'email', id: 'qb-transcript-email', autocomplete: 'email', inputmode: 'email', required: '' });
    var feedback = feedbackLine();
    var form = el('form', { class: 'qb-transcript', novalidate: '' }, [
      el('label', { for: 'qb-transcript-email', text: T.transcriptLabel }),
      input,
      el('button', { type: 'submit', text: T.transcriptSend }),
      feedback
    ]);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var email = input.value.trim();
      afterChat({ email: email, title: title.slice(0, 80) }).then(function () {
        feedback.dataset.kind = 'ok';
        feedback.textContent = T.transcriptSent.replace('{email}', email);
        input.removeAttribute('aria-invalid');
      }, function (error) {
        var key = MAIL_ERRORS[error.message] || 'mailUnavailable';
        feedback.dataset.kind = 'error';
        feedback.textContent = T[key];
        if (key === 'invalidEmail' || key === 'addressRefused') input.setAttribute('aria-invalid', 'true');
        input.focus();
      });
    });
    return form;
  }

  // ---- the first words, at once ------------------------------------------------------------------
  var previewing = false;

  /** A new visitor sees the greeting and the first question at the click; Web Chat takes over when it has them. */
  function paintPreview() {
    var preview = CONFIG.preview && CONFIG.preview[language];
    if (!preview || read('localStorage', KEY_VISITOR)) return;
    previewing = true;
    status.className = 'qb-status qb-preview';
    status.replaceChildren(el('p', { text: preview.greeting }), el('p', { text: preview.question }));
  }

  function endPreview() {
    if (!previewing) return;
    previewing = false;
    // Two frames: Web Chat has painted its own bubbles underneath by then.
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        status.hidden = true;
        status.className = 'qb-status';
        status.textContent = T.loading;
      });
    });
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
    if (!started) paintPreview();
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
          if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
            onActivity(action.payload.activity);
          }
          return next(action);
        };
      };
    });
    if (!previewing) status.hidden = true;
    var host = el('div', { style: 'height:100%' });
    chatHost.appendChild(host);
    WebChat.renderWebChat({
      directLine: directLine,
      store: store,
      locale: locale,
      sendTypingIndicator: true,
      // The human's name is in their message: announce "Message:" rather than "The bot P said:".
      overrideLocalizedStrings: { ACTIVITY_BOT_SAID_ALT: T.botSaid },
      avatarMiddleware: sdrAvatarMiddleware,
      groupActivitiesMiddleware: senderGroupsMiddleware,
      activityMiddleware: systemLineMiddleware,
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

  // ---- Web Chat middleware: the SDR's initials on their bubbles, joins and ends as system lines ------------
  // Web Chat's bundle keeps its React to itself; its middleware only needs React elements, which are plain data
  // (the element shape every React since 0.14 reads: $$typeof, type, key, ref, props).
  var REACT_ELEMENT = typeof Symbol === 'function' && Symbol.for ? Symbol.for('react.element') : 0xeac7;
  function h(type, props) {
    return { $$typeof: REACT_ELEMENT, type: type, key: null, ref: null, props: props, _owner: null, _store: {} };
  }

  function marksOf(activity) {
    return (activity && activity.channelData && activity.channelData.qualibot) || {};
  }

  function sdrOf(activity) {
    var marks = marksOf(activity);
    return activity && activity.type === 'message' && marks.fromSdr && marks.sdrName ? marks.sdrName : undefined;
  }

  function sdrAvatarMiddleware() {
    return function (next) {
      return function (args) {
        var name = sdrOf(args.activity);
        if (!name) return next(args);
        return function () {
          return h('div', { className: 'qb-sdr-avatar', role: 'img', 'aria-label': T.sdrAvatar.replace('{name}', name), title: name, children: initials(name) });
        };
      };
    };
  }

  /**
   * Web Chat groups messages by role and draws one avatar per group, from its first message: the SDR's messages
   * (role bot, as the bot relays them) are a group of their own, so they carry the SDR's initials.
   */
  function senderGroupsMiddleware() {
    return function (next) {
      return function (args) {
        var groups = next(args);
        var key = function (activity) { return ((activity.from && activity.from.role) || '') + '|' + (sdrOf(activity) || ''); };
        var sender = [];
        args.activities.forEach(function (activity, index) {
          if (index > 0 && key(args.activities[index - 1]) === key(activity)) sender[sender.length - 1].push(activity);
          else sender.push([activity]);
        });
        return Object.assign({}, groups, { sender: sender });
      };
    };
  }

  /** "Marie a rejoint la conversation", "… a clôturé la conversation": said by the system, not in a bot bubble. */
  function systemLineMiddleware() {
    return function (next) {
      return function () {
        var card = arguments[0] || {};
        var activity = card.activity;
        var event = marksOf(activity).event;
        if (activity && activity.type === 'message' && (event === 'joined' || event === 'closed') && activity.text) {
          return function () {
            return h('p', { className: 'qb-system', 'data-event': event, children: activity.text.replace(/[*_]/g, '') });
          };
        }
        return next.apply(null, arguments);
      };
    };
  }

  /** Who is talking (header), messages while closed (badge), and the end of a conversation, from what arrives. */
  function onActivity(activity) {
    var role = activity.from && activity.from.role;
    if (role === 'user' || !activity.type) return;
    var marks = (activity.channelData && activity.channelData.qualibot) || {};
    if (activity.type === 'message') endPreview();
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
    resetEndBar();
    store = undefined;
    status.hidden = false;
    paintPreview();
    renderChat();
    focusSendBox();
  }

  function resetEndBar() {
    Array.prototype.forEach.call(endBar.querySelectorAll('.qb-star'), function (star) { star.setAttribute('aria-pressed', 'false'); });
    Array.prototype.forEach.call(endBar.querySelectorAll('.qb-feedback'), function (line) { line.textContent = ''; });
    var input = endBar.querySelector('input');
    if (input) input.value = '';
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
