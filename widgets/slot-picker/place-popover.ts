/**
 * Places an absolutely positioned popover under its button (above it when there is more room
 * there), kept 8 px inside the viewport, its height capped to the room it has (160–360 px).
 *
 * Why not Floating UI: the popover lives inside the element's own box and needs only this;
 * `computePosition` with `flip`, `shift`, `size` and `autoUpdate` measured 6.7 KB gzip in the
 * bundle (5.7 KB without `size`/`autoUpdate`), a tenth of the booking budget (docs/benchmarks.md).
 * Style properties are set through the CSSOM, which a CSP without 'unsafe-inline' allows.
 */
export function placePopover(reference: HTMLElement, popover: HTMLElement, gap = 4, padding = 8): void {
  const view = reference.ownerDocument.defaultView;
  if (!view) return;
  const ref = reference.getBoundingClientRect();
  const parent = (popover.offsetParent as HTMLElement | null) ?? reference.ownerDocument.documentElement;
  const box = parent.getBoundingClientRect();
  const below = view.innerHeight - ref.bottom - gap - padding;
  const above = ref.top - gap - padding;
  const room = below >= 240 || below >= above ? below : above;
  popover.style.maxHeight = `${Math.max(160, Math.min(room, 360))}px`;
  const height = popover.getBoundingClientRect().height;
  const width = popover.getBoundingClientRect().width;
  const top = room === below ? ref.bottom + gap : ref.top - gap - height;
  const left = Math.min(Math.max(ref.left, padding), Math.max(padding, view.innerWidth - padding - width));
  popover.style.left = `${left - box.left + parent.scrollLeft}px`;
  popover.style.top = `${top - box.top + parent.scrollTop}px`;
}
