// A webhook receiver beside the fake vendors, so the offline demo has somewhere to notify:
// vendorwatch's webhook target POSTs to /_sim/inbox, the simulator keeps what arrived (GET
// /_sim/inbox) and `vendorwatch simulate` prints one line per delivery.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface InboxRecord {
  /** Epoch ms when the delivery arrived. */
  at: number;
  /** X-Vendorwatch-Event and X-Vendorwatch-Delivery, as sent. */
  event: string | null;
  delivery: string | null;
  vendor: string | null;
  /** The incident's title, or the component's name, when the payload has one. */
  subject: string | null;
}

/** A demo's worth: the oldest are dropped past this. */
const keep = 1000;
const maxBodyBytes = 1024 * 1024;

export class Inbox {
  private readonly records: InboxRecord[] = [];

  constructor(private readonly onDelivery?: (record: InboxRecord) => void) {}

  all(): InboxRecord[] {
    return [...this.records];
  }

  receive(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > maxBodyBytes) return void res.writeHead(413).end();
      const record = recordOf(req, Buffer.concat(chunks).toString('utf8'));
      this.records.push(record);
      if (this.records.length > keep) this.records.shift();
      this.onDelivery?.(record);
      res.writeHead(204).end();
    });
  }
}

function recordOf(req: IncomingMessage, body: string): InboxRecord {
  const header = (name: string) => {
    const value = req.headers[name];
    return typeof value === 'string' ? value : null;
  };
  let payload: {
    vendor?: { slug?: unknown };
    incident?: { title?: unknown };
    component?: { name?: unknown };
  } = {};
  try {
    payload = JSON.parse(body) as typeof payload;
  } catch {
    // Not vendorwatch's webhook JSON (another channel's format): the headers still say enough.
  }
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    at: Date.now(),
    event: header('x-vendorwatch-event'),
    delivery: header('x-vendorwatch-delivery'),
    vendor: text(payload.vendor?.slug),
    subject: text(payload.incident?.title) ?? text(payload.component?.name),
  };
}
