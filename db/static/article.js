// Annotated article page: tooltips on hover/focus/click, Enter follows a tag's link,
// and the layer toggles. The tooltips themselves are rendered (escaped) by the server.
(function () {
  "use strict";
  const article = document.getElementById("sc-article");
  const tips = document.getElementById("sc-tips");
  if (!article || !tips) return;
  let shown = null;
  let pinned = false;
  let hideTimer = null;

  function layerHidden(tag) {
    return Array.from(tag.classList).some((name) => article.classList.contains("hide-" + name));
  }

  // The innermost tag under an element whose layer is shown.
  function tagOf(element) {
    let node = element && element.closest ? element.closest(".tag") : null;
    while (node && article.contains(node)) {
      if (!layerHidden(node)) return node;
      node = node.parentElement ? node.parentElement.closest(".tag") : null;
    }
    return null;
  }

  function mark(tag) {
    article.querySelectorAll(".tag.active").forEach((el) => el.classList.remove("active"));
    if (!tag) return;
    const key = tag.getAttribute("data-tag");
    article.querySelectorAll(".tag").forEach((el) => {
      if (el.getAttribute("data-tag") === key) el.classList.add("active");
    });
  }

  function show(tag, pin) {
    const tip = document.getElementById(tag.getAttribute("aria-describedby"));
    if (!tip) return;
    clearTimeout(hideTimer);
    if (shown && shown !== tip) shown.hidden = true;
    tip.hidden = false;
    const rect = tag.getBoundingClientRect();
    const width = document.documentElement.clientWidth;
    const left = Math.min(rect.left, width - tip.offsetWidth - 8);
    tip.style.left = window.scrollX + Math.max(4, left) + "px";
    tip.style.top = window.scrollY + rect.bottom + 6 + "px";
    shown = tip;
    pinned = Boolean(pin);
    tip.classList.toggle("pinned", pinned);
    mark(tag);
  }

  function hide(force) {
    if (!shown || (pinned && !force)) return;
    shown.hidden = true;
    shown.classList.remove("pinned");
    shown = null;
    pinned = false;
    mark(null);
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    if (!pinned) hideTimer = setTimeout(() => hide(false), 300);
  }

  article.addEventListener("mouseover", (event) => {
    const tag = tagOf(event.target);
    if (tag && !pinned) show(tag, false);
  });
  article.addEventListener("mouseout", hideSoon);
  article.addEventListener("focusin", (event) => {
    const tag = tagOf(event.target);
    if (tag) show(tag, false);
  });
  article.addEventListener("focusout", hideSoon);
  article.addEventListener("click", (event) => {
    const tag = tagOf(event.target);
    if (tag) show(tag, true);
  });
  article.addEventListener("keydown", (event) => {
    const tag = tagOf(event.target);
    if (tag && event.key === "Enter" && tag.dataset.href) {
      window.location.assign(tag.dataset.href);
    }
  });
  tips.addEventListener("mouseover", () => clearTimeout(hideTimer));
  tips.addEventListener("mouseout", hideSoon);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") hide(true);
  });
  document.addEventListener("click", (event) => {
    if (pinned && !tips.contains(event.target) && !tagOf(event.target)) hide(true);
  });

  document.querySelectorAll(".sc-toggle").forEach((box) => {
    box.disabled = false;
    box.addEventListener("change", () => {
      const layer = box.getAttribute("data-layer");
      article.classList.toggle("hide-" + layer, !box.checked);
      article.querySelectorAll(".tag." + layer).forEach((tag) => {
        if (!tag.classList.contains("tag-cont")) tag.tabIndex = box.checked ? 0 : -1;
      });
      hide(true);
    });
  });
})();
