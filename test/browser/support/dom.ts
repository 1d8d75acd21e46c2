/**
 * The few DOM types the functions run in the page (page.evaluate) need: the project's tsconfig is
 * for Node (no "dom" lib), and those functions are serialised, so they may use types but nothing else
 * from this file. Inside one: `const { document } = globalThis as unknown as PageGlobals;`.
 */
export interface PageElement {
  tagName: string;
  className: unknown;
  textContent: string | null;
  getBoundingClientRect(): { left: number; right: number; width: number };
}

export interface PageGlobals {
  document: {
    documentElement: PageElement & { scrollWidth: number; clientWidth: number; lang: string };
    querySelectorAll(selector: string): Iterable<PageElement> & ArrayLike<PageElement>;
    getElementById(id: string): PageElement | null;
  };
}
