import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
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
});
