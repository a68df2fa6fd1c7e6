/*
 * The Custintel dashboard: live figures from the dashboard socket, panels from the REST API.
 *
 * Plain ES2017, no build step and no library. Every text that comes from the API is written with textContent or
 * as an SVG text node, never as HTML. The API key lives in this tab's sessionStorage only: it is sent in the
 * X-API-Key header and never put in a URL or in the page. The socket is opened with a one-use ticket instead,
 * because a browser cannot send a header on a WebSocket handshake.
 */
(function () {
  'use strict';

  var KEY_ITEM = 'custintel.apiKey';
  var SVG_NS = 'http://www.w3.org/2000/svg';
  var MAX_BACKOFF_MS = 30000;

  var config = {
    api: meta('custintel-api', '/api'),
    socket: meta('custintel-socket', '/ws/dashboard')
  };

  var state = {
    key: null,
    socket: null,
    reconnectTimer: null,
    attempts: 0,
    connecting: false,
    forecast: null,
    asking: false
  };

  var numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
  var decimalFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
  var percentFormat = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });
  var timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  var whenFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', hour: '2-digit',
    minute: '2-digit' });
  var dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short',
    year: 'numeric', timeZone: 'UTC' });
  var shortDayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  var dateTimeFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric',
    hour: '2-digit', minute: '2-digit' });
  /** An instant as the API writes it, such as 2026-12-06T16:40:05.120Z. */
  var INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
  /** The answer columns that hold an amount in the row's currency (netSpent, valueAtRisk, revenue...). */
  var MONEY_COLUMN = /(spent|spend|revenue|amount|value|price)/i;

  /** A refused key: 401 (none or unknown) or 403 (bad or out of scope). */
  function AuthError(status) {
    this.name = 'AuthError';
    this.status = status;
    this.message = 'The API key was refused (' + status + ').';
  }
  AuthError.prototype = Object.create(Error.prototype);

  /** Any other failed call, with the problem's detail when the API sent one. */
  function ApiError(status, detail) {
    this.name = 'ApiError';
    this.status = status;
    this.message = detail;
  }
  ApiError.prototype = Object.create(Error.prototype);

  // ---------------------------------------------------------------- small helpers

  function meta(name, fallback) {
    var el = document.querySelector('meta[name="' + name + '"]');
    var value = el ? el.getAttribute('content') : null;
    return value && value.indexOf('{{') !== 0 ? value.replace(/\/+$/, '') : fallback;
  }

  function byId(id) {
    return document.getElementById(id);
  }

  /** An element with a class and a text (as text, never HTML). */
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function svg(tag, attributes, text) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, String(attributes[name]));
    });
    if (text !== undefined) {
      node.textContent = String(text);
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
  }

  function isNumber(value) {
    return typeof value === 'number' && isFinite(value);
  }

  function formatCount(value) {
    return isNumber(value) ? numberFormat.format(value) : '–';
  }

  function formatPercent(value) {
    return isNumber(value) ? percentFormat.format(value) : '–';
  }

  /** Money as the API writes it: {"amount": "156.46", "currency": "USD"} (or an amount and a code). */
  function formatMoney(amount, currency) {
    var n = Number(amount);
    if (!isFinite(n) || !currency) {
      return amount === undefined || amount === null ? '–' : String(amount);
    }
    try {
      return new Intl.NumberFormat(undefined, { style: 'currency', currency: currency }).format(n);
    } catch (e) {
      return String(amount) + ' ' + currency;
    }
  }

  function money(value) {
    return value && typeof value === 'object' ? formatMoney(value.amount, value.currency) : '–';
  }

  /** "win_back" -> "Win back". */
  function words(value) {
    var text = String(value === undefined || value === null ? '' : value).replace(/_/g, ' ').toLowerCase();
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  /** "daysSinceLastOrder" -> "Days since last order". */
  function columnTitle(key) {
    var text = String(key).replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  function parseDay(day) {
    // A LocalDate ("2026-12-06") as midnight UTC, shown in UTC so that it stays the same day everywhere.
    return new Date(String(day) + 'T00:00:00Z');
  }

  function notice(id, text) {
    var node = byId(id);
    if (!node) {
      return;
    }
    node.textContent = text || '';
    node.hidden = !text;
  }

  // ---------------------------------------------------------------- the API

  async function api(path, options) {
    if (!state.key) {
      throw new AuthError(401);
    }
    var key = state.key;
    var init = options || {};
    var headers = { 'X-API-Key': key, 'Accept': 'application/json' };
    if (init.body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    var response = await fetch(config.api + path, {
      method: init.method || 'GET',
      headers: headers,
      body: init.body,
      cache: 'no-store',
      credentials: 'same-origin',
      redirect: 'error'
    });
    if (response.status === 401 || response.status === 403) {
      refused(response.status, key);
      throw new AuthError(response.status);
    }
    var body = null;
    try {
      body = await response.json();
    } catch (e) {
      body = null;
    }
    if (!response.ok) {
      var detail = body && typeof body === 'object' && (body.detail || body.title);
      if (response.status === 429) {
        detail = 'Too many requests for this key; try again in a minute.';
      }
      throw new ApiError(response.status, detail || ('The server answered ' + response.status + '.'));
    }
    return body;
  }

  /** Shows a panel's failure in the panel: the problem's detail, or a generic sentence. */
  function failed(noticeId, error) {
    if (error instanceof AuthError) {
      notice(noticeId, '');
      return;
    }
    notice(noticeId, error instanceof ApiError ? error.message : 'Could not reach the server.');
  }

  // ---------------------------------------------------------------- the key

  function showKeyForm(message) {
    byId('dashboard').hidden = true;
    byId('key-panel').hidden = false;
    byId('refresh-button').hidden = true;
    byId('forget-button').hidden = true;
    byId('key-message').textContent = message || '';
    var input = byId('key-input');
    input.value = '';
    input.focus();
  }

  /** A call with `key` was refused: unless another key was entered meanwhile, forget it and ask again. */
  function refused(status, key) {
    if (state.key === null || state.key !== key) {
      return;
    }
    state.key = null;
    try {
      window.sessionStorage.removeItem(KEY_ITEM);
    } catch (e) {
      // storage unavailable: nothing to clear
    }
    stopSocket();
    showKeyForm(status === 401
      ? 'That key is not valid. Please enter another one.'
      : 'That key was refused (unknown, revoked or without the read scope). Please enter another one.');
  }

  function onKeySubmit(event) {
    event.preventDefault();
    var input = byId('key-input');
    var key = input.value.trim();
    input.value = '';
    if (!key) {
      byId('key-message').textContent = 'Please enter a key.';
      return;
    }
    try {
      window.sessionStorage.setItem(KEY_ITEM, key);
    } catch (e) {
      // storage unavailable (private mode): the key lives until the page is closed
    }
    begin(key);
  }

  function forget() {
    state.key = null;
    try {
      window.sessionStorage.removeItem(KEY_ITEM);
    } catch (e) {
      // nothing to clear
    }
    stopSocket();
    showKeyForm('');
  }

  function begin(key) {
    state.key = key;
    byId('key-panel').hidden = true;
    byId('dashboard').hidden = false;
    byId('refresh-button').hidden = false;
    byId('forget-button').hidden = false;
    connect();
    loadPanels();
  }

  // ---------------------------------------------------------------- the live figures

  function setConnection(stateName, text) {
    var node = byId('conn-status');
    node.setAttribute('data-state', stateName);
    byId('conn-text').textContent = text;
  }

  async function connect() {
    clearTimeout(state.reconnectTimer);
    state.reconnectTimer = null;
    if (!state.key || state.socket || state.connecting) {
      return;
    }
    state.connecting = true;
    setConnection('connecting', state.attempts ? 'Reconnecting…' : 'Connecting…');
    var ticket;
    try {
      ticket = await api('/dashboard/tickets', { method: 'POST' });
    } catch (e) {
      if (!(e instanceof AuthError)) {
        scheduleReconnect();
      }
      return;
    } finally {
      state.connecting = false;
    }
    if (!state.key || state.socket) {
      return;
    }
    if (!ticket || typeof ticket.ticket !== 'string') {
      scheduleReconnect();
      return;
    }
    var scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    var socket = new WebSocket(scheme + '//' + window.location.host + config.socket + '?ticket='
      + encodeURIComponent(ticket.ticket));
    state.socket = socket;
    socket.onopen = function () {
      state.attempts = 0;
      setConnection('live', 'Live');
    };
    socket.onmessage = function (event) {
      var message;
      try {
        message = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      showSnapshot(message);
    };
    socket.onclose = function () {
      if (state.socket !== socket) {
        return;
      }
      state.socket = null;
      if (state.key) {
        setConnection('offline', 'Disconnected');
        scheduleReconnect();
      }
    };
  }

  function scheduleReconnect() {
    if (state.reconnectTimer || !state.key) {
      return;
    }
    // 1 s, 2 s, 4 s ... up to 30 s, with jitter so that many tabs do not come back in step after a restart.
    var base = Math.min(MAX_BACKOFF_MS, 1000 * Math.pow(2, state.attempts));
    var delay = Math.round(base * (0.5 + Math.random() / 2));
    state.attempts += 1;
    setConnection('offline', 'Reconnecting in ' + Math.ceil(delay / 1000) + ' s');
    state.reconnectTimer = setTimeout(connect, delay);
  }

  function stopSocket() {
    clearTimeout(state.reconnectTimer);
    state.reconnectTimer = null;
    var socket = state.socket;
    state.socket = null;
    state.attempts = 0;
    if (socket) {
      socket.onclose = null;
      socket.close(1000);
    }
    setConnection('idle', 'Not connected');
  }

  function showSnapshot(message) {
    if (!message || typeof message !== 'object') {
      return;
    }
    var at = message.at ? new Date(message.at) : null;
    if (at && !isNaN(at.getTime())) {
      byId('kpi-updated').textContent = timeFormat.format(at);
    }
    var banner = byId('live-error');
    if (message.error) {
      banner.textContent = String(message.error);
      banner.hidden = false;
      setConnection('degraded', 'Live, figures unavailable');
      return;
    }
    banner.hidden = true;
    setConnection('live', 'Live');
    byId('kpi-active').textContent = formatCount(message.activeCustomers30d);
    byId('kpi-orders').textContent = formatCount(message.ordersToday);
    byId('kpi-risk').textContent = formatCount(message.highRiskCustomers);
    var revenue = message.revenueToday && typeof message.revenueToday === 'object' ? message.revenueToday : {};
    var currencies = Object.keys(revenue).sort();
    byId('kpi-revenue').textContent = currencies.length
      ? currencies.map(function (c) { return formatMoney(revenue[c], c); }).join(' · ')
      : formatCount(0);
    byId('kpi-day').textContent = message.day
      ? dayFormat.format(parseDay(message.day)) + (message.zone ? ' (' + message.zone + ')' : '')
      : '';
    showAlerts(Array.isArray(message.newestChurnAlerts) ? message.newestChurnAlerts : []);
  }

  function showAlerts(alerts) {
    var list = byId('churn-alerts');
    clear(list);
    alerts.forEach(function (alert) {
      var item = el('li', 'alert');
      item.appendChild(el('span', 'alert-customer mono', alert.customerId));
      item.appendChild(el('span', 'alert-risk num', isNumber(alert.churnRisk)
        ? formatPercent(alert.churnRisk) + ' risk' : ''));
      var when = alert.occurredAt ? new Date(alert.occurredAt) : null;
      item.appendChild(el('span', 'alert-when muted', when && !isNaN(when.getTime())
        ? whenFormat.format(when) : ''));
      list.appendChild(item);
    });
    notice('alerts-notice', alerts.length ? '' : 'No churn alerts yet.');
  }

  // ---------------------------------------------------------------- the panels

  function loadPanels() {
    loadCohorts();
    loadAtRisk();
    loadForecast();
    loadAffinity();
  }

  function loading(tbody, columns) {
    clear(tbody);
    var row = el('tr', 'loading');
    var cell = el('td', null, 'Loading…');
    cell.colSpan = columns;
    row.appendChild(cell);
    tbody.appendChild(row);
  }

  async function loadCohorts() {
    var table = byId('cohort-heatmap');
    var head = table.tHead;
    var body = table.tBodies[0];
    loading(body, 1);
    notice('cohort-notice', '');
    try {
      var data = await api('/cohorts?period=month');
      showCohorts(head, body, data && Array.isArray(data.cohorts) ? data.cohorts : []);
    } catch (e) {
      clear(head);
      clear(body);
      failed('cohort-notice', e);
    }
  }

  function showCohorts(head, body, cohorts) {
    clear(head);
    clear(body);
    if (!cohorts.length) {
      notice('cohort-notice', 'No cohorts yet: too few customers per month.');
      return;
    }
    var columns = 0;
    var top = 0;
    cohorts.forEach(function (c) {
      (c.periods || []).forEach(function (p) {
        columns = Math.max(columns, (p.index || 0) + 1);
        if (p.index > 0 && isNumber(p.retention)) {
          top = Math.max(top, p.retention);
        }
      });
    });
    var headRow = el('tr');
    headRow.appendChild(el('th', 'cohort-label', 'Cohort'));
    headRow.appendChild(el('th', 'num', 'Customers'));
    for (var k = 0; k < columns; k++) {
      var th = el('th', 'num period', k === 0 ? 'M0' : 'M' + k);
      th.scope = 'col';
      headRow.appendChild(th);
    }
    head.appendChild(headRow);
    cohorts.forEach(function (c) {
      var row = el('tr');
      row.setAttribute('data-cohort', String(c.label));
      var label = el('th', 'cohort-label', c.label);
      label.scope = 'row';
      row.appendChild(label);
      row.appendChild(el('td', 'num', formatCount(c.customers)));
      var byIndex = {};
      (c.periods || []).forEach(function (p) {
        byIndex[p.index] = p;
      });
      for (var k = 0; k < columns; k++) {
        var p = byIndex[k];
        var cell = el('td', 'heat');
        if (p && isNumber(p.retention)) {
          cell.textContent = formatPercent(p.retention);
          cell.classList.add('h' + heatLevel(p.retention, top));
          cell.title = c.label + ', month ' + k + ': ' + formatCount(p.active) + ' of ' + formatCount(c.customers)
            + ' customers ordered';
        } else {
          cell.classList.add('heat-none');
        }
        row.appendChild(cell);
      }
      body.appendChild(row);
    });
  }

  /**
   * Retention 0..1 to one of 9 shades. Month 0 is 100 % by definition and gets the darkest; the later months, far
   * lower, share the other 8 in proportion to the table's highest, so that their differences stay visible.
   */
  function heatLevel(retention, top) {
    if (retention >= 0.999) {
      return 9;
    }
    return Math.max(1, Math.min(8, Math.ceil(retention / (top > 0 ? top : 1) * 8)));
  }

  async function loadAtRisk() {
    var body = byId('at-risk').tBodies[0];
    loading(body, 4);
    notice('at-risk-notice', '');
    try {
      var data = await api('/campaigns/retention?minRisk=0.5&limit=10');
      showAtRisk(body, data || {});
    } catch (e) {
      clear(body);
      failed('at-risk-notice', e);
    }
  }

  function showAtRisk(body, campaign) {
    clear(body);
    var customers = Array.isArray(campaign.customers) ? campaign.customers : [];
    customers.forEach(function (t) {
      var row = el('tr');
      row.setAttribute('data-customer', String(t.customerId));
      row.appendChild(el('td', 'mono', t.customerId));
      var risk = el('td', 'num');
      risk.appendChild(riskMeter(t.churnRisk));
      risk.appendChild(el('span', null, formatPercent(t.churnRisk)));
      row.appendChild(risk);
      row.appendChild(el('td', 'num', money(t.valueAtRisk)));
      var action = el('td', 'action-cell');
      var chip = el('span', 'action action-' + String(t.action || 'none').toLowerCase().replace(/[^a-z_]/g, ''),
        words(t.action));
      if (t.arithmetic) {
        chip.title = String(t.arithmetic);
      }
      action.appendChild(chip);
      if (t.expectedImpact) {
        var impact = el('span', 'impact', '+' + money(t.expectedImpact));
        impact.title = 'Expected impact';
        action.appendChild(impact);
      }
      row.appendChild(action);
      body.appendChild(row);
    });
    var totals = campaign.totals || {};
    byId('at-risk-sub').textContent = customers.length
      ? 'Top ' + customers.length + ' by value at risk' + (isNumber(totals.customers) && totals.customers > 0
        ? ' · ' + formatCount(totals.customers) + ' at risk, ' + money(totals.valueAtRisk) : '')
      : 'Highest value at risk first';
    notice('at-risk-notice', customers.length ? '' : 'No customer is at or above 50 % churn risk.');
  }

  function riskMeter(risk) {
    var meter = el('span', 'meter');
    var fill = el('span', 'meter-fill');
    fill.style.width = Math.round(Math.max(0, Math.min(1, isNumber(risk) ? risk : 0)) * 100) + '%';
    meter.appendChild(fill);
    return meter;
  }

  async function loadAffinity() {
    var body = byId('affinity-rules').tBodies[0];
    loading(body, 3);
    notice('affinity-notice', '');
    try {
      var rules = await api('/affinity/rules?limit=10&orderBy=lift');
      showAffinity(body, Array.isArray(rules) ? rules : []);
    } catch (e) {
      clear(body);
      failed('affinity-notice', e);
    }
  }

  function products(className, word, refs) {
    var group = el('span', className);
    group.appendChild(el('span', 'rule-word', word));
    (refs || []).forEach(function (p, i) {
      if (i) {
        group.appendChild(el('span', 'plus', '+'));
      }
      var chip = el('span', 'product', p.name || p.productId);
      chip.title = String(p.productId);
      group.appendChild(chip);
    });
    return group;
  }

  function showAffinity(body, rules) {
    clear(body);
    rules.forEach(function (r) {
      var row = el('tr');
      var rule = el('td', 'rule');
      rule.appendChild(products('rule-if', 'If', r.antecedent));
      rule.appendChild(products('rule-then', 'then', r.consequent));
      var lift = isNumber(r.lift) ? '×' + decimalFormat.format(r.lift) : '–';
      // Narrow screens show the figures under the rule instead of in their columns.
      rule.appendChild(el('span', 'rule-stats', formatPercent(r.confidence) + ' confidence · ' + lift + ' lift'));
      row.appendChild(rule);
      row.appendChild(el('td', 'num', formatPercent(r.confidence)));
      row.appendChild(el('td', 'num', lift));
      body.appendChild(row);
    });
    notice('affinity-notice', rules.length ? '' : 'No product rules in the active model run.');
  }

  // ---------------------------------------------------------------- the forecast chart

  async function loadForecast() {
    notice('forecast-notice', '');
    try {
      state.forecast = await api('/forecast?horizon=12&period=week&backtest=true');
      drawForecast();
    } catch (e) {
      state.forecast = null;
      clear(byId('forecast-chart'));
      byId('forecast-chart-box').hidden = true;
      byId('forecast-legend').hidden = true;
      failed('forecast-notice', e);
    }
  }

  function forecastSeries(f) {
    var backtest = f.backtest && Array.isArray(f.backtest.periods) ? f.backtest.periods : [];
    var past = backtest.map(function (p) {
      return { t: parseDay(p.start).getTime(), actual: p.actual, predicted: p.predicted };
    });
    var future = (f.periods || []).map(function (p) {
      var existing = p.existingCustomers || {};
      var fresh = p.newCustomers || {};
      var newTransactions = (fresh.firstOrders || 0) + (fresh.repeatTransactions || 0);
      var expected = p.total && isNumber(p.total.expectedTransactions)
        ? p.total.expectedTransactions : (existing.expectedRepeatTransactions || 0) + newTransactions;
      return {
        t: parseDay(p.start).getTime(),
        expected: expected,
        // The interval is the existing customers' (the purchase model's uncertainty); new customers add their point.
        low: isNumber(existing.low) ? existing.low + newTransactions : expected,
        high: isNumber(existing.high) ? existing.high + newTransactions : expected
      };
    });
    return { past: past, future: future };
  }

  /** About `count` round steps covering 0..max: 1, 2 or 5 times a power of ten. */
  function ticks(max, count) {
    if (!(max > 0)) {
      return [0, 1];
    }
    var raw = max / count;
    var power = Math.pow(10, Math.floor(Math.log10(raw)));
    var step = [1, 2, 5, 10].map(function (m) { return m * power; }).filter(function (s) { return s >= raw; })[0];
    var list = [];
    for (var v = 0; v <= max + step * 0.001; v += step) {
      list.push(v);
    }
    if (list[list.length - 1] < max) {
      list.push(list[list.length - 1] + step);
    }
    return list;
  }

  function drawForecast() {
    var f = state.forecast;
    var chart = byId('forecast-chart');
    var box = byId('forecast-chart-box');
    if (!f) {
      return;
    }
    box.hidden = false;
    byId('forecast-legend').hidden = false;
    clear(chart);
    var series = forecastSeries(f);
    var points = series.past.concat(series.future);
    if (!points.length) {
      notice('forecast-notice', 'The forecast has no periods.');
      box.hidden = true;
      return;
    }
    var unit = f.period === 'month' ? 'month' : 'week';
    var level = isNumber(f.intervalLevel) ? formatPercent(f.intervalLevel) : '';
    byId('forecast-band-label').textContent = level ? level + ' interval' : 'Interval';
    var total = f.total || {};
    byId('forecast-sub').textContent = 'Orders per ' + unit + ' · next ' + series.future.length + ' ' + unit + 's: '
      + formatCount(total.expectedTransactions) + ' orders, ' + money(total.expectedRevenue);
    if (!series.past.length) {
      notice('forecast-notice', f.backtestSkipped ? 'Backtest: ' + f.backtestSkipped : '');
    }

    var width = Math.max(280, Math.floor(box.clientWidth || 600));
    var narrow = width < 480;
    var height = narrow ? 230 : 340;
    var m = { top: 16, right: 16, bottom: 30, left: narrow ? 40 : 52 };
    var plotW = width - m.left - m.right;
    var plotH = height - m.top - m.bottom;
    chart.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    chart.setAttribute('width', String(width));
    chart.setAttribute('height', String(height));

    var t0 = points[0].t;
    var t1 = points[points.length - 1].t;
    var span = Math.max(1, t1 - t0);
    var maxY = 0;
    series.past.forEach(function (p) {
      maxY = Math.max(maxY, p.actual || 0, p.predicted || 0);
    });
    series.future.forEach(function (p) {
      maxY = Math.max(maxY, p.high || 0, p.expected || 0);
    });
    var yTicks = ticks(maxY, narrow ? 3 : 4);
    var yMax = yTicks[yTicks.length - 1] || 1;
    function x(t) {
      return m.left + (t - t0) / span * plotW;
    }
    function y(v) {
      return m.top + plotH - (Math.max(0, v) / yMax) * plotH;
    }
    function path(list, key) {
      return list.filter(function (p) { return isNumber(p[key]); }).map(function (p, i) {
        return (i ? 'L' : 'M') + x(p.t).toFixed(1) + ',' + y(p[key]).toFixed(1);
      }).join(' ');
    }

    var grid = svg('g', { 'class': 'grid-lines' });
    yTicks.forEach(function (v) {
      grid.appendChild(svg('line', { x1: m.left, x2: width - m.right, y1: y(v), y2: y(v) }));
      grid.appendChild(svg('text', { x: m.left - 8, y: y(v) + 4, 'class': 'axis-label', 'text-anchor': 'end' },
        numberFormat.format(v)));
    });
    chart.appendChild(grid);

    var labels = svg('g', { 'class': 'x-labels' });
    var count = narrow ? 3 : 5;
    for (var i = 0; i < count; i++) {
      var p = points[Math.round(i * (points.length - 1) / (count - 1))];
      var anchor = i === 0 ? 'start' : (i === count - 1 ? 'end' : 'middle');
      labels.appendChild(svg('text', { x: x(p.t), y: height - 8, 'class': 'axis-label', 'text-anchor': anchor },
        shortDayFormat.format(new Date(p.t))));
    }
    chart.appendChild(labels);
    chart.appendChild(svg('line', { 'class': 'axis', x1: m.left, x2: width - m.right, y1: y(0), y2: y(0) }));

    if (series.future.length) {
      var band = series.future.map(function (p) { return x(p.t).toFixed(1) + ',' + y(p.high).toFixed(1); })
        .concat(series.future.slice().reverse().map(function (p) {
          return x(p.t).toFixed(1) + ',' + y(p.low).toFixed(1);
        }));
      chart.appendChild(svg('polygon', { 'class': 'band', points: band.join(' ') }));
      var split = x(series.future[0].t);
      chart.appendChild(svg('line', { 'class': 'divider', x1: split, x2: split, y1: m.top, y2: m.top + plotH }));
      chart.appendChild(svg('text', { 'class': 'divider-label', x: split + 6, y: m.top + 12 }, 'Forecast'));
    }
    if (series.past.length) {
      chart.appendChild(svg('path', { 'class': 'line-predicted', d: path(series.past, 'predicted') }));
      chart.appendChild(svg('path', { 'class': 'line-actual', d: path(series.past, 'actual') }));
    }
    if (series.future.length) {
      chart.appendChild(svg('path', { 'class': 'line-expected', d: path(series.future, 'expected') }));
    }
    var dots = svg('g', { 'class': 'dots' });
    series.past.forEach(function (p) {
      var dot = svg('circle', { 'class': 'dot-actual', cx: x(p.t), cy: y(p.actual), r: 2.5 });
      dot.appendChild(svg('title', {}, shortDayFormat.format(new Date(p.t)) + ': ' + formatCount(p.actual)
        + ' orders, ' + decimalFormat.format(p.predicted) + ' predicted'));
      dots.appendChild(dot);
    });
    series.future.forEach(function (p) {
      var dot = svg('circle', { 'class': 'dot-expected', cx: x(p.t), cy: y(p.expected), r: 2.5 });
      dot.appendChild(svg('title', {}, shortDayFormat.format(new Date(p.t)) + ': ' + decimalFormat.format(p.expected)
        + ' expected (' + decimalFormat.format(p.low) + ' to ' + decimalFormat.format(p.high) + ')'));
      dots.appendChild(dot);
    });
    chart.appendChild(dots);
  }

  // ---------------------------------------------------------------- questions

  async function ask(question) {
    if (state.asking) {
      return;
    }
    var text = String(question || '').trim();
    if (!text) {
      return;
    }
    state.asking = true;
    byId('ask-button').disabled = true;
    notice('ask-notice', '');
    try {
      var answer = await api('/query', { method: 'POST', body: JSON.stringify({ query: text }) });
      showAnswer(answer || {});
    } catch (e) {
      byId('ask-result').hidden = true;
      failed('ask-notice', e);
    } finally {
      state.asking = false;
      byId('ask-button').disabled = false;
    }
  }

  function showAnswer(answer) {
    byId('ask-result').hidden = false;
    var understood = byId('ask-understood');
    understood.textContent = answer.understood || 'nothing: try one of these';
    understood.parentNode.classList.toggle('not-understood', !answer.understood);
    byId('ask-answer').textContent = answer.answer || '';

    var chips = byId('ask-suggestions');
    clear(chips);
    if (!answer.understood && Array.isArray(answer.suggestions)) {
      answer.suggestions.forEach(function (s) {
        var chip = el('button', 'chip', s);
        chip.type = 'button';
        chip.addEventListener('click', function () {
          byId('ask-input').value = String(s);
          ask(s);
        });
        chips.appendChild(chip);
      });
    }

    var table = byId('ask-rows');
    var head = table.tHead;
    var body = table.tBodies[0];
    clear(head);
    clear(body);
    var rows = Array.isArray(answer.rows) ? answer.rows : [];
    table.hidden = !rows.length;
    if (!rows.length) {
      return;
    }
    var columns = [];
    rows.forEach(function (r) {
      Object.keys(r || {}).forEach(function (k) {
        if (columns.indexOf(k) < 0) {
          columns.push(k);
        }
      });
    });
    // Amounts are shown in their row's currency, so a currency column that only served them goes.
    var priced = rows.every(function (r) { return r && typeof r.currency === 'string'; })
      && columns.some(function (k) { return k !== 'currency' && MONEY_COLUMN.test(k); });
    if (priced) {
      columns = columns.filter(function (k) { return k !== 'currency'; });
    }
    var numeric = {};
    columns.forEach(function (k) {
      numeric[k] = !/id$/i.test(k) && rows.every(function (r) {
        var v = r[k];
        return v === null || v === undefined || isNumber(v) || (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v));
      });
    });
    var headRow = el('tr');
    columns.forEach(function (k) {
      var th = el('th', numeric[k] ? 'num' : null, columnTitle(k));
      th.scope = 'col';
      headRow.appendChild(th);
    });
    head.appendChild(headRow);
    rows.forEach(function (r) {
      var row = el('tr');
      columns.forEach(function (k) {
        var cell = el('td', numeric[k] ? 'num' : (/id$/i.test(k) ? 'mono' : null), cellText(r[k], k, r));
        cell.setAttribute('data-column', k);
        row.appendChild(cell);
      });
      body.appendChild(row);
    });
  }

  /** A row's value as text: amounts in the row's currency, instants in local time, numbers grouped. */
  function cellText(value, column, row) {
    if (value === null || value === undefined) {
      return '';
    }
    var currency = row && typeof row.currency === 'string' && /^[A-Z]{3}$/.test(row.currency) ? row.currency : null;
    if (currency && column !== 'currency' && MONEY_COLUMN.test(column) && isFinite(Number(value))
        && value !== '' && typeof value !== 'boolean') {
      return formatMoney(value, currency);
    }
    if (typeof value === 'string' && INSTANT.test(value)) {
      var at = new Date(value);
      return isNaN(at.getTime()) ? value : dateTimeFormat.format(at);
    }
    if (isNumber(value)) {
      return Number.isInteger(value) ? numberFormat.format(value) : decimalFormat.format(value);
    }
    if (typeof value === 'boolean') {
      return value ? 'yes' : 'no';
    }
    if (typeof value === 'object') {
      return value.amount !== undefined && value.currency ? money(value) : JSON.stringify(value);
    }
    return String(value);
  }

  // ---------------------------------------------------------------- start

  function start() {
    byId('key-form').addEventListener('submit', onKeySubmit);
    byId('forget-button').addEventListener('click', forget);
    byId('refresh-button').addEventListener('click', loadPanels);
    byId('ask-form').addEventListener('submit', function (event) {
      event.preventDefault();
      ask(byId('ask-input').value);
    });
    var resizeTimer = null;
    window.addEventListener('resize', function () {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(drawForecast, 150);
    });
    window.addEventListener('online', function () {
      if (state.key && !state.socket) {
        state.attempts = 0;
        connect();
      }
    });
    var key = null;
    try {
      key = window.sessionStorage.getItem(KEY_ITEM);
    } catch (e) {
      key = null;
    }
    if (key) {
      begin(key);
    } else {
      showKeyForm('');
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
