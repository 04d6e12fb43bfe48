// Shared by the pages: the reviewer's token (kept in this browser) and calls to the API.
"use strict";
const SW = (() => {
  const KEY = "strikewatch_token";
  const token = () => localStorage.getItem(KEY) || "";
  function setToken(value) {
    if (value) {
      localStorage.setItem(KEY, value);
      document.cookie = `${KEY}=${encodeURIComponent(value)}; path=/; SameSite=Strict`;
    } else {
      localStorage.removeItem(KEY);
      document.cookie = `${KEY}=; path=/; max-age=0; SameSite=Strict`;
    }
  }
  async function api(path, options = {}) {
    const headers = Object.assign({ Accept: "application/json" }, options.headers || {});
    if (token()) headers.Authorization = `Bearer ${token()}`;
    if (options.body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(path, {
      method: options.method || "GET", headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const data = await response.json().catch(() => null);
    if (!response.ok) {
      const detail = data && data.detail;
      const message = typeof detail === "string" ? detail
        : Array.isArray(detail) ? detail.map((d) => `${(d.loc || []).slice(1).join(".")}: ${d.msg}`).join("; ")
        : response.statusText;
      const error = new Error(message);
      error.status = response.status;
      throw error;
    }
    return data;
  }
  // Elements are built with textContent only: article text never becomes markup.
  function el(tag, props = {}, children = []) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (key === "text") node.textContent = value;
      else if (key === "className") node.className = value;
      else node.setAttribute(key, value);
    }
    for (const child of children) node.append(child);
    return node;
  }
  const TYPE_COLOURS = {
    demonstration: "#1f77b4", strike: "#d62728", riot: "#111111", blockade: "#ff7f0e",
    occupation: "#9467bd", hunger_strike: "#8c564b", boycott: "#2ca02c",
  };
  function initTokenBox() {
    const input = document.getElementById("token");
    const state = document.getElementById("token-state");
    if (!input) return;
    input.value = token();
    state.textContent = token() ? "saved" : "";
    input.addEventListener("change", () => {
      setToken(input.value.trim());
      state.textContent = input.value.trim() ? "saved" : "";
    });
  }
  document.addEventListener("DOMContentLoaded", initTokenBox);
  return { api, el, token, setToken, TYPE_COLOURS };
})();
