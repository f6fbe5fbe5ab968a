// A second app beside Latch, as a developer would write one: it signs a
// person up, activates the account with the emailed link (pasted here),
// logs in, calls Latch and a protected service with the access token, and
// logs out, after which the service (asking Latch) refuses that token.
import { stdin, stdout } from "node:process";
import { createInterface } from "node:readline/promises";
import { createLatchClient, latchErrorReason } from "@latch/client";

const latchUrl = process.env.LATCH_URL ?? "http://localhost:3000";
const serviceUrl = process.env.SERVICE_URL ?? "http://127.0.0.1:4000";
const email = process.env.EMAIL ?? "ann@example.com";
const password = process.env.PASSWORD ?? "correct horse battery staple";

const latch = createLatchClient({ url: latchUrl });

async function ask(question: string): Promise<string> {
  const prompt = createInterface({ input: stdin, output: stdout });
  try {
    return (await prompt.question(question)).trim();
  } finally {
    prompt.close();
  }
}

/** Logs in, with the second step when the account has one (a code from an authenticator app). */
async function logIn(): Promise<string> {
  const answer = await latch.api.auth.login.mutate({ email, password });
  if (!("ticket" in answer)) return answer.user.email;
  const code = await ask("Code from your authenticator app: ");
  return (await latch.api.auth.completeLogin.mutate({ ticket: answer.ticket, code })).user.email;
}

async function callService(accessToken: string | null): Promise<string> {
  const response = await fetch(`${serviceUrl}/hello`, {
    headers: accessToken ? { authorization: `Bearer ${accessToken}` } : {},
  });
  return `${response.status} ${await response.text()}`;
}

async function main(): Promise<void> {
  const signedUp = await latch.api.auth.signup.mutate({ email, password });
  console.log(`signed up: ${signedUp.email}, ${signedUp.status}`);

  const link = await ask(`Paste the activation link sent to ${email}: `);
  const key = new URL(link).pathname.split("/").pop() ?? "";
  const activated = await latch.api.auth.activate.mutate({ key, password });
  console.log(`activated: ${activated.user.email}`);
  await latch.logout();

  console.log(`logged in: ${await logIn()}`);
  const me = await latch.api.auth.me.query();
  console.log(`latch says: ${me.user.email}`);
  const accessToken = await latch.accessToken();
  console.log(`service says: ${await callService(accessToken)}`);

  await latch.logout();
  console.log(`after logout, service says: ${await callService(accessToken)}`);
}

main().catch((error: unknown) => {
  console.error(`failed: ${latchErrorReason(error) ?? String(error)}`);
  process.exitCode = 1;
});
