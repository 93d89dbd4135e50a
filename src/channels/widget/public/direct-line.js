/*
 * Qualibot widget: a Direct-Line-style connection for Bot Framework Web Chat over one WebSocket.
 * Loaded only when the visitor opens the chat. Plain browser JS (also runs in Node for tests:
 * pass `WebSocket` and `fetch`). Exposes `QualibotDirectLine.createDirectLine(options)`.
 */
(function (root) {
  'use strict';

  var ConnectionStatus = { Uninitialized: 0, Connecting: 1, Online: 2, ExpiredToken: 3, FailedToConnect: 4, Ended: 5 };

  /** Accepts `subscribe(observer)` and `subscribe(next, error, complete)` like RxJS. */
  function toObserver(observerOrNext, error, complete) {
    if (observerOrNext && typeof observerOrNext === 'object') return observerOrNext;
    return { next: observerOrNext, error: error, complete: complete };
  }

  function call(observer, method, value) {
    var fn = observer && observer[method];
    if (typeof fn === 'function') {
      try {
        fn.call(observer, value);
      } catch (err) {
        // An observer that throws must not break the others: report it outside this call stack.
        setTimeout(function () { throw err; }, 0);
      }
    }
  }

  /**
   * A hot, shared stream. `onFirstSubscribe` runs once, when the first observer arrives;
   * `replay()` returns values a late subscriber should get first.
   */
  function createSubject(onFirstSubscribe, replay) {
    var observers = [];
    var started = false;
    var done = false;
    return {
      subscribe: function (observerOrNext, error, complete) {
        var observer = toObserver(observerOrNext, error, complete);
        var subscription = {
          closed: false,
          unsubscribe: function () {
            subscription.closed = true;
            observers = observers.filter(function (o) { return o !== observer; });
          }
        };
        if (done) {
          call(observer, 'complete');
          subscription.closed = true;
          return subscription;
        }
        observers.push(observer);
        var backlog = replay ? replay() : [];
        for (var i = 0; i < backlog.length; i++) call(observer, 'next', backlog[i]);
        if (!started && onFirstSubscribe) {
          started = true;
          onFirstSubscribe();
        }
        return subscription;
      },
      next: function (value) {
        if (done) return;
        observers.slice().forEach(function (o) { call(o, 'next', value); });
      },
      complete: function () {
        if (done) return;
        done = true;
        observers.slice().forEach(function (o) { call(o, 'complete'); });
        observers = [];
      }
    };
  }

  /** An observable that runs `producer(observer)` for each subscriber (like RxJS `new Observable`). */
  function createObservable(producer) {
    return {
      subscribe: function (observerOrNext, error, complete) {
        var observer = toObserver(observerOrNext, error, complete);
        var subscription = { closed: false, unsubscribe: function () { subscription.closed = true; } };
        var guarded = {
          next: function (v) { if (!subscription.closed) call(observer, 'next', v); },
          error: function (e) { if (!subscription.closed) { subscription.closed = true; call(observer, 'error', e); } },
          complete: function () { if (!subscription.closed) { subscription.closed = true; call(observer, 'complete'); } }
        };
        producer(guarded);
        return subscription;
      }
    };
  }

  function randomId() {
    var cryptoApi = root.crypto;
    if (cryptoApi && typeof cryptoApi.randomUUID === 'function') return cryptoApi.randomUUID();
    return 'c' + Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  /**
   * options: {
   *   baseUrl: 'https://bot.example.com',   // where /api/widget/session and the socket live
   *   locale: 'fr-FR' | 'en-US',            // put on every activity
   *   context: {...},                       // page context, sent with each session request
   *   visitorToken: string | undefined,     // resumes the visitor's conversation
   *   onSession(session),                   // called with {visitorToken, conversationId, ...}
   *   onNotice({code, message}),            // server error frames, for a polite message
   *   WebSocket, fetch,                     // defaults: the browser's
   *   backoff: { initialMs, maxMs },        // reconnect delays (jittered, doubling)
   *   reconnectGraceMs                      // a drop shorter than this stays invisible to Web Chat
   * }
   */
  function createDirectLine(options) {
    var WebSocketImpl = options.WebSocket || root.WebSocket;
    var fetchImpl = options.fetch || (root.fetch && root.fetch.bind(root));
    var baseUrl = String(options.baseUrl).replace(/\/+$/, '');
    var locale = options.locale;
    var initialDelay = (options.backoff && options.backoff.initialMs) || 500;
    var maxDelay = (options.backoff && options.backoff.maxMs) || 15000;
    var graceMs = options.reconnectGraceMs === undefined ? 4000 : options.reconnectGraceMs;

    var visitorToken = options.visitorToken;
    var conversationId;
    var watermark = 0;
    // When the server starts a new conversation (old one gone), its sequence ids restart at 1:
    // shift them so Web Chat keeps the new messages below the old ones.
    var sequenceOffset = 0;
    var highestSequence = 0;
    var socket;
    var status = ConnectionStatus.Uninitialized;
    var ended = false;
    var attempt = 0;
    var retryTimer;
    var graceTimer;
    // Whether the current socket has replayed what was missed: posts wait until then.
    var replayed = false;
    // Sent (or waiting to be sent) and not echoed yet: clientActivityID -> { observer, frame }.
    var pending = {};
    // Activities received on the current connection: Web Chat re-subscribes right after each
    // (re)connection, and must not miss what arrived just before it did.
    var sinceOnline = [];

    var statusObservers = createSubject(null, function () { return [status]; });
    var activities = createSubject(connect, function () { return sinceOnline.slice(); });

    function setStatus(next) {
      if (status === next) return;
      status = next;
      if (next === ConnectionStatus.Online) sinceOnline = [];
      statusObservers.next(next);
    }

    function connect() {
      if (ended) return;
      // Reconnects keep their status: Online during a short drop, Connecting after (see startGrace).
      if (status === ConnectionStatus.Uninitialized) setStatus(ConnectionStatus.Connecting);
      openSession().then(openSocket, function (error) {
        if (error && error.fatal) {
          if (options.onNotice) options.onNotice({ code: error.code, message: error.message });
          setStatus(ConnectionStatus.FailedToConnect);
        } else {
          scheduleReconnect();
        }
      });
    }

    function openSession() {
      return fetchImpl(baseUrl + '/api/widget/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        credentials: 'omit',
        body: JSON.stringify({ visitorToken: visitorToken, context: options.context || {}, locale: locale })
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          if (response.ok) return body;
          var error = new Error((body.error && body.error.message) || 'HTTP ' + response.status);
          error.code = (body.error && body.error.code) || 'http_' + response.status;
          // A refused origin will not change by retrying; anything else might.
          error.fatal = response.status === 403;
          throw error;
        });
      });
    }

    function openSocket(session) {
      if (ended) return;
      if (session.conversationId !== conversationId) {
        if (conversationId !== undefined) sequenceOffset = highestSequence;
        conversationId = session.conversationId;
        watermark = 0;
      }
      visitorToken = session.visitorToken;
      if (options.onSession) options.onSession(session);
      var url = baseUrl.replace(/^http/, 'ws') + '/api/widget/socket?token=' + encodeURIComponent(session.socketToken) + '&watermark=' + watermark;
      var ws = new WebSocketImpl(url);
      socket = ws;
      replayed = false;
      ws.onopen = function () {
        if (socket !== ws) return;
        attempt = 0;
        clearTimeout(graceTimer);
        graceTimer = undefined;
        setStatus(ConnectionStatus.Online);
      };
      ws.onmessage = function (event) {
        if (socket !== ws) return;
        var frame;
        try {
          frame = JSON.parse(typeof event.data === 'string' ? event.data : String(event.data));
        } catch (err) {
          return;
        }
        onFrame(frame);
      };
      ws.onclose = function () {
        if (socket !== ws) return;
        socket = undefined;
        replayed = false;
        if (ended) return;
        startGrace();
        scheduleReconnect();
      };
      ws.onerror = function () { /* onclose follows and handles it */ };
    }

    /**
     * A short drop is hidden from Web Chat: it would cancel the messages being sent and mark them
     * failed. Pending messages are resent after the reconnect (the server ignores ones it already
     * has). Only a longer outage is reported as Connecting.
     */
    function startGrace() {
      if (status !== ConnectionStatus.Online) return setStatus(ConnectionStatus.Connecting);
      if (graceTimer) return;
      graceTimer = setTimeout(function () {
        graceTimer = undefined;
        if (socket && socket.readyState === 1) return;
        failPending(new Error('connection lost'));
        setStatus(ConnectionStatus.Connecting);
      }, graceMs);
    }

    function scheduleReconnect() {
      if (ended || retryTimer) return;
      var delay = Math.min(maxDelay, initialDelay * Math.pow(2, attempt));
      attempt += 1;
      // Jitter: after a server restart, clients must not all come back in the same millisecond.
      delay = Math.round(delay * (0.5 + Math.random() * 0.5));
      retryTimer = setTimeout(function () {
        retryTimer = undefined;
        connect();
      }, delay);
    }

    /** Skips the backoff wait (the browser says it is back online, or the tab became visible). */
    function reconnectNow() {
      if (ended || socket || !retryTimer) return;
      clearTimeout(retryTimer);
      retryTimer = undefined;
      attempt = 0;
      connect();
    }

    function onFrame(frame) {
      if (frame.type === 'activity' && frame.activity) {
        if (typeof frame.watermark === 'number') {
          if (frame.watermark <= watermark) return; // already delivered
          watermark = frame.watermark;
        }
        deliver(frame.activity);
      } else if (frame.type === 'ready') {
        replayed = true;
        flushPending();
      } else if (frame.type === 'error') {
        var waiting = frame.clientActivityId && pending[frame.clientActivityId];
        if (waiting) {
          delete pending[frame.clientActivityId];
          var error = new Error(frame.message || frame.code);
          error.code = frame.code;
          waiting.observer.error(error);
        }
        if (options.onNotice) options.onNotice({ code: frame.code, message: frame.message, retryAfterMs: frame.retryAfterMs });
      }
    }

    function deliver(activity) {
      var channelData = activity.channelData || {};
      var sequence = channelData['webchat:sequence-id'];
      if (typeof sequence === 'number') {
        sequence += sequenceOffset;
        highestSequence = Math.max(highestSequence, sequence);
        activity = Object.assign({}, activity, { channelData: Object.assign({}, channelData, { 'webchat:sequence-id': sequence }) });
      }
      if (activity.type === 'messageDelete') {
        // Web Chat replaces an activity arriving again with the same id; an empty message is not drawn.
        activity = { type: 'message', id: activity.id, from: activity.from, timestamp: activity.timestamp, channelData: activity.channelData };
      }
      var clientActivityId = channelData.clientActivityID;
      var waiting = clientActivityId && pending[clientActivityId];
      if (status === ConnectionStatus.Online) {
        sinceOnline.push(activity);
        if (sinceOnline.length > 500) sinceOnline.shift();
      }
      activities.next(activity);
      if (waiting) {
        delete pending[clientActivityId];
        waiting.observer.next(activity.id);
        waiting.observer.complete();
      }
    }

    function flushPending() {
      if (!socket || socket.readyState !== 1 || !replayed) return;
      Object.keys(pending).forEach(function (id) { socket.send(pending[id].frame); });
    }

    function failPending(error) {
      var waiting = pending;
      pending = {};
      Object.keys(waiting).forEach(function (id) { waiting[id].observer.error(error); });
    }

    /** Sends an activity; the returned observable emits its server id once the server echoed it. */
    function postActivity(activity) {
      return createObservable(function (observer) {
        if (ended) return observer.error(new Error('connection ended'));
        var channelData = Object.assign({}, activity.channelData);
        if (!channelData.clientActivityID) channelData.clientActivityID = randomId();
        var outgoing = Object.assign({}, activity, { channelData: channelData, locale: locale });
        var frame = JSON.stringify({ type: 'activity', activity: outgoing });
        var ready = socket && socket.readyState === 1 && replayed;
        if (outgoing.type === 'typing') {
          // Not echoed by the server: resolve at once so nothing waits for it.
          if (ready) socket.send(frame);
          observer.next(channelData.clientActivityID);
          return observer.complete();
        }
        // While Online (even inside a short drop) the message is kept and sent as soon as possible.
        if (status !== ConnectionStatus.Online) return observer.error(new Error('not connected'));
        pending[channelData.clientActivityID] = { observer: observer, frame: frame };
        if (ready) socket.send(frame);
      });
    }

    function end() {
      if (ended) return;
      ended = true;
      clearTimeout(retryTimer);
      clearTimeout(graceTimer);
      retryTimer = undefined;
      var ws = socket;
      socket = undefined;
      failPending(new Error('connection ended'));
      if (ws) ws.close(1000, 'ended');
      setStatus(ConnectionStatus.Ended);
      activities.complete();
    }

    return {
      activity$: { subscribe: activities.subscribe },
      connectionStatus$: { subscribe: statusObservers.subscribe },
      postActivity: postActivity,
      end: end,
      reconnectNow: reconnectNow,
      get conversationId() { return conversationId; },
      get watermark() { return watermark; }
    };
  }

  root.QualibotDirectLine = { createDirectLine: createDirectLine, ConnectionStatus: ConnectionStatus };
})(typeof window !== 'undefined' ? window : globalThis);
