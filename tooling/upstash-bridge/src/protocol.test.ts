import { describe, expect, it } from "vitest";
import { encodeReply, parseBatchBody, parseCommandBody } from "./protocol";

const bytes = (text: string) => Buffer.from(text, "utf8");
const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

describe("Upstash reply encoding", () => {
  it("base64-encodes string replies from their exact bytes when asked to", () => {
    expect(encodeReply(bytes("héllo 🎉"), true)).toBe(b64("héllo 🎉"));
    expect(encodeReply(Buffer.from([0xff, 0x00]), true)).toBe("/wA=");
  });

  it("sends strings as plain UTF-8 without the encoding header", () => {
    expect(encodeReply(bytes("héllo 🎉"), false)).toBe("héllo 🎉");
    expect(encodeReply([bytes("a"), [bytes("b")]], false)).toEqual(["a", ["b"]]);
  });

  it("leaves integers and nulls alone, at any depth", () => {
    expect(encodeReply(7, true)).toBe(7);
    expect(encodeReply(null, true)).toBeNull();
    expect(encodeReply([1, null, [2, null]], true)).toEqual([1, null, [2, null]]);
  });

  it("passes a top-level OK through, as the client's decoder expects", () => {
    expect(encodeReply(bytes("OK"), true)).toBe("OK");
  });

  it("encodes OK inside an array, where the client base64-decodes every string", () => {
    expect(encodeReply([bytes("OK"), bytes("x")], true)).toEqual([b64("OK"), b64("x")]);
    expect(encodeReply([[bytes("OK")]], true)).toEqual([[b64("OK")]]);
  });
});

describe("Upstash request bodies", () => {
  it("accept a command array and turn numbers and booleans into strings", () => {
    expect(parseCommandBody(["set", "k", "v", "ex", 60])).toEqual({
      ok: true,
      value: ["set", "k", "v", "ex", "60"],
    });
    expect(parseCommandBody(["echo", true, 1.5])).toEqual({
      ok: true,
      value: ["echo", "true", "1.5"],
    });
  });

  it.each([
    ["an object", { command: "get" }],
    ["an empty array", []],
    ["a string", "get k"],
    ["a command without a name", [1, "k"]],
    ["a nested array", [["get", "k"]]],
    ["a null argument", ["get", null]],
    ["an object argument", ["set", "k", { a: 1 }]],
  ])("refuse %s as a single command, with an ERR message", (_, body) => {
    const parsed = parseCommandBody(body);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(/^ERR /);
  });

  it("accept a pipeline of command arrays", () => {
    expect(
      parseBatchBody([
        ["set", "k", "1"],
        ["incr", "k"],
      ]),
    ).toEqual({
      ok: true,
      value: [
        ["set", "k", "1"],
        ["incr", "k"],
      ],
    });
  });

  it.each([
    ["an empty array", []],
    ["a single command", ["get", "k"]],
    ["an empty command", [["get", "k"], []]],
    ["an object", { commands: [] }],
  ])("refuse %s as a pipeline and name the bad command", (_, body) => {
    const parsed = parseBatchBody(body);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(/^ERR /);
  });
});
