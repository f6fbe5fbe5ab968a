import { html, SafeHtml } from "./escape-html";

export interface LayoutContent {
  appName: string;
  /** The document title; mail clients show it when the email is opened in a browser. */
  title: string;
  /** The line most inboxes show next to the subject. */
  preheader: string;
  heading: string;
  /** Plain-text paragraphs before the button. */
  intro: readonly string[];
  button: { label: string; url: string };
  /** Plain-text paragraphs after the button: expiry, "not you?". */
  outro: readonly string[];
}

export interface RenderedEmail {
  html: string;
  text: string;
}

// Mail clients drop <style> blocks and web fonts unevenly, so everything is
// inline and the fonts are ones every system already has.
const font = "-apple-system, BlinkMacSystemFont, Segoe UI, Roboto, Helvetica, Arial, sans-serif";
const muted = "#52525b";
const accent = "#2548c4";

// Without filler, inbox previews continue past the preheader into the body text.
const previewFiller = new SafeHtml("&#847;&zwnj;&nbsp;".repeat(60));

/**
 * Escaping keeps markup out of an href, but not a `javascript:` or `data:`
 * URL; the links we mail are always web pages, so anything else is a bug.
 */
export function assertWebLink(url: string): string {
  if (!/^https?:\/\/[^\s]+$/i.test(url)) {
    throw new TypeError("email links must be absolute http(s) URLs without whitespace");
  }
  return url;
}

/** One content, two parts: the text part carries the same words and the same link. */
export function renderLayout(content: LayoutContent): RenderedEmail {
  const url = assertWebLink(content.button.url);
  return { html: renderHtml(content, url), text: renderText(content, url) };
}

function renderText(content: LayoutContent, url: string): string {
  return [
    content.heading,
    ...content.intro,
    `${content.button.label}: ${url}`,
    ...content.outro,
    `-- \n${content.appName}`,
  ].join("\n\n");
}

function paragraphs(lines: readonly string[]): SafeHtml[] {
  return lines.map((line) => html`<p style="margin:0 0 16px;">${line}</p>\n`);
}

function renderHtml(content: LayoutContent, url: string): string {
  const { appName, title, preheader, heading, intro, button, outro } = content;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="x-apple-disable-message-reformatting">
<title>${title}</title>
</head>
<body style="margin:0;padding:0;background-color:#f4f4f5;">
<div style="display:none;max-height:0;max-width:0;overflow:hidden;opacity:0;mso-hide:all;font-size:1px;line-height:1px;color:#f4f4f5;">${preheader}${previewFiller}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f4f4f5;">
<tr><td align="center" style="padding:32px 16px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;background-color:#ffffff;border-radius:8px;">
<tr><td style="padding:32px;font-family:${font};font-size:16px;line-height:24px;color:#18181b;">
<p style="margin:0 0 24px;font-size:14px;font-weight:600;color:${muted};">${appName}</p>
<h1 style="margin:0 0 16px;font-size:22px;line-height:30px;font-weight:600;">${heading}</h1>
${paragraphs(intro)}<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 24px;">
<tr><td style="border-radius:6px;background-color:${accent};">
<a href="${url}" target="_blank" style="display:inline-block;padding:12px 24px;font-family:${font};font-size:16px;font-weight:600;color:#ffffff;text-decoration:none;border-radius:6px;">${button.label}</a>
</td></tr>
</table>
<p style="margin:0 0 8px;font-size:14px;color:${muted};">If the button does not work, copy this link into your browser:</p>
<p style="margin:0 0 24px;font-size:14px;word-break:break-all;"><a href="${url}" target="_blank" style="color:${accent};">${url}</a></p>
${paragraphs(outro)}</td></tr>
</table>
<p style="margin:16px 0 0;font-family:${font};font-size:12px;color:${muted};">Sent by ${appName}</p>
</td></tr>
</table>
</body>
</html>
`.value;
}
