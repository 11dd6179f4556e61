// Progressive enhancement: a CodeMirror 6 editor over each <textarea data-code-editor>.
// The textarea stays in the form (hidden) and is kept in sync, so the form posts the
// same field with or without JavaScript. Bundled by static/vendor/codemirror/build.sh.
import { basicSetup, EditorView } from "codemirror";
import { indentWithTab } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";
import { indentUnit } from "@codemirror/language";
import { keymap } from "@codemirror/view";

const editors = new Map();
// CodeMirror writes its styles into a <style> element, which the page's
// Content-Security-Policy allows only with the nonce the server gave this script's tag
// (read now: document.currentScript is this script only while it first runs).
const styleNonce = (document.currentScript && document.currentScript.nonce) || "";

function enhance(textarea) {
  const label = document.querySelector(`label[for="${textarea.id}"]`);
  const view = new EditorView({
    doc: textarea.value,
    extensions: [
      basicSetup,
      // Tab indents; Escape then Tab moves focus out of the editor (CodeMirror's rule).
      keymap.of([indentWithTab]),
      indentUnit.of("    "),
      python(),
      EditorView.contentAttributes.of({
        "aria-label": label ? label.textContent.trim() : "Code editor",
      }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) textarea.value = update.state.doc.toString();
      }),
      ...(styleNonce ? [EditorView.cspNonce.of(styleNonce)] : []),
    ],
  });
  textarea.insertAdjacentElement("beforebegin", view.dom);
  textarea.hidden = true;
  textarea.setAttribute("aria-hidden", "true");
  view.dom.classList.add("code-editor");
  editors.set(textarea.id, view);
  if (textarea.form) {
    textarea.form.addEventListener("submit", () => {
      textarea.value = view.state.doc.toString();
    });
  }
}

function setCode(textareaId, code) {
  const view = editors.get(textareaId);
  const textarea = document.getElementById(textareaId);
  if (textarea) textarea.value = code;
  if (view) {
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code } });
    view.focus();
  }
}

document.querySelectorAll("textarea[data-code-editor]").forEach(enhance);

// "Reset to starter": replace the editor's content, after a confirmation.
document.querySelectorAll("[data-reset-code]").forEach((button) => {
  button.addEventListener("click", (event) => {
    const source = document.getElementById(button.dataset.resetSource);
    if (!source) return;
    event.preventDefault();
    if (window.confirm("Replace your code with the starter code?")) {
      setCode(button.dataset.resetCode, JSON.parse(source.textContent));
    }
  });
});

window.CodeEditors = { setCode, get: (id) => editors.get(id) };
