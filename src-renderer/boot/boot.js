// DeepCurrent Desktop: the boot hint, applied before the first paint. A classic script placed right after #root, so
// it runs once the prerendered sign-in form is parsed and before anything is painted. See src-shared/boot-hint.ts
// (what the hint says) and src-renderer/boot/handoff.ts (how the app takes the form over). Plain ES5, no imports.
(function () {
  'use strict';
  var html = document.documentElement;
  var params = new URLSearchParams(html.getAttribute('data-boot') || location.search);
  var theme = params.get('theme');
  if (theme === 'light' || theme === 'dark') html.setAttribute('data-theme', theme);
  var shell = document.querySelector('[data-boot-shell]');
  var key = params.get('signin');
  if (!shell || !key || shell.getAttribute('data-boot-shell') !== key) return;
  // A submit before the app has loaded goes nowhere: it is held here and replayed by the app when it takes over.
  shell.addEventListener('submit', function (event) {
    event.preventDefault();
    shell.setAttribute('data-submit-requested', '');
  });
  // If the app never takes the form over (its script failed to load or to start), say so in the form's alert
  // region instead of leaving a form that does nothing. Once the app has taken over, the shell is gone.
  var stalled = function () {
    if (!shell.isConnected) return;
    var alert = shell.querySelector('#sign-in-errors');
    if (alert) alert.textContent = 'DeepCurrent could not finish starting. Reload the window, or quit and reopen the app.';
    var submit = shell.querySelector('button[type="submit"]');
    if (submit) submit.disabled = true;
  };
  window.addEventListener(
    'error',
    function (event) {
      if (event.target && event.target.tagName === 'SCRIPT') stalled();
    },
    true,
  );
  setTimeout(stalled, 20000);
  shell.hidden = false;
  var email = shell.querySelector('input[name="email"]');
  if (email) email.focus();
})();
