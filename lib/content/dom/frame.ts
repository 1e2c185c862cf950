/** Resolves at the window's next animation frame: after the page has rendered what came before. */
export const nextFrame = (win: Window) => new Promise<void>((r) => win.requestAnimationFrame(() => r()));
