import { describe, expect, it } from "vitest";
import { crc32, deflateSync } from "node:zlib";
import sharp from "sharp";
import { AppError } from "@/lib/errors";
import { reencodeAvatar, sniffImage } from "./avatar-image";

const picture = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 90 } } });

function chunk(type: string, data: Buffer) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A well-formed PNG whose header claims `width`×`height` over a few hundred bytes of pixels: a decompression bomb's shape. */
function pngClaiming(width: number, height: number) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", deflateSync(Buffer.alloc(1000))), chunk("IEND", Buffer.alloc(0))]);
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "accepted",
    (error) => (error instanceof AppError ? error.code : `threw ${error}`),
  );

describe("an uploaded avatar", () => {
  it("becomes a 256×256 WebP without metadata, from a real PNG and a real JPEG", async () => {
    const png = await picture(640, 480).png().toBuffer();
    const jpeg = await picture(300, 900).jpeg().withExif({ IFD0: { Copyright: "secret camera owner" } }).toBuffer();
    for (const upload of [png, jpeg]) {
      const { bytes, hash } = await reencodeAvatar(upload);
      const meta = await sharp(bytes).metadata();
      expect(meta).toMatchObject({ format: "webp", width: 256, height: 256 });
      expect(meta.exif).toBeUndefined();
      expect(Buffer.from(bytes).includes("secret camera owner")).toBe(false);
      expect(hash).toMatch(/^[0-9a-f]{16}$/);
    }
  });

  it("accepts WebP and GIF, and the same picture gives the same version", async () => {
    const webp = await picture(100, 100).webp().toBuffer();
    const gif = await picture(50, 80).gif().toBuffer();
    expect(sniffImage(webp)).toBe("webp");
    expect(sniffImage(gif)).toBe("gif");
    expect((await reencodeAvatar(gif)).bytes.byteLength).toBeGreaterThan(0);
    expect((await reencodeAvatar(webp)).hash).toBe((await reencodeAvatar(webp)).hash);
  });

  it("refuses text named .png, HTML, SVG and a truncated PNG as image_invalid", async () => {
    const text = Buffer.from("this is a text file renamed avatar.png\n");
    const html = Buffer.from("<!doctype html><script>alert(1)</script>");
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const truncated = (await picture(64, 64).png().toBuffer()).subarray(0, 60);
    for (const upload of [text, html, svg, truncated, Buffer.alloc(0)]) expect(await codeOf(reencodeAvatar(upload))).toBe("image_invalid");
  });

  it("refuses a header claiming more than 4096 px a side before decoding a pixel", async () => {
    const started = performance.now();
    expect(await codeOf(reencodeAvatar(pngClaiming(100_000, 100_000)))).toBe("image_dimensions_too_large");
    expect(await codeOf(reencodeAvatar(pngClaiming(5000, 10)))).toBe("image_dimensions_too_large");
    // A real picture just past the limit, too.
    expect(await codeOf(reencodeAvatar(await picture(4097, 8).png().toBuffer()))).toBe("image_dimensions_too_large");
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("refuses a body over 1 MB as image_too_large without reading it", async () => {
    const big = Buffer.alloc(1_000_001);
    (await picture(8, 8).png().toBuffer()).copy(big);
    expect(await codeOf(reencodeAvatar(big))).toBe("image_too_large");
  });
});
