import "server-only";
import { createHash } from "node:crypto";
import sharp from "sharp";
import { AppError } from "@/lib/errors";
import { AVATAR_UPLOAD } from "./avatar";

// An uploaded picture becomes a bot's avatar only as pixels we encoded ourselves: the type is
// read from the bytes (never the name or the declared type), the size from the header before
// anything is decoded, and what is stored is a fresh 256×256 WebP with no metadata.

// One libvips thread and no operation cache: the machine serves chats, an avatar can wait.
sharp.concurrency(1);
sharp.cache(false);

export type ImageFormat = "png" | "jpeg" | "webp" | "gif";

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** The format the first bytes declare, or null: SVG, HTML, TIFF, HEIF and the rest are refused before any decoder sees them. */
export function sniffImage(bytes: Uint8Array): ImageFormat | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "webp";
  if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) return "gif";
  return null;
}

export type AvatarImage = { bytes: Uint8Array<ArrayBuffer>; hash: string };

/**
 * The avatar made from an upload, or an AppError: `image_too_large` over the byte cap,
 * `image_invalid` when the bytes are not a PNG, JPEG, WebP or GIF that decodes, and
 * `image_dimensions_too_large` past 4096 px a side (read from the header, so a decompression
 * bomb is refused before it is decoded). Animated pictures keep their first frame.
 */
export async function reencodeAvatar(input: Uint8Array): Promise<AvatarImage> {
  if (input.byteLength > AVATAR_UPLOAD.maxBytes) throw new AppError("image_too_large", { image: "image_too_large" });
  const format = sniffImage(input);
  if (!format) throw invalid();
  const limits = { limitInputPixels: AVATAR_UPLOAD.maxSide * AVATAR_UPLOAD.maxSide, failOn: "error", sequentialRead: true, pages: 1 } as const;

  let width: number | undefined, height: number | undefined;
  try {
    const meta = await sharp(input, limits).metadata();
    if (meta.format !== format) throw invalid();
    ({ width, height } = meta);
  } catch (error) {
    // sharp refuses a header over limitInputPixels itself; anything else it cannot read is not an image.
    if (error instanceof AppError) throw error;
    throw /pixel limit/i.test(String(error)) ? tooManyPixels() : invalid();
  }
  if (!width || !height) throw invalid();
  if (width > AVATAR_UPLOAD.maxSide || height > AVATAR_UPLOAD.maxSide) throw tooManyPixels();

  let output: Buffer;
  try {
    output = await sharp(input, limits)
      .timeout({ seconds: 10 })
      .autoOrient()
      .resize(AVATAR_UPLOAD.size, AVATAR_UPLOAD.size, { fit: "cover", position: "centre" })
      .webp({ quality: 82 })
      .toBuffer();
  } catch {
    throw invalid();
  }
  const bytes = new Uint8Array(output);
  return { bytes, hash: createHash("sha256").update(bytes).digest("hex").slice(0, 16) };
}

const invalid = () => new AppError("image_invalid", { image: "image_invalid" });
const tooManyPixels = () => new AppError("image_dimensions_too_large", { image: "image_dimensions_too_large" });
