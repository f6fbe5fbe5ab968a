// Prints fresh production secrets in .env form: an AUTH_SECRET and an Ed25519 JWT_PRIVATE_KEY.
import { randomBytes } from "node:crypto";
import { generateSigningKey } from "@latch/auth";

const signingKey = await generateSigningKey();
console.log(`AUTH_SECRET=${randomBytes(32).toString("base64url")}`);
console.log(`JWT_PRIVATE_KEY='${JSON.stringify(signingKey.privateJwk)}'`);
