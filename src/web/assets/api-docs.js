// /api/docs: starts Swagger UI (loaded just before this file from vendorwatch's own copy) on the
// OpenAPI document this server describes itself with. Read-only: "Try it out" is offered for GET
// only, so the page can never be the place a write with the admin token starts from.
/* global document, window */
'use strict';

/** Swagger UI draws dark only under html.dark-mode; the rest of the site follows the system. */
function followColorScheme() {
  var dark = window.matchMedia('(prefers-color-scheme: dark)');
  var apply = function () {
    document.documentElement.classList.toggle('dark-mode', dark.matches);
  };
  apply();
  dark.addEventListener('change', apply);
}

window.addEventListener('DOMContentLoaded', function () {
  var root = document.getElementById('api-docs');
  if (!root || typeof window.SwaggerUIBundle !== 'function') return;
  followColorScheme();
  window.SwaggerUIBundle({
    url: root.getAttribute('data-openapi-url'),
    domNode: root,
    deepLinking: true,
    // The default sends the document to an outside validator and shows its badge.
    validatorUrl: null,
    supportedSubmitMethods: ['get'],
    defaultModelsExpandDepth: 0,
    docExpansion: 'list',
  });
});
