// digest preview: tabs, frame width and colour scheme, live reload. No dependencies.
"use strict";

(function () {
  const body = document.body;
  const date = body.dataset.date;
  if (!date) return; // the archive page needs no script

  const frame = document.getElementById("frame");
  const device = document.getElementById("device");
  const note = document.getElementById("scheme-note");
  const live = document.getElementById("live");
  const hasDarkStyles = body.dataset.darkStyles === "yes";
  const state = Object.assign({ tab: "email", width: "desktop", scheme: "light" },
    Object.fromEntries(new URLSearchParams(location.hash.slice(1))));

  function saveState() {
    history.replaceState(null, "", "#" + new URLSearchParams(state).toString());
  }

  // Tabs
  function showTab(name) {
    if (!document.getElementById("panel-" + name)) name = "email";
    state.tab = name;
    for (const tab of document.querySelectorAll("[role=tab]")) {
      const selected = tab.dataset.tab === name;
      tab.setAttribute("aria-selected", String(selected));
      document.getElementById(tab.getAttribute("aria-controls")).hidden = !selected;
    }
    saveState();
  }
  for (const tab of document.querySelectorAll("[role=tab]")) {
    tab.addEventListener("click", () => showTab(tab.dataset.tab));
  }

  function press(attribute, value) {
    for (const button of document.querySelectorAll("[" + attribute + "]")) {
      button.setAttribute("aria-pressed", String(button.getAttribute(attribute) === value));
    }
  }

  // Width
  function setWidth(width) {
    state.width = width === "phone" ? "phone" : "desktop";
    device.classList.toggle("phone", state.width === "phone");
    press("data-width", state.width);
    saveState();
    fitHeight();
  }
  for (const button of document.querySelectorAll("[data-width]")) {
    button.addEventListener("click", () => setWidth(button.dataset.width));
  }

  // Colour scheme: "dark" serves the email with its own dark rules in force;
  // "inverted" recolours it as Gmail's and Outlook's apps do. An email without
  // dark rules is shown inverted under "dark" too, which is what most readers see.
  function effectiveScheme() {
    if (state.scheme === "dark" && !hasDarkStyles) return "inverted";
    return state.scheme;
  }
  function setScheme(scheme) {
    state.scheme = ["light", "dark", "inverted"].includes(scheme) ? scheme : "light";
    press("data-scheme", state.scheme);
    device.classList.toggle("dark", state.scheme !== "light");
    if (state.scheme === "dark" && !hasDarkStyles) {
      note.textContent = "This issue has no dark-mode styles of its own (@media (prefers-color-scheme: dark)), " +
        "so it is shown recoloured, as mail apps that darken emails themselves (Gmail, Outlook) would show it.";
      note.hidden = false;
    } else {
      note.hidden = true;
    }
    const src = frame.dataset.src + (effectiveScheme() === "dark" ? "?scheme=dark" : "");
    saveState();
    if (frame.getAttribute("src") !== src) {
      frame.setAttribute("src", src);
    } else if (frame.contentWindow) {
      frame.contentWindow.location.reload();  // "inverted" after "dark" fallback: same page, recoloured again
    }
  }
  for (const button of document.querySelectorAll("[data-scheme]")) {
    button.addEventListener("click", () => setScheme(button.dataset.scheme));
  }

  // Recolouring like a mail app: light backgrounds become dark, dark text light.
  function parseColour(value) {
    const m = /rgba?\(\s*([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:\s*[,/]\s*([\d.]+))?/.exec(value);
    return m ? { r: +m[1] / 255, g: +m[2] / 255, b: +m[3] / 255, a: m[4] === undefined ? 1 : +m[4] } : null;
  }
  function toHsl(c) {
    const max = Math.max(c.r, c.g, c.b), min = Math.min(c.r, c.g, c.b), l = (max + min) / 2;
    if (max === min) return { h: 0, s: 0, l: l };
    const d = max - min, s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
    let h = max === c.r ? (c.g - c.b) / d + (c.g < c.b ? 6 : 0) : max === c.g ? (c.b - c.r) / d + 2 : (c.r - c.g) / d + 4;
    return { h: h * 60, s: s, l: l };
  }
  function css(h, s, l, a) {
    return "hsla(" + h.toFixed(1) + ", " + (s * 100).toFixed(1) + "%, " + (l * 100).toFixed(1) + "%, " + a + ")";
  }
  function invert(doc) {
    const win = doc.defaultView;
    const changes = [];
    for (const el of doc.querySelectorAll("*")) {
      const style = win.getComputedStyle(el);
      const bg = parseColour(style.backgroundColor);
      if (bg && bg.a > 0) {
        const hsl = toHsl(bg);
        if (hsl.l > 0.5) changes.push([el, "background-color", css(hsl.h, hsl.s * 0.6, 0.1 + (1 - hsl.l) * 0.8, bg.a)]);
      }
      const fg = parseColour(style.color);
      if (fg) {
        const hsl = toHsl(fg);
        if (hsl.l < 0.5) changes.push([el, "color", css(hsl.h, hsl.s, Math.min(0.92, 1 - hsl.l), fg.a)]);
      }
    }
    for (const [el, property, value] of changes) el.style.setProperty(property, value, "important");
    for (const el of [doc.documentElement, doc.body]) {
      const bg = el && parseColour(win.getComputedStyle(el).backgroundColor);
      if (el && (!bg || bg.a === 0)) el.style.setProperty("background-color", "#121212", "important");
    }
  }

  function frameDocument() {
    try { return frame.contentDocument; } catch (e) { return null; }
  }
  function fitHeight() {
    const doc = frameDocument();
    if (!doc || !doc.documentElement) return;
    frame.style.height = "200px";
    frame.style.height = Math.max(200, doc.documentElement.scrollHeight) + "px";
  }
  frame.addEventListener("load", () => {
    const doc = frameDocument();
    if (doc && effectiveScheme() === "inverted") invert(doc);
    if (doc) {
      doc.documentElement.dataset.previewScheme = effectiveScheme();
      for (const img of doc.images) img.addEventListener("load", fitHeight);
    }
    fitHeight();
    body.dataset.frameScheme = effectiveScheme();
  });
  window.addEventListener("resize", fitHeight);

  // Live reload: the server fingerprints the built issue; a new build reloads the page.
  const version = body.dataset.version;
  const errorBanner = document.getElementById("build-error");
  const errorText = document.getElementById("build-error-text");
  async function poll() {
    try {
      const response = await fetch("/api/version?date=" + encodeURIComponent(date), { cache: "no-store" });
      const status = await response.json();
      live.classList.remove("gone");
      if (status.version !== version) { location.reload(); return; }
      live.textContent = status.building ? "Rebuilding…" : status.watching ? "Watching" : "";
      live.classList.toggle("busy", Boolean(status.building));
      errorText.textContent = status.error || "";
      errorBanner.hidden = !status.error;
    } catch (e) {
      live.textContent = "Preview server stopped";
      live.classList.add("gone");
    }
    setTimeout(poll, 1000);
  }

  // Story ids: a click copies one, for the edition file.
  for (const button of document.querySelectorAll("button.copy[data-copy]")) {
    button.addEventListener("click", async () => {
      const id = button.dataset.copy;
      try {
        await navigator.clipboard.writeText(id);
      } catch (e) {  // no clipboard access: select the id for Ctrl-C
        const code = button.parentElement.querySelector("code");
        if (code) window.getSelection().selectAllChildren(code);
      }
      button.textContent = "Copied";
      setTimeout(() => { button.textContent = "Copy"; }, 1500);
    });
  }

  showTab(state.tab);
  setWidth(state.width);
  setScheme(state.scheme);
  setTimeout(poll, 1000);
})();
