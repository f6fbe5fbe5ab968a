import { once } from "node:events";
import { connect, createServer, type Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { serveOneAtATime } from "./one-at-a-time";

/**
 * A server behind the gate that, like PGLiteSocketServer, counts a closed
 * client only some event-loop turns after it closed.
 */
async function slowToNoticeServer(turnsToNotice: number) {
  let clients = 0;
  let accepted = 0;
  const server = createServer((socket: Socket) => {
    clients++;
    accepted++;
    socket.on("error", () => undefined);
    socket.once("close", async () => {
      for (let turn = 0; turn < turnsToNotice; turn++) await sleep(1);
      clients--;
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return {
    port: address.port,
    clients: () => clients,
    accepted: () => accepted,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("serveOneAtATime", () => {
  it("lets the next client through only once the server behind counts none, even after the event loop was blocked past the deadline", async () => {
    const behind = await slowToNoticeServer(50);
    const gate = await serveOneAtATime({
      host: "127.0.0.1",
      port: 0,
      upstreamPort: behind.port,
      upstreamClients: behind.clients,
    });
    const first = connect(gate.port, "127.0.0.1");
    await once(first, "connect");
    while (behind.accepted() < 1) await sleep(1);
    const second = connect(gate.port, "127.0.0.1");
    await once(second, "connect");
    first.destroy();
    // The gate is now waiting for the server behind to notice; then, as the migrator's WASM
    // engine does in this process, the event loop gets no turn for longer than the deadline.
    await sleep(10);
    const blockedUntil = Date.now() + 2_500;
    while (Date.now() < blockedUntil) {}
    let overlapped = false;
    while (behind.accepted() < 2) {
      if (behind.clients() > 1) overlapped = true;
      await sleep(1);
    }
    expect(overlapped).toBe(false);
    expect(behind.clients()).toBe(1);
    second.destroy();
    await gate.close();
    await behind.close();
  });
});
