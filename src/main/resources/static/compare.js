// The compare page: plain JavaScript, no build step. Every text that comes from the server is set with
// textContent, never parsed as HTML. Credentials live only in this page's memory.
(() => {
  'use strict';

  // Everything the page remembers, in one place: the Basic header of the signed-in admin, the metrics
  // refresh timer, and the server-held records last shown per side and client (to mark what changed).
  const page = { authorization: null, metricsTimer: null, shownHeld: {} };
  const { $, el, basic } = window.StatelabPage;
  const call = (method, url, body) => window.StatelabPage.call(page.authorization, method, url, body);
  const problemText = (result) => window.StatelabPage.problemText(result, 'This account is not an admin.');

  function bytes(n) {
    if (n === null || n === undefined) return '–';
    const value = Number(n);
    if (value >= 1024 * 1024) return (value / 1024 / 1024).toFixed(1) + ' MiB';
    if (value >= 10 * 1024) return (value / 1024).toFixed(1) + ' KiB';
    return value.toLocaleString('en') + ' B';
  }

  // ---- sign in ----
  $('signin').addEventListener('submit', async (event) => {
    event.preventDefault();
    page.authorization = basic($('user').value, $('password').value);
    const status = $('signin-status');
    status.textContent = 'Checking…';
    try {
      const result = await call('GET', '/api/compare/scenarios');
      if (result.status === 200) {
        status.textContent = 'Signed in as ' + $('user').value + '.';
        status.className = 'ok';
        refreshMetrics();
        if (page.metricsTimer === null) page.metricsTimer = setInterval(refreshMetrics, 4000);
      } else {
        page.authorization = null;
        status.textContent = problemText(result);
        status.className = 'bad';
      }
    } catch (e) {
      page.authorization = null;
      status.textContent = 'The server could not be reached.';
      status.className = 'bad';
    }
  });

  // ---- runs ----
  $('runner').addEventListener('submit', (event) => {
    event.preventDefault();
    run($('scenario').value);
  });
  $('auth-demo').addEventListener('click', () => {
    $('scenario').value = 'login-and-logout';
    run('login-and-logout');
  });
  document.querySelectorAll('.demo').forEach((button) => {
    button.addEventListener('click', () => {
      const box = $('second-instance');
      box.hidden = true;
      $('scenario').value = button.dataset.scenario;
      run(button.dataset.scenario);
    });
  });

  async function run(scenario) {
    const section = $('result');
    section.hidden = false;
    $('result-title').textContent = 'Running…';
    $('result-summary').textContent = '';
    $('steps').replaceChildren();
    $('totals').querySelector('tbody').replaceChildren();
    section.setAttribute('aria-busy', 'true');
    if (!page.authorization) {
      $('result-title').textContent = 'Sign in first';
      $('result-summary').textContent = 'The runs need an admin account (step 1).';
      section.removeAttribute('aria-busy');
      $('user').focus();
      return;
    }
    setBusy(true);
    try {
      const result = await call('POST', '/api/compare/runs', { scenario });
      if (result.status !== 200 || !result.data) {
        $('result-title').textContent = 'The run did not happen';
        $('result-summary').textContent = problemText(result);
        return;
      }
      render(result.data);
      refreshMetrics();
    } catch (e) {
      $('result-title').textContent = 'The run did not finish';
      $('result-summary').textContent = 'The server could not be reached.';
    } finally {
      setBusy(false);
      section.removeAttribute('aria-busy');
    }
  }

  function setBusy(busy) {
    document.querySelectorAll('#run, .demo, #auth-demo').forEach((b) => { b.disabled = busy; });
  }

  function render(run) {
    $('result-title').textContent = run.title;
    $('result-summary').textContent = run.summary;
    renderTotals(run.http, run.ftp);
    renderState(run.state, run.notes || []);
    $('second-instance').hidden = !(run.scenario === 'second-instance' && !run.state.peer);
    const list = $('steps');
    page.shownHeld = {};
    run.steps.forEach((step, index) => list.append(renderStep(step, index + 1)));
    $('result').dataset.scenario = run.scenario;
    $('result').dataset.done = 'true';
    $('result-title').scrollIntoView({ block: 'start', behavior: 'smooth' });
  }

  function renderState(state, notes) {
    const box = $('state');
    box.replaceChildren();
    const facts = el('dl', 'state-facts');
    const fact = (name, value, id) => {
      facts.append(el('dt', null, name));
      const dd = el('dd', null, value);
      if (id) dd.id = id;
      facts.append(dd);
    };
    fact('Sessions live in', state.store === 'redis' ? 'Redis (statelab.store=redis), shared by every instance'
      : 'the memory of this process (statelab.store=memory)', 'state-store');
    if (state.location) {
      fact(state.store === 'redis' ? 'Redis key' : 'Held in', state.location, 'state-key');
      fact(state.store === 'redis' ? 'MEMORY USAGE' : 'As JSON', state.bytes + ' bytes', 'state-bytes');
    }
    fact('Sharing cost', state.store === 'redis'
      ? state.roundTrips + ' Redis round trips for ' + state.ftpRequests + ' FTP-style requests to this instance, probes of what it holds included ('
        + state.roundTripsPerRequest + ' per request)'
      : 'no round trips: nothing is shared', 'state-cost');
    fact('Second instance', state.peer || 'none (statelab.compare.peer-url is not set)', 'state-peer');
    box.append(el('h3', null, 'Where the state lives'), facts);
    notes.forEach((note) => box.append(el('p', 'muted small', note)));
    box.hidden = false;
  }

  function renderTotals(http, ftp) {
    const rows = [
      ['Requests', http.requests, ftp.requests, String],
      ['Bytes sent', http.bytesSent, ftp.bytesSent, bytes],
      ['Bytes received', http.bytesReceived, ftp.bytesReceived, bytes],
      ['Server-held bytes (peak)', http.peakHeldBytes, ftp.peakHeldBytes, bytes],
      ['Server-held bytes at the end', http.heldBytesAtEnd, ftp.heldBytesAtEnd, bytes],
      ['Time (sum of latencies)', http.millis, ftp.millis, (v) => Number(v).toFixed(1) + ' ms'],
    ];
    const body = $('totals').querySelector('tbody');
    rows.forEach(([label, a, b, format]) => {
      const tr = el('tr');
      tr.append(el('th', null, label), el('td', 'http', format(a)), el('td', 'ftp', format(b)));
      tr.firstChild.scope = 'row';
      body.append(tr);
    });
  }

  function renderStep(step, number) {
    const li = el('li', 'step');
    const head = el('div', 'step-head');
    head.append(el('h3', null, number + '. ' + step.title), el('p', 'explain', step.explanation));
    li.append(head);
    if (step.server.length > 0) {
      const server = el('div', 'server');
      server.append(el('p', 'side-label', 'Server'));
      step.server.forEach((x) => server.append(renderExchange(x, 'server')));
      li.append(server);
    }
    const sides = el('div', 'sides');
    sides.append(renderSide('http', 'Stateless HTTP', step.http, step.httpHeld),
      renderSide('ftp', 'FTP-style session', step.ftp, step.ftpHeld));
    li.append(sides);
    return li;
  }

  function renderSide(kind, label, exchanges, held) {
    const side = el('div', 'side side-' + kind);
    side.append(el('p', 'side-label', label));
    if (exchanges.length === 0) {
      side.append(el('p', 'none', kind === 'http'
        ? 'No request: nothing to send; the client keeps what it needs itself.'
        : 'No request from this client.'));
    }
    exchanges.forEach((x) => side.append(renderExchange(x, kind)));
    held.forEach((h) => side.append(renderHeld(h, kind)));
    return side;
  }

  function statusClass(status) {
    return 'status-' + String(status).charAt(0) + 'xx';
  }

  function renderExchange(x, kind) {
    const box = el('div', 'exchange ' + statusClass(x.status));
    const line = el('p', 'request');
    if (x.client && x.client !== 'client') line.append(el('span', 'client', x.client));
    line.append(el('code', 'method', x.method), document.createTextNode(' '), el('code', 'url', x.url));
    box.append(line);
    if (x.requestText) box.append(el('pre', 'command', x.requestText));
    box.append(headerList(x.requestHeaders, x.requestBodyBytes > 0 && !x.requestText ? 'body ' + bytes(x.requestBodyBytes) : null));
    const answer = el('p', 'response');
    answer.append(el('span', 'badge ' + statusClass(x.status), x.status));
    if (x.ftpCode !== null && x.ftpCode !== undefined) {
      answer.append(el('span', 'ftp-code', 'FTP ' + x.ftpCode));
    }
    if (x.ftpText) answer.append(el('span', 'ftp-text', x.ftpText));
    box.append(answer);
    box.append(headerList(x.responseHeaders, x.responseBodyBytes > 0 ? 'body ' + bytes(x.responseBodyBytes) : null));
    const figures = el('p', 'figures');
    figures.append(el('span', null, '↑ ' + bytes(x.bytesSent)), el('span', null, '↓ ' + bytes(x.bytesReceived)),
      el('span', null, Number(x.millis).toFixed(1) + ' ms'));
    box.append(figures);
    let note = x.note;
    if (kind === 'ftp' && x.status === 401) {
      box.classList.add('gone');
      note = note || 'session gone: must log in again';
    }
    if (note) box.append(el('p', 'note', note));
    return box;
  }

  function headerList(headers, extra) {
    const list = el('ul', 'headers');
    Object.entries(headers || {}).forEach(([name, value]) => {
      const item = el('li');
      item.append(el('span', 'h-name', name + ': '), el('span', 'h-value', value));
      list.append(item);
    });
    if (extra) list.append(el('li', 'h-extra', extra));
    return list;
  }

  const KEY_FIELDS = ['cwd', 'pendingRename', 'restartOffset', 'type'];

  function shown(value) {
    if (value === null || value === undefined) return '—';
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }

  function renderHeld(held, kind) {
    const key = kind + ':' + held.client;
    const box = el('div', 'held' + (held.bytes > 0 ? ' holds' : ''));
    const title = held.bytes > 0
      ? 'Server holds ' + bytes(held.bytes) + ' for ' + (held.client === 'client' ? 'this client' : held.client)
      : 'Server holds nothing for ' + (held.client === 'client' ? 'this client' : held.client);
    box.append(el('p', 'held-title', title));
    const before = page.shownHeld[key] || {};
    if (held.state) {
      const dl = el('dl');
      const rest = el('dl');
      Object.entries(held.state).forEach(([key, value]) => {
        const changed = before[key] !== undefined && shown(before[key]) !== shown(value) && key !== 'commands';
        const target = KEY_FIELDS.includes(key) || changed ? dl : rest;
        const dt = el('dt', changed ? 'changed' : null, key);
        const dd = el('dd', changed ? 'changed' : null, shown(value));
        if (changed) dd.title = 'was ' + shown(before[key]);
        target.append(dt, dd);
      });
      box.append(dl);
      const more = el('details');
      more.append(el('summary', null, 'the rest of the record'), rest);
      box.append(more);
      page.shownHeld[key] = held.state;
    } else {
      if (held.note) box.append(el('p', 'muted small', held.note));
      page.shownHeld[key] = {};
    }
    return box;
  }

  // ---- live metrics ----
  async function refreshMetrics() {
    if (!page.authorization || document.hidden) return;
    let result;
    try {
      result = await call('GET', '/api/compare/metrics');
    } catch (e) {
      return;
    }
    if (result.status !== 200 || !result.data) return;
    const m = result.data;
    const panel = $('metrics');
    const grid = el('div', 'metric-grid');
    ['http', 'ftp', 'relay'].forEach((api) => {
      const figures = (m.apis && m.apis[api]) || {};
      grid.append(metric('Requests · ' + api, Math.round(figures.requests || 0).toLocaleString('en'), 'requests-' + api));
      grid.append(metric('Bytes in / out · ' + api, bytes(figures.bytesIn || 0) + ' / ' + bytes(figures.bytesOut || 0), 'bytes-' + api));
    });
    grid.append(metric('FTP sessions live', Math.round(m.ftp.sessionsActive || 0), 'ftp-sessions'));
    grid.append(metric('Bytes of session state', bytes(m.ftp.sessionStateBytes || 0), 'ftp-state'));
    grid.append(metric('Relay connections', Math.round(m.relay.connections || 0), 'relay-connections'));
    panel.replaceChildren(grid);
    document.querySelectorAll('td[data-kind]').forEach((cell) => {
      const figures = m.authChecks && m.authChecks[cell.dataset.kind];
      cell.textContent = figures ? figures.count + ' · ' + Number(figures.meanMillis).toFixed(3) + ' ms' : 'none yet';
    });
  }

  function metric(label, value, id) {
    const box = el('div', 'metric');
    box.dataset.metric = id;
    box.append(el('span', 'metric-value', value), el('span', 'metric-label', label));
    return box;
  }
  $('wire-run').addEventListener('click', async () => {
    const table = $('wire');
    table.replaceChildren(el('caption', 'muted', 'Running…'));
    table.hidden = false;
    const result = await call('POST', '/api/compare/wire');
    if (result.status !== 200) {
      table.replaceChildren(el('caption', 'muted', problemText(result)));
      return;
    }
    const { http, ftp } = result.data;
    const rows = [['', 'HTTP (stateless)', 'FTP port'],
      ['TCP connections opened', http.tcpConnections, ftp.tcpConnections],
      ['Round trips', http.roundTrips, ftp.roundTrips],
      ['Bytes on the control connection', bytes(http.controlBytes), bytes(ftp.controlBytes)],
      ['Bytes on data connections', bytes(http.dataBytes), bytes(ftp.dataBytes)],
      ['Time', http.millis + ' ms', ftp.millis + ' ms']];
    table.replaceChildren(...rows.map((cells, i) => {
      const tr = el('tr');
      cells.forEach((cell) => tr.append(el(i === 0 ? 'th' : 'td', null, String(cell))));
      return tr;
    }));
  });
})();
