// The config file's `boards:` and the `boards` filter of notification targets: what is read, and
// each mistake refused with a message that names the board or target and says what to do.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load.js';

function load(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'vw-boards-config-'));
  const path = join(dir, 'vendorwatch.yaml');
  writeFileSync(path, text);
  return loadConfig({ path, env: {} });
}

function errorOf(text: string): string {
  try {
    load(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

const vendors = 'vendors: [github, npm, slack]\n';

describe('boards in the config file', () => {
  it('reads boards with defaults, whole vendors and component lists', () => {
    const config = load(
      `${vendors}boards:
  - slug: payments
    name: Payments
    description: What checkout needs
    public: true
    company: { name: Example Ltd, url: https://example.com }
    vendors:
      - github
      - slug: npm
        components: [Package publishing, " Website "]
  - slug: ops
    name: Ops
    vendors: [slack]
notifications:
  - name: payments-team
    type: webhook
    url: https://hooks.example/x
    boards: [payments]
`,
    );
    expect(config.boards).toEqual([
      {
        slug: 'payments',
        name: 'Payments',
        description: 'What checkout needs',
        public: true,
        company: { name: 'Example Ltd', url: 'https://example.com' },
        vendors: [
          { slug: 'github', components: null },
          { slug: 'npm', components: ['Package publishing', 'Website'] },
        ],
      },
      {
        slug: 'ops',
        name: 'Ops',
        description: null,
        public: false,
        company: null,
        vendors: [{ slug: 'slack', components: null }],
      },
    ]);
    expect(config.notifications[0]!.boards).toEqual(['payments']);
    expect(load(vendors).boards).toEqual([]);
  });

  it.each([
    [
      'a vendor not watched, named with the board',
      `${vendors}boards:\n  - slug: payments\n    name: P\n    vendors: [github, stripe]\n`,
      /config error at boards\[0\]\.vendors\[1\]: board "payments" lists vendor "stripe", which is not watched; add it to vendors: or remove it from the board/,
    ],
    [
      'a near miss is suggested',
      `${vendors}boards:\n  - slug: payments\n    name: P\n    vendors: [githb]\n`,
      /vendor "githb", which is not watched \(did you mean "github"\?\)/,
    ],
    [
      'duplicate board slugs',
      `${vendors}boards:\n  - { slug: ops, name: A, vendors: [github] }\n  - { slug: ops, name: B, vendors: [npm] }\n`,
      /config error at boards\[1\]\.slug: duplicate board slug "ops"/,
    ],
    [
      'a vendor twice on a board',
      `${vendors}boards:\n  - { slug: ops, name: A, vendors: [github, { slug: github, components: [API] }] }\n`,
      /boards\[0\]\.vendors\[1\]: board "ops" lists vendor "github" twice/,
    ],
    [
      'a board without vendors',
      `${vendors}boards:\n  - { slug: ops, name: A, vendors: [] }\n`,
      /config error at boards\[0\]\.vendors/,
    ],
    [
      'an empty component list',
      `${vendors}boards:\n  - { slug: ops, name: A, vendors: [{ slug: github, components: [] }] }\n`,
      /config error at boards\[0\]\.vendors\[0\]\.components/,
    ],
    [
      'a bad slug',
      `${vendors}boards:\n  - { slug: Ops Team, name: A, vendors: [github] }\n`,
      /config error at boards\[0\]\.slug: must be lowercase letters, digits and dashes/,
    ],
    [
      'an unknown key',
      `${vendors}boards:\n  - { slug: ops, name: A, vendors: [github], colour: red }\n`,
      /config error at boards\[0\]: unknown key "colour"/,
    ],
    [
      'a company without a web address',
      `${vendors}boards:\n  - { slug: ops, name: A, vendors: [github], company: { name: X, url: "javascript:alert(1)" } }\n`,
      /config error at boards\[0\]\.company\.url: must be an http\(s\) URL/,
    ],
    [
      'a target naming an unknown board',
      `${vendors}boards:\n  - { slug: payments, name: A, vendors: [github] }\nnotifications:\n  - { name: t, type: webhook, url: "https://hooks.example/x", boards: [paymnets] }\n`,
      /config error at notifications\[0\]\.boards: target "t" names board "paymnets", which does not exist \(did you mean "payments"\?\); boards: payments/,
    ],
    [
      'a target naming a board when there are none',
      `${vendors}notifications:\n  - { name: t, type: webhook, url: "https://hooks.example/x", boards: [ops] }\n`,
      /names board "ops", which does not exist; no board is configured/,
    ],
  ])('refuses %s', (_, text, message) => {
    expect(errorOf(text)).toMatch(message);
  });
});
