// Runs once when a server starts (npm start, next start, the standalone server.js, next dev),
// before it takes requests.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { stampSocketAddresses } = await import("./lib/security/socket-address");
    stampSocketAddresses();
  }
}
