/**
 * Focuses a virtualised row once it is rendered: after a jump (End, PageDown) the virtualiser draws the new rows
 * a frame or more later, more on a busy machine, so this looks again for up to a few frames.
 */
export function focusRowWhenRendered(container: HTMLElement | null, index: number, framesLeft = 30): void {
  requestAnimationFrame(() => {
    const row = container?.querySelector<HTMLElement>(`[data-index="${index}"]`);
    if (row) row.focus();
    else if (framesLeft > 0) focusRowWhenRendered(container, index, framesLeft - 1);
  });
}
