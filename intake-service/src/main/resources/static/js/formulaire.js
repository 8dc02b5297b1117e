/*
 * Progressive enhancement of the request form, which works fully without it: hides the questions that
 * belong to an answer not given (the details of the other profiles, the départements after "Non"), and
 * moves the focus to the field an error-summary link names, its label in view.
 */
(function () {
  'use strict';
  var form = document.getElementById('formulaire');
  if (!form) {
    return;
  }
  var revealers = Array.prototype.slice.call(form.querySelectorAll('input[type="radio"][data-reveals]'));

  function update() {
    revealers.forEach(function (input) {
      var block = document.getElementById(input.getAttribute('data-reveals'));
      if (block) {
        block.hidden = !input.checked;
      }
    });
  }

  form.addEventListener('change', function (event) {
    if (event.target.type === 'radio') {
      update();
    }
  });
  update();

  Array.prototype.forEach.call(document.querySelectorAll('.error-summary a[href^="#"]'), function (link) {
    link.addEventListener('click', function (event) {
      var target = document.getElementById(link.getAttribute('href').slice(1));
      if (!target) {
        return;
      }
      event.preventDefault();
      var group = target.closest('fieldset');
      var label = target.type === 'radio' || target.type === 'checkbox'
        ? (group && group.querySelector('legend'))
        : document.querySelector('label[for="' + target.id + '"]');
      (label || target).scrollIntoView();
      target.focus({ preventScroll: true });
    });
  });
})();
