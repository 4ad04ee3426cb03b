// A webhook receiver in its own process, as a team's endpoint would be: answers 200 at once and
// records when each delivery arrived. The bench asks for the records when the run is over.
import { Buffer } from 'node:buffer';
import { createServer } from 'node:http';

const deliveries = [];

const server = createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const receivedAt = Date.now();
    let body = null;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      // Recorded without a body: the bench counts it as malformed.
    }
    deliveries.push({
      receivedAt,
      key: request.headers['x-vendorwatch-delivery'] ?? null,
      signed: typeof request.headers['x-vendorwatch-signature'] === 'string',
      type: body?.type ?? null,
      eventId: body?.id ?? null,
      incidentId: body?.incident?.id ?? null,
      vendorSlug: body?.vendor?.slug ?? null,
    });
    response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  });
});

process.on('disconnect', () => process.exit(0));
process.on('message', (message) => {
  if (message?.type === 'deliveries') process.send?.({ type: 'deliveries', deliveries });
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  process.send?.({ type: 'ready', url: `http://127.0.0.1:${port}/hook` });
});
