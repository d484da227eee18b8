// The HTTP API described as OpenAPI 3.1, served at /api/v1/openapi.json. Written by hand beside
// the routes it describes (app/api/v1); lib/api/openapi.test.ts checks that every route is here.

const json = (schema: object) => ({ "application/json": { schema } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const problem = (description: string) => ({ description, content: json(ref("Problem")) });
const openAiProblem = (description: string) => ({ description, content: json(ref("OpenAiError")) });
const limited = {
  description: "The key's per-minute limit, the bot's message limit or its daily quota: wait `Retry-After` seconds.",
  headers: { "Retry-After": { schema: { type: "integer" } } },
};

const botId = { name: "id", in: "path", required: true, description: "The bot's public id (its Channels tab shows it).", schema: { type: "string" } };

export const OPENAPI_DOCUMENT = {
  openapi: "3.1.0",
  info: {
    title: "ChatBot Factory API",
    version: "1.0.0",
    description:
      "Chat with your bots from your own programs. Create a key at /api-keys and switch the bot's API on in its Channels tab. " +
      "A bot answers with its own instructions and settings; an inactive or locked bot, or one with its API off, answers on no endpoint. " +
      "No cookies are read or set; browsers cannot call the API from other sites (no CORS).",
  },
  servers: [{ url: "/api/v1" }],
  security: [{ apiKey: [] }],
  paths: {
    "/chatbots/{id}/chat": {
      post: {
        summary: "Send a message to a bot",
        parameters: [botId],
        requestBody: {
          required: true,
          content: json({
            type: "object",
            required: ["message"],
            properties: {
              message: { type: "string", minLength: 1, maxLength: 4000 },
              conversationId: { type: ["string", "null"], description: "Go on with a conversation this key started." },
              stream: { type: "boolean", default: false, description: "Answer as Server-Sent Events, one ChatEvent per `data:` line." },
            },
          }),
        },
        responses: {
          "200": {
            description: "The reply with its `sources` (or, with `stream: true`, `text/event-stream` of ChatEvent: start, text…, sources when the reply used any, done or error).",
            content: { ...json(ref("ChatReply")), "text/event-stream": { schema: ref("ChatEvent") } },
          },
          "400": problem("Invalid body (`invalid_data`) or a message over 4,000 characters (`message_too_long`)."),
          "401": problem("Missing, unknown (`api_key_invalid`), revoked (`api_key_revoked`) or expired (`api_key_expired`) key."),
          "404": problem("No such bot for this key (`not_found`): another account's, outside the key's scope, or its API off."),
          "409": problem("The bot is switched off (`bot_inactive`)."),
          "413": problem("Body over 64 KB (`payload_too_large`)."),
          "429": limited,
          "502": problem("The bot's AI provider failed (`provider_…`); `conversationId` and any partial `reply` come along."),
        },
      },
    },
    "/chatbots/{id}/conversations": {
      get: {
        summary: "The conversations this key started with the bot, newest first",
        parameters: [botId, { name: "page", in: "query", schema: { type: "integer", minimum: 1, default: 1 } }],
        responses: {
          "200": {
            description: "One page (20 a page).",
            content: json({
              type: "object",
              properties: {
                data: { type: "array", items: ref("ConversationSummary") },
                page: { type: "integer" },
                pages: { type: "integer" },
                total: { type: "integer" },
              },
            }),
          },
          "401": problem("Invalid key."),
          "404": problem("No such bot for this key."),
          "429": limited,
        },
      },
    },
    "/chatbots/{id}/conversations/{conversationId}": {
      get: {
        summary: "One conversation this key started, with its messages",
        parameters: [botId, { name: "conversationId", in: "path", required: true, schema: { type: "string" } }],
        responses: {
          "200": { description: "The conversation.", content: json(ref("Conversation")) },
          "401": problem("Invalid key."),
          "404": problem("No such bot, or a conversation this key did not start."),
          "429": limited,
        },
      },
    },
    "/chatbots/{id}/feedback": {
      post: {
        summary: "Rate a reply of a conversation this key started",
        parameters: [botId],
        requestBody: {
          required: true,
          content: json({
            type: "object",
            required: ["messageId", "rating"],
            properties: {
              messageId: { type: "string", description: "The `messageId` of the chat answer." },
              rating: { enum: [1, -1], description: "1 thumbs up, -1 thumbs down (listed among the bot's unanswered questions)." },
              comment: { type: "string", maxLength: 500 },
            },
          }),
        },
        responses: {
          "204": { description: "Rated (a second rating replaces the first)." },
          "400": problem("Invalid body (`invalid_data`, `too_long`)."),
          "401": problem("Invalid key."),
          "404": problem("No such bot for this key, or a reply of a conversation this key did not start."),
          "413": problem("Body over 8 KB (`payload_too_large`)."),
          "429": limited,
        },
      },
    },
    "/chat/completions": {
      post: {
        summary: "OpenAI-compatible chat completion (`model` is the bot's public id)",
        description:
          "The caller's `system`/`developer` messages, temperature, token cap and tools are ignored: the bot's own win. The last user message is the message; " +
          "the 20 turns before it are the history; each of those at most 4,000 characters. " +
          "One field beyond OpenAI's: `choices[0].message.sources` (streaming: `choices[0].delta.sources` on the chunk that carries `finish_reason`), " +
          "the Q&A entries and documents the answer came from (Source), an empty list when none.",
        requestBody: {
          required: true,
          content: json({
            type: "object",
            required: ["model", "messages"],
            properties: {
              model: { type: "string" },
              messages: {
                type: "array",
                items: {
                  type: "object",
                  required: ["role"],
                  properties: { role: { enum: ["system", "developer", "user", "assistant", "tool"] }, content: { type: ["string", "array", "null"] } },
                },
              },
              stream: { type: "boolean", default: false },
              stream_options: { type: "object", properties: { include_usage: { type: "boolean" } } },
            },
          }),
        },
        responses: {
          "200": {
            description: "A `chat.completion`, or with `stream: true` `chat.completion.chunk` events ending with `data: [DONE]`.",
            content: { ...json(ref("ChatCompletion")), "text/event-stream": { schema: { type: "string" } } },
          },
          "400": openAiProblem("`invalid_data`, `message_too_long`, `required`."),
          "401": openAiProblem("`api_key_invalid`, `api_key_revoked`, `api_key_expired`."),
          "404": openAiProblem("`model_not_found`: not a bot this key may use."),
          "409": openAiProblem("`bot_inactive`."),
          "413": openAiProblem("`payload_too_large` (over 1 MB)."),
          "429": { ...limited, content: json(ref("OpenAiError")) },
          "502": openAiProblem("The bot's AI provider failed (`provider_…`)."),
        },
      },
    },
    "/models": {
      get: {
        summary: "The bots this key may use now, as OpenAI models",
        responses: {
          "200": {
            description: "Bots with their API on, active, within the key's scope.",
            content: json({
              type: "object",
              properties: {
                object: { const: "list" },
                data: {
                  type: "array",
                  items: { type: "object", properties: { id: { type: "string" }, object: { const: "model" }, created: { type: "integer" }, owned_by: { type: "string" } } },
                },
              },
            }),
          },
          "401": openAiProblem("Invalid key."),
          "429": limited,
        },
      },
    },
    "/openapi.json": {
      get: { summary: "This document", security: [], responses: { "200": { description: "OpenAPI 3.1", content: json({ type: "object" }) } } },
    },
  },
  components: {
    securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "Authorization: Bearer cbf_…" } },
    schemas: {
      Problem: {
        type: "object",
        required: ["code"],
        properties: { code: { type: "string" }, retryAfter: { type: "integer" }, fieldErrors: { type: "object", additionalProperties: { type: "string" } } },
      },
      OpenAiError: {
        type: "object",
        properties: {
          error: {
            type: "object",
            required: ["message", "type", "code"],
            properties: { message: { type: "string" }, type: { type: "string" }, code: { type: "string" }, param: { type: ["string", "null"] } },
          },
        },
      },
      ChatReply: {
        type: "object",
        properties: {
          conversationId: { type: "string" },
          messageId: { type: ["string", "null"], description: "The stored reply's id, to rate it (`/chatbots/{id}/feedback`); null when nothing was stored." },
          reply: { type: "string" },
          finishReason: { type: "string", description: "stop, length, …" },
          usage: { type: "object", properties: { inputTokens: { type: ["integer", "null"] }, outputTokens: { type: ["integer", "null"] } } },
          sources: { type: "array", items: ref("Source"), description: "Where the answer came from; empty when it used no Q&A entry or document." },
        },
      },
      Source: {
        type: "object",
        description: "A Q&A entry (`qa`, its question as `name`) or a document, pasted text, web page or site the answer came from.",
        required: ["kind", "name"],
        properties: {
          ref: { type: ["integer", "null"], description: "The number an LLM's reply cites it by (`[2]`); null when the reply quotes it." },
          kind: { enum: ["qa", "file", "text", "url", "site"] },
          name: { type: "string", description: "The entry's question, the file's name, the text's title or the page's title." },
          page: { type: ["integer", "null"], description: "The PDF page." },
          heading: { type: ["string", "null"], description: "The heading the passage sits under." },
          url: { type: ["string", "null"], description: "The web page's address." },
        },
      },
      ChatEvent: {
        oneOf: [
          { type: "object", properties: { type: { const: "start" }, conversationId: { type: "string" } } },
          { type: "object", properties: { type: { const: "text" }, text: { type: "string" } } },
          { type: "object", properties: { type: { const: "sources" }, sources: { type: "array", items: ref("Source") } } },
          { type: "object", properties: { type: { const: "done" }, finishReason: { type: "string" }, usage: { type: "object" } } },
          { type: "object", properties: { type: { const: "error" }, code: { type: "string" } } },
        ],
      },
      ConversationSummary: {
        type: "object",
        properties: { id: { type: "string" }, startedAt: { type: "string", format: "date-time" }, updatedAt: { type: "string", format: "date-time" }, messageCount: { type: "integer" } },
      },
      Conversation: {
        type: "object",
        properties: {
          id: { type: "string" },
          startedAt: { type: "string", format: "date-time" },
          updatedAt: { type: "string", format: "date-time" },
          messages: {
            type: "array",
            items: {
              type: "object",
              properties: {
                id: { type: "string" },
                role: { enum: ["user", "assistant"] },
                content: { type: "string" },
                errorCode: { type: ["string", "null"] },
                sources: { type: "array", items: ref("Source") },
                createdAt: { type: "string", format: "date-time" },
              },
            },
          },
        },
      },
      ChatCompletion: {
        type: "object",
        properties: {
          id: { type: "string", description: "chatcmpl-<conversationId>" },
          object: { const: "chat.completion" },
          created: { type: "integer" },
          model: { type: "string" },
          choices: {
            type: "array",
            items: {
              type: "object",
              properties: {
                message: {
                  type: "object",
                  properties: {
                    role: { const: "assistant" },
                    content: { type: "string" },
                    sources: { type: "array", items: ref("Source"), description: "Not in OpenAI's API: where the answer came from." },
                  },
                },
              },
            },
          },
          usage: { type: "object" },
        },
      },
    },
  },
} as const;
