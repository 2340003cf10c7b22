// Telefone: live pages and the inspector's buttons. Every button sends the WebDriver requests the server
// rendered into its data-action (simulator/webdriver/telefone_recorder.py) to this server's own routes, as a
// client does; the inspector records what it did and asks the server for it as Gherkin and Python.
(function () {
  "use strict";
  var ELEMENT = "element-6066-11e4-a52e-4f735466cecf"; // https://www.w3.org/TR/webdriver2/#dfn-web-element-identifier
  var body = document.body;
  var prefix = body.getAttribute("data-prefix") || "/telefone";
  var session = body.getAttribute("data-session");
  var platform = body.getAttribute("data-platform");
  var status = document.getElementById("live-status");
  var flash = document.getElementById("flash");
  var recordingKey = "kundenapp-aufzeichnung:" + session;
  var typedKey = "kundenapp-text:" + session;
  var busy = false;

  function show(message) {
    if (flash) flash.textContent = message;
  }

  // -- live: reload when a screen changes or a session starts or ends; count the newCommandTimeout down --
  var shown = {};
  document.querySelectorAll("[data-session][data-version]").forEach(function (el) {
    shown[el.getAttribute("data-session")] = el.getAttribute("data-version");
  });
  function changed(now) {
    if (session) return now[session] !== shown[session];
    var a = Object.keys(now), b = Object.keys(shown);
    return a.length !== b.length || a.some(function (id) { return shown[id] !== now[id]; });
  }
  function reload() {
    var field = document.getElementById("text-input");
    if (field && session) sessionStorage.setItem(typedKey, field.value);
    window.location.reload();
  }
  function poll() {
    fetch(prefix + "/state.json", { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (!busy && changed(data.phones)) { reload(); return; }
        document.querySelectorAll("[data-countdown]").forEach(function (el) {
          var left = (data.ends_in || {})[el.getAttribute("data-countdown")];
          if (typeof left === "number") el.textContent = String(left);
        });
        if (status) status.textContent = "live";
        window.setTimeout(poll, 700);
      })
      .catch(function () {
        if (status) status.textContent = "Verbindung unterbrochen – neuer Versuch …";
        window.setTimeout(poll, 2000);
      });
  }
  window.setTimeout(poll, 700);

  // -- WebDriver requests, as a client sends them --
  function call(request) {
    var init = { method: request.method, headers: {} };
    if (request.body !== null && request.body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(request.body);
    }
    return fetch(request.path, init).then(function (r) {
      return r.json().then(function (answer) {
        if (!r.ok) throw new Error((answer.value && answer.value.message) || "HTTP " + r.status);
        return answer.value;
      });
    });
  }
  function filled(request, elementId, typed) {
    var path = request.path.replace("{elementId}", encodeURIComponent(elementId || ""));
    var requestBody = request.body;
    if (requestBody && requestBody.text === "{text}") requestBody = Object.assign({}, requestBody, { text: typed });
    return { method: request.method, path: path, body: requestBody };
  }
  async function perform(action, typed) {
    var sent = [];
    var elementId = null;
    for (var i = 0; i < action.requests.length; i++) {
      var request = filled(action.requests[i], elementId, typed);
      var value = await call(request);
      sent.push(request);
      if (/\/element$/.test(request.path)) elementId = value[ELEMENT];
    }
    var state = await fetch(prefix + "/state.json", { cache: "no-store" }).then(function (r) { return r.json(); });
    return { name: action.name, element: action.element, requests: sent, screen: (state.screens || {})[session] || "" };
  }
  function run(action, typed) {
    if (busy) return;
    busy = true;
    document.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
    perform(action, typed)
      .then(function (done) {
        var list = recorded();
        list.push(done);
        sessionStorage.setItem(recordingKey, JSON.stringify(list));
        var field = document.getElementById("text-input");
        if (typed !== undefined && field) field.value = ""; // typed: not offered again after the reload
        reload();
      })
      .catch(function (error) {
        busy = false;
        document.querySelectorAll("button").forEach(function (b) { b.disabled = false; });
        show("Fehler: " + error.message);
      });
  }
  document.querySelectorAll("button[data-action]").forEach(function (button) {
    button.addEventListener("click", function () { run(JSON.parse(button.getAttribute("data-action"))); });
  });
  var typeForm = document.getElementById("type-form");
  if (typeForm) {
    var field = document.getElementById("text-input");
    field.value = sessionStorage.getItem(typedKey) || "";
    typeForm.addEventListener("submit", function (event) {
      event.preventDefault();
      run(JSON.parse(typeForm.getAttribute("data-action")), field.value);
    });
  }

  // -- "Sitzung beenden": Delete Session, as a client's quit() --
  document.querySelectorAll("[data-end-session]").forEach(function (button) {
    button.addEventListener("click", function () {
      button.disabled = true;
      call({ method: "DELETE", path: "/session/" + encodeURIComponent(button.getAttribute("data-end-session")) })
        .then(function () { window.location.href = prefix + "/"; })
        .catch(function (error) { button.disabled = false; show("Fehler: " + error.message); });
    });
  });

  // -- copy buttons: the text of the element they name --
  function copied(button, text) {
    body.setAttribute("data-copied", text);
    var label = button.textContent;
    button.textContent = "Kopiert ✓";
    window.setTimeout(function () { button.textContent = label; }, 1200);
  }
  function copyByHand(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    body.appendChild(area);
    area.select();
    document.execCommand("copy");
    body.removeChild(area);
  }
  document.querySelectorAll("[data-copy-from]").forEach(function (button) {
    button.addEventListener("click", function () {
      var text = document.getElementById(button.getAttribute("data-copy-from")).textContent;
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(
          function () { copied(button, text); },
          function () { copyByHand(text); copied(button, text); }
        );
      } else {
        copyByHand(text);
        copied(button, text);
      }
    });
  });

  // -- the recorder: what this page did to this session, as Gherkin and Python from the server --
  function recorded() {
    try { return JSON.parse(sessionStorage.getItem(recordingKey) || "[]"); } catch (e) { return []; }
  }
  function showRecording() {
    var list = document.getElementById("recording-list");
    if (!list) return;
    var actions = recorded();
    list.textContent = "";
    actions.forEach(function (action) {
      var item = document.createElement("li");
      var element = action.element ? " " + (action.element.id || action.element.value) : "";
      item.textContent = action.name + element + (action.screen ? " → " + action.screen : "");
      list.appendChild(item);
    });
    var gherkin = document.getElementById("recording-gherkin");
    var python = document.getElementById("recording-python");
    if (!actions.length) { gherkin.textContent = ""; python.textContent = ""; return; }
    fetch(prefix + "/aufzeichnung", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ platform: platform, actions: actions }),
    })
      .then(function (r) { return r.json(); })
      .then(function (answer) {
        if (answer.error) { show(answer.error); return; }
        gherkin.textContent = answer.gherkin;
        python.textContent = answer.python;
        body.setAttribute("data-recording", String(actions.length));
      });
  }
  var clear = document.getElementById("recording-clear");
  if (clear) clear.addEventListener("click", function () {
    sessionStorage.removeItem(recordingKey);
    showRecording();
  });
  if (session) showRecording();

  // -- the selected row of the tree in view (the tree scrolls, the page does not) --
  var tree = document.getElementById("tree");
  var current = tree && tree.querySelector('[aria-current="true"]');
  if (current) tree.scrollTop = current.offsetTop - tree.offsetTop - tree.clientHeight / 2;
})();
