export { createWebhookSender } from "./sender";
