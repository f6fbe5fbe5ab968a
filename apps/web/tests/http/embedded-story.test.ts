import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "./support/app";
import { raw } from "./support/client";
import { runAuthStory } from "./support/story";

/** No DATABASE_URL, no Upstash, no Resend: what a newcomer gets with zero setup. */
describe("the auth story on the embedded defaults", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ ALLOW_EMBEDDED_SERVICES: "true" });
  });
  afterAll(() => app?.stop());

  it("announces which embedded parts it runs on", async () => {
    await app.waitForOutput(/key store: development store/);
    expect(app.output()).toMatch(/database:\s+embedded PostgreSQL \(PGlite\)/);
    expect(app.output()).toMatch(/mail:\s+development mailbox/);
    expect(app.output()).toMatch(/passwords: common-password list; breached-password check off/);
  });

  it("runs as pnpm start runs it: compiled JavaScript on plain node, no TypeScript loader", () => {
    const web = JSON.parse(readFileSync(join(import.meta.dirname, "../../package.json"), "utf8"));
    expect(web.scripts.start).toMatch(/^(\w+=\S+ )*node dist\/server\.js$/);
    expect(web.dependencies).not.toHaveProperty("tsx");
    const argv = readFileSync(`/proc/${app.pid}/cmdline`, "utf8").split("\0").filter(Boolean);
    expect(argv).toEqual([process.execPath, "dist/server.js"]);
  });

  it("signs up, activates through the printed link, and runs the token lifecycle", async () => {
    await runAuthStory({
      url: app.url,
      activationLink: async (email) => {
        const escaped = email.replace(/[.+]/g, "\\$&");
        const block = new RegExp(`to=${escaped}[\\s\\S]*?(http://\\S+/activate/[A-Za-z0-9_-]{32})`);
        return (await app.waitForOutput(block))[1] ?? "";
      },
    });
  });

  it("publishes its signing key at /.well-known/jwks.json", async () => {
    const response = await raw(app.url, { path: "/.well-known/jwks.json" });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ keys: [{ kty: "OKP", crv: "Ed25519", alg: "EdDSA" }] });
    expect(response.text).not.toContain('"d"');
  });
});
