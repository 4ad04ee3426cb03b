// The management pages' own navigation, one list so each page names every other.
import type { FC } from 'hono/jsx';

const entries = [
  { key: 'vendors', href: '/manage/vendors', label: 'Watch list' },
  { key: 'targets', href: '/manage/targets', label: 'Notification targets' },
  { key: 'users', href: '/manage/users', label: 'Users' },
  { key: 'audit', href: '/manage/audit', label: 'Audit log' },
] as const;

export const ManageNav: FC<{ current: (typeof entries)[number]['key'] }> = ({ current }) => (
  <nav class="sub-nav" aria-label="Management">
    {entries.map((entry) => (
      <a href={entry.href} aria-current={entry.key === current ? 'page' : undefined}>
        {entry.label}
      </a>
    ))}
  </nav>
);
