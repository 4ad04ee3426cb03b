// Small pieces shared by the pages. Every badge carries its words, so colour is never the only cue.
import type { Child, FC } from 'hono/jsx';
import type { ComponentStatus, Impact, Phase, VendorHealth } from '../../../domain/vocabulary.js';
import {
  formatAgo,
  formatUtc,
  healthLabels,
  impactLabels,
  phaseLabels,
  statusLabels,
} from './format.js';

/** An instant in UTC; app.js shows it in the reader's zone (data-local) where JavaScript runs. */
export const Time: FC<{ at: string }> = ({ at }) => (
  <time datetime={at} data-local="">
    {formatUtc(at)}
  </time>
);

/** `12 s ago`, kept current by app.js (data-ago); the exact time is in the tooltip. */
export const Ago: FC<{ at: string; now: string }> = ({ at, now }) => (
  <time datetime={at} data-ago="" title={formatUtc(at)}>
    {formatAgo(at, now)}
  </time>
);

export const StatusBadge: FC<{ status: ComponentStatus }> = ({ status }) => (
  <span class={`badge status-${status}`} data-status={status}>
    {statusLabels[status]}
  </span>
);

export const ImpactBadge: FC<{ impact: Impact }> = ({ impact }) => (
  <span class={`badge impact-${impact}`}>{impactLabels[impact]}</span>
);

/** Each phase has its own word, tint and icon (drawn by app.css, so the markup stays text). */
export const PhaseBadge: FC<{ phase: Phase }> = ({ phase }) => (
  <span class={`badge phase phase-${phase}`} data-phase={phase}>
    {phaseLabels[phase]}
  </span>
);

export const HealthBadge: FC<{ health: VendorHealth }> = ({ health }) => (
  <span class={`badge health-${health}`}>{healthLabels[health]}</span>
);

/** A link out of vendorwatch to a page the vendor controls. */
export const ExternalLink: FC<{ href: string; children?: Child }> = ({ href, children }) => (
  <a href={href} rel="noopener noreferrer nofollow" class="external">
    {children}
  </a>
);
