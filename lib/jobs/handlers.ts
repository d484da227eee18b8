import "server-only";
import { enqueueScheduledSyncs, INDEX_JOB, indexGivenUp, indexSource } from "@/lib/knowledge/ingest";
import { cleanUpNow } from "./cleanup";
import { MAIL_JOB } from "@/lib/mail/queue";
import { pruneMailRecords } from "@/lib/db/outbox";
import { registerJobHandler, registerPeriodicTask } from "./worker";

// The app's job kinds and periodic tasks, in one place (loaded by ./worker.ts before it runs jobs).
registerJobHandler(INDEX_JOB, { run: indexSource, giveUp: indexGivenUp });
registerPeriodicTask("knowledge.scheduled-syncs", async () => {
  await enqueueScheduledSyncs();
});
registerPeriodicTask("cleanup", cleanUpNow);
// Loaded when a mail job runs: rendering pulls in next-intl, which a plain Node process started
// with the react-server condition (the jobs tests' worker processes) cannot load eagerly.
registerJobHandler(MAIL_JOB, {
  run: async (payload) => (await import("@/lib/mail/kinds")).sendQueuedMail(payload),
  giveUp: async (payload, error) => (await import("@/lib/mail/kinds")).mailGivenUp(payload, error),
});
registerPeriodicTask("mail.prune", pruneMailRecords);
