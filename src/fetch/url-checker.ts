// The fetcher's address guard: checkUrl's verdicts, with the work that cannot change between polls
// done once. A poll fetches the same URLs every time: an address's verdict depends only on its text
// under the fetcher's fixed policy, and a name's answers only change when its cached DNS answer does.
// DNS is still asked through the AddressBook (its TTL), so a host that starts resolving to a private
// address is refused on its next request, and the pinned agent still judges every connection's peer.
import {
  addressVerdict,
  checkUrlSyntax,
  judgeHost,
  unresolved,
  type AddressPolicy,
  type AddressVerdict,
  type UrlCheck,
} from './address-guard.js';
import type { AddressBook } from './pinned-agent.js';

// One verdict per address seen: vendors' hosts, redirect targets, DNS answers.
const maxAddressVerdicts = 20_000;

export class UrlChecker {
  private readonly verdicts = new Map<string, AddressVerdict>();
  /** A name's judged answers, by the AddressBook's answer itself: gone when the book drops it. */
  private readonly judgedAnswers = new WeakMap<readonly string[], Map<string, UrlCheck>>();
  private readonly verdictOf = (address: string): AddressVerdict => this.verdict(address);

  /** `policy` must not change afterwards; its resolve() must go through `book`. */
  constructor(
    private readonly policy: Readonly<AddressPolicy>,
    private readonly book: AddressBook,
  ) {}

  /**
   * checkUrl(rawUrl, policy)'s verdict. Synchronous when no lookup is needed: a literal address,
   * or a name whose cached DNS answer has arrived.
   */
  check(rawUrl: string): UrlCheck | Promise<UrlCheck> {
    const syntax = checkUrlSyntax(rawUrl);
    if (!syntax.ok) return syntax;
    const { url, host } = syntax;
    if (host.kind === 'ip') return judgeHost(url, host, null, this.verdictOf);
    const answers = this.book.settled(host.name);
    if (answers) return this.judged(url, host, answers);
    return this.book.resolve(host.name).then(
      (resolved) => this.judged(url, host, resolved),
      (error: unknown) => unresolved(host.name, error),
    );
  }

  /** The verdict on a name's answers, judged once per answer and host (the URL is this one's). */
  private judged(url: URL, host: { kind: 'name'; name: string }, answers: string[]): UrlCheck {
    let byHost = this.judgedAnswers.get(answers);
    if (!byHost) {
      byHost = new Map();
      this.judgedAnswers.set(answers, byHost);
    }
    let check = byHost.get(host.name);
    if (!check) {
      check = judgeHost(url, host, answers, this.verdictOf);
      byHost.set(host.name, check);
    }
    // The addresses (and the refusal) are the host's; the URL is the one asked about.
    return check.ok ? { ok: true, url, addresses: check.addresses } : check;
  }

  private verdict(address: string): AddressVerdict {
    let verdict = this.verdicts.get(address);
    if (!verdict) {
      verdict = addressVerdict(address, this.policy);
      if (this.verdicts.size >= maxAddressVerdicts) {
        this.verdicts.delete(this.verdicts.keys().next().value!);
      }
      this.verdicts.set(address, verdict);
    }
    return verdict;
  }
}
