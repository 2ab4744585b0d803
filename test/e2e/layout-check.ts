// What "usable on a laptop" means, measured in the page (issue #16 item 8): the document never scrolls sideways
// (`scrollWidth <= innerWidth`), and no button or button-styled link in the page is cut off at the right or left —
// neither by the window nor by a container that clips or scrolls it (a wide table may scroll inside its own box,
// but its Remove button must not be the part that is scrolled away).
import type { Page } from '@playwright/test';

/** One readable line per problem; empty when the page fits. */
export const layoutProblems = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const problems: string[] = [];
    const doc = document.documentElement;
    const clippedByAncestor = (el: Element) => {
      // An absolutely placed element escapes a clipping ancestor that is not its containing block: not clipped.
      if (getComputedStyle(el).position === 'absolute') return false;
      for (let a = el.parentElement; a && a !== doc; a = a.parentElement)
        if (getComputedStyle(a).overflowX !== 'visible') return true;
      return false;
    };
    if (doc.scrollWidth > window.innerWidth) {
      // Name the outermost elements that stick out, so a failure says where to look.
      const culprits = [...document.querySelectorAll('body *')]
        .filter((el) => {
          const parent = el.parentElement;
          return (
            el.getBoundingClientRect().right > window.innerWidth + 1 &&
            !!parent &&
            parent.getBoundingClientRect().right <= window.innerWidth + 1 &&
            !clippedByAncestor(el)
          );
        })
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
      problems.push(
        `the page scrolls sideways: ${doc.scrollWidth}px wide in a ${window.innerWidth}px window ` +
          `(sticking out: ${culprits.join(', ') || 'nothing visible'})`,
      );
    }

    const nameOf = (el: Element) =>
      (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 60);
    const actions = document.querySelectorAll('main button, main a.button, main [role="button"]');
    for (const el of actions) {
      const r = el.getBoundingClientRect();
      // Not rendered (closed <details>, display:none) or only there for screen readers.
      if (r.width <= 1 || r.height <= 1) continue;
      let left = 0;
      let right = window.innerWidth;
      for (let a = el.parentElement; a && a !== doc; a = a.parentElement) {
        if (getComputedStyle(a).overflowX === 'visible') continue;
        const box = a.getBoundingClientRect();
        left = Math.max(left, box.left);
        right = Math.min(right, box.right);
      }
      if (r.left < left - 1 || r.right > right + 1)
        problems.push(
          `"${nameOf(el)}" is cut off: it spans ${Math.round(r.left)}–${Math.round(r.right)}px, ` +
            `the visible area ${Math.round(left)}–${Math.round(right)}px`,
        );
    }
    return problems;
  });
