// The admin's two-box picker (filter_horizontal) labels its search icons with aria-label
// on a bare <span>, which assistive technology ignores (axe aria-prohibited-attr). Giving
// each the img role makes the label count. The picker builds itself on window load, so
// this runs just after it.
window.addEventListener("load", () => {
  window.setTimeout(() => {
    document.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach((icon) => {
      icon.setAttribute("role", "img");
    });
  }, 0);
});
