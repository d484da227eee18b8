import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { ChatbotFormPage, RegisterPage, uniqueUser, type TestUser } from "./pages";

// The deployment paths' tests (standalone, serverless read-only, several instances behind nginx):
// the suite's build made into the standalone folder, copied where nothing else is, and started
// with only the environment a deployment would give it.

/** The standalone server (scripts/standalone.mjs on the suite's build), copied into an empty folder; its path. */
export function standaloneCopy(): { dir: string; remove(): void } {
  execFileSync(process.execPath, ["scripts/standalone.mjs"], { stdio: "ignore" });
  const parent = mkdtempSync(path.join(tmpdir(), "cbf-deploy-"));
  const dir = path.join(parent, "app");
  cpSync(".next/standalone", dir, { recursive: true });
  return { dir, remove: () => rmSync(parent, { recursive: true, force: true }) };
}

export type Server = { url: string; proc: ChildProcess; exited: Promise<number | null>; output(): string; stop(): boolean };

/**
 * `node server.js` in `dir` with this environment and nothing else of the test runner's (PATH
 * and HOME aside); `uid`/`gid` run it as another user. Resolves once /api/health answers, or
 * with the process's output when it exits first.
 */
export async function startStandalone(dir: string, port: number, env: Record<string, string>, user: { uid?: number; gid?: number } = {}): Promise<Server> {
  const proc: ChildProcess = spawn(process.execPath, ["server.js"], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: tmpdir(), NEXT_TELEMETRY_DISABLED: "1", PORT: String(port), HOSTNAME: "127.0.0.1", ...env } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
    ...user,
  });
  let output = "";
  proc.stdout!.on("data", (chunk: Buffer) => (output += chunk));
  proc.stderr!.on("data", (chunk: Buffer) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const server = { url, proc, exited, output: () => output, stop: () => (proc.exitCode === null ? proc.kill("SIGTERM") : true) };
  for (let i = 0; ; i++) {
    if (proc.exitCode !== null) return server;
    if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) return server;
    if (i > 150) throw new Error(`standalone server on ${port} did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function ask(page: Page, message: string) {
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
  await page.getByRole("textbox", { name: "Your message" }).fill(message);
  await page.getByRole("textbox", { name: "Your message" }).press("Enter");
}

/** A newcomer's journey on a fresh installation: registers, creates a bot, and chats with it in the playground. */
export async function chatJourney(page: Page, name = "Deploy bot"): Promise<{ user: TestUser; botId: string }> {
  const user = uniqueUser("deploy");
  await new RegisterPage(page).register(user);
  const botId = await new ChatbotFormPage(page).create({ name });
  await page.getByRole("link", { name: "Playground" }).click();
  await ask(page, "Hello, are you there?");
  await expect(page.getByTestId("chat-reply").last()).not.toBeEmpty();
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
  return { user, botId };
}

/** Every file under `dir` with its modification time, to prove a run wrote nothing there. */
export function snapshotFiles(dir: string): Map<string, number> {
  const files = new Map<string, number>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    const stat = statSync(full);
    files.set(path.relative(dir, full), stat.isDirectory() ? 0 : stat.mtimeMs * 1e6 + stat.size);
  }
  return files;
}

/** A fresh PostgreSQL database beside the suite's (its name plus `suffix`), dropped first if a run left it. */
export async function freshPostgres(suiteUrl: string, suffix: string): Promise<string> {
  const { default: pg } = await import("pg");
  const url = new URL(suiteUrl);
  const name = `${decodeURIComponent(url.pathname.slice(1)) || "postgres"}_${suffix}`;
  const admin = new URL(suiteUrl);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Debian's nginx (scripts/ensure-nginx.sh) on `port`, round-robin over `upstreams`, configured as
 * docs/deploy.md says (forwarded address and protocol, request id, no buffering for streamed
 * replies), plus an X-Upstream header naming the instance that answered. Its files live in a
 * temporary folder; stop() ends it.
 */
export async function startNginx(port: number, upstreams: readonly number[]) {
  execFileSync("bash", ["scripts/ensure-nginx.sh"], { stdio: "inherit" });
  const dir = mkdtempSync(path.join(tmpdir(), "cbf-nginx-"));
  const conf = `
daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream app {
${upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=30s;`).join("\n")}
    keepalive 8;
  }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 12m;
    location / {
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Request-Id $request_id;
      proxy_buffering off;
      proxy_read_timeout 300s;
      proxy_next_upstream error timeout;
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`;
  writeFileSync(path.join(dir, "nginx.conf"), conf);
  const proc = spawn(process.env.NGINX_PATH || "/usr/sbin/nginx", ["-p", dir, "-c", path.join(dir, "nginx.conf")], { stdio: ["ignore", "ignore", "pipe"] });
  let output = "";
  proc.stderr!.on("data", (chunk: Buffer) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; !(await fetch(`${url}/api/health`).then((r) => r.ok, () => false)); i++) {
    if (proc.exitCode !== null || i > 50) throw new Error(`nginx did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: async () => {
      if (proc.exitCode === null) proc.kill("SIGTERM");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
