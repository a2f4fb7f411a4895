// The sockets page: plain JavaScript, no build step. Every text from the server is set with textContent,
// never parsed as HTML. Credentials live only in this page's memory, as on the compare page.
(() => {
  'use strict';

  const SVG = 'http://www.w3.org/2000/svg';
  let authorization = null;
  let liveTimer = null;
  const { $, el, basic } = window.StatelabPage;
  const call = (method, url, body) => window.StatelabPage.call(authorization, method, url, body);
  const problemText = (result) => window.StatelabPage.problemText(result);

  function svg(tag, attributes, text) {
    const node = document.createElementNS(SVG, tag);
    Object.entries(attributes || {}).forEach(([k, v]) => node.setAttribute(k, String(v)));
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  function age(since) {
    const seconds = Math.max(0, Math.round((Date.now() - Date.parse(since)) / 1000));
    if (seconds < 120) return seconds + ' s';
    if (seconds < 7200) return Math.round(seconds / 60) + ' min';
    return Math.round(seconds / 3600) + ' h';
  }

  // ---- sign in and the live table ----
  $('signin').addEventListener('submit', async (event) => {
    event.preventDefault();
    authorization = basic($('user').value, $('password').value);
    const status = $('signin-status');
    status.textContent = 'Checking…';
    try {
      const result = await call('GET', '/api/sockets');
      if (result.status === 200) {
        status.textContent = 'Signed in as ' + $('user').value + '.';
        status.className = 'ok';
        show(result.data);
        if (liveTimer === null) liveTimer = setInterval(refresh, 2000);
      } else {
        authorization = null;
        status.textContent = problemText(result);
        status.className = 'bad';
      }
    } catch (e) {
      authorization = null;
      status.textContent = 'The server could not be reached.';
      status.className = 'bad';
    }
  });

  async function refresh() {
    if (!authorization || document.hidden) return;
    try {
      const result = await call('GET', '/api/sockets');
      if (result.status === 200) {
        $('live-status').textContent = '';
        show(result.data);
      } else {
        $('live-status').textContent = problemText(result);
      }
    } catch (e) {
      $('live-status').textContent = 'The server could not be reached.';
    }
  }

  function show(data) {
    document.querySelectorAll('.tcp-port').forEach((n) => { n.textContent = data.ports.tcp < 0 ? 'off' : data.ports.tcp; });
    document.querySelectorAll('.udp-port').forEach((n) => { n.textContent = data.ports.udp < 0 ? 'off' : data.ports.udp; });
    const tcpRows = $('tcp-rows');
    tcpRows.replaceChildren();
    if (data.tcp.length === 0) {
      const row = el('tr');
      const cell = el('td', 'muted', 'No TCP connection is open. Run the TCP client above.');
      cell.colSpan = 5;
      row.append(cell);
      tcpRows.append(row);
    }
    data.tcp.forEach((c) => {
      const row = el('tr');
      row.append(el('td', 'addr', c.remote), el('td', 'addr', c.local), el('td', 'num', c.bytesIn),
        el('td', 'num', c.bytesOut), el('td', 'num', age(c.since)));
      tcpRows.append(row);
    });
    const udpRows = $('udp-rows');
    udpRows.replaceChildren();
    if (data.udp.length === 0) {
      const row = el('tr');
      const cell = el('td', 'muted', 'No datagram yet. Run the UDP client above.');
      cell.colSpan = 4;
      row.append(cell);
      udpRows.append(row);
    }
    data.udp.forEach((p) => {
      const row = el('tr');
      row.append(el('td', 'addr', p.remote), el('td', 'num', p.datagramsIn), el('td', 'num', p.datagramsOut),
        el('td', 'num', age(p.last) + ' ago'));
      udpRows.append(row);
    });
    const i = data.udpImpairment;
    const line = $('impairment');
    line.replaceChildren('UDP impairment on the server (', el('span', 'sim', 'simulated'),
      '): loss ' + i.loss + ', reorder ' + i.reorder + ', delay ' + i.delayMs + ' ms. TCP connections run on '
      + data.threads + ' threads.');
  }

  // ---- copy buttons ----
  document.querySelectorAll('.copy').forEach((button) => {
    button.addEventListener('click', async () => {
      const text = $(button.dataset.for).textContent;
      try {
        await navigator.clipboard.writeText(text);
        button.textContent = 'Copied';
      } catch (e) {
        const range = document.createRange();
        range.selectNodeContents($(button.dataset.for));
        window.getSelection().removeAllRanges();
        window.getSelection().addRange(range);
        button.textContent = 'Selected';
      }
      setTimeout(() => { button.textContent = 'Copy'; }, 1500);
    });
  });
  document.querySelectorAll('.host').forEach((n) => { n.textContent = location.hostname || '127.0.0.1'; });

  // ---- the numbered burst ----
  $('burst').addEventListener('submit', async (event) => {
    event.preventDefault();
    const status = $('burst-status');
    if (!authorization) {
      status.textContent = 'Sign in first.';
      status.className = 'bad';
      $('user').focus();
      return;
    }
    const request = {
      count: Number($('count').value),
      loss: Number($('loss').value),
      reorder: Number($('reorder').value),
      delayMs: Number($('delay').value)
    };
    $('run-burst').disabled = true;
    status.textContent = 'Running…';
    status.className = 'muted';
    try {
      const result = await call('POST', '/api/sockets/burst', request);
      if (result.status === 200) {
        status.textContent = '';
        chart(result.data);
        refresh();
      } else {
        status.textContent = problemText(result);
        status.className = 'bad';
      }
    } catch (e) {
      status.textContent = 'The server could not be reached.';
      status.className = 'bad';
    } finally {
      $('run-burst').disabled = false;
    }
  });

  function chart(data) {
    const charts = $('charts');
    charts.replaceChildren();
    [['tcp', 'TCP', data.tcp], ['udp', 'UDP', data.udp]].forEach(([key, name, outcome]) => {
      const box = el('figure', 'chart ' + key);
      box.id = 'chart-' + key;
      box.style.margin = '0';
      const title = el('h3', null, name);
      if (key === 'udp') title.append(' ', el('span', 'sim', 'simulated impairment'));
      box.append(title);
      if (!outcome) {
        box.append(el('p', 'muted', name + ' is off on this server.'));
        charts.append(box);
        return;
      }
      box.append(drawing(data.count, outcome, name));
      const summary = el('figcaption', 'small summary');
      summary.textContent = outcome.delivered + ' of ' + outcome.sent + ' delivered, ' + outcome.lost + ' lost, '
        + outcome.outOfOrder + ' out of order, ' + outcome.duplicates + ' duplicate; latency median '
        + outcome.medianMs + ' ms, p95 ' + outcome.p95Ms + ' ms, max ' + outcome.maxMs + ' ms.';
      box.append(summary);
      charts.append(box);
    });
  }

  // One lane per protocol: a bar of delivered / out of order / lost, and below it every message by its
  // number (x) and latency (y), lost ones as red ticks on the axis.
  function drawing(count, outcome, name) {
    const W = 560, H = 230, left = 60, right = 10, barY = 8, barH = 22, top = 48, bottom = 196;
    const root = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img',
      'aria-label': name + ': ' + outcome.delivered + ' delivered, ' + outcome.lost + ' lost, ' + outcome.outOfOrder + ' out of order' });
    const inOrder = outcome.delivered - outcome.outOfOrder;
    const scale = (W - left - right) / Math.max(1, outcome.sent);
    let x = left;
    [[inOrder, 'var(--ok)', 'in order'], [outcome.outOfOrder, 'var(--warn)', 'out of order'], [outcome.lost, 'var(--bad)', 'lost']]
      .forEach(([n, colour, label]) => {
        if (n <= 0) return;
        const width = n * scale;
        root.append(svg('rect', { x, y: barY, width, height: barH, fill: colour, class: 'bar' }));
        if (width > 60) root.append(svg('text', { x: x + 4, y: barY + 15, 'font-size': 12, fill: '#fff' }, n + ' ' + label));
        x += width;
      });
    const maxMs = Math.max(1, outcome.maxMs);
    const px = (seq) => left + (seq - 0.5) * (W - left - right) / Math.max(1, count);
    const py = (ms) => bottom - (ms / maxMs) * (bottom - top);
    root.append(svg('line', { x1: left, y1: bottom, x2: W - right, y2: bottom, stroke: 'currentColor', 'stroke-opacity': 0.4 }));
    root.append(svg('line', { x1: left, y1: top, x2: left, y2: bottom, stroke: 'currentColor', 'stroke-opacity': 0.4 }));
    root.append(svg('text', { x: left - 4, y: top + 4, 'font-size': 11, 'text-anchor': 'end', fill: 'currentColor' }, round(maxMs) + ' ms'));
    root.append(svg('text', { x: left - 4, y: bottom, 'font-size': 11, 'text-anchor': 'end', fill: 'currentColor' }, '0'));
    root.append(svg('text', { x: left, y: H - 8, 'font-size': 11, fill: 'currentColor' }, 'message 1'));
    root.append(svg('text', { x: W - right, y: H - 8, 'font-size': 11, 'text-anchor': 'end', fill: 'currentColor' }, 'message ' + count + ' →'));
    let highest = 0;
    outcome.arrivals.forEach((a) => {
      const late = a.seq < highest;
      highest = Math.max(highest, a.seq);
      root.append(svg('circle', { cx: px(a.seq), cy: py(a.latencyMs), r: 3, class: late ? 'dot late' : 'dot',
        fill: late ? 'var(--warn)' : 'var(--ok)' }));
    });
    outcome.lostSeqs.forEach((seq) => {
      root.append(svg('line', { x1: px(seq), y1: bottom - 8, x2: px(seq), y2: bottom + 6, stroke: 'var(--bad)', 'stroke-width': 2, class: 'lost' }));
    });
    return root;
  }

  function round(ms) {
    return ms >= 10 ? Math.round(ms) : Math.round(ms * 100) / 100;
  }
})();
