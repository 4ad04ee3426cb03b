// vendorwatch progressive enhancement (no framework, no build step). Everything here is
// optional: every page reads fully without it. It writes to the page only through textContent
// and attributes, never HTML, so vendor text can never become markup here (and the CSP's
// require-trusted-types-for 'script' would refuse any HTML sink anyway).
/* global document, window, EventSource, XMLHttpRequest, fetch, history, setInterval */
'use strict';

var statusLabels = {
  operational: 'Operational',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  under_maintenance: 'Under maintenance',
  unknown: 'Unknown',
};
var healthLabels = { ok: 'Up to date', failing: 'Page failing', stale: 'Data stale' };
var eventTypes = [
  'incident.opened',
  'incident.updated',
  'incident.resolved',
  'incident.reopened',
  'maintenance.scheduled',
  'maintenance.started',
  'maintenance.completed',
  'component.status_changed',
  'vendor.unreachable',
  'vendor.recovered',
  // Not a stored event: a poll changed the vendor's health (src/web/api/sse.ts).
  'vendor.health',
];
/** Rows refresh from the API at least this often, for polls that changed nothing but freshness. */
var refreshAllMs = 60000;

(function main() {
  localTimes(document);
  keepAgesCurrent();
  var table = document.getElementById('vendor-table');
  if (table) {
    dashboardFilters(table);
    liveDashboard(table);
  }
  var article = document.querySelector('article[data-incident-id][data-vendor]');
  if (article) liveIncident(article);
  var vendorHeader = document.querySelector('header[data-vendor]');
  if (vendorHeader) liveVendor(vendorHeader);
  var targetFilterSets = document.querySelectorAll('[data-target-filters]');
  for (var f = 0; f < targetFilterSets.length; f++) componentPicker(targetFilterSets[f]);
})();

/**
 * A target form's component picker (/manage/targets) shows the components of the vendors chosen
 * above it, opened; with no vendor chosen (every vendor) it shows them all. A group with a checked
 * component always stays, so nothing chosen is ever hidden.
 */
function componentPicker(root) {
  var choices = root.querySelectorAll('input[data-vendor-choice]');
  var groups = root.querySelectorAll('details[data-components-of]');
  function sync() {
    var chosen = {};
    var any = false;
    for (var i = 0; i < choices.length; i++) {
      if (choices[i].checked) {
        chosen[choices[i].value] = true;
        any = true;
      }
    }
    for (var g = 0; g < groups.length; g++) {
      var group = groups[g];
      var slug = group.getAttribute('data-components-of');
      var checked = group.querySelector('input:checked') !== null;
      group.hidden = any && !chosen[slug] && !checked;
      if (any && chosen[slug]) group.open = true;
    }
  }
  for (var c = 0; c < choices.length; c++) choices[c].addEventListener('change', sync);
  sync();
}

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

/** The same words as the server's formatAgo (src/web/pages/shared/format.ts). */
function formatAgo(ms) {
  var seconds = Math.floor((Date.now() - ms) / 1000);
  if (!isFinite(seconds) || seconds < 1) return 'just now';
  if (seconds < 60) return seconds + ' s ago';
  if (seconds < 3600) return Math.floor(seconds / 60) + ' min ago';
  if (seconds < 86400) return Math.floor(seconds / 3600) + ' h ago';
  return Math.floor(seconds / 86400) + ' d ago';
}

function keepAgesCurrent() {
  var update = function () {
    document.querySelectorAll('time[data-ago]').forEach(function (element) {
      var ms = Date.parse(element.getAttribute('datetime'));
      if (isFinite(ms)) element.textContent = formatAgo(ms);
    });
  };
  setInterval(update, 5000);
}

/** Filters the rows as the reader types; the form still submits to the server without us. */
function dashboardFilters(table) {
  var form = document.querySelector('form[data-filter-form]');
  var count = document.querySelector('[data-filter-count]');
  var empty = document.querySelector('[data-filter-empty]');
  if (!form) return;
  var apply = function () {
    var q = form.elements.q.value.trim().toLowerCase();
    var status = form.elements.status.value;
    var category = form.elements.category.value;
    var rows = table.tBodies[0].rows;
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var match =
        (!q ||
          row.getAttribute('data-name').indexOf(q) >= 0 ||
          row.getAttribute('data-vendor').indexOf(q) >= 0) &&
        (category === 'all' || row.getAttribute('data-category') === category) &&
        (status === 'all' ||
          (status === 'problems'
            ? row.getAttribute('data-status') !== 'operational' ||
              row.getAttribute('data-health') !== 'ok' ||
              row.hasAttribute('data-suspected')
            : row.getAttribute('data-status') === status));
      row.hidden = !match;
      if (match) shown++;
    }
    if (count) count.textContent = 'Showing ' + shown + ' of ' + rows.length;
    if (empty) empty.hidden = shown > 0;
    var url = new URL(window.location.href);
    ['q', 'status', 'category'].forEach(function (name) {
      var value = form.elements[name].value.trim();
      if (value && value !== 'all') url.searchParams.set(name, value);
      else url.searchParams.delete(name);
    });
    history.replaceState(null, '', url.pathname + url.search);
  };
  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    apply();
  });
  table.refilter = apply;
}

/** Follows the event stream and rewrites the rows of vendors that changed, in place. */
function liveDashboard(table) {
  if (typeof EventSource !== 'function') return;
  var announcer = document.querySelector('[data-live-announcer]');
  var pending = {};
  var timer = null;
  var flush = function () {
    timer = null;
    var slugs = Object.keys(pending);
    pending = {};
    slugs.forEach(function (slug) {
      fetch('/api/v1/vendors/' + encodeURIComponent(slug), {
        headers: { accept: 'application/json' },
      })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (vendor) {
          if (vendor) updateRow(table, vendor, announcer, true);
        })
        .catch(function () {});
    });
  };
  var source = new EventSource('/api/v1/events/stream');
  var onEvent = function (message) {
    var event;
    try {
      event = JSON.parse(message.data);
    } catch {
      return;
    }
    if (!event || typeof event.vendorSlug !== 'string') return;
    pending[event.vendorSlug] = true;
    // Events of one poll arrive together: one fetch per vendor for the whole burst.
    if (timer === null) timer = window.setTimeout(flush, 150);
  };
  eventTypes.forEach(function (type) {
    source.addEventListener(type, onEvent);
  });
  setInterval(function () {
    fetch('/api/v1/vendors', { headers: { accept: 'application/json' } })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (body) {
        if (!body) return;
        body.vendors.forEach(function (vendor) {
          updateRow(table, vendor, announcer, false);
        });
      })
      .catch(function () {});
  }, refreshAllMs);
}

function findRow(table, slug) {
  var rows = table.tBodies[0].rows;
  for (var i = 0; i < rows.length; i++) {
    if (rows[i].getAttribute('data-vendor') === slug) return rows[i];
  }
  return null;
}

function updateRow(table, vendor, announcer, fromEvent) {
  var row = findRow(table, vendor.slug);
  if (!row) return;
  var before = row.getAttribute('data-status') + '|' + row.getAttribute('data-health');
  var active = Array.isArray(vendor.activeIncidents)
    ? vendor.activeIncidents.length
    : vendor.activeIncidents;
  var badge = row.querySelector('[data-cell="status"] .badge');
  if (badge && statusLabels[vendor.status]) {
    badge.className = 'badge status-' + vendor.status;
    badge.setAttribute('data-status', vendor.status);
    badge.textContent = statusLabels[vendor.status];
  }
  var activeCell = row.querySelector('[data-cell="active"]');
  if (activeCell) activeCell.textContent = String(active);
  var health = row.querySelector('[data-cell="health"] .badge');
  if (health && healthLabels[vendor.health]) {
    health.className = 'badge health-' + vendor.health;
    health.textContent = healthLabels[vendor.health];
  }
  var reason = row.querySelector('[data-cell="reason"]');
  if (reason) {
    reason.textContent = vendor.error ? vendor.errorReason || 'poll failed' : '';
    if (vendor.error) reason.title = vendor.error;
    else reason.removeAttribute('title');
    reason.hidden = !vendor.error;
  }
  var checked = row.querySelector('[data-cell="checked"]');
  if (checked) freshnessNote(checked, vendor);
  if (Array.isArray(vendor.activeIncidents)) openIncidentList(row, vendor);
  row.setAttribute('data-status', vendor.status);
  row.setAttribute('data-health', vendor.health);
  row.setAttribute('data-active', String(active));
  keepWorstFirst(table);
  if (table.refilter) table.refilter();
  if (!fromEvent && before === vendor.status + '|' + vendor.health) return;
  row.classList.add('changed');
  window.setTimeout(function () {
    row.classList.remove('changed');
  }, 4000);
  if (announcer) {
    var name = row.querySelector('td a');
    announcer.textContent =
      (name ? name.textContent : vendor.slug) +
      ': ' +
      (statusLabels[vendor.status] || vendor.status);
  }
}

/** The same words as the server's FreshnessNote (src/web/pages/shared/freshness.tsx). */
function freshnessNote(note, vendor) {
  var words;
  var at = null;
  if (vendor.health === 'ok') {
    words = 'checked ';
    at = vendor.lastPolledAt || vendor.lastSuccessAt;
  } else if (vendor.lastSuccessAt) {
    words = 'last read ';
    at = vendor.lastSuccessAt;
  } else if (vendor.lastPolledAt) {
    words = 'never succeeded — last tried ';
    at = vendor.lastPolledAt;
  } else {
    words = 'never succeeded — not tried yet';
  }
  note.textContent = '';
  if (vendor.error && vendor.failingSince) note.appendChild(failingSince(vendor));
  note.appendChild(document.createTextNode(words));
  if (!at) return;
  var time = document.createElement('time');
  time.setAttribute('datetime', at);
  time.setAttribute('data-ago', '');
  time.textContent = formatAgo(Date.parse(at));
  note.appendChild(time);
}

/** As the server's FailingSince (src/web/pages/shared/freshness.tsx), then ` · `. */
function failingSince(vendor) {
  var span = document.createElement('span');
  span.setAttribute('data-failing-since', '');
  span.appendChild(document.createTextNode('failing since '));
  var time = document.createElement('time');
  time.setAttribute('datetime', vendor.failingSince);
  time.setAttribute('data-local', '');
  time.textContent = formatUtc(Date.parse(vendor.failingSince));
  span.appendChild(time);
  var polls = Math.max(1, vendor.consecutiveFailures || 0);
  span.appendChild(
    document.createTextNode(' (' + polls + (polls === 1 ? ' failed poll)' : ' failed polls)')),
  );
  localTimes(span);
  var fragment = document.createDocumentFragment();
  fragment.appendChild(span);
  fragment.appendChild(document.createTextNode(' · '));
  return fragment;
}

/** The same words as the server's formatUtc (src/web/pages/shared/format.ts). */
function formatUtc(ms) {
  if (!isFinite(ms)) return '';
  return (
    new Intl.DateTimeFormat('en-US', {
      month: 'short',
      day: 'numeric',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hour12: true,
      timeZone: 'UTC',
    }).format(ms) + ' UTC'
  );
}

/** The row's open incident titles, as the server renders them (titlesPerRow in view.tsx). */
function openIncidentList(row, vendor) {
  var list = row.querySelector('[data-cell="incidents"]');
  if (!list) return;
  var perRow = 3;
  while (list.firstChild) list.removeChild(list.firstChild);
  vendor.activeIncidents.slice(0, perRow).forEach(function (incident) {
    var item = document.createElement('li');
    var link = document.createElement('a');
    link.href = '/incidents/' + encodeURIComponent(incident.id);
    link.textContent = incident.title;
    item.appendChild(link);
    list.appendChild(item);
  });
  var more = vendor.activeIncidents.length - perRow;
  if (more > 0) {
    var rest = document.createElement('li');
    rest.className = 'note';
    var all = document.createElement('a');
    all.href = '/vendors/' + encodeURIComponent(vendor.slug);
    all.textContent = 'and ' + more + ' more';
    rest.appendChild(all);
    list.appendChild(rest);
  }
  list.hidden = vendor.activeIncidents.length === 0;
}

/**
 * Worst first, by the server's rule (pages/dashboard/vendor-order.ts): its rank tables come in
 * data-order-ranks; each key is higher-first, then the row's name position. Rows move only when
 * the order changed, and focus stays where it was.
 */
function keepWorstFirst(table) {
  var ranks;
  try {
    ranks = JSON.parse(table.getAttribute('data-order-ranks'));
  } catch {
    return;
  }
  if (!ranks) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var key = function (row) {
    return [
      -(ranks.status[row.getAttribute('data-status')] || 0),
      -(ranks.health[row.getAttribute('data-health')] || 0),
      -Number(row.getAttribute('data-active') || 0),
      Number(row.getAttribute('data-name-order') || 0),
    ];
  };
  var sorted = rows.slice().sort(function (a, b) {
    var ka = key(a);
    var kb = key(b);
    for (var i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] - kb[i];
    return 0;
  });
  var same = sorted.every(function (row, index) {
    return row === rows[index];
  });
  if (same) return;
  var focused = document.activeElement;
  sorted.forEach(function (row) {
    body.appendChild(row);
  });
  if (focused && body.contains(focused) && document.activeElement !== focused) {
    focused.focus({ preventScroll: true });
  }
}

/* ---- Live pages (incident, vendor): their changed parts are swapped in place. ---- */

/**
 * Follows the vendor's events; on one that `concerns` this page, fetches this same page again
 * and swaps the parts marked data-live-part that changed, then calls `announce(before)` with
 * what `snapshot()` read before the swap. The server renders the parts (escaped and sanitized
 * as on first load); XMLHttpRequest parses them into an inert document (no script runs there)
 * and nodes are moved over, so no HTML string ever meets an HTML sink.
 */
function livePage(slug, concerns, snapshot, announce) {
  if (typeof EventSource !== 'function' || typeof XMLHttpRequest !== 'function') return;
  var inFlight = false;
  var again = false;
  var refresh = function () {
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    var request = new XMLHttpRequest();
    request.open('GET', window.location.pathname + window.location.search);
    request.responseType = 'document';
    request.setRequestHeader('accept', 'text/html');
    request.onloadend = function () {
      inFlight = false;
      var fresh = request.status === 200 ? request.responseXML : null;
      if (fresh) {
        var before = snapshot();
        if (swapLiveParts(fresh)) announce(before);
      }
      if (again) {
        again = false;
        refresh();
      }
    };
    request.send();
  };
  var source = new EventSource('/api/v1/events/stream?vendor=' + encodeURIComponent(slug));
  // (Re)connected: anything recorded while no stream was open is fetched once.
  source.addEventListener('open', refresh);
  var onEvent = function (message) {
    try {
      if (concerns(JSON.parse(message.data))) refresh();
    } catch {
      /* a malformed message is ignored */
    }
  };
  eventTypes.forEach(function (type) {
    source.addEventListener(type, onEvent);
  });
}

/** Swaps every live part of the page that differs in `fresh`; returns whether any did. */
function swapLiveParts(fresh) {
  var changed = false;
  document.querySelectorAll('[data-live-part]').forEach(function (current) {
    var name = current.getAttribute('data-live-part');
    var next = fresh.querySelector('[data-live-part="' + name + '"]');
    if (!next) return;
    next.querySelectorAll('script').forEach(function (script) {
      script.remove();
    });
    localTimes(next);
    if (syncNode(current, document.adoptNode(next))) changed = true;
  });
  if (changed && fresh.title) document.title = fresh.title;
  return changed;
}

function announceLive(text) {
  var announcer = document.querySelector('[data-live-announcer]');
  if (announcer && text) announcer.textContent = text;
}

/** The incident page follows its own incident's events. */
function liveIncident(article) {
  var incidentId = article.getAttribute('data-incident-id');
  livePage(
    article.getAttribute('data-vendor'),
    function (event) {
      return event.incidentId === incidentId;
    },
    function () {
      return {
        phase: livePhase(document),
        updates: document.querySelectorAll('[data-testid="timeline"] > li').length,
      };
    },
    function (before) {
      var added =
        document.querySelectorAll('[data-testid="timeline"] > li').length - before.updates;
      var phaseAfter = livePhase(document);
      var news = [];
      if (added > 0) news.push(added === 1 ? '1 new update' : added + ' new updates');
      if (phaseAfter && phaseAfter !== before.phase) news.push('now ' + phaseAfter);
      if (news.length === 0) return;
      var title = document.querySelector('[data-live-part="title"]');
      announceLive((title ? title.textContent.trim() : 'Incident') + ': ' + news.join(', '));
    },
  );
}

/**
 * The vendor page follows every event of its vendor (and its health changes): status and
 * health badges, banner, open incidents, component bars, figures and history swap in place.
 */
function liveVendor(header) {
  var openCount = function () {
    return document.querySelectorAll('[data-live-part="active"] .cards > li').length;
  };
  var statusWords = function () {
    var badge = document.querySelector('[data-live-part="status"] .badge[data-status]');
    return badge ? badge.textContent.trim() : '';
  };
  livePage(
    header.getAttribute('data-vendor'),
    function () {
      return true;
    },
    function () {
      return { open: openCount(), status: statusWords() };
    },
    function (before) {
      var news = [];
      var added = openCount() - before.open;
      if (added > 0) news.push(added === 1 ? '1 new open item' : added + ' new open items');
      if (statusWords() !== before.status) news.push('now ' + statusWords());
      if (news.length === 0) return;
      var name = header.querySelector('h1');
      announceLive((name ? name.textContent.trim() : 'Vendor') + ': ' + news.join(', '));
    },
  );
}

/** The words of the header's phase badge, or of its state badge once the incident is closed. */
function livePhase(root) {
  var badge =
    root.querySelector('[data-live-part="badges"] .phase') ||
    root.querySelector('[data-live-part="badges"] .state');
  return badge ? badge.textContent.trim() : '';
}

/**
 * Makes `current` equal to `next`, keeping equal nodes in place; returns whether it changed.
 * Lists marked data-live-list are synced child by child, so earlier updates stay untouched and
 * a new one is appended (and marked for a brief highlight).
 */
function syncNode(current, next) {
  if (current.isEqualNode(next)) return false;
  if (!current.hasAttribute('data-live-list') || current.tagName !== next.tagName) {
    current.replaceWith(next);
    return true;
  }
  var before = Array.prototype.slice.call(current.children);
  var after = Array.prototype.slice.call(next.children);
  after.forEach(function (child, index) {
    if (before[index]) {
      syncNode(before[index], child);
    } else {
      if (child.tagName === 'LI') markNew(child);
      current.appendChild(child);
    }
  });
  for (var i = after.length; i < before.length; i++) before[i].remove();
  return true;
}

function markNew(element) {
  element.classList.add('live-new');
  window.setTimeout(function () {
    element.classList.remove('live-new');
  }, 6000);
}
