import { describe, expect, it } from "vitest";
import { escapeHtml, html, SafeHtml } from "./escape-html";

describe("escapeHtml", () => {
  it("turns every character that can open a tag or close an attribute into an entity", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
  });

  it("leaves ordinary text alone", () => {
    expect(escapeHtml("ann@example.com, 15 minutes")).toBe("ann@example.com, 15 minutes");
  });

  it("escapes an ampersand once, so existing entities stay visible as text", () => {
    expect(escapeHtml("&lt;")).toBe("&amp;lt;");
  });
});

describe("the html template tag", () => {
  it("escapes interpolated strings but not the markup written around them", () => {
    const name = "<script>alert(1)</script>";
    expect(html`<p title="${name}">${name}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(1)&lt;/script&gt;">&lt;script&gt;alert(1)&lt;/script&gt;</p>',
    );
  });

  it("inserts nested fragments and lists of fragments without escaping them twice", () => {
    const items = ["a&b", "<c>"].map((item) => html`<li>${item}</li>`);
    expect(html`<ul>${items}</ul>${new SafeHtml("&nbsp;")}${3}`.value).toBe(
      "<ul><li>a&amp;b</li><li>&lt;c&gt;</li></ul>&nbsp;3",
    );
  });
});
