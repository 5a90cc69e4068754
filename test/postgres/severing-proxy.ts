import net from 'node:net';

/** A TCP proxy to PostgreSQL whose connections can be severed without the client hearing of it until it speaks. */
export interface SeveringProxy {
  /** `url` with its host and port replaced by the proxy's. */
  url(url: string): string;
  /**
   * End the server side of every open connection, as a server restart or a dropped NAT entry does to an idle one,
   * and keep the client side open and silent: its next query fails ("Connection terminated unexpectedly").
   */
  sever(): void;
  close(): Promise<void>;
}

export async function startSeveringProxy(target: { host: string; port: number }): Promise<SeveringProxy> {
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket; severed: boolean }>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    const pair = { client, upstream, severed: false };
    pairs.add(pair);
    client.on('data', (chunk) => {
      if (pair.severed) client.destroy();
      else upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (!pair.severed) client.write(chunk);
    });
    const done = (): void => {
      pairs.delete(pair);
      if (!pair.severed) client.destroy();
      upstream.destroy();
    };
    upstream.on('close', done);
    upstream.on('error', done);
    client.on('close', () => {
      pairs.delete(pair);
      upstream.destroy();
    });
    client.on('error', () => undefined);
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url(url) {
      const u = new URL(url);
      u.host = `127.0.0.1:${port}`;
      return u.toString();
    },
    sever() {
      for (const pair of pairs) {
        pair.severed = true;
        pair.upstream.destroy();
      }
    },
    async close() {
      for (const pair of pairs) {
        pair.client.destroy();
        pair.upstream.destroy();
      }
      await new Promise<void>((closed) => server.close(() => closed()));
    },
  };
}
