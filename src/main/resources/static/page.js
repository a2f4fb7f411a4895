// What the pages share: plain JavaScript, no build step. Text from the server is only ever set with
// textContent, never parsed as HTML; credentials stay in the calling page's memory.
window.StatelabPage = Object.freeze({
  $: (id) => document.getElementById(id),

  el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  },

  /** An HTTP Basic header value, UTF-8 like the server reads it. */
  basic(user, password) {
    const raw = new TextEncoder().encode(user + ':' + password);
    let binary = '';
    raw.forEach((b) => { binary += String.fromCharCode(b); });
    return 'Basic ' + btoa(binary);
  },

  /** A JSON call with the page's own Authorization and no browser-kept credentials: {status, data}. */
  async call(authorization, method, url, body) {
    const init = { method, headers: { Authorization: authorization }, credentials: 'omit', cache: 'no-store' };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await fetch(url, init);
    let data = null;
    try { data = await response.json(); } catch (ignored) { data = null; }
    return { status: response.status, data };
  },

  /** What to tell the user about a refused call: the problem's detail when there is one. */
  problemText(result, forbidden) {
    if (result.data && result.data.detail) return result.data.detail;
    if (result.status === 401) return 'Wrong user or password.';
    if (result.status === 403 && forbidden) return forbidden;
    return 'The server answered ' + result.status + '.';
  },
});
