// The mail module's surface: queue a message; tell whether mail really leaves the server.
export { queueMail, queueSecurityNotice, type MailRequest } from "./queue";
export { mailConfigured } from "./transport";
export { MAIL_KINDS, SECURITY_EVENTS, type MailKind, type SecurityEvent } from "./kinds";
