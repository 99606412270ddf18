/**
 * The booking demo's page script: says which time the picker's `leadkit:slot-selected` event
 * carried, as a page author would before handing it to `<leadkit-booking-confirm>`.
 */
const chosen = document.getElementById('chosen');

document.getElementById('picker')?.addEventListener('leadkit:slot-selected', (event) => {
  const { start, timezone } = (event as CustomEvent<{ start: string; end: string; timezone: string }>).detail;
  if (chosen) chosen.textContent = `Chosen: ${start} (${timezone})`;
});
