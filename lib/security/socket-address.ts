import http from "node:http";
import https from "node:https";

// Next's handlers never see the socket, so the server stamps each request with its peer's address
// in a header of ours before Next reads it. The stamp always replaces whatever a client sent
// under that name; where no stamp can be made (a platform with no socket of ours), the header is
// ignored, because nothing removed a client's copy.

export const SOCKET_ADDRESS_HEADER = "x-chatbot-factory-socket-address";
const INSTALLED = Symbol.for("chatbot-factory.socket-address");

type Marked = typeof globalThis & { [INSTALLED]?: boolean };

/** Whether this process stamps requests with their socket's address. */
export const socketAddressStamped = () => (globalThis as Marked)[INSTALLED] === true;

/** Installs the stamp on every HTTP(S) server of this process, those already listening included. */
export function stampSocketAddresses() {
  if (socketAddressStamped()) return;
  for (const Server of [http.Server, https.Server]) {
    const emit = Server.prototype.emit;
    Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
      if (event === "request") {
        const request = args[0] as http.IncomingMessage;
        const address = request.socket?.remoteAddress;
        if (address) request.headers[SOCKET_ADDRESS_HEADER] = address;
        else delete request.headers[SOCKET_ADDRESS_HEADER];
      }
      return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
    } as typeof emit;
  }
  (globalThis as Marked)[INSTALLED] = true;
}
