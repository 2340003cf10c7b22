// Telefone: reload the page when a phone's screen changes or a session starts or ends (short polling);
// between reloads, show each session's seconds left until its newCommandTimeout.
(function () {
  "use strict";
  var shown = {};
  document.querySelectorAll("[data-session]").forEach(function (el) {
    shown[el.getAttribute("data-session")] = el.getAttribute("data-version");
  });
  var status = document.getElementById("live-status");
  function same(now) {
    var a = Object.keys(now), b = Object.keys(shown);
    if (a.length !== b.length) return false;
    return a.every(function (id) { return shown[id] === now[id]; });
  }
  function poll() {
    fetch("state.json", { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (!same(data.phones)) { window.location.reload(); return; }
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
  // "Sitzung beenden": the client's own command, Delete Session on this server, then the page without it.
  document.querySelectorAll("[data-end-session]").forEach(function (button) {
    button.addEventListener("click", function () {
      button.disabled = true;
      fetch("../session/" + encodeURIComponent(button.getAttribute("data-end-session")), { method: "DELETE" })
        .then(function () { window.location.reload(); });
    });
  });
})();
