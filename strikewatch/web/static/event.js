// The event page's review controls: correct a field, mark wrong or restore, merge, split.
// Every write sends the reviewer's token; the page reloads to show the recorded change.
"use strict";
(() => {
  const main = document.getElementById("event");
  const eventId = main.dataset.eventId;
  const message = document.getElementById("review-message");
  const base = `/api/v1/events/${encodeURIComponent(eventId)}`;
  const LISTS = new Set(["organizations", "demands", "targets", "state_response"]);
  const COUNTS = new Set(["size_low", "size_high", "arrests", "injuries", "deaths"]);

  function parseValue(field, raw) {
    const text = raw.trim();
    if (text === "") return null;
    if (field === "place") {
      try { return JSON.parse(text); } catch { return { name: text }; }
    }
    if (COUNTS.has(field)) {
      const n = Number(text.replace(/[,\s]/g, ""));
      return Number.isInteger(n) ? n : text;
    }
    if (LISTS.has(field)) return text.split(";").map((v) => v.trim()).filter(Boolean);
    return text;
  }

  async function write(path, body) {
    if (!SW.token()) {
      message.textContent = "Enter your token (strikewatch token create NAME) at the top to review.";
      main.dataset.reviewError = "no token";
      return;
    }
    try {
      const result = await SW.api(`${base}/${path}`, { method: "POST", body });
      main.dataset.reviewError = "";
      message.textContent = `Saved (review ${result.review.review_id}).`;
      const split = result.review.action === "split" ? `${eventId}.${result.review.review_id}` : null;
      window.location.assign(split ? `/events/${encodeURIComponent(split)}` : window.location.pathname);
    } catch (error) {
      main.dataset.reviewError = error.message;
      message.textContent = `Not saved: ${error.message}`;
    }
  }

  document.getElementById("correct-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const data = new FormData(e.target);
    const field = String(data.get("field"));
    write("corrections", { field, value: parseValue(field, String(data.get("value"))),
      note: String(data.get("note") || "") });
  });
  // Both ends of the range in one request: checked together, so their order never matters.
  document.getElementById("size-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const data = new FormData(e.target);
    const values = {
      size_low: parseValue("size_low", String(data.get("size_low"))),
      size_high: parseValue("size_high", String(data.get("size_high"))),
    };
    write("corrections", { values, note: String(data.get("note") || "") });
  });
  document.getElementById("merge-form").addEventListener("submit", (e) => {
    e.preventDefault();
    write("merge", { other: String(new FormData(e.target).get("other")).trim() });
  });
  document.getElementById("mark-wrong").addEventListener("click", (e) => {
    write("status", { status: e.target.dataset.status });
  });
  document.getElementById("split").addEventListener("click", () => {
    const ids = [...document.querySelectorAll(".split-pick:checked")].map((box) => box.value);
    write("split", { mention_ids: ids });
  });
})();
