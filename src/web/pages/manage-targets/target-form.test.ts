// A posted target form becomes the body the admin's checks take, and the form shown again after
// an error keeps what was typed but never a secret.
import { describe, expect, it } from 'vitest';
import type { WebChannelForm } from '../../api/targets.js';
import { clearedSecrets, formState, targetBody } from './target-form.js';
import { erroredField } from './view.js';

const email: WebChannelForm = {
  type: 'email',
  label: 'Email',
  summary: '',
  fields: [
    { key: 'to', label: 'To', kind: 'list', required: true, secret: false, hint: null },
    { key: 'from', label: 'From', kind: 'text', required: true, secret: false, hint: null },
    { key: 'smtp', label: 'SMTP URL', kind: 'text', required: true, secret: true, hint: null },
  ],
};

describe('target form', () => {
  const posted = {
    name: [' ops-mail '],
    'field-to': ['a@example.com, b@example.com\nc@example.com'],
    'field-from': [''],
    'field-smtp': ['smtps://u:p4ssw0rd-secret@mail.example.com'],
    vendors: ['acme', 'globex'],
    'vendors-other': ['initech, acme'],
    components: ['acme:API', 'acme:Dash: board', 'bad'],
    minImpact: [''],
    events: ['incident.opened'],
    clear: ['smtp', 'from'],
  };

  it('builds the target: lists split, empty fields left out, components by vendor', () => {
    expect(targetBody(posted, email)).toEqual({
      name: 'ops-mail',
      type: 'email',
      to: ['a@example.com', 'b@example.com', 'c@example.com'],
      smtp: 'smtps://u:p4ssw0rd-secret@mail.example.com',
      vendors: ['acme', 'globex', 'initech'],
      components: { acme: ['API', 'Dash: board'] },
      events: ['incident.opened'],
    });
    expect(clearedSecrets(posted, email)).toEqual(['smtp']);
  });

  it('shows the form again without the secret', () => {
    const state = formState(posted, email);
    expect(state.fields).toEqual({
      to: 'a@example.com, b@example.com\nc@example.com',
      from: '',
    });
    expect(JSON.stringify(state)).not.toContain('p4ssw0rd-secret');
  });

  it('finds the field an error is about', () => {
    expect(erroredField('url: must be an http(s) URL')).toEqual({
      key: 'url',
      text: 'must be an http(s) URL',
    });
    expect(erroredField('to[1]: Invalid email address')).toEqual({
      key: 'to',
      text: 'Invalid email address',
    });
    expect(erroredField('components.acme: too long')?.key).toBe('components');
    expect(erroredField('the config file already defines a target "x"')).toBeNull();
    expect(erroredField(null)).toBeNull();
  });
});
