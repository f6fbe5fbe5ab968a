import { once } from "node:events";
import { Agent, createServer, request as httpRequest } from "node:http";
import { type AddressInfo, connect } from "node:net";
import { describe, expect, it } from "vitest";
import { toFetchRequest, writeFetchResponse } from "./fetch-bridge";

/** A real Node server whose handler goes through the bridge both ways. */
async function serve(handler: (request: Request) => Promise<Response>) {
  const server = createServer((req, res) => {
    void handler(toFetchRequest(req)).then((answer) => writeFetchResponse(answer, res));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

describe("the Node ↔ fetch bridge of the Node listener", () => {
  it("carries method, path, headers and body in, and status, headers, cookies and body out", async () => {
    let seen: { method: string; path: string; type: string | null; body: string } | undefined;
    const server = await serve(async (request) => {
      seen = {
        method: request.method,
        path: new URL(request.url).pathname + new URL(request.url).search,
        type: request.headers.get("content-type"),
        body: await request.text(),
      };
      const headers = new Headers({ "content-type": "application/json", "x-request-id": "r1" });
      headers.append("set-cookie", "a=1; Path=/");
      headers.append("set-cookie", "b=2; Path=/");
      return new Response('{"ok":true}', { status: 201, headers });
    });
    try {
      const response = await fetch(`${server.url}/api/trpc/auth.login?x=1`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: '{"email":"a@example.com"}',
      });
      expect(seen).toEqual({
        method: "POST",
        path: "/api/trpc/auth.login?x=1",
        type: "application/json",
        body: '{"email":"a@example.com"}',
      });
      expect(response.status).toBe(201);
      expect(response.headers.get("x-request-id")).toBe("r1");
      expect(response.headers.getSetCookie()).toEqual(["a=1; Path=/", "b=2; Path=/"]);
      expect(await response.text()).toBe('{"ok":true}');
    } finally {
      server.close();
    }
  });

  it("keeps a proxy's X-Forwarded-For, and sets the socket's address when there is none", async () => {
    const forwarded: (string | null)[] = [];
    const server = await serve(async (request) => {
      forwarded.push(request.headers.get("x-forwarded-for"));
      return new Response(null, { status: 204 });
    });
    try {
      await fetch(server.url, { headers: { "x-forwarded-for": "203.0.113.7" } });
      await fetch(server.url);
      expect(forwarded).toEqual(["203.0.113.7", "127.0.0.1"]);
    } finally {
      server.close();
    }
  });

  /** Reads the first chunk at most, then refuses, as the API does with a body over its limit. */
  const refuseAfterOneChunk = async (request: Request) => {
    const reader = request.body?.getReader();
    await reader?.read();
    await reader?.cancel();
    return new Response('{"reason":"PAYLOAD_TOO_LARGE"}', { status: 413 });
  };

  it("discards a small refused body and keeps the connection for the next request", async () => {
    const server = await serve(refuseAfterOneChunk);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    // The body comes in two parts, so it is still arriving when the handler refuses it.
    const post = (parts: string[]) =>
      new Promise<{ status?: number; connection?: string; port?: number }>((resolve, reject) => {
        const outgoing = httpRequest(`${server.url}/`, { method: "POST", agent }, (incoming) => {
          const port = incoming.socket.localPort;
          incoming.resume().once("end", () =>
            resolve({
              status: incoming.statusCode,
              connection: incoming.headers.connection,
              port,
            }),
          );
        });
        outgoing.once("error", reject);
        outgoing.write(parts[0]);
        setTimeout(() => outgoing.end(parts[1]), 100);
      });
    try {
      const first = await post(["x".repeat(20_000), "x".repeat(50_000)]);
      const second = await post(["{", "}"]);
      expect(first).toMatchObject({ status: 413, connection: "keep-alive" });
      expect(second).toMatchObject({ status: 413, connection: "keep-alive", port: first.port });
    } finally {
      agent.destroy();
      server.close();
    }
  });

  it("answers a large refused body whole with Connection: close, then ends the socket without a reset", async () => {
    const server = await serve(refuseAfterOneChunk);
    const { port } = new URL(server.url);
    const socket = connect(Number(port), "127.0.0.1");
    let received = "";
    let failure: Error | undefined;
    socket.on("data", (chunk: Buffer) => {
      received += chunk.toString();
    });
    socket.on("error", (error) => {
      failure = error;
    });
    const closed = once(socket, "close");
    try {
      await once(socket, "connect");
      socket.write("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 67108864\r\n\r\n");
      // The client goes on sending until the answer comes, as a real upload does.
      const chunk = Buffer.alloc(16 * 1024, "x");
      for (let sent = 0; sent < 256 && !received.includes("\r\n\r\n"); sent++) {
        socket.write(chunk);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      socket.end();
      await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 3_000))]);
      expect(socket.readableEnded, "the server never ended the connection").toBe(true);
      expect(failure).toBeUndefined();
      expect(received).toMatch(/^HTTP\/1\.1 413 /);
      expect(received.toLowerCase()).toContain("connection: close");
      expect(received).toMatch(/\{"reason":"PAYLOAD_TOO_LARGE"\}$/);
    } finally {
      socket.destroy();
      server.close();
    }
  });
});
