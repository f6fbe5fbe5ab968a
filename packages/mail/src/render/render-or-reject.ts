import { type Notice, NoticeRejected } from "@latch/auth/ports";
import type { Branding } from "../branding";
import type { EmailMessage } from "../email-message";
import { renderNotice } from "./render-notice";

/**
 * For senders: a notice that cannot be rendered (a link that is not http(s))
 * will not render on a retry either, so the outbox is told to give up on it.
 */
export async function renderOrReject(notice: Notice, branding: Branding): Promise<EmailMessage> {
  try {
    return await renderNotice(notice, branding);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new NoticeRejected(`the "${notice.kind}" notice could not be rendered: ${reason}`, {
      cause: error,
    });
  }
}
