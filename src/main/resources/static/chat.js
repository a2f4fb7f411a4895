// The chat page: one WebSocket to /ws/chat, the protocol in README.md, plus an optional direct path to
// one member (chat-direct.js). All text from the network is rendered with textContent, never as HTML.
(() => {
  "use strict";

  const $ = (id) => document.getElementById(id);
  const ui = {
    status: $("status"), join: $("join"), room: $("room"), nick: $("nick"), signin: $("signin"), user: $("user"),
    password: $("password"), joinButton: $("join-button"), leaveButton: $("leave-button"), joinError: $("join-error"),
    members: $("members"), memberCount: $("member-count"), notice: $("notice"), messages: $("messages"),
    composer: $("composer"), text: $("text"), sendButton: $("send-button"), file: $("file"),
    sendFile: $("send-file"), burstCount: $("burst-count"), burstReliable: $("burst-reliable"),
    burstUnreliable: $("burst-unreliable"),
  };

  const CLOSE_REASONS = {
    1008: "closed by the relay: rate limit or policy",
    1009: "closed by the relay: message too big",
    1013: "the relay is full; trying again",
    4000: "closed by the relay: this page did not keep up",
    4001: "closed by the relay: no answer to pings",
  };

  // what survives a reconnect: where we were and how far we had read, per room (a Map: a room may be
  // called "__proto__" or "constructor")
  const state = { socket: null, wanted: null, joined: false, me: null, attempt: 0, timer: null, positions: new Map(), members: new Map() };

  function setStatus(kind, text) {
    ui.status.dataset.state = kind;
    ui.status.textContent = text;
  }

  function showNotice(text) {
    ui.notice.textContent = text;
    ui.notice.hidden = !text;
  }

  function setJoined(joined) {
    state.joined = joined;
    document.body.classList.toggle("is-joined", joined);
    const open = direct.isOpen();
    ui.text.disabled = !(joined || open);
    ui.sendButton.disabled = ui.text.disabled;
    ui.leaveButton.disabled = !state.wanted;
    ui.members.querySelectorAll(".direct-button").forEach((b) => { b.disabled = !joined; });
  }

  async function socketUrl(wanted) {
    const url = new URL("/ws/chat", location.href);
    url.protocol = location.protocol === "https:" ? "wss:" : "ws:";
    if (wanted.user) {
      const response = await fetch("/api/relay/ticket", {
        method: "POST", headers: { Authorization: window.StatelabPage.basic(wanted.user, wanted.password) }, credentials: "omit",
      });
      if (response.status === 401) {
        throw Object.assign(new Error("Wrong user or password."), { fatal: true });
      }
      if (!response.ok) {
        throw new Error("Sign-in failed (" + response.status + ").");
      }
      url.searchParams.set("ticket", (await response.json()).ticket);
    }
    return url.href;
  }

  async function connect() {
    clearTimeout(state.timer);
    const wanted = state.wanted;
    if (!wanted) {
      return;
    }
    setStatus("connecting", state.attempt ? "Reconnecting…" : "Connecting…");
    let url;
    try {
      url = await socketUrl(wanted);
    } catch (error) {
      if (error.fatal) {
        stop(error.message);
      } else {
        retry(error.message);
      }
      return;
    }
    if (state.wanted !== wanted) {
      return;
    }
    const socket = new WebSocket(url);
    state.socket = socket;
    socket.addEventListener("open", () => {
      const join = { type: "join", room: wanted.room, nick: wanted.nick };
      const position = state.positions.get(wanted.room);
      if (position) {
        join.since = position.seq;
        join.epoch = position.epoch;
      }
      socket.send(JSON.stringify(join));
    });
    socket.addEventListener("message", (event) => {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      receive(frame, event.data.length);
    });
    socket.addEventListener("close", (event) => {
      if (state.socket !== socket) {
        return;
      }
      state.socket = null;
      setJoined(false);
      if (state.wanted) {
        retry(CLOSE_REASONS[event.code] || "connection lost");
      }
    });
  }

  function retry(why) {
    // exponential backoff with jitter: 0.5 s, 1 s, 2 s … up to 30 s
    const delay = Math.min(30000, 500 * 2 ** state.attempt) * (0.75 + Math.random() * 0.5);
    state.attempt += 1;
    setStatus("offline", "Offline (" + why + "), retrying in " + Math.ceil(delay / 1000) + " s");
    state.timer = setTimeout(connect, delay);
  }

  function stop(message) {
    clearTimeout(state.timer);
    state.wanted = null;
    const socket = state.socket;
    state.socket = null;
    if (socket) {
      socket.close(1000, "bye");
    }
    setJoined(false);
    ui.joinButton.disabled = false;
    setStatus("offline", "Not connected");
    ui.joinError.textContent = message || "";
  }

  function receive(frame, size) {
    switch (frame.type) {
      case "signal": return signalled(frame, size);
      case "joined": return joined(frame);
      case "message": return message(frame);
      case "presence": return presence(frame);
      case "error": return error(frame);
      default: return undefined;
    }
  }

  function joined(frame) {
    const asked = state.positions.get(frame.room);
    state.attempt = 0;
    state.me = frame.nick;
    ui.joinError.textContent = "";
    if (frame.recovered) {
      showNotice("");
    } else {
      if (asked && asked.seq > 0) {
        showNotice("Reconnected, but the room's history was reset or is too far behind: some messages may be missing.");
      }
      // the relay's history replaces what came through it; direct messages were never in it, so they stay
      ui.messages.querySelectorAll("li:not(.direct)").forEach((item) => item.remove());
      state.positions.set(frame.room, { seq: 0, epoch: frame.epoch });
    }
    frame.history.forEach(message);
    state.members = new Map(frame.members.map((m) => [m.nick, m]));
    renderMembers();
    setJoined(true);
    setStatus("online", "Connected as " + frame.nick + " in " + frame.room);
    ui.text.focus();
  }

  function message(frame) {
    const direct = frame.path === "direct";
    const position = direct ? null : state.positions.get(frame.room);
    if (position && frame.seq <= position.seq) {
      return; // already shown
    }
    if (position) {
      position.seq = frame.seq;
    }
    const item = document.createElement("li");
    item.className = "message" + (frame.nick === state.me ? " mine" : "") + (direct ? " direct" : "");
    item.dataset.path = direct ? "direct" : "relay";
    const meta = document.createElement("div");
    meta.className = "meta";
    const who = document.createElement("span");
    who.className = "who";
    who.textContent = frame.nick;
    meta.append(who);
    if (frame.user) {
      meta.append(badge());
    }
    const time = document.createElement("time");
    time.dateTime = frame.ts;
    time.textContent = new Date(frame.ts).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
    time.title = direct ? frame.ts : frame.ts + " · #" + frame.seq;
    meta.append(time);
    const path = document.createElement("span");
    path.className = "path";
    path.textContent = direct ? "direct" + (frame.to ? " to " + frame.to : "") + " · " + frame.pair : "relay";
    path.title = direct ? "Went peer to peer; the server never saw it" : "Went through the server (relay)";
    meta.append(path);
    const text = document.createElement("div");
    text.className = "text";
    text.textContent = frame.text;
    item.append(meta, text);
    append(item);
  }

  function presence(frame) {
    frame.members.forEach((m) => {
      if (frame.event === "join") {
        state.members.set(m.nick, m);
      } else {
        state.members.delete(m.nick);
        direct.left(m.nick);
      }
    });
    renderMembers();
    const item = document.createElement("li");
    item.className = "event";
    item.textContent = frame.nick + (frame.event === "join" ? " joined" : " left");
    append(item);
  }

  function error(frame) {
    if (frame.code === "no-such-member") {
      return; // a goodbye signal to a member who already left: nothing to tell
    }
    if (!state.joined) {
      if (frame.code === "nick-taken" && state.attempt > 0) {
        // after a drop the relay may still hold our old connection until its heartbeat notices
        state.socket?.close(1000, "retry");
        return;
      }
      stop(frame.text);
      return;
    }
    showNotice(frame.text);
  }

  function append(item) {
    const list = ui.messages;
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    list.append(item);
    if (atBottom) {
      list.scrollTop = list.scrollHeight;
    }
  }

  function badge() {
    const mark = document.createElement("span");
    mark.className = "badge";
    mark.textContent = "account";
    mark.title = "Signed in: this name belongs to a verified account";
    return mark;
  }

  function renderMembers() {
    const items = [...state.members.values()].map((m) => {
      const item = document.createElement("li");
      if (m.nick === state.me) {
        item.className = "me";
      }
      const nick = document.createElement("span");
      nick.className = "nick";
      nick.textContent = m.nick;
      const address = document.createElement("span");
      address.className = "address";
      address.textContent = m.address;
      item.append(nick);
      item.append(m.user ? badge() : document.createElement("span"));
      item.append(address);
      if (m.nick !== state.me) {
        const go = document.createElement("button");
        go.type = "button";
        go.className = "secondary direct-button";
        go.dataset.nick = m.nick;
        go.textContent = "Direct";
        go.title = "Open a peer-to-peer path to " + m.nick + "; the relay only introduces you";
        go.disabled = !state.joined;
        go.addEventListener("click", () => direct.start(m.nick));
        item.append(go);
      }
      return item;
    });
    ui.members.replaceChildren(...items);
    ui.memberCount.textContent = String(items.length);
  }

  ui.join.addEventListener("submit", (event) => {
    event.preventDefault();
    const user = ui.signin.open ? ui.user.value.trim() : "";
    const nick = ui.nick.value.trim();
    if (!user && !nick) {
      ui.joinError.textContent = "Choose a nickname, or sign in.";
      ui.nick.focus();
      return;
    }
    direct.reset();
    stop();
    showNotice("");
    ui.messages.replaceChildren();
    state.members.clear();
    renderMembers();
    state.attempt = 0;
    state.positions.delete(ui.room.value.trim()); // a fresh join shows the room's history, not a recovery
    state.wanted = { room: ui.room.value.trim(), nick: nick || user, user, password: ui.password.value };
    ui.leaveButton.disabled = false;
    connect();
  });

  ui.leaveButton.addEventListener("click", () => {
    direct.reset(); // first, while the relay can still carry the goodbye
    stop();
    state.members.clear();
    renderMembers();
    ui.room.focus();
  });

  ui.composer.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = ui.text.value;
    if (!text.trim()) {
      return;
    }
    if (direct.isOpen()) {
      direct.sendChat(text);
    } else if (state.socket && state.joined) {
      state.socket.send(JSON.stringify({ type: "send", text }));
    } else {
      return;
    }
    ui.text.value = "";
  });

  function signalled(frame, size) {
    if (frame.from && frame.data && typeof frame.data === "object") {
      direct.signalled(String(frame.from), frame.data, size);
    }
  }

  function sendSignal(to, data) {
    const frame = JSON.stringify({ type: "signal", to, data });
    if (state.socket && state.joined) {
      state.socket.send(frame);
    }
    return new TextEncoder().encode(frame).length;
  }

  const direct = window.StatelabDirect.create({
    signal: sendSignal,
    message,
    me: () => state.me || "",
    changed() {
      // the direct path keeps the composer usable while the relay reconnects
      const open = direct.isOpen();
      ui.text.disabled = !(state.joined || open);
      ui.sendButton.disabled = ui.text.disabled;
      ui.text.placeholder = open ? "Write to " + direct.peer() + " directly" : "Write a message";
    },
  });

  ui.sendFile.addEventListener("click", () => {
    const file = ui.file.files[0];
    if (file && direct.isOpen()) {
      direct.sendFile(file);
    }
  });

  for (const [button, kind] of [[ui.burstReliable, "reliable"], [ui.burstUnreliable, "unreliable"]]) {
    button.addEventListener("click", async () => {
      button.disabled = true;
      try {
        await direct.burst(kind, Math.min(10000, Math.max(1, Number(ui.burstCount.value) || 100)));
      } finally {
        button.disabled = false;
      }
    });
  }

  ui.nick.value = sessionStorage.getItem("statelab.nick") || "";
  ui.nick.addEventListener("change", () => sessionStorage.setItem("statelab.nick", ui.nick.value));
})();
