// Filters and deep links for the athil report. Everything is in the page already; this only
// hides and opens. State lives in the URL fragment, e.g. #filter=failed&section=S2_3_MQTTPUBTP
// &case=S2_3_MQTTPUBTP.SetRejectsQos3, so a link in a chat or a CI comment opens the same view.
(function () {
  'use strict';
  var statusesOf = {
    all: null,
    failed: ['failed', 'error'],
    flaky: ['flaky'],
    deviations: ['known_deviation']
  };
  var state = { filter: 'all', section: '', open: '', anchor: null };

  function matches(el) {
    var wanted = statusesOf[state.filter];
    var statusOk = !wanted || wanted.indexOf(el.getAttribute('data-status')) >= 0;
    var sectionOk = !state.section || el.getAttribute('data-section') === state.section;
    return statusOk && sectionOk;
  }

  function apply() {
    document.body.setAttribute('data-filter', state.filter);
    document.body.setAttribute('data-section', state.section);
    var shown = 0;
    document.querySelectorAll('details.case').forEach(function (c) {
      var show = matches(c);
      c.hidden = !show;
      if (show) { shown += 1; }
    });
    document.querySelectorAll('section.group').forEach(function (g) {
      g.hidden = g.querySelector('details.case:not([hidden])') === null;
    });
    document.querySelectorAll('tr.row').forEach(function (r) {
      r.hidden = !!state.section && r.getAttribute('data-section') !== state.section;
    });
    document.querySelectorAll('.cell').forEach(function (c) {
      c.classList.toggle('dimmed', !matches(c));
    });
    document.querySelectorAll('nav button').forEach(function (b) {
      b.classList.toggle('active', b.getAttribute('data-filter') === state.filter);
    });
    document.getElementById('section-filter').value = state.section;
    document.getElementById('shown').textContent = shown + ' shown';
  }

  function openCase(name) {
    var target = state.anchor || null;
    state.anchor = null;
    if (target) {
      target.hidden = false;
      target.open = true;
      target.scrollIntoView();
      return;
    }
    document.querySelectorAll('details.case').forEach(function (c) {
      if (c.getAttribute('data-name') === name) { target = c; }
    });
    if (target) {
      target.hidden = false;
      target.open = true;
      target.scrollIntoView();
    }
  }

  function readHash() {
    var hash = decodeURIComponent(window.location.hash.replace(/^#/, ''));
    // #case-<Suite.Case>: the anchor of one case (a link from a CI comment or a chat).
    var anchored = hash.indexOf('case-') === 0 ? document.getElementById(hash) : null;
    if (anchored) {
      state.filter = 'all';
      state.section = '';
      state.open = anchored.getAttribute('data-name');
      state.anchor = anchored;
      return;
    }
    var params = new URLSearchParams(hash);
    state.filter = statusesOf.hasOwnProperty(params.get('filter')) ? params.get('filter') : 'all';
    state.section = params.get('section') || '';
    state.open = params.get('case') || '';
  }

  function writeHash() {
    var params = new URLSearchParams();
    if (state.filter !== 'all') { params.set('filter', state.filter); }
    if (state.section) { params.set('section', state.section); }
    history.replaceState(null, '', '#' + params.toString());
  }

  document.querySelectorAll('nav button').forEach(function (b) {
    b.addEventListener('click', function () {
      state.filter = b.getAttribute('data-filter');
      writeHash();
      apply();
    });
  });
  document.getElementById('section-filter').addEventListener('change', function (e) {
    state.section = e.target.value;
    writeHash();
    apply();
  });
  document.querySelectorAll('.cell').forEach(function (c) {
    c.addEventListener('click', function (e) {
      e.preventDefault();
      openCase(c.getAttribute('data-name'));
    });
  });

  window.addEventListener('hashchange', function () {
    readHash();
    apply();
    if (state.open) { openCase(state.open); }
  });

  readHash();
  apply();
  if (state.open) { openCase(state.open); }
})();
