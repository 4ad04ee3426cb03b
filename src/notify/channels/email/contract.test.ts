// The SMTP side (retries, partial delivery, the password kept out of errors) is in send.test.ts.
import { channelContract } from '../../test-support/channel-contract.js';
import { emailChannel } from './index.js';

channelContract(emailChannel, {
  target: () => ({
    name: 'mail',
    type: 'email',
    smtp: 'smtps://alerts:p%40ss-W0rd-secret!@mail.example.com:465',
    from: 'vendorwatch <vw@example.com>',
    to: ['ops@example.com'],
  }),
  secrets: ['p%40ss-W0rd-secret!', 'p@ss-W0rd-secret!'],
  transport: 'other',
});
