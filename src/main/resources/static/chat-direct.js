// The chat page's direct path: the relay only introduces two members (WebRTC offer, answer and ICE
// candidates travel as `signal` frames); messages, bursts and files then go between the two browsers
// over data channels. No STUN or TURN server: only host candidates, so it works on one network.
// Page options (query string): directTimeout=<ms> (default 8000) before falling back to the relay;
// ice=none drops every ICE candidate, so no direct path can come up (shows the fallback).
window.StatelabDirect = (() => {
  "use strict";

  const params = new URLSearchParams(location.search);
  const TIMEOUT = Math.max(1000, Number(params.get("directTimeout")) || 8000);
  const STRIP = params.get("ice") === "none";
  const CHUNK = 16 * 1024;
  // back-pressure: stop queueing above HIGH, go on when the channel drains below LOW
  const HIGH = 1024 * 1024;
  const LOW = 256 * 1024;
  const BURST_GAP = 5; // ms between burst messages
  const BURST_WAIT = 2000; // ms to wait for late echoes after the last one

  const encoder = new TextEncoder();
  const bytes = (text) => encoder.encode(text).length;
  const number = (n) => n.toLocaleString("en-US");

  function hex(buffer) {
    return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");
  }

  async function sha256(blob) {
    return hex(await crypto.subtle.digest("SHA-256", await blob.arrayBuffer()));
  }

  function create(hooks) {
    // hooks: signal(to, data) sends a frame through the relay and returns its size in bytes;
    // message(fields) shows a chat message; changed() tells the page the link's state changed
    const link = { peer: null, pc: null, state: "idle", pair: "", timer: null, channels: null, signalBytes: 0,
      pending: [], incoming: null, bursts: new Map() };
    const view = {
      status: document.getElementById("direct-status"),
      bytes: document.getElementById("direct-bytes"),
      close: document.getElementById("direct-close"),
      tools: document.getElementById("direct-tools"),
      transfers: document.getElementById("transfers"),
      bursts: document.getElementById("burst-results"),
    };

    function show(state, text) {
      link.state = state;
      view.status.dataset.state = state;
      view.status.textContent = text;
      view.close.hidden = !(state === "connecting" || state === "open");
      view.tools.hidden = state !== "open";
      view.bytes.textContent = link.peer || link.signalBytes
        ? "Signaling relayed by the server for this link: " + number(link.signalBytes) + " bytes"
        : "";
      hooks.changed();
    }

    function countSignal(size) {
      link.signalBytes += size;
      view.bytes.textContent = "Signaling relayed by the server for this link: " + number(link.signalBytes) + " bytes";
    }

    function send(data) {
      countSignal(hooks.signal(link.peer, data));
    }

    function stripSdp(description) {
      if (!STRIP) {
        return description;
      }
      const sdp = description.sdp.split("\r\n").filter((line) => !line.startsWith("a=candidate")).join("\r\n");
      return { type: description.type, sdp };
    }

    function open(peer) {
      if (link.pc && link.peer !== peer) {
        send({ kind: "bye" });
      }
      closeQuietly();
      link.peer = peer;
      link.signalBytes = 0;
      link.pair = "";
      const pc = new RTCPeerConnection({ iceServers: [] });
      link.pc = pc;
      // negotiated channels with fixed ids: both sides create the same three, no announcement needed
      link.channels = {
        reliable: pc.createDataChannel("reliable", { negotiated: true, id: 0, ordered: true }),
        unreliable: pc.createDataChannel("unreliable", { negotiated: true, id: 1, ordered: false, maxRetransmits: 0 }),
        files: pc.createDataChannel("files", { negotiated: true, id: 2, ordered: true }),
      };
      link.channels.files.binaryType = "arraybuffer";
      link.channels.files.bufferedAmountLowThreshold = LOW;
      Object.values(link.channels).forEach((channel) => {
        channel.addEventListener("open", () => opened(pc));
        channel.addEventListener("close", () => lost(pc, "the data channel closed"));
        channel.addEventListener("message", (event) => received(channel, event.data));
      });
      pc.addEventListener("icecandidate", (event) => {
        if (event.candidate && !STRIP && link.pc === pc) {
          send({ kind: "candidate", candidate: event.candidate.toJSON() });
        }
      });
      pc.addEventListener("iceconnectionstatechange", () => {
        if (pc.iceConnectionState === "failed") {
          fallBack(pc, "ICE found no working pair of addresses");
        } else if (pc.iceConnectionState === "disconnected" && link.state === "open") {
          lost(pc, "the peer stopped answering");
        }
      });
      link.timer = setTimeout(() => fallBack(pc, "no direct path within " + TIMEOUT / 1000 + " s"), TIMEOUT);
      show("connecting", "Opening a direct path to " + peer + "…");
      return pc;
    }

    async function start(peer) {
      const pc = open(peer);
      const offer = await pc.createOffer();
      await pc.setLocalDescription(offer);
      send({ kind: "offer", sdp: stripSdp(pc.localDescription).sdp });
    }

    async function signalled(from, data, size) {
      if (data.kind === "offer") {
        if (link.state === "connecting" && link.peer === from && hooks.me() < from) {
          return; // both asked at once: the smaller nick's offer wins, the other side answers it
        }
        if (link.pc && link.peer !== from) {
          hooks.signal(from, { kind: "bye" }); // one direct path at a time: a third member cannot take it over
          return;
        }
        const pc = open(from);
        countSignal(size);
        await pc.setRemoteDescription(stripSdp({ type: "offer", sdp: String(data.sdp) }));
        const answer = await pc.createAnswer();
        await pc.setLocalDescription(answer);
        send({ kind: "answer", sdp: stripSdp(pc.localDescription).sdp });
        await flushCandidates(pc);
        return;
      }
      if (from !== link.peer || !link.pc) {
        return;
      }
      countSignal(size);
      const pc = link.pc;
      if (data.kind === "answer") {
        await pc.setRemoteDescription(stripSdp({ type: "answer", sdp: String(data.sdp) }));
        await flushCandidates(pc);
      } else if (data.kind === "candidate" && !STRIP) {
        link.pending.push(data.candidate);
        if (pc.remoteDescription) {
          await flushCandidates(pc);
        }
      } else if (data.kind === "bye") {
        const was = link.state;
        closeQuietly();
        show(was === "open" ? "idle" : "fallback", was === "open"
          ? from + " closed the direct path: messages go through the relay."
          : "No direct path to " + from + " (" + from + " declined or gave up): messages go through the relay.");
      }
    }

    async function flushCandidates(pc) {
      const waiting = link.pending.splice(0);
      for (const candidate of waiting) {
        try {
          await pc.addIceCandidate(candidate);
        } catch {
          // a candidate the browser cannot use is skipped, as ICE would
        }
      }
    }

    async function opened(pc) {
      if (link.pc !== pc || link.state === "open" || !Object.values(link.channels).every((c) => c.readyState === "open")) {
        return;
      }
      clearTimeout(link.timer);
      link.pair = await selectedPair(pc);
      show("open", "Direct to " + link.peer + ": " + link.pair);
      // ICE may switch pairs later (a better one, or the peer's candidate arriving after its checks)
      link.timer = setInterval(async () => {
        if (link.pc !== pc || link.state !== "open") {
          return;
        }
        const pair = await selectedPair(pc);
        if (pair !== link.pair && link.pc === pc) {
          link.pair = pair;
          view.status.textContent = "Direct to " + link.peer + ": " + pair;
        }
      }, 2000);
    }

    async function selectedPair(pc) {
      const stats = await pc.getStats();
      let pair = null;
      stats.forEach((s) => {
        if (s.type === "transport" && s.selectedCandidatePairId) {
          pair = stats.get(s.selectedCandidatePairId);
        }
      });
      if (!pair) {
        stats.forEach((s) => {
          if (s.type === "candidate-pair" && s.state === "succeeded" && (s.nominated || !pair)) {
            pair = s;
          }
        });
      }
      if (!pair) {
        return "path unknown";
      }
      const local = stats.get(pair.localCandidateId);
      const remote = stats.get(pair.remoteCandidateId);
      // the browser hides an address it learnt only from the peer's checks (peer-reflexive)
      const end = (c) => (c.address || c.ip || "(" + c.candidateType + ", address hidden)") + ":" + c.port;
      return end(local) + " ↔ " + end(remote) + " over " + String(local.protocol).toUpperCase();
    }

    function fallBack(pc, why) {
      if (link.pc !== pc || link.state === "open") {
        return;
      }
      const peer = link.peer;
      send({ kind: "bye" }); // the peer stops waiting too
      closeQuietly();
      link.peer = peer;
      show("fallback", "No direct path to " + peer + " (" + why + "): messages go through the relay.");
    }

    function lost(pc, why) {
      if (link.pc !== pc || link.state !== "open") {
        return;
      }
      const peer = link.peer;
      closeQuietly();
      link.peer = peer;
      show("fallback", "Direct path to " + peer + " lost (" + why + "): messages go through the relay.");
    }

    function closeQuietly() {
      clearTimeout(link.timer);
      clearInterval(link.timer);
      const pc = link.pc;
      link.pc = null;
      link.channels = null;
      link.pending = [];
      link.incoming = null;
      if (pc) {
        pc.close();
      }
    }

    function close() {
      if (link.pc && link.peer) {
        send({ kind: "bye" });
      }
      closeQuietly();
      link.peer = null;
    }

    function received(channel, data) {
      if (channel === link.channels?.files) {
        return receivedFile(data);
      }
      let m;
      try {
        m = JSON.parse(data);
      } catch {
        return undefined;
      }
      if (m.t === "chat") {
        return hooks.message({ nick: link.peer, text: String(m.text), ts: m.ts, path: "direct", pair: link.pair });
      }
      if (m.t === "ping") {
        return channel.send(JSON.stringify({ t: "pong", run: m.run, i: m.i }));
      }
      if (m.t === "pong") {
        return link.bursts.get(m.run)?.echo(m.i);
      }
      return undefined;
    }

    function sendChat(text) {
      const ts = new Date().toISOString();
      link.channels.reliable.send(JSON.stringify({ t: "chat", text, ts }));
      hooks.message({ nick: hooks.me(), text, ts, path: "direct", pair: link.pair, to: link.peer });
    }

    // numbered burst: n pings, each echoed by the peer on the same channel
    function burst(kind, n) {
      const channel = link.channels[kind];
      const run = kind + "-" + Date.now();
      const sent = new Map();
      const rtts = [];
      let highest = -1;
      let outOfOrder = 0;
      let duplicates = 0;
      const started = performance.now();
      return new Promise((resolve) => {
        let last = started;
        link.bursts.set(run, {
          echo(i) {
            const at = sent.get(i);
            if (at === undefined) {
              duplicates += 1;
              return;
            }
            sent.delete(i);
            last = performance.now();
            rtts.push(last - at);
            if (i < highest) {
              outOfOrder += 1;
            }
            highest = Math.max(highest, i);
            if (rtts.length === n) {
              finish();
            }
          },
        });
        let timer = null;
        function finish() {
          clearTimeout(timer);
          link.bursts.delete(run);
          const sorted = [...rtts].sort((a, b) => a - b);
          const pick = (q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN);
          const result = { channel: kind, sent: n, delivered: rtts.length, lost: n - rtts.length, outOfOrder, duplicates,
            medianMs: round(pick(0.5)), p95Ms: round(pick(0.95)), totalMs: round(last - started) };
          showBurst(result);
          resolve(result);
        }
        let i = 0;
        (function next() {
          if (!link.channels || channel.readyState !== "open") {
            finish();
            return;
          }
          sent.set(i, performance.now());
          channel.send(JSON.stringify({ t: "ping", run, i }));
          i += 1;
          if (i < n) {
            setTimeout(next, BURST_GAP);
          } else {
            timer = setTimeout(finish, BURST_WAIT);
          }
        })();
      });
    }

    function round(ms) {
      return Math.round(ms * 100) / 100;
    }

    function showBurst(r) {
      const item = document.createElement("li");
      item.dataset.result = JSON.stringify(r);
      const name = r.channel === "reliable" ? "reliable, ordered" : "unreliable, unordered (maxRetransmits 0)";
      item.textContent = name + ": " + r.delivered + "/" + r.sent + " back, " + r.lost + " lost, " + r.outOfOrder
        + " out of order · RTT median " + r.medianMs + " ms, p95 " + r.p95Ms + " ms · " + r.totalMs + " ms in all";
      view.bursts.prepend(item);
    }

    function transferLine(id, text) {
      let item = view.transfers.querySelector('[data-id="' + CSS.escape(id) + '"]');
      if (!item) {
        item = document.createElement("li");
        item.dataset.id = id;
        view.transfers.prepend(item);
      }
      item.textContent = text;
      return item;
    }

    async function sendFile(file) {
      const channel = link.channels.files;
      const id = "out-" + Date.now();
      const started = performance.now();
      const hash = await sha256(file);
      const signalling = link.signalBytes;
      channel.send(JSON.stringify({ t: "file", id, name: file.name, size: file.size, sha256: hash }));
      let offset = 0;
      while (offset < file.size) {
        if (channel.bufferedAmount > HIGH) {
          await new Promise((resolve) => channel.addEventListener("bufferedamountlow", resolve, { once: true }));
          if (!link.channels || link.channels.files !== channel) {
            transferLine(id, file.name + ": the direct path closed after " + number(offset) + " bytes; nothing more was sent.");
            return;
          }
        }
        const end = Math.min(file.size, offset + CHUNK);
        channel.send(await file.slice(offset, end).arrayBuffer());
        offset = end;
        if (offset % (256 * 1024) < CHUNK) {
          transferLine(id, file.name + ": sent " + number(offset) + " of " + number(file.size) + " bytes…");
        }
      }
      channel.send(JSON.stringify({ t: "end", id }));
      const item = transferLine(id, file.name + ": " + number(file.size) + " bytes sent directly, waiting for "
        + link.peer + " to check the SHA-256…");
      item.dataset.started = String(started);
      item.dataset.signalling = String(signalling);
    }

    async function receivedFile(data) {
      const channel = link.channels.files;
      if (typeof data !== "string") {
        const incoming = link.incoming;
        if (incoming) {
          incoming.received += data.byteLength;
          if (incoming.received > incoming.size) {
            // more than announced: keep nothing of it rather than grow without bound
            link.incoming = null;
            transferLine("in-" + incoming.id, incoming.name + ": refused, " + link.peer + " sent more than the "
              + number(incoming.size) + " bytes announced").classList.add("bad");
            return;
          }
          incoming.parts.push(data);
        }
        return;
      }
      let m;
      try {
        m = JSON.parse(data);
      } catch {
        return;
      }
      if (m.t === "file") {
        link.incoming = { id: String(m.id), name: String(m.name), size: Math.max(0, Number(m.size) || 0), sha256: String(m.sha256), parts: [], received: 0 };
        transferLine("in-" + link.incoming.id, link.incoming.name + ": receiving " + number(link.incoming.size) + " bytes from " + link.peer + "…");
      } else if (m.t === "end" && link.incoming) {
        const incoming = link.incoming;
        link.incoming = null;
        const blob = new Blob(incoming.parts);
        const hash = await sha256(blob);
        const ok = hash === incoming.sha256 && blob.size === incoming.size;
        channel.send(JSON.stringify({ t: "ack", id: incoming.id, ok, size: blob.size }));
        const item = transferLine("in-" + incoming.id, incoming.name + ": " + number(blob.size) + " bytes received directly · SHA-256 "
          + hash + (ok ? " matches" : " does NOT match " + incoming.sha256) + " · server relayed "
          + number(link.signalBytes) + " bytes of signaling for this link");
        item.dataset.sha256 = hash;
        item.dataset.ok = String(ok);
        item.dataset.size = String(blob.size);
        item.classList.toggle("bad", !ok);
        const save = document.createElement("a");
        save.href = URL.createObjectURL(blob);
        save.download = incoming.name;
        save.textContent = "save";
        item.append(" ", save);
      } else if (m.t === "ack") {
        const item = view.transfers.querySelector('[data-id="' + CSS.escape(String(m.id)) + '"]');
        if (item) {
          const ms = Math.round(performance.now() - Number(item.dataset.started));
          item.dataset.ms = String(ms);
          item.dataset.ok = String(m.ok === true);
          item.textContent = item.textContent.split(":")[0] + ": " + number(Number(m.size)) + " bytes in " + ms + " ms, "
            + (m.ok === true ? "SHA-256 checked by " + link.peer : "SHA-256 MISMATCH at " + link.peer)
            + " · server relayed " + number(link.signalBytes) + " bytes of signaling for this link";
        }
      }
    }

    view.close.addEventListener("click", () => {
      const peer = link.peer;
      close();
      show("idle", "Closed the direct path to " + peer + ": messages go through the relay.");
    });

    return {
      start: (peer) => start(peer).catch((e) => show("fallback", "Could not open a direct path: " + e.message)),
      signalled: (from, data, size) => signalled(from, data, size).catch(() => fallBack(link.pc, "the peer's description was unusable")),
      isOpen: () => link.state === "open",
      peer: () => link.peer,
      state: () => link.state,
      sendChat,
      sendFile: (file) => sendFile(file).catch((e) => transferLine("out-error", "Could not send " + file.name + ": " + e.message)),
      burst,
      left(nick) {
        // an open path outlives the peer's relay connection (the data channel says when the peer is gone);
        // one still being opened cannot finish without the relay
        if (nick === link.peer && link.state === "connecting") {
          fallBack(link.pc, nick + " left the room");
        }
      },
      reset() {
        close();
        link.peer = null;
        link.signalBytes = 0;
        show("idle", "No direct path. Pick a member to talk to directly.");
      },
    };
  }

  return { create };
})();
