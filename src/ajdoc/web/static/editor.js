// ajdoc web editor: the small script over the server-rendered pages. Everything works without
// it (the forms post and the server answers with the whole page); with it, htmx refreshes the
// preview as you type, messages are placed at the fields they concern, and annexes can be
// reordered by dragging.
(function () {
  "use strict";

  function csrf() { return document.body.dataset.csrf || ""; }

  document.addEventListener("htmx:configRequest", function (e) {
    e.detail.headers["X-CSRF-Token"] = csrf();
  });

  // -- messages at their fields -------------------------------------------------------------
  function trim(key) {
    // "duties[2].results[1]" -> "duties[2].results" -> "duties[2]" -> "duties" -> ""
    var m = key.match(/^(.*)(\[\d+\]|\.[^.\[\]]+)$/);
    return m ? m[1] : "";
  }

  function fieldFor(form, key, line) {
    for (var k = key; k; k = trim(k)) {
      var el = form.querySelector('[data-key="' + CSS.escape(k) + '"]');
      if (el) return el;
    }
    if (line) {
      var byLine = form.querySelector('[data-line="' + line + '"]');
      if (byLine) return byLine;
    }
    return null;
  }

  function placeMessages(root) {
    var list = (root || document).querySelector("#messages");
    var form = document.querySelector("form[data-editor]");
    if (!list || !form) return;
    form.querySelectorAll(".field-msg").forEach(function (el) { el.remove(); });
    list.querySelectorAll("li[data-key], li[data-line]").forEach(function (li) {
      var field = fieldFor(form, li.dataset.key || "", li.dataset.line || "");
      if (!field) { li.classList.remove("placed"); return; }
      var p = document.createElement("p");
      p.className = "field-msg " + (li.dataset.level || "warn");
      p.textContent = li.textContent;
      p.setAttribute("role", "alert");
      if (field.matches("input, textarea, select")) field.insertAdjacentElement("afterend", p);
      else field.appendChild(p);
      li.classList.add("placed");
    });
  }

  // -- the item edits: show the inputs of the chosen action ------------------------------------
  function showOps(root) {
    (root || document).querySelectorAll("select[data-op]").forEach(function (sel) {
      var box = sel.closest(".item");
      if (!box) return;
      box.querySelectorAll("[data-when]").forEach(function (el) {
        el.classList.toggle("hidden", el.dataset.when.split(" ").indexOf(sel.value) < 0);
      });
      box.classList.toggle("removed", sel.value === "remove");
    });
  }
  document.addEventListener("change", function (e) {
    if (e.target.matches && e.target.matches("select[data-op]")) showOps(e.target.closest(".item"));
  });

  // -- annexes: drag to reorder ---------------------------------------------------------------
  var dragged = null;
  function renumber(list) {
    list.querySelectorAll("li").forEach(function (li, i) {
      var input = li.querySelector("input[type=hidden]");
      if (input) input.name = "annexes[" + (i + 1) + "]";
      var num = li.querySelector(".num");
      if (num) num.textContent = (i + 1) + ".";
    });
  }
  document.addEventListener("dragstart", function (e) {
    var li = e.target.closest && e.target.closest("ul.annexes li");
    if (!li) return;
    dragged = li;
    li.classList.add("dragging");
    e.dataTransfer.effectAllowed = "move";
    e.dataTransfer.setData("text/plain", "");
  });
  document.addEventListener("dragover", function (e) {
    if (!dragged) return;
    var li = e.target.closest && e.target.closest("ul.annexes li");
    if (!li || li === dragged || li.parentNode !== dragged.parentNode) return;
    e.preventDefault();
    var box = li.getBoundingClientRect();
    var after = e.clientY > box.top + box.height / 2;
    li.parentNode.insertBefore(dragged, after ? li.nextSibling : li);
  });
  document.addEventListener("dragend", function () {
    if (!dragged) return;
    var list = dragged.parentNode;
    dragged.classList.remove("dragging");
    dragged = null;
    renumber(list);
    var form = list.closest("form");
    if (form) form.dispatchEvent(new Event("input", { bubbles: true }));
  });

  // -- the preview follows the form -------------------------------------------------------------
  // Typing asks for a preview (the form's hx-trigger "preview" waits until typing pauses);
  // fields marked data-rerender (preset, group, variant) reload the editor themselves.
  // The pause is timed here, and the form asked for when it ends: after a redraw of the editor
  // that is the new form, with what was typed since.
  var pending = null;
  document.addEventListener("input", function (e) {
    var form = e.target.closest && e.target.closest("form[data-editor]");
    if (!form) return;
    form.classList.add("dirty");
    if (e.target.hasAttribute("data-rerender") || !window.htmx) return;
    clearTimeout(pending);
    pending = setTimeout(function () {
      var current = document.querySelector("form[data-editor]");
      if (current) htmx.trigger(current, "preview");
    }, 250);
  });
  document.documentElement.classList.add("js");

  // A response to a form that is no longer on the page (the editor was redrawn meanwhile) is
  // stale: it must not overwrite what the newer form asked for.
  document.addEventListener("htmx:beforeSwap", function (e) {
    var source = e.detail.requestConfig && e.detail.requestConfig.elt;
    if (source && !document.body.contains(source)) e.detail.shouldSwap = false;
  });

  function ready(root) { placeMessages(root); showOps(root); }
  document.addEventListener("htmx:afterSettle", function (e) { ready(document); });
  document.addEventListener("DOMContentLoaded", function () { ready(document); });
})();
