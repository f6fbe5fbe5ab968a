import { parseArgs } from "node:util";
import { startFakeOidcProvider } from "../src";

// `pnpm --filter @latch/fake-oidc start --port 4010 --email ann@example.com`, then run
// the app with the variables printed below: "Continue with Local ID" signs in that person.
const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4010" },
    sub: { type: "string", default: "local-person-1" },
    email: { type: "string", default: "person@example.com" },
    unverified: { type: "boolean", default: false },
  },
  // pnpm passes a separating "--" through to the script.
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
});
const provider = await startFakeOidcProvider({ port: Number(values.port) });
provider.signInAs({ sub: values.sub, email: values.email, email_verified: !values.unverified });
console.log(`fake OpenID provider at ${provider.url}, signing in ${values.email} as ${values.sub}`);
console.log(
  [
    "OIDC_PROVIDERS=local",
    `OIDC_LOCAL_ISSUER=${provider.url}`,
    "OIDC_LOCAL_CLIENT_ID=latch-dev",
    "OIDC_LOCAL_CLIENT_SECRET=latch-dev-secret",
    "OIDC_LOCAL_NAME=Local ID",
  ].join("\n"),
);
