// `npm run dev` and `npm start`: the setup (scripts/setup.mjs: a secret on the first run, the
// database brought up to date) and then Next, in one Node process. As npm's pre-scripts this
// took two more npm runs and a second Node start: 1.56× `next start`'s time to the first answer.
// Arguments after the command go to Next: `npm start -- -p 8080`.
import "./setup.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
// The build also writes the standalone server (next.config.ts); `next start` serving .next is
// still right here, so Next's warning that it "does not work" with that setting is left out.
const warn = console.warn;
console.warn = (...args) => (/does not work with "output: standalone"/.test(args.map(String).join(" ")) ? undefined : warn(...args));
process.argv = [process.argv[0], "next", ...process.argv.slice(2)];
await import("next/dist/bin/next");
