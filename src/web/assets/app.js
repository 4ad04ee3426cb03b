// vendorwatch progressive enhancement (no framework, no build step). Everything here is
// optional: pages read fully without it. It writes to the page only through textContent and
// attributes, never HTML, so vendor text can never become markup here.
/* global document */
'use strict';

(function main() {
  localTimes(document);
})();

/** <time data-local> in UTC → the reader's own zone, with the UTC text kept as a tooltip. */
function localTimes(root) {
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone || zone === 'UTC' || zone === 'Etc/UTC') return;
  var format = new Intl.DateTimeFormat('en-US', {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: true,
    timeZoneName: 'short',
  });
  root.querySelectorAll('time[data-local]').forEach(function (element) {
    var ms = Date.parse(element.getAttribute('datetime'));
    if (!isFinite(ms)) return;
    if (!element.title) element.title = element.textContent;
    element.textContent = format.format(ms);
    element.removeAttribute('data-local');
  });
}
