import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientAddress, clientAddressesKnown, clientIp } from "./ip";
import { SOCKET_ADDRESS_HEADER, socketAddressStamped, stampSocketAddresses } from "./socket-address";

const forged = { "x-forwarded-for": "6.6.6.6", [SOCKET_ADDRESS_HEADER]: "7.7.7.7", "x-real-ip": "8.8.8.8" };

/** What a handler behind the stamped server is told, for a request sent from `localAddress`. */
function seenFrom(url: string, localAddress: string, headers: Record<string, string> = {}) {
  return new Promise<string | null>((resolve, reject) => {
    http.get(url, { localAddress, headers }, (res) => {
      let body = "";
      res.on("data", (chunk) => (body += chunk)).on("end", () => resolve(body || null));
    }).on("error", reject);
  });
}

describe("the client's address", () => {
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    // A server that existed before the stamp was installed is stamped too (Next creates its own first).
    server = http.createServer((req, res) => res.end(clientIp(new Headers(req.headers as Record<string, string>)) ?? ""));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it("is unknown without a proxy until the server stamps the socket's address; a client's header is never taken", async () => {
    expect(socketAddressStamped()).toBe(false);
    expect(clientAddressesKnown()).toBe(false);
    expect(clientIp(new Headers(forged))).toBeNull();
    expect(await seenFrom(url, "127.0.0.2", forged)).toBeNull();

    stampSocketAddresses();
    expect(clientAddressesKnown()).toBe(true);
    // Loopback aliases are distinct clients; forged X-Forwarded-For and our own header change nothing.
    expect(await seenFrom(url, "127.0.0.2", forged)).toBe("127.0.0.2");
    expect(await seenFrom(url, "127.0.0.3", forged)).toBe("127.0.0.3");
    expect(await seenFrom(url, "127.0.0.1")).toBe("127.0.0.1");
  });

  it("reads IPv4-mapped IPv6 as IPv4, counts IPv6 by its /64, and refuses what is no address", () => {
    const stamped = (address: string) => new Headers({ [SOCKET_ADDRESS_HEADER]: address });
    expect(clientIp(stamped("::ffff:203.0.113.9"))).toBe("203.0.113.9");
    expect(clientIp(stamped("2001:db8:1:2:aaaa::1"))).toBe("2001:0db8:0001:0002::/64");
    expect(clientIp(stamped("2001:db8:1:2:ffff:ffff:ffff:ffff"))).toBe("2001:0db8:0001:0002::/64");
    expect(clientAddress(stamped("2001:db8:1:2:aaaa::1"))).toBe("2001:db8:1:2:aaaa::1");
    expect(clientIp(stamped("not an address; drop table"))).toBeNull();
  });
});
