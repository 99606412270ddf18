// A bare node:http JSON echo server: the ceiling the proxy's intake is compared with.
import { createServer } from 'node:http';

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { submissionId?: string };
    const out = JSON.stringify({ leadId: body.submissionId, status: 'accepted' });
    res.writeHead(202, { 'content-type': 'application/json' }).end(out);
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address() as { port: number };
  process.stdout.write(`listening on http://127.0.0.1:${address.port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
