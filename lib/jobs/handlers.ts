import "server-only";
import { enqueueScheduledSyncs, INDEX_JOB, indexGivenUp, indexSource } from "@/lib/knowledge/ingest";
import { mailGivenUp, sendQueuedMail } from "@/lib/mail/kinds";
import { MAIL_JOB } from "@/lib/mail/queue";
import { pruneMailRecords } from "@/lib/db/outbox";
import { registerJobHandler, registerPeriodicTask } from "./worker";

// The app's job kinds and periodic tasks, in one place (loaded by ./worker.ts before it runs jobs).
registerJobHandler(INDEX_JOB, { run: indexSource, giveUp: indexGivenUp });
registerPeriodicTask("knowledge.scheduled-syncs", async () => {
  await enqueueScheduledSyncs();
});
registerJobHandler(MAIL_JOB, { run: sendQueuedMail, giveUp: mailGivenUp });
registerPeriodicTask("mail.prune", pruneMailRecords);
