import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createScriptTranslator, withoutUpstashOnlyFlags } from "./lua-scripts";

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

describe("Upstash-only script flags", () => {
  it("drops allow-key-locking and keeps the flags Redis knows", () => {
    expect(withoutUpstashOnlyFlags("#!lua flags=allow-key-locking\nreturn 1")).toBe(
      "#!lua\nreturn 1",
    );
    expect(withoutUpstashOnlyFlags("#!lua flags=no-writes,allow-key-locking\nreturn 1")).toBe(
      "#!lua flags=no-writes\nreturn 1",
    );
    expect(withoutUpstashOnlyFlags("return 1")).toBe("return 1");
  });

  it("lets EVALSHA with the client's hash reach the edited script once it was sent", () => {
    const translator = createScriptTranslator();
    const script = "#!lua flags=allow-key-locking\nreturn 1";
    expect(translator.translate(["evalsha", sha1(script), "0"])).toEqual([
      "evalsha",
      sha1(script),
      "0",
    ]);
    expect(translator.translate(["EVAL", script, "0"])).toEqual(["EVAL", "#!lua\nreturn 1", "0"]);
    expect(translator.translate(["evalsha", sha1(script), "0"])).toEqual([
      "evalsha",
      sha1("#!lua\nreturn 1"),
      "0",
    ]);
  });
});
