import { WebhookRefused } from "@latch/auth/ports";
import { describe, expect, it } from "vitest";
import { refusalOf } from "./address-policy";
import { resolveAllowed } from "./resolve";

const refused = (address: string) => refusalOf(address, false) !== null;

describe("the webhook address policy", () => {
  it.each([
    "127.0.0.1",
    "127.255.0.9",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.1",
    "169.254.1.1",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "192.0.2.10",
  ])("refuses the IPv4 address %s", (address) => {
    expect(refused(address)).toBe(true);
  });

  it.each(["::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "2001:db8::1"])(
    "refuses the IPv6 address %s",
    (address) => {
      expect(refused(address)).toBe(true);
    },
  );

  it.each(["::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:10.0.0.1", "::ffff:169.254.169.254"])(
    "judges the IPv4-mapped address %s by the IPv4 address it carries",
    (address) => {
      expect(refused(address)).toBe(true);
    },
  );

  it("refuses IPv6 ranges that embed an IPv4 address (6to4, NAT64, Teredo)", () => {
    for (const address of ["2002:7f00:1::1", "64:ff9b::7f00:1", "2001:0:4136:e378::1"]) {
      expect(refused(address), address).toBe(true);
    }
  });

  it("allows public addresses", () => {
    for (const address of ["93.184.215.14", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8"]) {
      expect(refusalOf(address, false), address).toBeNull();
    }
  });

  it("refuses cloud metadata addresses even where private networks are allowed", () => {
    for (const address of [
      "169.254.169.254",
      "fd00:ec2::254",
      "fd00:ec2:0::254",
      "::ffff:169.254.169.254",
      "168.63.129.16",
      "100.100.100.200",
    ]) {
      expect(refusalOf(address, true), address).toMatch(/metadata/);
    }
    expect(refusalOf("127.0.0.1", true)).toBeNull();
    expect(refusalOf("10.0.0.1", true)).toBeNull();
  });
});

describe("resolving a webhook URL", () => {
  const noDns = async () => {
    throw new Error("an IP literal must not be looked up");
  };

  it.each([
    "http://127.0.0.1:8080/hook",
    "http://2130706433/",
    "http://0x7f.0.0.1/",
    "http://0177.0.0.1/",
    "http://127.1/",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:7f00:1]/",
    "https://169.254.169.254/latest/meta-data/",
  ])("refuses %s as written, without a DNS lookup", async (url) => {
    await expect(resolveAllowed(new URL(url), noDns, false)).rejects.toBeInstanceOf(WebhookRefused);
  });

  it("refuses a host when any of its addresses is refused", async () => {
    const resolve = async () => [
      { address: "93.184.215.14", family: 4 as const },
      { address: "10.0.0.7", family: 4 as const },
    ];
    await expect(
      resolveAllowed(new URL("https://hooks.example.com/"), resolve, false),
    ).rejects.toThrow(/hooks\.example\.com: 10\.0\.0\.7 is not a public address/);
  });

  it("refuses localhost through the system resolver", async () => {
    const { systemResolve } = await import("./resolve");
    await expect(
      resolveAllowed(new URL("http://localhost:3000/"), systemResolve, false),
    ).rejects.toBeInstanceOf(WebhookRefused);
  });

  it("answers the first address of a host whose addresses all pass", async () => {
    const resolve = async () => [
      { address: "2606:4700::1111", family: 6 as const },
      { address: "1.1.1.1", family: 4 as const },
    ];
    expect(await resolveAllowed(new URL("https://hooks.example.com/"), resolve, false)).toEqual({
      address: "2606:4700::1111",
      family: 6,
    });
  });

  it("refuses anything but http(s)", async () => {
    await expect(resolveAllowed(new URL("ftp://8.8.8.8/"), noDns, false)).rejects.toThrow(
      /not http/,
    );
  });
});
