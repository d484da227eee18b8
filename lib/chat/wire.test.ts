import { expect, it } from "vitest";
import { encodeEvents, readEvents, type ChatEvent } from "./wire";

const collect = async (body: ReadableStream<Uint8Array>) => {
  const events: ChatEvent[] = [];
  for await (const event of readEvents(body)) events.push(event);
  return events;
};

it("reads back what the server wrote, accents and all", async () => {
  const sent: ChatEvent[] = [
    { type: "start", conversationId: "c1" },
    { type: "text", text: "Ça marche — مرحبا\nline two" },
    { type: "done", finishReason: "stop" },
  ];
  async function* events() {
    yield* sent;
  }
  expect(await collect(encodeEvents(events()))).toEqual(sent);
});

it("waits for the rest of an event cut between two network chunks, even inside a character", async () => {
  const bytes = new TextEncoder().encode('{"type":"text","text":"é"}\n{"type":"done","finishReason":"stop"}\n');
  const cut = bytes.indexOf(0xc3) + 1; // between the two bytes of "é"
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes.slice(0, cut));
      controller.enqueue(bytes.slice(cut));
      controller.close();
    },
  });
  expect(await collect(body)).toEqual([{ type: "text", text: "é" }, { type: "done", finishReason: "stop" }]);
});

it("lets the events finish their work when the reader goes away half-way", async () => {
  let finished = false;
  async function* events(): AsyncGenerator<ChatEvent> {
    try {
      yield { type: "start", conversationId: "c1" };
      yield { type: "text", text: "half" };
      yield { type: "text", text: " of it" };
    } finally {
      finished = true; // the pipeline stores the reply here
    }
  }
  const reader = encodeEvents(events()).getReader();
  await reader.read();
  await reader.cancel();
  expect(finished).toBe(true);
});
