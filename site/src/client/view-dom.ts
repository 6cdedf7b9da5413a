// A ResultView as DOM, once for the site's lookup form and the <cek-dulu>
// widget (whose 6 KB budget is why this is so small); `el` is also the widget's
// way to build its form. Every text goes in through textContent, never as markup.
import { resultViewTree, type ResultView, type ViewElement } from '../../../worker/presentation/result-view.ts';

/** An element with its attributes and its text. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) node.setAttribute(name, value);
  // undefined empties a new element (textContent is a nullable string): no test needed.
  node.textContent = text!;
  return node;
}

/** Elements from result-view.ts (a result, or readingTree's summary of a pasted message) as DOM. */
export function toDom(view: ViewElement): HTMLElement {
  const node = el(view.tag, { class: view.className, ...view.attrs }, view.text);
  for (const child of view.children ?? []) node.append(toDom(child));
  return node;
}

/** The result's markup (result-view.ts), as DOM; `origin` as resultViewTree takes it ('' on CekDulu's pages). */
export const renderView = (view: ResultView, origin?: string): HTMLElement => toDom(resultViewTree(view, origin));
