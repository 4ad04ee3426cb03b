// `/boards`: every board of the config file with its status, what it holds and where it is
// served; without boards, how to add one.
import type { FC } from 'hono/jsx';
import type { ComponentStatus } from '../../../domain/vocabulary.js';
import { plural } from '../shared/format.js';
import { Layout, type AssetUrls } from '../shared/layout.js';
import { StatusBadge } from '../shared/parts.js';

export interface BoardSummary {
  slug: string;
  name: string;
  description: string | null;
  public: boolean;
  status: ComponentStatus;
  vendorCount: number;
  /** Board vendors not fully operational on the board's components. */
  affected: number;
}

const example = `boards:
  - slug: payments
    name: Payments
    description: What checkout depends on
    public: true          # serves /status/payments to anyone
    company: { name: Example Ltd, url: https://example.com }
    vendors:
      - stripe
      - slug: aws
        components: [Amazon EC2 (eu-west-1)]`;

export const BoardsPage: FC<{ boards: readonly BoardSummary[]; assets: AssetUrls }> = ({
  boards,
  assets,
}) => (
  <Layout title="Boards" assets={assets} current="boards">
    <h1>Boards</h1>
    <p class="note">
      A board is a named selection of vendors and their components, with its own dashboard, feeds,
      calendar, Statuspage-compatible API and, when public, a status page for your customers.
    </p>
    {boards.length === 0 ? (
      <div class="empty-state">
        <p>
          No board is configured yet. Add a <code>boards:</code> list to the configuration file
          (each vendor must be in <code>vendors:</code>), then restart vendorwatch:
        </p>
        <pre>
          <code>{example}</code>
        </pre>
      </div>
    ) : (
      <div class="table-wrap">
        <table class="stack-table">
          <caption class="visually-hidden">Boards</caption>
          <thead>
            <tr>
              <th scope="col">Board</th>
              <th scope="col">Status</th>
              <th scope="col">Vendors</th>
              <th scope="col">Status page</th>
            </tr>
          </thead>
          <tbody>
            {boards.map((board) => (
              <tr data-board={board.slug}>
                <td>
                  <a href={`/boards/${encodeURIComponent(board.slug)}`}>{board.name}</a>
                  {board.description && <p class="note">{board.description}</p>}
                </td>
                <td data-label="Status">
                  <StatusBadge status={board.status} />
                </td>
                <td data-label="Vendors">
                  {plural(board.vendorCount, 'vendor')}
                  {board.affected > 0 && <>, {board.affected} affected</>}
                </td>
                <td data-label="Status page">
                  {board.public ? (
                    <a href={`/status/${encodeURIComponent(board.slug)}`}>Public</a>
                  ) : (
                    <span class="note">Private (signed-in people only)</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
  </Layout>
);
