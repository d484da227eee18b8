// A response body made from an async sequence, one item a pull: a reader that stops reading
// stops the sequence, and one that leaves ends it through `return()`, so its own `finally`
// (which stores what a bot said) still runs. No server-only imports: the browser bundles this file too.

export function pullStream<T>(items: AsyncIterable<T>, encode: (item: T) => string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = items[Symbol.asyncIterator]();
  return new ReadableStream({
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(encode(value)));
    },
    async cancel() {
      await iterator.return?.(undefined);
    },
  });
}
