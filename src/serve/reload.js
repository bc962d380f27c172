// Added to pages by `salve serve` only, never by `salve build`: reloads the
// page after each good rebuild, and shows a failed rebuild's errors over the
// last good page until the next good save.
const events = new EventSource("/__salve/events");

events.addEventListener("reload", () => location.reload());

events.addEventListener("build-error", (event) => {
  let box = document.getElementById("salve-build-error");
  if (!box) {
    box = document.createElement("div");
    box.id = "salve-build-error";
    box.setAttribute("role", "alert");
    box.style.cssText =
      "position:fixed;inset:auto 0 0 0;max-height:70vh;overflow:auto;z-index:2147483647;" +
      "margin:0;padding:1rem 1.25rem;background:#1d1d1f;color:#f5f5f7;" +
      "border-top:4px solid #d70015;font:14px/1.45 ui-monospace,monospace;";
    document.body.append(box);
  }
  const title = document.createElement("p");
  // The site's own styles for p and pre must not reach the overlay.
  title.style.cssText = "margin:0 0 .5rem;font:inherit;font-weight:bold;color:inherit;";
  title.textContent =
    "The last save did not build. This is the last good page; fix the error and save again.";
  const text = document.createElement("pre");
  text.style.cssText =
    "margin:0;padding:0;border:0;background:none;color:inherit;font:inherit;white-space:pre-wrap;";
  text.textContent = event.data;
  box.replaceChildren(title, text);
});
