// A tiny element builder. Text always goes in as text nodes, never as HTML: everything shown
// comes from an untrusted credential file. Control and bidirectional-override characters in it
// become visible badges, so no text shown here can reorder or hide itself.
import { codePointLabel, splitUnsafe } from "../../src/verifier/index.ts";

type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === "string" ? visibleText(child) : child);
  }
  return element;
}

/** `text` as nodes: plain runs as text, each unsafe character as a <mark> naming its code point. */
export function visibleText(text: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const part of splitUnsafe(text)) {
    if (!part.unsafe) {
      fragment.append(part.text);
      continue;
    }
    for (const char of part.text) {
      const label = codePointLabel(char);
      fragment.append(
        h(
          "mark",
          { class: "unsafe-char", title: `Hidden character ${label} in the credential` },
          label.slice(1, -1),
        ),
      );
    }
  }
  return fragment;
}

/** Replaces an element's content with `text`, unsafe characters marked. */
export function setText(element: HTMLElement, text: string): void {
  element.replaceChildren(visibleText(text));
}

export function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`the page has no #${id}`);
  return element as T;
}

/**
 * A catalogue message whose {placeholders} stand for nodes (a date, a name in bold): the text
 * around them as text (unsafe characters marked), each placeholder replaced by its node or text.
 */
export function withNodes(
  text: string,
  values: Readonly<Record<string, Node | string | null>>,
): DocumentFragment {
  const fragment = document.createDocumentFragment();
  text.split(/(\{\w+\})/).forEach((part, i) => {
    if (i % 2 === 0) {
      if (part !== "") fragment.append(visibleText(part));
      return;
    }
    const value = values[part.slice(1, -1)];
    if (value === undefined) fragment.append(visibleText(part));
    else if (value !== null)
      fragment.append(typeof value === "string" ? visibleText(value) : value);
  });
  return fragment;
}
